/**
 * What the parser reads from the real upstream documents: the newest pinned docs
 * (spec/), the 2025-09-27 docs, and the seed-intermediate EVENTS.md.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {buildSchema} from '../generator/pipeline.js'
import {serializeSchema, SCHEMA_VERSION} from '../generator/schema/index.js'
import type {EventDefinition, Field, Schema, TypeDefinition} from '../generator/schema/index.js'
import {allFields, typeFields} from './support/schema-fields.js'

const root = path.resolve(import.meta.dirname, '..')
const NEWEST = {events: 'spec/EVENTS.md', types: 'spec/TYPES.md', commands: 'spec/COMMANDS.md'}
const FORK = {
  events: 'spec/compat/2026-fork-d94cbb0/EVENTS.md',
  types: 'spec/compat/2026-fork-d94cbb0/TYPES.md',
}
const SEPT_2025 = {events: 'spec/compat/2025-09-27/EVENTS.md', types: 'spec/compat/2025-09-27/TYPES.md'}
const SEED = {
  events: 'test/fixtures/docs/seed-intermediate/EVENTS.md',
  types: 'spec/compat/2026-088a33e/TYPES.md',
}

function read(relative: string): string {
  return readFileSync(path.join(root, relative), 'utf8')
}

/** Build the schema of the documents; fail the test with every message when it does not build. */
function schemaOf(paths: {events: string; types: string; commands?: string}): Schema {
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: read(paths.events)}),
    types: new VFile({path: 'TYPES.md', value: read(paths.types)}),
    ...(paths.commands ? {commands: new VFile({path: 'COMMANDS.md', value: read(paths.commands)})} : {}),
  })
  if (!result.ok) {
    const messages = result.files.flatMap((file) =>
      file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.reason}`),
    )
    expect.fail(`expected ${paths.events} + ${paths.types} to parse, got:\n${messages.join('\n')}`)
  }
  return result.schema
}

/** Every field of the schema: events', records' and union members'. */
function kindCounts(schema: Schema): Record<string, number> {
  const counts: Record<string, number> = {record: 0, union: 0, enum: 0}
  for (const type of schema.types) counts[type.kind]!++
  return counts
}

function eventNamed(schema: Schema, name: string): EventDefinition {
  const event = schema.events.find((candidate) => candidate.name === name)
  if (!event) expect.fail(`no event ${name}`)
  return event
}

function typeNamed(schema: Schema, name: string): TypeDefinition {
  const type = schema.types.find((candidate) => candidate.name === name)
  if (!type) expect.fail(`no type ${name}`)
  return type
}

function fieldNamed(fields: readonly Field[], name: string): Field {
  const field = fields.find((candidate) => candidate.name === name)
  if (!field) expect.fail(`no field ${name}`)
  return field
}

/** The newest schema, built once for the tests that only read it. */
let newestSchema: Schema | undefined
const newest = () => (newestSchema ??= schemaOf(NEWEST))

const eventFieldCount = (schema: Schema) => schema.events.reduce((sum, event) => sum + event.fields.length, 0)

describe('newest docs (spec/)', () => {
  const schema = newest()

  it('has 50 events', () => {
    expect(schema.events).toHaveLength(50)
  })

  it('has 7 categories, named as the ## headings of EVENTS.md', () => {
    expect(schema.categories.map((category) => category.name)).toEqual([
      'Contact connection events',
      'Message events',
      'Group events',
      'File events',
      'Connection progress events',
      'Network connection events',
      'Error events',
    ])
  })

  it('files every event under exactly one category, in document order', () => {
    expect(schema.categories.flatMap((category) => category.events)).toEqual(schema.events.map((event) => event.name))
  })

  it('has 169 event fields besides `type`', () => {
    expect(eventFieldCount(schema)).toBe(169)
  })

  it('has 223 types', () => {
    expect(schema.types).toHaveLength(223)
  })

  it('has 115 records, 64 unions and 44 enums', () => {
    expect(kindCounts(schema)).toEqual({record: 115, union: 64, enum: 44})
  })

  it('has exactly 3 map-typed fields', () => {
    const maps = allFields(schema).filter((field) => field.type.kind === 'map')
    expect(maps.map((field) => field.name)).toEqual(['mentions', 'mentions', 'mentions'])
  })

  it('reads `{string : [CIMention](#cimention)}` as a map from string to a reference', () => {
    const maps = allFields(schema).filter((field) => field.type.kind === 'map')
    expect(maps[0]!.type).toEqual({
      kind: 'map',
      key: 'string',
      value: {kind: 'reference', name: 'CIMention', href: '#cimention'},
    })
  })

  it('has 6 types with a Syntax block', () => {
    expect(schema.types.filter((type) => type.syntax.length > 0).map((type) => type.name)).toEqual([
      'ChatDeleteMode',
      'ChatRef',
      'ChatType',
      'CreatedConnLink',
      'GroupChatScope',
      'PaginationByTime',
    ])
  })

  it('ranks ContactConnected as the main event of its category', () => {
    expect(eventNamed(schema, 'ContactConnected').rank).toBe('main')
  })

  it('ranks ContactUpdated as an other event', () => {
    expect(eventNamed(schema, 'ContactUpdated').rank).toBe('other')
  })

  it('leaves the Connection progress events unranked (their table of contents list is flat)', () => {
    const category = schema.categories.find((candidate) => candidate.name === 'Connection progress events')!
    expect(category.events).toHaveLength(7)
    expect(category.events.map((name) => eventNamed(schema, name).rank)).toEqual(Array(7).fill('unranked'))
  })

  it('keeps the wire name `chat_` verbatim, underscore included', () => {
    const field = fieldNamed(eventNamed(schema, 'ReceivedContactRequest').fields, 'chat_')
    expect({name: field.name, wireName: field.wireName}).toEqual({name: 'chat_', wireName: 'chat_'})
  })

  it('reads `?` after the type as optional, its absence as required', () => {
    const fields = eventNamed(schema, 'ContactConnected').fields
    expect(fields.map((field) => [field.name, field.optional])).toEqual([
      ['user', false],
      ['contact', false],
      ['userCustomProfile', true],
    ])
  })

  it('reads the nested array `[[ChatBotCommand](#chatbotcommand)]` as an array of a reference', () => {
    const menu = typeNamed(schema, 'ChatBotCommand')
    expect(menu.kind).toBe('union')
    const member = menu.kind === 'union' ? menu.members.find((candidate) => candidate.name === 'Menu')! : undefined
    expect(fieldNamed(member!.fields, 'commands').type).toEqual({
      kind: 'array',
      element: {kind: 'reference', name: 'ChatBotCommand', href: '#chatbotcommand'},
    })
  })

  it('reads a link of EVENTS.md (`./TYPES.md#user`) as a reference keeping its href', () => {
    expect(fieldNamed(eventNamed(schema, 'ContactConnected').fields, 'user').type).toEqual({
      kind: 'reference',
      name: 'User',
      href: './TYPES.md#user',
    })
  })

  it('reads a link of TYPES.md (`#chatinfo`) as a reference keeping its href', () => {
    const type = typeNamed(schema, 'AChatItem')
    expect(type.kind === 'record' && fieldNamed(type.fields, 'chatInfo').type).toEqual({
      kind: 'reference',
      name: 'ChatInfo',
      href: '#chatinfo',
    })
  })

  it('takes the event tag from `- type: "contactConnected"`', () => {
    expect(eventNamed(schema, 'ContactConnected').tag).toBe('contactConnected')
  })

  it('takes union member tags from each member\'s `- type: "..."` line', () => {
    const type = typeNamed(schema, 'ChatDeleteMode')
    expect(type.kind === 'union' && type.members.map((member) => [member.name, member.tag])).toEqual([
      ['Full', 'full'],
      ['Entity', 'entity'],
      ['Messages', 'messages'],
    ])
  })

  it("keeps an event's description paragraphs as markdown source, in order", () => {
    expect(eventNamed(schema, 'ReceivedContactRequest').description).toEqual([
      'Contact request received.',
      'This event is only sent when auto-accept is disabled.',
      'The request needs to be accepted using [APIAcceptContact](./COMMANDS.md#apiacceptcontact) command',
    ])
  })

  it("keeps a type's description paragraph", () => {
    expect(typeNamed(schema, 'ChatItemDeletion').description).toEqual(['Message deletion result.'])
  })

  it('reads a type without description as an empty list', () => {
    expect(typeNamed(schema, 'AChatItem').description).toEqual([])
  })

  it('reads a plain, a javascript and a python Syntax block for each of them', () => {
    const withSyntax = schema.types.filter((type) => type.syntax.length > 0)
    expect(withSyntax.map((type) => type.syntax.map((block) => block.lang))).toEqual(
      Array(6).fill([null, 'javascript', 'python']),
    )
  })

  it('locates each Syntax block at its opening fence, its code on the lines after it', () => {
    const lines = read(NEWEST.types).split('\n')
    const misplaced = schema.types
      .flatMap((type) => type.syntax)
      .filter((block) => {
        const at = block.location!.line
        const code = block.code.split('\n')
        return (
          lines[at - 1] !== `\`\`\`${block.lang ?? ''}` ||
          lines.slice(at, at + code.length).join('\n') !== block.code ||
          block.location!.column !== 1
        )
      })
    expect(misplaced).toEqual([])
  })

  it("reads a Syntax block's fence language and code (null language for the plain grammar)", () => {
    expect(typeNamed(schema, 'ChatDeleteMode').syntax.map(({lang, code}) => ({lang, code}))).toEqual([
      {lang: null, code: 'full|entity|messages[ notify=off]'},
      {lang: 'javascript', code: "type + (type == 'messages' ? '' : (!notify ? ' notify=off' : '')) // JavaScript"},
      {
        lang: 'python',
        code: "str(type) + ('' if str(type) == 'messages' else (' notify=off' if not notify else '')) # Python",
      },
    ])
  })

  it('reads enum values in order', () => {
    const type = typeNamed(schema, 'BlockingReason')
    expect(type.kind === 'enum' && type.values.map((value) => value.value)).toEqual(['spam', 'content'])
  })
})

