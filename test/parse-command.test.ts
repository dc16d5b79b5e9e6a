/**
 * `parseCommand`, the inverse of `commandString`: every command's strings read back to their parameters
 * (a fixed-seed property over the arbitraries), real command strings read to the typed command, located
 * errors for what is not a command, and no throw or super-linear time on any text.
 *
 * What the docs' syntax drops, and so what the round trip gives back instead (`normalise` applies it):
 * - a parameter the syntax never writes (`APIConnectPlan.resolveMode`, `Connect.connLink_`): absent when
 *   optional, its type's empty value (`false`, `0`, `''`) when required (`APIConnect.incognito`: `false`);
 * - a parameter the syntax writes only when truthy (`p.ttl ? ' ttl=' + p.ttl : ''`) whose value is falsy
 *   (`false`, `0`, `''`): absent when optional (`signMessages: false`), its empty value when required;
 * - numbers as `String` and `JSON.stringify` write them: `-0` comes back as `0`.
 * - `APIConnect` without `preparedLink_` writes `/_connect <userId>`, which is `APIAddContact`'s string: it
 *   reads as `APIAddContact` (first in COMMANDS.md) with `incognito: false` (`ALIASES`).
 * - the syntax cannot tell a string that ends a command from an optional part before it written the same way
 *   (a search `@5` and `[ @<contactId_>]` in `/_groups 1 @5`, a file path `encrypt=on`): the optional part, tried
 *   first, wins. Strings drawn at random (seed 19) never meet one; the table below shows one.
 * And one precondition: a string the syntax writes between other parameters (`WORD_STRINGS`) is one word,
 * so the property draws it without spaces; a space there is tested on its own below.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {commandString, parseCommand, type ChatCommandName} from '../generated/src/index.js'
import {declaredParameters} from '../generator/emit/command-parameters.js'
import type {CommandTemplate, TemplateExpression} from '../generator/schema/command-template.js'
import type {CommandDefinition, Field, Schema, TypeExpression} from '../generator/schema/types.js'
import {loadSchema, valueArbitraries, type JsonObject} from './support/arbitraries.js'

const schema = await loadSchema()
const arbitraries = valueArbitraries(schema)
const commands = schema.commands.filter((command) => command.template)

/** Strings written between other parameters, by owner: `commandString` writes a space in them as it is. */
const WORD_STRINGS: Readonly<Record<string, readonly string[]>> = {
  APISendServiceResponse: ['requestId'],
  CreatedConnLink: ['connFullLink'],
}

/** Commands whose string is another command's, by what they read as. */
const ALIASES: Readonly<Record<string, string>> = {APIConnect: 'APIAddContact'}

/** Parameter sets per command: 59 commands, about 6,000 sets. */
const RUNS = 100

describe('parseCommand(commandString(name, params)) gives back params', () => {
  it.each(commands.map((command) => [command.name, command] as const))('%s', (name, command) => {
    fc.assert(
      fc.property(parametersArbitrary(command), (params) => {
        const text = commandString(name as ChatCommandName, params as never)
        const parsed = parseCommand(text)
        if (!parsed.ok) expect.fail(`${JSON.stringify(text)}: ${parsed.error.message}`)
        // Whatever it reads as writes the same string.
        expect(commandString(parsed.name, parsed.params as never)).toBe(text)
        if (parsed.name !== name) {
          expect(ALIASES[name], `${JSON.stringify(text)} read as ${parsed.name}`).toBe(parsed.name)
          return
        }
        expect(parsed.params).toEqual(normalise(command.template!, declaredParameters(command), params))
      }),
      {seed: 19, numRuns: RUNS},
    )
  })
})

