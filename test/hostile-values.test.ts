/**
 * The contract of the decoders and guards for values that are not JSON data (the API takes `unknown`):
 * they read JSON data (plain objects whose prototype is `Object.prototype` or `null`, arrays, primitives);
 * an exception while reading a value is an `unreadable` issue at its path, never re-thrown and never
 * `depth`; an object with another prototype is not a JSON object, so inherited fields never count.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {
  assertChatEvent,
  DecodeError,
  decodeChatEvent,
  decodeChatEventJson,
  decodeChatWallpaper,
  decodeFrame,
  isValidChatEvent,
  isValidChatWallpaper,
  isValidUser,
  type DecodeMode,
} from '../generated/src/index.js'
import {invitationForNewestDocs} from './support/frames.js'

const FRAME = path.resolve(import.meta.dirname, 'fixtures', 'frames', 'complete', 'receivedGroupInvitation-1.json')
const FRAME_TEXT = readFileSync(FRAME, 'utf8')
const MODES: readonly DecodeMode[] = ['strict', 'default', 'lenient']

/** The real event, fresh each time, completed for the pinned docs (`invitationForNewestDocs`): strict mode accepts it. */
const event = invitationForNewestDocs

/** The event with `user` replaced by `user(validUser)`, keeping the key order. */
function withUser(user: (valid: Record<string, unknown>) => unknown): Record<string, unknown> {
  const value = event()
  return {...value, user: user(value.user)}
}

function throwingGetter(error: unknown): Record<string, unknown> {
  const value = event()
  Object.defineProperty(value, 'user', {
    enumerable: true,
    get() {
      throw error
    },
  })
  return value
}

function revokedProxy(): object {
  const {proxy, revoke} = Proxy.revocable({}, {})
  revoke()
  return proxy
}

const boom = () => {
  throw new Error('boom')
}

/**
 * Decode in every mode and with a guard: never a throw; each decoder reports `code` at `path` first. It
 * fails, except in lenient mode for a missing field or a wrong type below `$`, which keep the value.
 */
function expectFailure(value: unknown, code: string, path: string, guard = isValidChatEvent): void {
  const kept = (code === 'type' || code === 'missing') && path !== '$'
  for (const mode of MODES) {
    for (const allErrors of [false, true]) {
      const result = decodeChatEvent(value, {mode, allErrors})
      expect(result.ok, `${mode}${allErrors ? ' allErrors' : ''}`).toBe(mode === 'lenient' && kept)
      expect(result.issues[0], `${mode}`).toMatchObject({code, path})
    }
  }
  expect(() => assertChatEvent(value)).toThrow(DecodeError)
  expect(guard(value)).toBe(false)
}

