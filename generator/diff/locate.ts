/**
 * Where the docs say what a change is about, for the formats that link or annotate it: the changelog links
 * the heading's anchor upstream, GitHub annotations and JUnit name the file and line.
 */
import {slug} from 'github-slugger'
import type {Field, Schema, SourceLocation} from '../schema/types.js'
import type {SchemaChangeKind} from './rules.js'

/** A change's place in the docs of one side of the comparison. */
export interface ChangeLocation {
  /** `after`, the newer docs; `before` for what was removed. */
  side: 'before' | 'after'
  /** The document (`TYPES.md`), line and column of the changed node: a field's own line, a type's heading. */
  file: string
  line: number
  column: number
  /** The GitHub anchor of the heading the node is under (`user`, `apisendmessages`, `contact-connection-events`). */
  anchor: string
}

/** Subjects as `compareSchemas` and `compareCommands` write them; the first group is the owner's name. */
const SUBJECTS: readonly {pattern: RegExp; find: (schema: Schema, match: RegExpExecArray) => Found | undefined}[] = [
  {pattern: /^category "(.*)"$/, find: (schema, [, name]) => under(schema.categories.find((c) => c.name === name))},
  {
    pattern: /^command category "(.*)"$/,
    find: (schema, [, name]) => under(schema.commandCategories.find((c) => c.name === name)),
  },
  {pattern: /^event ([^.]+)$/, find: (schema, [, name]) => under(schema.events.find((e) => e.name === name))},
  {
    pattern: /^event field ([^.]+)\.(.*)$/,
    find: (schema, [, name, field]) => {
      const event = schema.events.find((e) => e.name === name)
      return event && under(event, fieldOf(event.fields, field!))
    },
  },
  {pattern: /^type ([^.]+)$/, find: (schema, [, name]) => under(typeOf(schema, name!))},
  {
    pattern: /^field ([^.]+)\.([^.]+)\.(.*)$/,
    find: (schema, [, name, member, field]) => {
      const type = typeOf(schema, name!)
      const found = type?.kind === 'union' ? type.members.find((m) => m.name === member) : undefined
      return type && under(type, found && fieldOf(found.fields, field!))
    },
  },
  {
    pattern: /^field ([^.]+)\.(.*)$/,
    find: (schema, [, name, field]) => {
      const type = typeOf(schema, name!)
      return type && under(type, type.kind === 'record' ? fieldOf(type.fields, field!) : undefined)
    },
  },
  {
    pattern: /^member ([^.]+)\.(.*)$/,
    find: (schema, [, name, member]) => {
      const type = typeOf(schema, name!)
      return type && under(type, type.kind === 'union' ? type.members.find((m) => m.name === member) : undefined)
    },
  },
  {
    pattern: /^enum value ([^.]+)\."(.*)"$/,
    find: (schema, [, name, value]) => {
      const type = typeOf(schema, name!)
      return type && under(type, type.kind === 'enum' ? type.values.find((v) => v.value === value) : undefined)
    },
  },
  {pattern: /^command ([^.]+)$/, find: (schema, [, name]) => under(commandOf(schema, name!))},
  {
    pattern: /^parameter ([^.]+)\.(.*)$/,
    find: (schema, [, name, parameter]) => {
      const command = commandOf(schema, name!)
      return (
        command &&
        under(
          command,
          command.parameters.find((p) => p.name === parameter),
        )
      )
    },
  },
  {
    pattern: /^response field ([^.]+)\.(.*)$/,
    find: (schema, [, tag, field]) => {
      // A response tag is the same under every command that lists it: the first one's place.
      const command = schema.commands.find((c) => c.responses.some((r) => r.tag === tag))
      const response = command?.responses.find((r) => r.tag === tag)
      return command && under(command, response && fieldOf(response.fields, field!))
    },
  },
  {
    pattern: /^response ([^.]+)\.(.*)$/,
    find: (schema, [, name, tag]) => {
      const command = commandOf(schema, name!)
      return (
        command &&
        under(
          command,
          command.responses.find((r) => r.tag === tag),
        )
      )
    },
  },
  {
    pattern: /^response ([^.]+)$/,
    find: (schema, [, tag]) => {
      const command = schema.commands.find((c) => c.responses.some((r) => r.tag === tag))
      return (
        command &&
        under(
          command,
          command.responses.find((r) => r.tag === tag),
        )
      )
    },
  },
]

interface Found {
  heading: string
  location: SourceLocation
}

/**
 * Find where the docs say what a change is about: in the newer docs, or for a removal in the older.
 *
 * @param kind the change's kind (a removal is looked up in `before`).
 * @param subject the change's subject, as `compareSchemas` writes it (`field User.agentUserId`).
 * @param before the older schema.
 * @param after the newer schema.
 * @returns its document, line and heading anchor, or `undefined` when the subject names nothing found.
 */
export function locateChange(
  kind: SchemaChangeKind,
  subject: string,
  before: Schema,
  after: Schema,
): ChangeLocation | undefined {
  const side = kind.endsWith('-removed') ? 'before' : 'after'
  for (const {pattern, find} of SUBJECTS) {
    const match = pattern.exec(subject)
    if (!match) continue
    const found = find(side === 'before' ? before : after, match)
    if (!found) return undefined
    const {file, line, column} = found.location
    return {side, file, line, column, anchor: slug(found.heading)}
  }
  return undefined
}

/** A heading's node, and the node under it that changed (its own line), if found. */
function under(
  owner: {name: string; location: SourceLocation} | undefined,
  node?: {location: SourceLocation},
): Found | undefined {
  return owner && {heading: owner.name, location: (node ?? owner).location}
}

// Unnamed positional fields (`- : word32`) are named by their wire name in subjects.
const fieldOf = (fields: readonly Field[], name: string) =>
  fields.find((field) => field.name === name) ?? fields.find((field) => field.name === '' && field.wireName === name)
const typeOf = (schema: Schema, name: string) => schema.types.find((type) => type.name === name)
const commandOf = (schema: Schema, name: string) => schema.commands.find((command) => command.name === name)