// ../shared/frames holds replies and events only (no `"cmd"`): no command string of it to copy into test/fixtures.
describe('real command strings read to the typed command', () => {
  const composed = (text: string) => [{msgContent: {type: 'text', text}, mentions: {}}]
  it.each([
    // README.md, "Without the client": commandString's example.
    [
      '/_send #7(_support:12) json [{"msgContent":{"type":"text","text":"hi"},"mentions":{}}]',
      'APISendMessages',
      {
        sendRef: {chatType: 'group', chatId: 7, chatScope: {type: 'memberSupport', groupMemberId_: 12}},
        liveMessage: false,
        composedMessages: composed('hi'),
      },
    ],
    // test/client.test.ts, test/chat-client.test.ts: what the client and bot send.
    [
      '/_send #5(_support:7) json [{"msgContent":{"type":"text","text":"hi"},"mentions":{}}]',
      'APISendMessages',
      {
        sendRef: {chatType: 'group', chatId: 5, chatScope: {type: 'memberSupport', groupMemberId_: 7}},
        liveMessage: false,
        composedMessages: composed('hi'),
      },
    ],
    [
      '/_send @3 json [{"msgContent":{"type":"text","text":"hello"},"mentions":{}}]',
      'APISendMessages',
      {sendRef: {chatType: 'direct', chatId: 3}, liveMessage: false, composedMessages: composed('hello')},
    ],
    [
      '/_send #7(_support:12) live=on ttl=30 json []',
      'APISendMessages',
      {
        sendRef: {chatType: 'group', chatId: 7, chatScope: {type: 'memberSupport', groupMemberId_: 12}},
        liveMessage: true,
        ttl: 30,
        composedMessages: [],
      },
    ],
    [
      '/_send #7(_support) sign=on json []',
      'APISendMessages',
      {
        sendRef: {chatType: 'group', chatId: 7, chatScope: {type: 'memberSupport'}},
        liveMessage: false,
        signMessages: true,
        composedMessages: [],
      },
    ],
    // test/support/real-frames.ts: the commands the client suites answer with real frames.
    ['/user', 'ShowActiveUser', {}],
    ['/users', 'ListUsers', {}],
    ['/_show_address 1', 'APIShowMyAddress', {userId: 1}],
    ['/_address 1', 'APICreateMyAddress', {userId: 1}],
    ['/_delete_address 1', 'APIDeleteMyAddress', {userId: 1}],
    ['/_join #1', 'APIJoinGroup', {groupId: 1}],
    ['/_start main=on', 'StartChat', {mainApp: true, enableSndFiles: true}],
    ['/_stop', 'APIStopChat', {}],
    // COMMANDS.md's syntax, one of each kind of part: enum values, lists, unions, flags, the rest of the text.
    [
      '/_delete item @1 1,2,3 internalMark',
      'APIDeleteChatItem',
      {chatRef: {chatType: 'direct', chatId: 1}, chatItemIds: [1, 2, 3], deleteMode: 'internalMark'},
    ],
    [
      '/_delete #3 full notify=off',
      'APIDeleteChat',
      {chatRef: {chatType: 'group', chatId: 3}, chatDeleteMode: {type: 'full', notify: false}},
    ],
    [
      '/_delete @3 messages',
      'APIDeleteChat',
      {chatRef: {chatType: 'direct', chatId: 3}, chatDeleteMode: {type: 'messages'}},
    ],
    [
      '/_get chats 1 pcc=on count=20 {"type":"filters","favorite":true,"unread":false}',
      'APIGetChats',
      {
        userId: 1,
        pendingConnections: true,
        pagination: {type: 'last', count: 20},
        query: {type: 'filters', favorite: true, unread: false},
      },
    ],
    [
      '/freceive 5 encrypt=off /tmp/my file',
      'ReceiveFile',
      {fileId: 5, userApprovedRelays: false, storeEncrypted: false, filePath: '/tmp/my file'},
    ],
    ['/_groups 1 @team chat', 'APIListGroups', {userId: 1, search: '@team chat'}],
    // The syntax cannot tell a search `@5` from `[ @<contactId_>]`: the optional part, tried first, wins.
    ['/_groups 1 @5', 'APIListGroups', {userId: 1, contactId_: 5}],
    [
      '/_connect 1 https://simplex.chat/a#x https://smp.chat/b',
      'APIConnect',
      {
        userId: 1,
        incognito: false,
        preparedLink_: {connFullLink: 'https://simplex.chat/a#x', connShortLink: 'https://smp.chat/b'},
      },
    ],
    [
      '/_connect plan 1 https://simplex.chat/a#x',
      'APIConnectPlan',
      {userId: 1, connectTarget: 'https://simplex.chat/a#x'},
    ],
    [
      '/_start main=off snd_files=off service_requests=on',
      'StartChat',
      {mainApp: false, enableSndFiles: false, serviceRequests: true},
    ],
  ] as const)('%s', (text, name, params) => {
    expect(parseCommand(text)).toEqual({ok: true, name, params})
  })
})

