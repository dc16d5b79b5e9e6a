/**
 * The test kit's fixtures (`simplex-chat-events/testing`, generated/src/testing/): every event, response and
 * type builds and decodes in strict mode, minimal and full; overrides build the member they name; the same
 * seed gives the same fixture; ids and timestamps agree within one fixture; the bot fixtures are valid events.
 */
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {emitTestingSchema} from '../generator/emit/testing-schema.js'
import {createFixtureBuilders} from '../templates/testing/fixtures.js'
import {event, field, printStatements, schema} from './support/tiny-schema.js'
import * as pkg from '../generated/src/index.js'
import {chatEventTags, chatResponseTags, decodeChatEvent, decodeChatResponse} from '../generated/src/index.js'
import {fixtureSchema} from '../generated/src/testing/testing-schema.js'
import {fixtures, type FixtureTypes} from '../generated/src/testing/index.js'
import {emitModule} from '../generator/emit/module-scope.js'

const STRICT = {mode: 'strict', allErrors: true} as const

/** The issues of a failed decode, one line each, or `[]`. */
const problems = (result: {ok: boolean; issues: readonly {message: string}[]; error?: {message: string}}) =>
  result.ok ? [] : [result.error?.message ?? '', ...result.issues.map((issue) => issue.message)]

const decoderOf = (name: string) =>
  (pkg as unknown as Record<string, (value: unknown, options: object) => Parameters<typeof problems>[0]>)[
    `decode${name}`
  ]!

const typeNames = Object.keys(fixtureSchema.types) as (keyof FixtureTypes)[]

describe.each([
  ['minimal', false],
  ['full', true],
])('%s fixtures decode in strict mode', (_kind, full) => {
  it('every event', () => {
    expect(Object.keys(fixtureSchema.events).sort()).toEqual([...chatEventTags].sort())
    const failures = chatEventTags.flatMap((tag) => {
      const event = fixtures[tag](undefined, {full})
      expect(event.type).toBe(tag)
      return problems(decodeChatEvent(event, STRICT)).map((message) => `${tag}: ${message}`)
    })
    expect(failures).toEqual([])
  })

  it('every response', () => {
    const failures = chatResponseTags.flatMap((tag) =>
      problems(decodeChatResponse(fixtures.response(tag, undefined, {full}), STRICT)).map((m) => `${tag}: ${m}`),
    )
    expect(failures).toEqual([])
  })

  it('every type', () => {
    expect(typeNames.length).toBeGreaterThan(100)
    const failures = typeNames.flatMap((name) =>
      problems(decoderOf(name)(fixtures.value(name, undefined, {full}), STRICT)).map((m) => `${name}: ${m}`),
    )
    expect(failures).toEqual([])
  })
})

describe('fixtures', () => {
  it('are minimal by default: required fields only, empty arrays', () => {
    const user = fixtures.value('User')
    expect(user).not.toHaveProperty('viewPwdHash')
    expect(fixtures.value('User', undefined, {full: true})).toHaveProperty('viewPwdHash')
    expect(fixtures.newChatItems().chatItems).toEqual([])
  })

  it('fill every optional field with full', () => {
    const contact = fixtures.value('Contact', undefined, {full: true})
    expect(contact.activeConn).toBeDefined()
    expect(contact.customData).toEqual({})
    expect(contact.chatTags).toHaveLength(1)
  })

  it('take the first member of a union and the first value of an enum', () => {
    expect(fixtures.value('ChatInfo').type).toBe('direct')
    expect(fixtures.value('ChatType')).toBe('direct')
  })

  it('same seed, same fixture; another seed, another one', () => {
    const a = fixtures.newChatItems({chatItems: [{}]}, {seed: 7, full: true})
    expect(fixtures.newChatItems({chatItems: [{}]}, {seed: 7, full: true})).toEqual(a)
    expect(fixtures.newChatItems({chatItems: [{}]}, {seed: 8, full: true})).not.toEqual(a)
  })

  it('build the union member an override names, with the override merged deeply', () => {
    const event = fixtures.newChatItems({
      chatItems: [{chatInfo: {type: 'group', groupInfo: {groupProfile: {displayName: 'team'}}}}],
    })
    const [item] = event.chatItems
    if (item?.chatInfo.type !== 'group') return expect.fail('not a group chat')
    expect(item.chatInfo.groupInfo.groupProfile.displayName).toBe('team')
    expect(item.chatInfo.groupInfo.groupProfile.fullName).toBeTypeOf('string')
    expect(item.chatInfo).not.toHaveProperty('contact')
    expect(problems(decodeChatEvent(event, STRICT))).toEqual([])
  })

  it('replace arrays: each element built from its own partial', () => {
    const user = fixtures.value('User', {profile: {displayName: 'bot'}}, {full: true})
    expect(user.profile.displayName).toBe('bot')
    const event = fixtures.newChatItems({chatItems: [{}, {}, {}]})
    expect(event.chatItems).toHaveLength(3)
  })

  it('keep ids and timestamps coherent within one fixture', () => {
    const event = fixtures.newChatItems(
      {chatItems: [{chatInfo: {type: 'group'}, chatItem: {chatDir: {type: 'groupRcv'}}}]},
      {full: true},
    )
    const [item] = event.chatItems
    if (item?.chatInfo.type !== 'group' || item.chatItem.chatDir.type !== 'groupRcv')
      return expect.fail('not a group item')
    const {groupInfo} = item.chatInfo
    expect(groupInfo.membership.groupId).toBe(groupInfo.groupId)
    expect(item.chatItem.chatDir.groupMember.groupId).toBe(groupInfo.groupId)
    expect(new Set([groupInfo.createdAt, item.chatItem.meta.itemTs, item.chatItem.meta.createdAt])).toHaveProperty(
      'size',
      1,
    )
  })

  it('are what strict mode checks: a field the docs do not list fails it', () => {
    const event = {...fixtures.textMessage('hi'), extra: 1}
    expect(problems(decodeChatEvent(event, STRICT)).join('\n')).toMatch(/extra/)
  })

  it('throw on a tag or name the package does not have (a typo in a test)', () => {
    expect(() => fixtures.response('noSuchResponse' as 'apiChats')).toThrow('no response with tag "noSuchResponse"')
    expect(() => fixtures.value('NoSuchType' as 'User')).toThrow('no type named "NoSuchType"')
  })
})

