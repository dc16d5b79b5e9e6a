import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {
  assertChatEvent,
  chatEventTags,
  DecodeError,
  decodeChatEvent,
  decodeChatEventJson,
  decodeFrame,
  decodeUser,
  isValidChatEvent,
  isValidUser,
  createDispatcher,
  type ChatEvent,
} from '../generated/src/index.js'
import {importDecodersOf, type Decoders} from './support/decoders-of.js'
import {invitationForNewestDocs} from './support/frames.js'

const frames = path.resolve(import.meta.dirname, 'fixtures', 'frames')
const readFrame = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(frames, name), 'utf8'))
const folder = (name: string) => readdirSync(path.join(frames, name)).map((file) => `${name}/${file}`)

/**
 * The `User` fields the newest docs require and a 2025-05 server did not send: an object's own missing
 * fields come first (docs' order), then those of the objects inside it.
 */
const MISSING_FROM_OLD_USER = [
  '$.user.autoAcceptMemberContacts',
  '$.user.autoAcceptGroupInvitations',
  '$.user.userChatRelay',
  '$.user.clientService',
  '$.user.fullPreferences.files',
  '$.user.fullPreferences.sessions',
  '$.user.fullPreferences.commands',
]

/**
 * The fields the pinned (newest) docs require and the v6.5.4.1 receivedGroupInvitation frame lacks: that server
 * speaks the 088a33e docs. Missing fields of an object first, then those of the objects inside it.
 */
const MISSING_FROM_V6_5_4_1 = [
  '$.user.autoAcceptGroupInvitations',
  '$.user.clientService',
  '$.groupInfo.fullGroupPreferences.signMessages',
  '$.groupInfo.chatSettings.dropFeed',
  '$.contact.chatSettings.dropFeed',
]

/** Decoders generated from the 088a33e docs (with the overlay): the version the v6.5.4.1 server speaks. */
let docs088a33e: {decoders: Decoders}
/**
 * Decoders of the newest docs alone (with the overlay): generated/ is the compatibility build, which decodes
 * these frames; this is what a library typed against one doc version does with them.
 */
let newestOnly: {decoders: Decoders}
beforeAll(async () => {
  const overlay = path.resolve(import.meta.dirname, '..', 'spec', 'overlay.json')
  docs088a33e = await importDecodersOf(
    path.resolve(import.meta.dirname, '..', 'spec', 'compat', '2026-088a33e'),
    overlay,
  )
  newestOnly = await importDecodersOf(path.resolve(import.meta.dirname, '..', 'spec'), overlay, [])
}, 120_000)