describe('what is not a command is a located error', () => {
  it.each([
    ['', 0, 'expected "/_address "'],
    ['/nope', 0, 'or 52 more'],
    ['/_send @x json []', 8, 'expected an integer at offset 8'],
    ['/_send @5 json [oops', 15, 'expected a JSON value at offset 15'],
    ['/_send @5 jsn []', 9, '" json "'],
    // The kind of a JSON parameter is checked: `composedMessages` is an array.
    ['/_send @5 json {"msgContent":{}}', 15, 'expected a JSON array at offset 15'],
    ['/_delete item @1 1,2 gone', 21, '"broadcast"'],
    ['/user now', 5, 'expected the end of the command at offset 5'],
    // A space in a string between parameters ends it: `requestId` is `a`, and `b {}` is not JSON; as the last
    // parameter it would take the rest, and then the JSON is missing at the end (the furthest place reached).
    ['/_service_response 1 a b {}', 27, 'expected " " at offset 27'],
  ])('%j at %d', (text, offset, message) => {
    const parsed = parseCommand(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.error.offset).toBe(offset)
    expect(parsed.error.message).toContain(message)
  })

  it('a space in a link with a short link moves the rest to the short link', () => {
    const text = commandString('APIConnect', {
      userId: 1,
      incognito: false,
      preparedLink_: {connFullLink: 'a b', connShortLink: 'c'},
    })
    expect(parseCommand(text)).toMatchObject({params: {preparedLink_: {connFullLink: 'a', connShortLink: 'b c'}}})
  })

  it('never throws, on any text and on every prefix and mutation of a real command', () => {
    const real = '/_send #7(_support:12) live=on ttl=30 json [{"msgContent":{"type":"text","text":"hi"},"mentions":{}}]'
    for (let end = 0; end <= real.length; end++) {
      const parsed = parseCommand(real.slice(0, end))
      expect(parsed.ok).toBe(end === real.length)
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({unit: 'binary', maxLength: 60}),
          fc
            .tuple(fc.nat(real.length), fc.string({maxLength: 4}))
            .map(([at, s]) => real.slice(0, at) + s + real.slice(at)),
        ),
        (text) => {
          const parsed = parseCommand(text)
          if (!parsed.ok) expect(parsed.error.offset).toBeLessThanOrEqual(text.length)
        },
      ),
      {seed: 19, numRuns: 2000},
    )
    expect(parseCommand(42 as unknown as string)).toMatchObject({ok: false, error: {offset: 0}})
  })
})

describe('time is linear in the length of the text', () => {
  const MB = 1 << 20
  it.each([
    ['a JSON parameter', `/_send @5 json [${'"abcdefghi",'.repeat(MB / 12)}1]`, true],
    ['unclosed JSON', `/_send @5 json ${'['.repeat(MB)}`, false],
    ['brackets inside strings', `/_send @5 json ["${'[{'.repeat(MB / 2)}"]`, true],
    ['the rest of the text', `/_groups 1 ${'a '.repeat(MB / 2)}`, true],
    ['a long list', `/_delete member item #1 ${'1,'.repeat(MB / 2)}1`, true],
    ['no command', 'x'.repeat(MB), false],
    ['digits', `/_send @${'9'.repeat(MB)} json []`, false],
  ])('%s of 1 MB', (_what, text, ok) => {
    const started = performance.now()
    const parsed = parseCommand(text)
    const elapsed = performance.now() - started
    expect(parsed.ok).toBe(ok)
    // A quadratic scan of 1 MB takes minutes; a linear one, milliseconds (the bound allows a busy machine).
    expect(elapsed).toBeLessThan(2000)
  })
})