describe('a value whose reading throws is unreadable at its path, in every mode, and guards return false', () => {
  it('a getter that throws (decodeChatEvent, isValidChatEvent)', () => {
    const value = throwingGetter(new Error('boom'))
    expectFailure(value, 'unreadable', '$.user')
    const result = decodeChatEvent(value)
    expect(result.ok ? null : result.error).toMatchObject({
      expected: 'a readable JSON value',
      found: 'a value whose reading threw Error: boom',
      message: '$.user: could not be read: Error: boom',
    })
  })

  it('a getter that throws a RangeError is unreadable, not depth', () => {
    expectFailure(throwingGetter(new RangeError('Invalid array length')), 'unreadable', '$.user')
    // Even a thrown value that is not an Error, or one whose own properties throw.
    const hostile = new Proxy(new RangeError('x'), {get: boom, getPrototypeOf: boom})
    expectFailure(throwingGetter(hostile), 'unreadable', '$.user')
    expectFailure(throwingGetter(undefined), 'unreadable', '$.user')
  })

  it('a getter on an array element is reported at the element', () => {
    const value = event()
    const members: unknown[] = []
    Object.defineProperty(members, 0, {enumerable: true, get: boom})
    const newChatItems = {type: 'newChatItems', user: value.user, chatItems: members}
    expectFailure(newChatItems, 'unreadable', '$.chatItems[0]')
  })

  it('a Proxy whose get trap throws', () => {
    expectFailure(new Proxy(event(), {get: boom}), 'unreadable', '$.type')
    expectFailure(
      withUser((user) => new Proxy(user, {get: boom})),
      'unreadable',
      '$.user.userId',
    )
    expect(isValidUser(new Proxy(event().user, {get: boom}))).toBe(false)
  })

  it('a Proxy whose ownKeys trap throws: read by name it decodes; strict mode, which lists its keys, finds it unreadable', () => {
    const proxied = withUser((user) => new Proxy(user, {ownKeys: boom}))
    expect(decodeChatEvent(proxied)).toMatchObject({ok: true})
    expect(decodeChatEvent(proxied, {mode: 'strict'})).toMatchObject({
      ok: false,
      error: {code: 'unreadable', path: '$.user'},
    })
    expect(isValidUser(new Proxy(event().user, {ownKeys: boom}))).toBe(true)
  })

  it('a Proxy whose getPrototypeOf trap throws', () => {
    expectFailure(new Proxy(event(), {getPrototypeOf: boom}), 'unreadable', '$')
    expectFailure(
      withUser((user) => new Proxy(user, {getPrototypeOf: boom})),
      'unreadable',
      '$.user',
    )
  })

  it('a revoked Proxy, as the event, as a field, as an array', () => {
    expectFailure(revokedProxy(), 'unreadable', '$')
    expectFailure(
      withUser(() => revokedProxy()),
      'unreadable',
      '$.user',
    )
    expectFailure({type: 'newChatItems', user: event().user, chatItems: revokedProxy()}, 'unreadable', '$.chatItems')
    expect(isValidUser(revokedProxy())).toBe(false)
  })

  it('a primitive field holding a revoked Proxy is a type issue whose message does not throw', () => {
    const value = withUser((user) => ({...user, activeUser: revokedProxy()}))
    expectFailure(value, 'type', '$.user.activeUser')
    const result = decodeChatEvent(value)
    expect(result.ok ? null : result.error.found).toBe('an unreadable value')
  })

  it('an unreadable issue fails lenient mode too, and comes first', () => {
    const value = throwingGetter(new Error('boom'))
    value.memberRole = 'superAdmin'
    const result = decodeChatEvent(value, {mode: 'lenient'})
    expect(result.ok).toBe(false)
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([['unreadable', '$.user']])
  })
})