describe('2025-09-27 docs', () => {
  const schema = schemaOf(SEPT_2025)

  it('has 45 events', () => {
    expect(schema.events).toHaveLength(45)
  })

  it('has 6 categories', () => {
    expect(schema.categories).toHaveLength(6)
  })

  it('has 146 event fields besides `type`', () => {
    expect(eventFieldCount(schema)).toBe(146)
  })

  it('has 167 types: 84 records, 49 unions, 34 enums', () => {
    expect(schema.types).toHaveLength(167)
    expect(kindCounts(schema)).toEqual({record: 84, union: 49, enum: 34})
  })

  it('reads its 2 unnamed fields `- : word32` as name "" with wire name "data"', () => {
    const unnamed = allFields(schema).filter((field) => field.name === '')
    expect(unnamed.map(({name, wireName, optional, type}) => ({name, wireName, optional, type}))).toEqual([
      {name: '', wireName: 'data', optional: false, type: {kind: 'primitive', name: 'word32'}},
      {name: '', wireName: 'data', optional: false, type: {kind: 'primitive', name: 'word32'}},
    ])
  })

  it('finds the unnamed fields in AgentCryptoError members RATCHET_EARLIER and RATCHET_SKIPPED', () => {
    const type = typeNamed(schema, 'AgentCryptoError')
    const members = type.kind === 'union' ? type.members : []
    const owners = members
      .filter((member) => member.fields.some((field) => field.name === ''))
      .map((member) => [member.name, member.tag])
    expect(owners).toEqual([
      ['RATCHET_EARLIER', 'RATCHET_EARLIER'],
      ['RATCHET_SKIPPED', 'RATCHET_SKIPPED'],
    ])
  })
})