/** Parameters of a command as the arbitraries draw them (its declared parameters), word strings without spaces. */
function parametersArbitrary(command: CommandDefinition): fc.Arbitrary<JsonObject> {
  return objectArbitrary(command.name, declaredParameters(command))
}

function objectArbitrary(owner: string, fields: readonly Field[]): fc.Arbitrary<JsonObject> {
  const words = new Set(WORD_STRINGS[owner] ?? [])
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const field of fields) {
    const syntaxType = syntaxTypeOf(field.type)
    model[field.name] =
      syntaxType?.kind === 'record' && WORD_STRINGS[syntaxType.name]
        ? objectArbitrary(syntaxType.name, syntaxType.fields)
        : words.has(field.name)
          ? arbitraries.expression(field.type).map((value) => String(value).replaceAll(' ', '_'))
          : arbitraries.expression(field.type)
  }
  const requiredKeys = fields.filter((field) => !field.optional).map((field) => field.name)
  return fc.record(model, {requiredKeys, noNullPrototype: true}) as fc.Arbitrary<JsonObject>
}

function syntaxTypeOf(type: TypeExpression): Schema['types'][number] | undefined {
  return type.kind === 'reference' ? schema.types.find((each) => each.name === type.name) : undefined
}

/** What the round trip gives back for `params`: the normalisations of this file's comment. */
function normalise(template: CommandTemplate, fields: readonly Field[], params: JsonObject): JsonObject {
  // JSON writes -0 as 0, as String does.
  const value = JSON.parse(JSON.stringify(params)) as JsonObject
  const reads = readsOf(template.expression)
  const result: JsonObject = {}
  for (const field of fields) {
    const present = Object.hasOwn(value, field.name)
    const read = reads.get(field.name)
    const falsyDropped = read?.truthTested && !value[field.name]
    if (!read || falsyDropped || !present) {
      const empty = emptyValue(field.type)
      if (!field.optional && empty !== undefined) result[field.name] = empty
      continue
    }
    const syntaxType = read.syntaxType ? schema.types.find((type) => type.name === read.syntaxType) : undefined
    result[field.name] =
      syntaxType?.template && syntaxType.kind !== 'enum'
        ? normalise(
            syntaxType.template,
            fieldsOf(syntaxType, value[field.name] as JsonObject),
            value[field.name] as JsonObject,
          )
        : value[field.name]
  }
  if (Object.hasOwn(value, 'type') && !fields.some((field) => field.name === 'type')) {
    return {type: value.type, ...result}
  }
  return result
}

/** A record's fields, or the fields of the union member `value` is. */
function fieldsOf(type: Schema['types'][number], value: JsonObject): readonly Field[] {
  if (type.kind === 'record') return type.fields
  if (type.kind === 'union') return type.members.find((member) => member.tag === value.type)?.fields ?? []
  return []
}

function emptyValue(type: TypeExpression): unknown {
  if (type.kind !== 'primitive') return undefined
  return {bool: false, int: 0, int64: 0, word32: 0, double: 0, string: ''}[type.name as string]
}

/** The names a template reads, whether it tests them for truthiness, and the syntax type that writes them. */
function readsOf(expression: TemplateExpression): Map<string, {truthTested: boolean; syntaxType?: string}> {
  const reads = new Map<string, {truthTested: boolean; syntaxType?: string}>()
  const entry = (name: string) => reads.get(name) ?? reads.set(name, {truthTested: false}).get(name)!
  const walk = (node: TemplateExpression): void => {
    if (node.kind === 'concat') node.parts.forEach(walk)
    if (node.kind === 'param') {
      const read = entry(node.name)
      if (node.render === 'cmdString') read.syntaxType = node.type
    }
    if (node.kind === 'conditional') {
      const read = entry(node.test.name)
      // Written only when truthy: `x ? ... : ''` (or `!x ? '' : ...`); `x ? 'on' : 'off'` writes both.
      const empty = node.test.kind === 'truthy' ? node.else : node.test.kind === 'falsy' ? node.then : null
      if (empty?.kind === 'literal' && empty.value === '') read.truthTested = true
      walk(node.then)
      walk(node.else)
    }
  }
  walk(expression)
  return reads
}