describe('only plain JSON objects: inherited fields never count', () => {
  it('Object.create({user: validUser}) is not an event', () => {
    const {user, ...rest} = event()
    const value = Object.assign(Object.create({user}), rest)
    expect(value.user).toBe(user)
    expectFailure(value, 'type', '$')
    const result = decodeChatEvent(value)
    expect(result.ok ? null : result.error.message).toBe('$: expected ChatEvent object, got a non-plain object')
  })

  it('a user whose fields are all inherited, a class instance and an array subclass are rejected at their path', () => {
    expectFailure(
      withUser((user) => Object.create(user)),
      'type',
      '$.user',
    )
    class User {
      constructor(fields: object) {
        Object.assign(this, fields)
      }
    }
    expectFailure(
      withUser((user) => new User(user)),
      'type',
      '$.user',
    )
    expect(isValidUser(Object.create(event().user))).toBe(false)
    class Items extends Array {}
    expectFailure({type: 'newChatItems', user: event().user, chatItems: new Items()}, 'type', '$.chatItems')
  })

  it('an inherited getter of the first field that throws: the value is still rejected at its path, never thrown', () => {
    // The fast check of a record reads its first field before it tests the prototype (V8 then folds the
    // test): on an object that is not plain, that read may run an inherited getter.
    const user = withUser((valid) => {
      const [first, ...others] = Object.keys(valid)
      const prototype = Object.defineProperty({}, first!, {
        get() {
          throw new Error('inherited getter')
        },
      })
      return Object.assign(Object.create(prototype), Object.fromEntries(others.map((key) => [key, valid[key]])))
    })
    expectFailure(user, 'type', '$.user')
    expect(decodeChatEvent(user)).toMatchObject({ok: false, error: {found: 'a non-plain object'}})
    // Inherited and valid, the other fields own: what the fast check read is fine, its prototype test is not.
    const inherited = withUser((valid) => {
      const [first, ...others] = Object.keys(valid)
      const prototype = {[first!]: valid[first!]}
      return Object.assign(Object.create(prototype), Object.fromEntries(others.map((key) => [key, valid[key]])))
    })
    expectFailure(inherited, 'type', '$.user')
  })

  it('an own "__proto__" field (JSON.parse makes one) is a field the docs do not list, not the prototype', () => {
    const {user, ...rest} = event()
    const text = JSON.stringify({...rest, user: {__proto__: null, ...user}}).replace(
      '"user":{',
      '"user":{"__proto__":{"x":1},',
    )
    const value = JSON.parse(text)
    expect(Object.getPrototypeOf(value.user)).toBe(Object.prototype)
    expect(Object.hasOwn(value.user, '__proto__')).toBe(true)
    expect(decodeChatEvent(value).ok).toBe(true)
    expect(decodeChatEvent(value, {mode: 'strict'})).toMatchObject({
      ok: false,
      error: {code: 'extra', path: '$.user.__proto__'},
    })
    // An own "__proto__" field holding Object.prototype on an object without one: still not a plain object's prototype.
    const bare = Object.assign(Object.create(null), user)
    Object.defineProperty(bare, '__proto__', {value: Object.prototype, enumerable: true})
    expect(Object.getPrototypeOf(bare)).toBeNull()
    expect(decodeChatEvent({...event(), user: bare}).ok).toBe(true)
    expect(decodeChatEvent({...event(), user: Object.assign(bare, {userId: 'x'})})).toMatchObject({
      ok: false,
      error: {code: 'type', path: '$.user.userId'},
    })
  })

  it('an object without a prototype is a JSON object', () => {
    const value = event()
    const user = Object.assign(Object.create(null), value.user)
    expect(decodeChatEvent({...value, user}, {mode: 'strict'}).ok).toBe(true)
    expect(isValidUser(user)).toBe(true)
  })
})

describe('non-enumerable and symbol-keyed own properties', () => {
  it('a non-enumerable wrong-typed own field fails strict mode', () => {
    const value = event()
    Object.defineProperty(value, 'hidden', {value: 'x', enumerable: false})
    const result = decodeChatEvent(value, {mode: 'strict'})
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'type',
      path: '$',
      expected: 'a plain JSON object (no non-enumerable or symbol-keyed properties)',
    })
    const nested = withUser((user) => Object.defineProperty({...user}, Symbol('s'), {value: 1, enumerable: true}))
    expect(decodeChatEvent(nested, {mode: 'strict'})).toMatchObject({ok: false, error: {path: '$.user'}})
    // JSON.stringify would not write them: the other modes do not see them.
    expect(decodeChatEvent(value).ok).toBe(true)
  })

  it('a non-enumerable field is read by name like any own field: of the wrong type it is a type issue, in every mode', () => {
    const value = event()
    Object.defineProperty(value, 'user', {value: 'not a user', enumerable: false})
    expectFailure(value, 'type', '$.user')
    const user = event().user
    Object.defineProperty(user, 'userId', {value: 'x', enumerable: false})
    expect(isValidUser(user)).toBe(false)
  })
})

