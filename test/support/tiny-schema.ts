import * as prettier from 'prettier'
import {Project, type StatementStructures} from 'ts-morph'
import {PRETTIER_OPTIONS} from '../../generator/emit/index.js'
import type {CommandTemplate} from '../../generator/schema/command-template.js'
import {
  SCHEMA_VERSION,
  type CommandDefinition,
  type EnumType,
  type EventDefinition,
  type Field,
  type FieldCorrection,
  type PrimitiveName,
  type RecordType,
  type ResponseDefinition,
  type Schema,
  type TypeDefinition,
  type TypeExpression,
  type UnionMember,
  type UnionType,
} from '../../generator/schema/types.js'

/**
 * Builders for hand-made schemas of two or three types, for the emitter unit tests
 * (given a schema, want this TypeScript). Every node gets the same location: emitters
 * never print it.
 */

const at = {file: 'TYPES.md', line: 1, column: 1}

/** A primitive type expression (`int64`). */
export const primitive = (name: PrimitiveName): TypeExpression => ({kind: 'primitive', name})

/** A reference to a type of TYPES.md, linked as the docs link it. */
export const ref = (name: string): TypeExpression => ({kind: 'reference', name, href: `#${name.toLowerCase()}`})

/** A type expression, or a primitive's name for short. */
export type TypeLike = TypeExpression | PrimitiveName

const typeOf = (type: TypeLike): TypeExpression => (typeof type === 'string' ? primitive(type) : type)

/** `[element]`. */
export const array = (element: TypeLike): TypeExpression => ({kind: 'array', element: typeOf(element)})

/** `{string : value}`. */
export const map = (value: TypeLike): TypeExpression => ({kind: 'map', key: 'string', value: typeOf(value)})

/**
 * A field; its wire name is its name.
 *
 * @param type a type expression, or a primitive's name for short.
 * @param optional `?` after the type.
 */
export function field(name: string, type: TypeLike, optional = false): Field {
  return {
    name,
    wireName: name,
    optional,
    type: typeOf(type),
    location: at,
  }
}

/** `field` with the overlay's correction attached (its `type` is then the corrected one). */
export function corrected(base: Field, correction: FieldCorrection): Field {
  return {...base, correction}
}

/** Optional parts of a type of TYPES.md. */
export interface TypeExtras {
  description?: string[]
  /** The plain grammar of its `**Syntax**:`. */
  grammar?: string
  template?: CommandTemplate
}

function typeBase(name: string, extras: TypeExtras) {
  return {
    name,
    description: extras.description ?? [],
    syntax: extras.grammar === undefined ? [] : [{lang: null, code: extras.grammar}],
    ...(extras.template ? {template: extras.template} : {}),
    location: at,
  }
}

/** A record type of TYPES.md. */
export function record(name: string, fields: Field[], extras: TypeExtras = {}): RecordType {
  return {kind: 'record', ...typeBase(name, extras), fields}
}

/** An enum of TYPES.md with these values, in order. */
export function enumType(name: string, values: string[], extras: TypeExtras = {}): EnumType {
  return {kind: 'enum', ...typeBase(name, extras), values: values.map((value) => ({value, location: at}))}
}

/** One member of a discriminated union. */
export function member(name: string, tag: string, fields: Field[] = []): UnionMember {
  return {name, tag, fields, location: at}
}

/** A discriminated union of TYPES.md. */
export function union(name: string, members: UnionMember[], extras: TypeExtras = {}): UnionType {
  return {kind: 'union', ...typeBase(name, extras), members}
}

/** An event of EVENTS.md; category `Users` and rank `main` unless given. */
export function event(
  name: string,
  tag: string,
  fields: Field[],
  extras: Partial<Pick<EventDefinition, 'category' | 'rank' | 'description'>> = {},
): EventDefinition {
  return {
    name,
    tag,
    category: extras.category ?? 'Users',
    rank: extras.rank ?? 'main',
    description: extras.description ?? [],
    fields,
    location: {...at, file: 'EVENTS.md'},
  }
}

/** A response of a command (`Name: description` then `- type: "tag"`). */
export function response(name: string, tag: string, fields: Field[], description = ''): ResponseDefinition {
  return {name, description, tag, fields, location: {...at, file: 'COMMANDS.md'}}
}