describe('bot fixtures are valid events of the cases bots meet most', () => {
  it('a text message from a contact', () => {
    const event = fixtures.textMessage('/help', {contactId: 5})
    expect(problems(decodeChatEvent(event, STRICT))).toEqual([])
    const [item] = event.chatItems
    if (item?.chatInfo.type !== 'direct') return expect.fail('not a direct chat')
    expect(item.chatInfo.contact.contactId).toBe(5)
    const content = item.chatItem.content
    if (content.type !== 'rcvMsgContent') return expect.fail('not received')
    expect(content.msgContent).toEqual({type: 'text', text: '/help'})
  })

  it('a text message in a group, from a member of that group', () => {
    const event = fixtures.groupMessage('hello', {groupId: 9})
    expect(problems(decodeChatEvent(event, STRICT))).toEqual([])
    const [item] = event.chatItems
    if (item?.chatInfo.type !== 'group' || item.chatItem.chatDir.type !== 'groupRcv')
      return expect.fail('not a group item')
    expect(item.chatInfo.groupInfo.groupId).toBe(9)
    expect(item.chatItem.chatDir.groupMember.groupId).toBe(9)
  })

  it('a contact request, a group invitation, a file offer', () => {
    const request = fixtures.contactRequest()
    const invitation = fixtures.groupInvitation({contactId: 4, groupId: 2})
    const offer = fixtures.fileOffer('report.pdf', 2048)
    for (const event of [request, invitation, offer]) expect(problems(decodeChatEvent(event, STRICT))).toEqual([])
    expect(request.type).toBe('receivedContactRequest')
    expect([invitation.contact.contactId, invitation.groupInfo.groupId]).toEqual([4, 2])
    expect(offer.chatItems[0]?.chatItem.file).toMatchObject({fileName: 'report.pdf', fileSize: 2048})
  })
})

describe('fixtures of docs whose names are members of Object.prototype', () => {
  it('an event tagged __proto__ with fields constructor and __proto__ builds own fields; an unknown tag is an error', async () => {
    const given = schema({
      types: [],
      events: [event('Proto', '__proto__', [field('constructor', 'int'), field('__proto__', 'string')])],
    })
    // The emitted module, run: an object literal key "__proto__" would set a prototype instead of an entry.
    const text = await printStatements(
      emitModule('testing/testing-schema.ts', (scope) => emitTestingSchema(given, scope)),
    )
    const js = ts.transpileModule(text, {compilerOptions: {module: ts.ModuleKind.ESNext}}).outputText
    const {fixtureSchema: emitted} = await import(`data:text/javascript,${encodeURIComponent(js)}`)
    expect(Object.keys(emitted.events)).toEqual(['__proto__'])
    const builders = createFixtureBuilders(emitted)
    const built = builders.event('__proto__')
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
    expect(Object.keys(built).sort()).toEqual(['__proto__', 'constructor', 'type'])
    expect(typeof built.constructor).toBe('number')
    const overridden = builders.event('__proto__', {constructor: 7})
    expect(Object.getOwnPropertyDescriptor(overridden, 'constructor')?.value).toBe(7)
    expect(() => builders.event('toString')).toThrow(/no event with tag "toString"/)
    expect(() => builders.value('hasOwnProperty')).toThrow(/no type named "hasOwnProperty"/)
  })
})