describe('real frames', () => {
  it('decodes the whole v6.5.4.1 receivedGroupInvitation event in default mode against its docs (088a33e, with the overlay)', () => {
    const result = docs088a33e.decoders.decodeChatEvent(readFrame('complete/receivedGroupInvitation-1.json'))
    expect(result.issues).toEqual([])
    expect(result.ok).toBe(true)
    if (result.ok && result.value.type === 'receivedGroupInvitation') {
      expect(result.value.user.agentUserId).toBe('1')
    }
  })

  it('lists exactly the five fields the newest docs alone add that the v6.5.4.1 frame lacks (allErrors)', () => {
    const result = newestOnly.decoders.decodeChatEvent(readFrame('complete/receivedGroupInvitation-1.json'), {
      allErrors: true,
    })
    expect(result.ok).toBe(false)
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual(
      MISSING_FROM_V6_5_4_1.map((at) => ['missing', at]),
    )
  })

  it('decodes the v6.5.4.1 frame with those five fields added against the newest docs, even strictly', () => {
    expect(decodeChatEvent(invitationForNewestDocs(), {mode: 'strict'})).toMatchObject({ok: true, issues: []})
  })

  it('rejects fields newer than the docs in strict mode only (FullGroupPreferences.support, against 088a33e)', () => {
    const result = docs088a33e.decoders.decodeChatEvent(readFrame('complete/receivedGroupInvitation-1.json'), {
      mode: 'strict',
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('extra')
      expect(result.error.path).toBe('$.groupInfo.fullGroupPreferences.support')
    }
  })

  it('fails the 2025-05 newChatItems against the newest docs alone at the first missing User field', () => {
    const result = newestOnly.decoders.decodeChatEvent(readFrame('complete/newChatItems-1.json'))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.path).toBe(MISSING_FROM_OLD_USER[0])
      expect(result.error.message).toBe('$.user.autoAcceptMemberContacts: missing (expected bool)')
    }
  })

  it('lists exactly the User fields the newest docs alone miss, with allErrors', () => {
    const result = newestOnly.decoders.decodeChatEvent(readFrame('complete/newChatItems-1.json'), {allErrors: true})
    expect(result.ok).toBe(false)
    expect(result.issues.map((issue) => issue.path)).toEqual(MISSING_FROM_OLD_USER)
    expect(result.issues.every((issue) => issue.code === 'missing')).toBe(true)
  })

  it('keeps the 2025-05 newChatItems in lenient mode with exactly those issues (newest docs alone)', () => {
    const frame = readFrame('complete/newChatItems-1.json')
    const result = newestOnly.decoders.decodeChatEvent(frame, {mode: 'lenient'})
    expect(result.ok).toBe(true)
    expect(result.issues.map((issue) => issue.path)).toEqual(MISSING_FROM_OLD_USER)
    if (result.ok) {
      expect(result.value).toBe(frame)
      expect(result.value.type).toBe('newChatItems')
    }
  })

  it.each(folder('not-in-current-docs'))('reports %s as an unknown event, in every mode', (name) => {
    const value = readFrame(name)
    for (const mode of ['strict', 'default', 'lenient'] as const) {
      const result = decodeChatEvent(value, {mode})
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('unknown-event')
        expect(result.error.path).toBe('$.type')
        expect(result.error.found).toBe(JSON.stringify(value.type))
      }
    }
  })

  it.each(folder('not-in-current-docs'))('takes %s for unknown, not an event or a response', (name) => {
    const resp = readFrame(name)
    const uncorrelated = decodeFrame(JSON.stringify({resp}))
    expect(uncorrelated).toEqual({kind: 'unknown', corrId: undefined, type: resp.type, resp})
    const correlated = decodeFrame(JSON.stringify({corrId: '7', resp}))
    expect(correlated).toMatchObject({kind: 'unknown', corrId: '7', type: resp.type})
  })

  it('takes an event tag that is no response, with a corrId, for unknown (an answer to a command is a response)', () => {
    const resp = readFrame('complete/receivedGroupInvitation-1.json')
    expect(decodeFrame(JSON.stringify({corrId: '1', resp}))).toMatchObject({kind: 'unknown', corrId: '1'})
  })

  it('decodes an event frame, with paths from the frame', () => {
    const resp = invitationForNewestDocs()
    const ok = decodeFrame(JSON.stringify({resp}))
    expect(ok.kind).toBe('event')
    const broken = decodeFrame(JSON.stringify({resp: {...resp, user: {...(resp.user as object), userId: '1'}}}))
    expect(broken).toMatchObject({kind: 'error', error: {path: '$.resp.user.userId', code: 'type'}})
  })

  it.each(folder('trimmed'))('gives %s a precise error, never a crash', (name) => {
    const value = readFrame(name)
    const result = decodeChatEvent(value)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      const isEvent = (chatEventTags as readonly unknown[]).includes(value.type)
      expect(result.error.code).toBe(isEvent ? 'missing' : 'unknown-event')
      expect(result.error.path).toMatch(/^\$\.[\w.[\]]+$/)
      if (isEvent)
        expect(result.error.message).toBe(`${result.error.path}: missing (expected ${result.error.expected})`)
    }
  })

  it('gives `$.user: missing` for a trimmed capture without its user', () => {
    const value = readFrame('trimmed/newChatItems-1.json')
    expect(value.user).toBeUndefined()
    const result = decodeChatEvent(value)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toBe('$.user: missing (expected User object)')
  })
})

describe('modes', () => {
  const event = invitationForNewestDocs

  it('default mode allows and keeps fields the docs do not list', () => {
    const value = {...event(), addedLater: 1}
    const result = decodeChatEvent(value)
    expect(result.ok && (result.value as unknown as Record<string, unknown>).addedLater).toBe(1)
  })

  it('strict mode rejects a field the docs do not list, naming it', () => {
    const value = event()
    expect(decodeChatEvent(value, {mode: 'strict'}).ok).toBe(true)
    value.user.addedLater = true
    const result = decodeChatEvent(value, {mode: 'strict'})
    expect(result.ok ? null : result.error).toMatchObject({code: 'extra', path: '$.user.addedLater'})
  })

  it('lenient mode keeps an unknown union tag and an unknown enum value as issues', () => {
    const value = event()
    value.memberRole = 'superAdmin'
    value.groupInfo.membership.memberStatus = 'memFuture'
    const result = decodeChatEvent(value, {mode: 'lenient'})
    expect(result.ok).toBe(true)
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['unknown-enum', '$.groupInfo.membership.memberStatus'],
      ['unknown-enum', '$.memberRole'],
    ])
    const strict = decodeChatEvent(value)
    expect(strict.ok).toBe(false)
  })

  it('an unknown union tag deep inside is `unknown-tag` at its `type`', () => {
    const {user} = event()
    const value = {type: 'newChatItems', user, chatItems: [{chatInfo: {type: 'channelFromTheFuture'}, chatItem: {}}]}
    const result = decodeChatEvent(value)
    expect(result.ok ? null : result.error).toMatchObject({code: 'unknown-tag', path: '$.chatItems[0].chatInfo.type'})
    const lenient = decodeChatEvent(value, {mode: 'lenient'})
    expect(lenient.ok).toBe(true)
    expect(lenient.issues[0]).toMatchObject({code: 'unknown-tag', path: '$.chatItems[0].chatInfo.type'})
  })

  it('lenient mode still fails a value that is not an object, or an unknown event', () => {
    expect(decodeChatEvent(null, {mode: 'lenient'}).ok).toBe(false)
    expect(decodeChatEvent([], {mode: 'lenient'}).ok).toBe(false)
    expect(decodeChatEvent({type: 'fromTheFuture'}, {mode: 'lenient'}).ok).toBe(false)
  })
})

