/**
 * The intermediate representation (IR) of the SimpleX Chat bot API docs.
 *
 * Plain JSON data: no classes, no `undefined`, no TypeScript in it. Arrays keep
 * document order, so `JSON.stringify` of a schema is deterministic.
 * Every node carries the place in the source document it was read from, so a
 * check that fails after parsing can still point at `file:line:column`.
 */

/** Bump when the shape of this IR changes in a way consumers of `schema` JSON notice. */
export const SCHEMA_VERSION = 4

import type {CommandTemplate} from './command-template.js'

/**
 * Doc versions that have a node, oldest first, by their labels (`Schema.versions`). Set on every event,
 * type, field, member, value, command and response of a compatibility build (`generator/compat/`), absent
 * in a single-version schema. A merged node's `location` (and description) is that of the newest of them.
 */
export type Versions = string[]

/** A place in a source document (1-based, as unist positions are). */
export interface SourceLocation {
  /** Document the node was read from: `EVENTS.md`, `TYPES.md` or `COMMANDS.md`. */
  file: string
  line: number
  column: number
}

/** One source document the schema was read from. */
export interface SourceDocument {
  /** File name as given to the parser, e.g. `EVENTS.md`. */
  file: string
  /** sha256 of the document's bytes, lower-case hex. */
  sha256: string
}

/** Primitive field types the docs use (TYPES.md never defines them). */
export const PRIMITIVES = ['bool', 'string', 'int', 'int64', 'word32', 'double', 'JSONObject', 'UTCTime'] as const
export type PrimitiveName = (typeof PRIMITIVES)[number]

/** The type of a field, as the field line's type expression spells it. */
export type TypeExpression = PrimitiveType | ReferenceType | ArrayType | MapType | LiteralType

/** `string`, `int64`, ... */
export interface PrimitiveType {
  kind: 'primitive'
  name: PrimitiveName
}

/** A link to a type of TYPES.md: `[User](./TYPES.md#user)` or `[User](#user)`. */
export interface ReferenceType {
  kind: 'reference'
  /** Name of the referenced type (the link text). */
  name: string
  /** The link's URL verbatim, so the field line can be rendered back. */
  href: string
}

/** `[T]`: a JSON array of T. */
export interface ArrayType {
  kind: 'array'
  element: TypeExpression
}

/** `{string : T}`: a JSON object used as a map from string keys to T. */
export interface MapType {
  kind: 'map'
  key: 'string'
  value: TypeExpression
}

/** `"text"`: exactly this JSON string (the docs use it for tags). */
export interface LiteralType {
  kind: 'literal'
  value: string
}

/** One field of a record, event or union member. */
export interface Field {
  /**
   * Name as the docs write it, verbatim (`chat_` keeps its underscore).
   * Empty for the unnamed positional fields of older docs (`- : word32`).
   */
  name: string
  /**
   * Key of the field in the JSON object on the wire. Equal to `name`, except for
   * an unnamed positional field: upstream's Haskell encodes a constructor's single
   * positional argument under `data` (aeson `TaggedObject "type" "data"`).
   */
  wireName: string
  /** `?` after the type: the key may be absent (upstream omits absent optionals, never sends `null`). */
  optional: boolean
  type: TypeExpression
  location: SourceLocation
  /**
   * Set by the overlay (`spec/overlay.json`) where the live wire differs from the docs:
   * `type` is then the corrected type, and this says what the docs say and why.
   * Absent on fields the overlay does not touch.
   */
  correction?: FieldCorrection
  versions?: Versions
  /**
   * Compatibility builds only: the other types the field has in some versions, where those are told
   * apart from `type` only by the referenced types (`[GroupInfoSummary]` in 2025-09-27, `[GroupInfo]`
   * later). The value is one of `type` and these. `type` is the newest version's.
   */
  alternatives?: FieldAlternative[]
}

/** A type a field has in some versions of a compatibility build (`Field.alternatives`). */
export interface FieldAlternative {
  type: TypeExpression
  versions: Versions
}