describe("seed-intermediate EVENTS.md with 088a33e's TYPES.md", () => {
  const schema = schemaOf(SEED)
  const GROUP_EVENTS_WITH_MSG_SIGNED = [
    'GroupUpdated',
    'MemberRole',
    'DeletedMember',
    'DeletedMemberUser',
    'GroupDeleted',
    'MemberBlockedForAll',
  ]

  it('parses', () => {
    expect(schema.events).toHaveLength(49)
  })

  it('has `msgSigned` on exactly six group events', () => {
    const carriers = schema.events.filter((event) => event.fields.some((field) => field.name === 'msgSigned'))
    expect(carriers.map((event) => [event.name, event.category])).toEqual(
      GROUP_EVENTS_WITH_MSG_SIGNED.map((name) => [name, 'Group events']),
    )
  })

  it('reads `msgSigned` as a required bool on each of them', () => {
    const fields = GROUP_EVENTS_WITH_MSG_SIGNED.map((name) => fieldNamed(eventNamed(schema, name).fields, 'msgSigned'))
    for (const field of fields) {
      expect({optional: field.optional, type: field.type}).toEqual({
        optional: false,
        type: {kind: 'primitive', name: 'bool'},
      })
    }
  })

  it('has no `msgSigned` on LeftMember (the newest docs do have it there)', () => {
    expect(eventNamed(schema, 'LeftMember').fields.map((field) => field.name)).not.toContain('msgSigned')
    expect(eventNamed(newest(), 'LeftMember').fields.map((field) => field.name)).toContain('msgSigned')
  })
})