describe('primitives', () => {
  const user = () => invitationForNewestDocs().user as Record<string, unknown>

  it.each([
    ['userId', 1.5, 'int64 integer', '1.5'],
    ['userId', '1', 'int64 integer', '"1"'],
    ['activeUser', 1, 'bool', '1'],
    ['localDisplayName', null, 'string', 'null'],
    ['profile', [], 'LocalProfile object', 'an array'],
    ['userMemberProfileUpdatedAt', 17, 'UTCTime string', '17'],
    ['userMemberProfileUpdatedAt', '2025-05-03 08:42:55', 'UTCTime string', '"2025-05-03 08:42:55"'],
  ])('%s = %j fails: expected %s, got %s', (field, value, expected, found) => {
    const result = decodeUser({...user(), [field]: value})
    expect(result.ok ? null : result.error).toMatchObject({
      path: `$.${field}`,
      expected,
      found,
      message: `$.${field}: expected ${expected}, got ${found}`,
    })
  })

  it.each([
    '2025-05-03T08:42:55Z',
    '2025-05-03T08:42:55.1Z',
    '2025-05-03T08:42:55.123456789Z',
    '2025-05-03T08:42:55.5+02:00',
  ])('accepts the UTCTime %s', (time) => {
    expect(decodeUser({...user(), userMemberProfileUpdatedAt: time}).ok).toBe(true)
  })

  it('optional fields may be absent, never null', () => {
    const value = user()
    delete value.userMemberProfileUpdatedAt
    expect(decodeUser(value).ok).toBe(true)
    expect(decodeUser({...value, userMemberProfileUpdatedAt: null}).ok).toBe(false)
  })
})

describe('entry points', () => {
  it('decodes JSON text and reports text that is not JSON', () => {
    const text = JSON.stringify(invitationForNewestDocs())
    expect(decodeChatEventJson(text).ok).toBe(true)
    const broken = decodeChatEventJson('{"type": ')
    expect(broken.ok ? null : broken.error).toMatchObject({code: 'syntax', path: '$'})
  })

  it('decodeFrame reports a broken envelope', () => {
    expect(decodeFrame('{not json')).toMatchObject({kind: 'error', error: {code: 'syntax'}})
    expect(decodeFrame('[]')).toMatchObject({kind: 'error', error: {path: '$'}})
    expect(decodeFrame('{"corrId": 1, "resp": {}}')).toMatchObject({kind: 'error', error: {path: '$.corrId'}})
    expect(decodeFrame('{"resp": "x"}')).toMatchObject({kind: 'error', error: {path: '$.resp'}})
    expect(decodeFrame('{}')).toMatchObject({kind: 'error', error: {path: '$.resp', code: 'missing'}})
  })

  it('assertChatEvent returns the event or throws one DecodeError with every issue', () => {
    const event = invitationForNewestDocs()
    expect(assertChatEvent(event)).toBe(event)
    expect(() => assertChatEvent({type: 'contactConnected'})).toThrow(DecodeError)
    try {
      assertChatEvent({type: 'contactConnected'}, {allErrors: true})
    } catch (error) {
      expect((error as DecodeError).issues.map((issue) => issue.path)).toEqual(['$.user', '$.contact'])
    }
  })

  it('guards narrow and check deeply', () => {
    const event = invitationForNewestDocs()
    expect(isValidChatEvent(event)).toBe(true)
    expect(isValidChatEvent({...event, type: 'newChatItems'})).toBe(false)
    expect(isValidUser(event.user)).toBe(true)
    expect(isValidUser({...(event.user as object), userId: 'x'})).toBe(false)
  })

  it('the dispatcher calls the handler of the event tag with the narrowed event, or the fallback', () => {
    const seen: string[] = []
    const dispatch = createDispatcher<ChatEvent, string>(
      {
        receivedGroupInvitation: (event) => `invited to ${event.groupInfo.groupProfile.displayName}`,
        newChatItems: (event) => `${event.chatItems.length} items`,
      },
      (event) => {
        seen.push(event.type)
        return 'fallback'
      },
    )
    const invitation = assertChatEvent(invitationForNewestDocs())
    expect(dispatch(invitation)).toMatch(/^invited to /)
    const connected = {type: 'hostConnected', protocol: 'smp', transportHost: 'h'} as unknown as ChatEvent
    expect(dispatch(connected)).toBe('fallback')
    expect(seen).toEqual(['hostConnected'])
  })
})