/** An overlay correction as applied to a field. */
export interface FieldCorrection {
  /** The field's type as the docs write it (compact form: `int64`); `type` differs from it when the overlay retyped it. */
  docsType: string
  /** Set when the docs require the field and the wire may omit it: `optional` is then `true`. */
  docsRequired?: true
  /** Why, in one line. */
  reason: string
  /** The real frame that proves it. */
  evidence: string
}

/** Why the overlay adds a node no doc version has (`ResponseDefinition.addition`). */
export interface OverlayAddition {
  /** Why, in one line. */
  reason: string
  /** The real frame that proves it. */
  evidence: string
}

/** A fenced code block of a `**Syntax**:` section (command-string syntax). */
export interface SyntaxBlock {
  /** Fence info (`javascript`, `python`), or `null` for the plain grammar block. */
  lang: string | null
  code: string
  /** The opening fence; the code's first line is the line after it. */
  location?: SourceLocation
}

interface TypeBase {
  name: string
  /**
   * Set when emitting (`resolveDocLinks`) where the document's commit is known and the newest doc version
   * has this node: its heading on GitHub at that commit, for the doc comments.
   */
  upstreamUrl?: string
  /** Description paragraphs as markdown source, document order; empty when none. */
  description: string[]
  /** The `**Syntax**:` blocks, or an empty array. */
  syntax: SyntaxBlock[]
  /**
   * The ```javascript syntax block compiled (`compileCommandExpression`): how a value of
   * this type is written into a command string. Absent when the type has no such block.
   */
  template?: CommandTemplate
  location: SourceLocation
  versions?: Versions
}

/** `**Record type**:` in TYPES.md. */
export interface RecordType extends TypeBase {
  kind: 'record'
  fields: Field[]
}

/** One member of a discriminated union: `Name:` then `- type: "tag"` and its fields. */
export interface UnionMember {
  /** Constructor name (the paragraph before the list, without its colon). */
  name: string
  /** Value of the member's `type` field. */
  tag: string
  /** Fields besides `type`. */
  fields: Field[]
  location: SourceLocation
  versions?: Versions
}

/** `**Discriminated union type**:` in TYPES.md; members are discriminated by `type`. */
export interface UnionType extends TypeBase {
  kind: 'union'
  members: UnionMember[]
  /**
   * Compatibility builds only: a type that is an enum in some versions and a union in others
   * (`ConnStatus`: enum in 2025-09-27) is a union whose value is, in those enum versions, a JSON string,
   * one of these values (`"snd-ready"`), instead of an object.
   */
  stringValues?: EnumValue[]
}

/** One value of an enum. */
export interface EnumValue {
  value: string
  location: SourceLocation
  versions?: Versions
}

/** `**Enum type**:` in TYPES.md: a JSON string, one of the values. */
export interface EnumType extends TypeBase {
  kind: 'enum'
  values: EnumValue[]
}

export type TypeDefinition = RecordType | UnionType | EnumType

/** How the table of contents of EVENTS.md ranks an event within its category. */
export type EventRank = 'main' | 'other' | 'unranked'

/** One event of EVENTS.md (`### Name`): a record whose first field is its `type` tag. */
export interface EventDefinition {
  name: string
  /**
   * Set when emitting (`resolveDocLinks`) where the document's commit is known and the newest doc version
   * has this node: its heading on GitHub at that commit, for the doc comments.
   */
  upstreamUrl?: string
  /** Value of the `type` field on the wire. */
  tag: string
  /** Name of the category (`## ...`) the event sits under. */
  category: string
  /** "Main event(s)" or "Other events" in the table of contents; `unranked` when the category lists events flat. */
  rank: EventRank
  /** Description paragraphs (markdown source), document order. */
  description: string[]
  /** Fields besides `type`. */
  fields: Field[]
  location: SourceLocation
  versions?: Versions
}