describe('line endings', () => {
  it('reads the CRLF copy of the fork TYPES.md into the same schema as the LF copy (positions aside)', () => {
    const withoutPositions = (schema: Schema) =>
      JSON.stringify(schema, (key, value: unknown) => (key === 'location' || key === 'sources' ? undefined : value))
    const crlf = {...FORK, types: 'test/fixtures/docs/2026-fork-d94cbb0-crlf/TYPES.md'}
    expect(read(crlf.types)).toContain('\r\n')
    expect(read(FORK.types)).not.toContain('\r')
    const fromCrlf = schemaOf(crlf)
    expect(fromCrlf.types).toHaveLength(204)
    expect(withoutPositions(fromCrlf)).toBe(withoutPositions(schemaOf(FORK)))
  })

  it('locates the CRLF copy at the same lines and columns as the LF copy', () => {
    const positions = (schema: Schema) =>
      schema.types.flatMap((type) => [type.location, ...typeFields(type).map((field) => field.location)])
    expect(positions(schemaOf({...FORK, types: 'test/fixtures/docs/2026-fork-d94cbb0-crlf/TYPES.md'}))).toEqual(
      positions(schemaOf(FORK)),
    )
  })
})

describe('serialisation', () => {
  it('is deterministic: two builds give identical JSON', () => {
    expect(serializeSchema(schemaOf(NEWEST))).toBe(serializeSchema(schemaOf(NEWEST)))
  })

  it('records the schema version and the sha256 of the three documents', () => {
    const sha256 = (relative: string) =>
      createHash('sha256')
        .update(readFileSync(path.join(root, relative)))
        .digest('hex')
    const json = JSON.parse(serializeSchema(newest())) as Schema
    expect({schemaVersion: json.schemaVersion, sources: json.sources}).toEqual({
      schemaVersion: SCHEMA_VERSION,
      sources: {
        events: {file: 'EVENTS.md', sha256: sha256(NEWEST.events)},
        types: {file: 'TYPES.md', sha256: sha256(NEWEST.types)},
        commands: {file: 'COMMANDS.md', sha256: sha256(NEWEST.commands)},
      },
    })
  })

  it('gives different documents different hashes', () => {
    const newestHash = newest().sources.events.sha256
    const seedHash = schemaOf(SEED).sources.events.sha256
    expect(newestHash).toMatch(/^[0-9a-f]{64}$/)
    expect(seedHash).not.toBe(newestHash)
  })
})
