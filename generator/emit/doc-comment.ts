import {describeTypeExpression} from '../schema/render.js'
import type {Field, FieldCorrection, ResponseDefinition, Schema, Versions} from '../schema/types.js'
import {commentText} from './escape.js'
import {innerPrimitive, PRIMITIVE_NOTES} from './type-expression.js'

/** A TSDoc block as ts-morph takes it: description paragraphs, and tags (`@deprecated`) after them. */
export interface DocBlock {
  description: string
  tags?: {tagName: string; text: string}[]
}

/** A paragraph linking a node to its heading in the upstream docs (`[TYPES.md: User](...)`); none when unknown. */
export function upstreamLink(node: {name: string; location: {file: string}; upstreamUrl?: string}): string[] {
  return node.upstreamUrl === undefined ? [] : [`[${node.location.file}: ${node.name}](${node.upstreamUrl})`]
}

/** A TSDoc block from description paragraphs (markdown kept, it renders in editors). */
export function describe(paragraphs: readonly string[], ...notes: string[]): DocBlock[] {
  const text = [...paragraphs, ...notes].map(commentText).join('\n\n')
  return text ? [{description: text}] : []
}

/**
 * A compatibility build's reason to deprecate a node the newest version of its scope dropped (a field its
 * owner's newest version has no more, a command the newest COMMANDS.md no longer lists): `Not in doc version
 * 2026-03c8bf5, the newest; last in 2025-09-27.` It is kept so frames of older servers still decode, but new
 * code should not rely on it. `null` when the newest version has it, or in a single-version schema.
 *
 * @param scope the versions of the node's owner, or of the whole schema for an event, type or command.
 */
export function deprecationNote(versions: Versions | undefined, scope: Versions | undefined): string | null {
  const newest = scope?.at(-1)
  if (!versions || newest === undefined || versions.includes(newest)) return null
  return `Not in doc version ${newest}, the newest; last in ${versions.at(-1)}.`
}

/**
 * `docs` with a `@deprecated` tag when the newest version of `scope` dropped the node (`deprecationNote`),
 * so editors strike its uses through and linters flag them.
 */
export function withDeprecation(
  docs: DocBlock[],
  versions: Versions | undefined,
  scope: Versions | undefined,
): DocBlock[] {
  const note = deprecationNote(versions, scope)
  if (note === null) return docs
  const [first = {description: ''}, ...rest] = docs
  return [{...first, tags: [...(first.tags ?? []), {tagName: 'deprecated', text: commentText(note)}]}, ...rest]
}

/**
 * A compatibility build's note on a node its scope does not have in every version (a field its owner has in
 * v1 and v2 but that only v2 lists): `In doc versions: v2.` Nothing in a single-version schema.
 *
 * @param scope the versions of the node's owner, or of the whole schema for an event, type or command.
 */
export function versionsNote(versions: Versions | undefined, scope: Versions | undefined): string[] {
  if (!versions || !scope || scope.every((label) => versions.includes(label))) return []
  return [`In doc versions: ${versions.join(', ')}.`]
}

/** Every doc version of a compatibility build (`undefined` for a single-version schema). */
export function schemaVersions(schema: Schema): Versions | undefined {
  return schema.versions?.map((version) => version.label)
}

/** The doc versions that have COMMANDS.md, over which commands are merged. */
export function commandVersions(schema: Schema): Versions | undefined {
  return schema.versions?.filter((version) => version.sources.commands).map((version) => version.label)
}

/**
 * What the overlay changed in a field, and why: `Docs say \`int64\`; the wire sends \`string\` (...)`, `Docs say
 * required; the wire may omit it (...)`, or both; with the reason and the evidence.
 */
function correctionNote(correction: FieldCorrection, wireType: string): string {
  const retyped = wireType !== correction.docsType
  const why = `(spec/overlay.json: ${correction.reason}; evidence: ${correction.evidence})`
  if (!correction.docsRequired) return `Docs say \`${correction.docsType}\`; the wire sends \`${wireType}\` ${why}.`
  if (!retyped) return `Docs say required; the wire may omit it ${why}.`
  return `Docs say required \`${correction.docsType}\`; the wire sends \`${wireType}\` and may omit it ${why}.`
}

/**
 * A response the overlay adds (`ResponseDefinition.addition`): undocumented, and where the evidence is. `null`
 * for a response of the docs.
 */
export function additionNote(response: ResponseDefinition): string | null {
  const {addition} = response
  if (!addition) return null
  return (
    `Undocumented: no doc version lists response \`${response.tag}\`, and no command of the docs answers with it; ` +
    `spec/overlay.json adds it (${addition.reason}; evidence: ${addition.evidence}).`
  )
}

/**
 * The doc comment of a field: its primitive's meaning, the overlay's correction if any, and in a
 * compatibility build the versions that have it (of those of `scope`, its owner's), its other types, and
 * `@deprecated` when its owner's newest version dropped it.
 */
export function fieldDocs(field: Field, scope?: Versions): DocBlock[] {
  const {correction} = field
  const notes: string[] = versionsNote(field.versions, scope)
  for (const alternative of field.alternatives ?? [])
    notes.push(`In doc versions ${alternative.versions.join(', ')}: \`${describeTypeExpression(alternative.type)}\`.`)
  if (field.name === '')
    notes.push(
      'Unnamed positional field in the docs (`- : ' + describeTypeExpression(field.type) + '`), sent under `data`.',
    )
  if (correction) notes.push(correctionNote(correction, describeTypeExpression(field.type)))
  const primitive = innerPrimitive(field.type)
  const note = primitive ? PRIMITIVE_NOTES[primitive] : undefined
  if (note) notes.push(note)
  return withDeprecation(describe(notes), field.versions, scope)
}