/** A `## Category` of EVENTS.md. */
export interface EventCategory {
  name: string
  /** Description blocks (markdown source) between the heading and the first event. */
  description: string[]
  /** Event names in document order. */
  events: string[]
  location: SourceLocation
}

/** A `## Category` of COMMANDS.md. */
export interface CommandCategory {
  name: string
  /** Description paragraphs (markdown source) between the heading and the first command. */
  description: string[]
  /** Command names in document order. */
  commands: string[]
  location: SourceLocation
}

/**
 * One response of a command: `Name: description` then a list whose first item is
 * the tag line `- type: "tag"`. The same tag recurs under many commands
 * (`chatCmdError`), each time with the same fields (a check makes sure).
 */
export interface ResponseDefinition {
  /** Constructor name (before the colon). */
  name: string
  /** The rest of the name paragraph, as markdown source (empty when there is none). */
  description: string
  /** Value of the response's `type` field on the wire. */
  tag: string
  /** Fields besides `type`. */
  fields: Field[]
  location: SourceLocation
  versions?: Versions
  /**
   * Set on the responses the overlay adds (`Schema.addedResponses`): no doc version has them. Their
   * `location` is the overlay file's start (JSON has no positions; messages name the entry instead).
   */
  addition?: OverlayAddition
}

/** One item of a command's `**Errors**:` list: `- Name: description` (a `ChatErrorType` member). */
export interface CommandError {
  name: string
  /** The rest of the item, as markdown source. */
  description: string
  location: SourceLocation
}

/** One command of COMMANDS.md (`### Name`). */
export interface CommandDefinition {
  name: string
  /**
   * Set when emitting (`resolveDocLinks`) where the document's commit is known and the newest doc version
   * has this node: its heading on GitHub at that commit, for the doc comments.
   */
  upstreamUrl?: string
  /** Name of the category (`## ...`) the command sits under. */
  category: string
  /** Description paragraphs (markdown source), document order. */
  description: string[]
  /** `*Network usage*: interactive.` gives `interactive`; `null` when the line is absent. */
  networkUsage: string | null
  /** The `**Parameters**:` list, or an empty array when the command has none. */
  parameters: Field[]
  /** The `**Syntax**:` blocks: the plain grammar first, then usually `javascript` and `python`. */
  syntax: SyntaxBlock[]
  /**
   * The command string as checked data: the ```javascript block compiled, or for a
   * command without one (`APIStopChat`) its plain grammar when that is a literal.
   * Absent only in a schema that had errors (`compileSyntaxTemplates`).
   */
  template?: CommandTemplate
  /** The `**Response**:` / `**Responses**:` section, in document order. */
  responses: ResponseDefinition[]
  /** The `**Errors**:` list, or an empty array. */
  errors: CommandError[]
  location: SourceLocation
  versions?: Versions
}

/** The whole IR: what the documents say, checked. */
export interface Schema {
  schemaVersion: typeof SCHEMA_VERSION
  /** `commands` only when COMMANDS.md was read. */
  sources: {events: SourceDocument; types: SourceDocument; commands?: SourceDocument}
  categories: EventCategory[]
  events: EventDefinition[]
  types: TypeDefinition[]
  /** The `## ...` categories of COMMANDS.md; empty without it. */
  commandCategories: CommandCategory[]
  /** The commands of COMMANDS.md; empty without it. */
  commands: CommandDefinition[]
  /**
   * A compatibility build's doc versions, oldest first (the last is the newest, whose documents `sources`
   * names); absent in a single-version schema. Commands range over the versions that have COMMANDS.md.
   */
  versions?: DocVersion[]
  /**
   * Set by the overlay (`spec/overlay.json`): responses the wire sends that no doc version documents, each with
   * its `addition`. They answer no command of the docs (no command lists them) but join `ChatResponse`.
   * Absent without such entries.
   */
  addedResponses?: ResponseDefinition[]
}

/** One doc version merged into a compatibility build. */
export interface DocVersion {
  /** How messages and doc comments name it: the spec folder's name, or the URL. */
  label: string
  sources: Schema['sources']
}