/** A command of COMMANDS.md; category `User commands` and no network usage unless given. */
export function command(
  name: string,
  parameters: Field[],
  responses: ResponseDefinition[],
  extras: Partial<Pick<CommandDefinition, 'category' | 'description' | 'networkUsage' | 'template'>> & {
    grammar?: string
  } = {},
): CommandDefinition {
  return {
    name,
    category: extras.category ?? 'User commands',
    description: extras.description ?? [],
    networkUsage: extras.networkUsage ?? null,
    parameters,
    syntax: extras.grammar === undefined ? [] : [{lang: null, code: extras.grammar}],
    ...(extras.template ? {template: extras.template} : {}),
    responses,
    errors: [],
    location: {...at, file: 'COMMANDS.md'},
  }
}

/**
 * A whole schema; the event and command categories are derived from the
 * definitions (document order), as the parser would list them.
 */
export function schema(parts: {
  types?: TypeDefinition[]
  events?: EventDefinition[]
  commands?: CommandDefinition[]
}): Schema {
  const events = parts.events ?? []
  const commands = parts.commands ?? []
  const grouped = <T extends {category: string; name: string}>(items: T[]) => {
    const groups = new Map<string, string[]>()
    for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item.name])
    return [...groups]
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    sources: {
      events: {file: 'EVENTS.md', sha256: '0'.repeat(64)},
      types: {file: 'TYPES.md', sha256: '1'.repeat(64)},
      ...(commands.length > 0 ? {commands: {file: 'COMMANDS.md', sha256: '2'.repeat(64)}} : {}),
    },
    categories: grouped(events).map(([name, names]) => ({name, description: [], events: names, location: at})),
    events,
    types: parts.types ?? [],
    commandCategories: grouped(commands).map(([name, names]) => ({
      name,
      description: [],
      commands: names,
      location: at,
    })),
    commands,
  }
}

/**
 * The TypeScript an emitter's statements print as: ts-morph in memory, then prettier
 * with the generator's own options (what `emitLibrary` writes, without the header).
 */
export async function printStatements(statements: StatementStructures[]): Promise<string> {
  const project = new Project({useInMemoryFileSystem: true})
  const text = project.createSourceFile('/src/emitted.ts', {statements}).getFullText()
  return prettier.format(text, PRETTIER_OPTIONS)
}

/**
 * Expected code written indented inside a test: drops the first line break and the
 * common indentation, ends with one line break (as prettier's output does).
 */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({raw: strings}, ...values).replace(/^\n/, '')
  const lines = text.split('\n')
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length),
  )
  return `${lines
    .map((line) => line.slice(indent))
    .join('\n')
    .trimEnd()}\n`
}

/** The tiny schema most emitter tests use: an enum, a record, a union whose member shadows the record, one event, one command with one response. */
export const TINY = schema({
  types: [
    enumType('ChatType', ['direct', 'group'], {grammar: '@|#'}),
    record(
      'User',
      [
        corrected(field('userId', 'int64'), {
          docsType: 'string',
          reason: 'live servers send a number',
          evidence: 'frames/user.json',
        }),
        field('displayName', 'string'),
        field('tags', array('string'), true),
        field('chats', map(ref('ChatType')), true),
      ],
      {description: ['A user profile. A comment ends at */ in TypeScript.']},
    ),
    union('Peer', [
      member('User', 'user', [field('user', ref('User'))]),
      member('Group', 'group', [field('members', array(ref('User')))]),
    ]),
  ],
  events: [
    event('UserSeen', 'userSeen', [field('user', ref('User')), field('peer', ref('Peer'), true)], {
      description: ['A user was seen.'],
    }),
  ],
  commands: [
    command(
      'APIGetUser',
      [field('userId', 'int64')],
      [response('ActiveUser', 'activeUser', [field('user', ref('User'))], 'The user.')],
      {
        grammar: '/_user <userId>',
        networkUsage: 'no',
        template: {
          subject: 'fields',
          unguardedOptionals: [],
          expression: {
            kind: 'concat',
            parts: [
              {kind: 'literal', value: '/_user '},
              {kind: 'param', name: 'userId', render: 'plain'},
            ],
          },
        },
      },
    ),
  ],
})