describe('decodeFrame and decodeChatEventJson never throw on what they are given', () => {
  const hostileTexts: [string, unknown][] = [
    ['an object whose toString throws', {toString: boom}],
    ['a getter on Symbol.toPrimitive that throws', Object.defineProperty({}, Symbol.toPrimitive, {get: boom})],
    ['a Proxy whose get trap throws', new Proxy({}, {get: boom})],
    ['a revoked Proxy', revokedProxy()],
  ]

  it.each(hostileTexts)('%s as the text is unreadable at $', (_, text) => {
    for (const mode of MODES) {
      expect(decodeFrame(text as string, {mode})).toMatchObject({kind: 'error', error: {code: 'unreadable', path: '$'}})
      expect(decodeChatEventJson(text as string, {mode})).toMatchObject({
        ok: false,
        error: {code: 'unreadable', path: '$'},
      })
    }
  })

  it('a Proxy whose ownKeys or getPrototypeOf trap throws is turned into text as JSON.parse does', () => {
    for (const text of [new Proxy({}, {ownKeys: boom}), new Proxy({}, {getPrototypeOf: boom})])
      expect(decodeFrame(text as unknown as string)).toMatchObject({kind: 'error', error: {code: 'syntax'}})
  })

  it('options whose getter throws, or a revoked Proxy as options, are a bad-option error', () => {
    const text = `{"resp":${FRAME_TEXT}}`
    for (const options of [
      {
        get mode(): DecodeMode {
          return boom()
        },
      },
      revokedProxy(),
    ]) {
      expect(decodeFrame(text, options)).toMatchObject({kind: 'error', error: {code: 'bad-option', path: '$'}})
      expect(decodeChatEvent(event(), options)).toMatchObject({ok: false, error: {code: 'bad-option'}})
    }
  })

  it('a "__proto__" key in a frame is an own field: it never supplies an inherited user', () => {
    const {user, ...rest} = event()
    const withProto = `{"resp":{"__proto__":${JSON.stringify({user})},${JSON.stringify(rest).slice(1)}}`
    expect(JSON.parse(withProto).resp.user).toBeUndefined()
    expect(decodeFrame(withProto)).toMatchObject({kind: 'error', error: {code: 'missing', path: '$.resp.user'}})
    const strict = decodeFrame(withProto, {mode: 'strict', allErrors: true})
    expect(strict.kind === 'error' && strict.issues.map((issue) => [issue.code, issue.path])).toContainEqual([
      'extra',
      '$.resp.__proto__',
    ])
  })
})

describe('options', () => {
  it('an unknown mode is a bad-option failure, not the default mode', () => {
    const result = decodeChatEvent(event(), {mode: 'lenent' as DecodeMode})
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'bad-option',
        path: '$',
        message: '$: bad option mode: expected "strict" | "default" | "lenient", got "lenent"',
      },
    })
    expect(decodeFrame(`{"resp":${FRAME_TEXT}}`, {mode: 'lenent' as DecodeMode})).toMatchObject({
      kind: 'error',
      error: {code: 'bad-option'},
    })
    expect(decodeChatEventJson('{', {mode: 'lenent' as DecodeMode})).toMatchObject({error: {code: 'bad-option'}})
    expect(() => assertChatEvent(event(), {mode: 'lenent' as DecodeMode})).toThrow(DecodeError)
  })

  it('a non-boolean allErrors and a bad maxIssues are bad-option failures', () => {
    for (const options of [{allErrors: 'true'}, {maxIssues: 0}, {maxIssues: 2.5}, {maxIssues: '100'}])
      expect(decodeChatEvent(event(), options as object)).toMatchObject({ok: false, error: {code: 'bad-option'}})
  })
})

describe('numbers', () => {
  it('double rejects Infinity and NaN (never made by JSON.parse, but the API takes unknown)', () => {
    for (const scale of [Infinity, -Infinity, Number.NaN]) {
      const result = decodeChatWallpaper({preset: 'cats', scale})
      expect(result.ok ? null : result.error, String(scale)).toMatchObject({
        code: 'type',
        path: '$.scale',
        expected: 'double number',
      })
      expect(isValidChatWallpaper({scale})).toBe(false)
    }
    expect(decodeChatWallpaper({preset: 'cats', scale: 1.5}).ok).toBe(true)
  })
})
