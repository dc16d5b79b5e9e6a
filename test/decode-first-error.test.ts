/**
 * The default mode's first error is found from the chain of failures the fast checks recorded
 * (`firstFailure` in templates/shape-checks.ts) instead of by the slow checks. It must be the very issue the
 * slow checks report when they walk the value from its root (no recorded failure to start from): same code,
 * path, expected, found and message, for every field of real and drawn events broken in every way, and
 * through arrays, unions, enums, maps, fields typed by version and getters that throw part of the way down.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {decodeChatEvent, decodeFrame, isValidChatEvent} from '../generated/src/index.js'
import {shapes} from '../generated/src/decode.js'
import {checkSafely, clearFastFailures, createContext, finish, type DecodeResult} from '../generated/src/runtime.js'
import {checkShape, firstFailure} from '../generated/src/shape-checks.js'
import {sampleEvents, loadSchema, type JsonObject} from './support/arbitraries.js'

type Segments = (string | number)[]

const FRAMES = path.resolve(import.meta.dirname, 'fixtures', 'frames', 'complete')
const realFrame = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(path.join(FRAMES, `${name}.json`), 'utf8'))

const EVENTS = shapes.findIndex((shape) => 'name' in shape && shape.name === 'ChatEvent')

/** What the slow checks alone report: walked from the root, no recorded failure to start from. */
function slowFirstError(value: unknown): DecodeResult<unknown> {
  clearFastFailures()
  const context = createContext(undefined)
  checkSafely((v, c, k) => checkShape(shapes, EVENTS, v, c, k), value, context, undefined)
  clearFastFailures()
  return finish(context, value)
}

/** What the chain walk reports right after the fast check said no; `undefined` when it leaves it to the checks. */
function chainFirstError(value: unknown): DecodeResult<unknown> | undefined {
  clearFastFailures()
  const shape = shapes[EVENTS]!
  if ('fast' in shape && shape.fast!(value)) return undefined
  const result = firstFailure(shapes, EVENTS, value, undefined)
  clearFastFailures()
  return result
}

/** Every path of a JSON value, depth first. */
function paths(value: unknown, at: Segments = [], out: Segments[] = []): Segments[] {
  if (at.length > 0) out.push(at)
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...at, index], out))
  else if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value)) paths((value as JsonObject)[key], [...at, key], out)
  return out
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** A copy of `root` with `change` applied to the parent of `at` and its last segment. */
function changed(root: JsonObject, at: Segments, change: (parent: any, key: string | number) => void): JsonObject {
  const copy = clone(root)
  let parent: any = copy
  for (const segment of at.slice(0, -1)) parent = parent[segment]
  change(parent, at[at.length - 1]!)
  return copy
}

const MUTATIONS: [string, (parent: any, key: string | number) => void][] = [
  ['deleted', (parent, key) => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key])],
  ['a number', (parent, key) => (parent[key] = 7)],
  ['a string', (parent, key) => (parent[key] = 'x')],
  ['null', (parent, key) => (parent[key] = null)],
  ['an array', (parent, key) => (parent[key] = [1])],
  ['an object', (parent, key) => (parent[key] = {type: 'notATag'})],
  ['undefined', (parent, key) => (parent[key] = undefined)],
]

/** How many of the failing inputs the chain walk answered itself (the rest it left to the checks). */
const answered = {chain: 0, checks: 0}

function expectSameFirstError(value: unknown, label: string): void {
  const expected = slowFirstError(value)
  const actual = decodeChatEvent(value)
  expect(actual, label).toEqual(expected)
  expect(isValidChatEvent(value), label).toBe(expected.ok)
  if (expected.ok) return
  const chain = chainFirstError(value)
  if (chain === undefined) answered.checks++
  else {
    answered.chain++
    expect(chain, label).toEqual(expected)
  }
}

describe('the first error from the recorded chain', () => {
  let drawn: JsonObject[] = []
  beforeAll(async () => {
    drawn = sampleEvents(await loadSchema(), 60, 20261204)
  })

  it('is the slow checks’ first error for every field of the real frames, broken every way', () => {
    for (const name of ['receivedGroupInvitation-1', 'newChatItems-1']) {
      const frame = realFrame(name)
      expect(decodeChatEvent(frame).ok).toBe(true)
      for (const at of paths(frame))
        for (const [how, change] of MUTATIONS)
          expectSameFirstError(changed(frame, at, change), `${name} ${at.join('.')} ${how}`)
    }
    // Deep failures (arrays, unions, enums) are answered from the chain, not left to the checks.
    expect(answered.chain).toBeGreaterThan(answered.checks * 4)
  })

  it('is the slow checks’ first error with a field broken and a later one of the same object absent', () => {
    const frame = realFrame('receivedGroupInvitation-1')
    let count = 0
    for (const at of [[], ...paths(frame)]) {
      let object: any = frame
      for (const segment of at) object = object[segment]
      if (object === null || typeof object !== 'object' || Array.isArray(object)) continue
      const keys = Object.keys(object)
      for (let first = 0; first < Math.min(keys.length, 3); first++)
        for (let later = first + 1; later < keys.length; later++)
          for (const how of ['deleted', 'undefined', 'hidden', 'moved first'] as const) {
            const broken = changed(frame, [...at, keys[first]!], (parent, key) => {
              parent[key] = typeof parent[key] === 'number' ? 'x' : 7
              const name = keys[later]!
              const kept = parent[name]
              delete parent[name]
              if (how === 'undefined') parent[name] = undefined
              if (how === 'hidden') Object.defineProperty(parent, name, {value: kept, enumerable: false})
              if (how === 'moved first') {
                const rest = {...parent}
                for (const key of Object.keys(parent)) delete parent[key]
                Object.assign(parent, {[name]: kept}, rest)
              }
            })
            expectSameFirstError(broken, `${[...at, keys[first]].join('.')} then ${keys[later]} ${how}`)
            count++
          }
    }
    expect(count).toBeGreaterThan(500)
  })

  it('is the slow checks’ first error for drawn events (every optional field at random), broken every way', () => {
    let count = 0
    for (const event of drawn) {
      const all = paths(event)
      // Every path of small events, a spread of them in large ones.
      const step = Math.max(1, Math.floor(all.length / 20))
      for (let index = 0; index < all.length; index += step)
        for (const [how, change] of MUTATIONS) {
          expectSameFirstError(
            changed(event, all[index]!, change),
            `${String(event.type)} ${all[index]!.join('.')} ${how}`,
          )
          count++
        }
    }
    expect(count).toBeGreaterThan(500)
  })

  it('reports a missing required field after the failed one, at each level of the chain', () => {
    const frame = realFrame('receivedGroupInvitation-1')
    frame.user.profile.displayName = 1
    delete frame.user.showNtfs
    expect(chainFirstError(frame)).toEqual(slowFirstError(frame))
    expect(decodeChatEvent(frame)).toEqual(slowFirstError(frame))
    expect((decodeChatEvent(frame) as {error: {path: string}}).error.path).toBe('$.user.showNtfs')
    frame.user.showNtfs = true
    delete frame.groupInfo
    // `user` failed first; `groupInfo`, after it at the top, is missing: the top object's first issue.
    expect(chainFirstError(frame)).toEqual(slowFirstError(frame))
    expect((decodeChatEvent(frame) as {error: {path: string}}).error.path).toBe('$.groupInfo')
  })

  it('reports an array element at its index, and a field under it, with the frame’s `resp` prefix', () => {
    let checked = 0
    for (const event of drawn)
      for (const at of paths(event)) {
        if (checked >= 60) break
        // A leaf under an array element: a field of an object in an array.
        const position = at.findIndex((segment) => typeof segment === 'number')
        if (position < 0 || position === at.length - 1 || typeof at[at.length - 1] !== 'string') continue
        let leaf: any = event
        for (const segment of at) leaf = leaf[segment]
        if (typeof leaf !== 'string' && typeof leaf !== 'number') continue
        const broken = changed(event, at, (parent, key) => (parent[key] = typeof leaf === 'string' ? 7 : 'x'))
        const result = decodeChatEvent(broken)
        expect(result).toEqual(slowFirstError(broken))
        if (result.ok || !result.error.path.includes('[')) continue
        // A map on the way (its fast check records nothing) is left to the checks.
        const chain = chainFirstError(broken)
        if (chain !== undefined) expect(chain).toEqual(result)
        const framed = decodeFrame(JSON.stringify({resp: broken}))
        expect(framed.kind === 'error' ? framed.error : null).toEqual({
          ...result.error,
          path: result.error.path.replace('$', '$.resp'),
          message: result.error.message.replace('$', '$.resp'),
        })
        checked++
      }
    expect(checked).toBeGreaterThan(20)
  })

  it('leaves a getter that throws part of the way down to the checks (an `unreadable` issue at its path)', () => {
    const frame = realFrame('receivedGroupInvitation-1')
    // The fast check fails at `userId` and never reads `activeUser`; the walk down reads it, and it throws.
    frame.user.userId = 'x'
    Object.defineProperty(frame.user, 'activeUser', {
      enumerable: true,
      get: () => {
        throw new TypeError('boom')
      },
    })
    const result = decodeChatEvent(frame)
    expect(result).toEqual(slowFirstError(frame))
    expect(result.ok ? null : [result.error.code, result.error.path, result.error.message]).toEqual([
      'unreadable',
      '$.user.activeUser',
      '$.user.activeUser: could not be read: TypeError: boom',
    ])
    expect(chainFirstError(frame)).toBeUndefined()
    expect(isValidChatEvent(frame)).toBe(false)
  })

  it('is not misled by a getter that changes what the fast check read', () => {
    const frame = realFrame('receivedGroupInvitation-1')
    let reads = 0
    // Wrong for the fast check, right for every read after it: the checks find nothing there.
    Object.defineProperty(frame.user, 'userId', {enumerable: true, get: () => (++reads > 1 ? 1 : 'x')})
    frame.contact.contactUsed = 1
    reads = 0
    const result = decodeChatEvent(frame)
    expect(result.ok ? null : result.error.path).toBe('$.contact.contactUsed')
    reads = 0
    expect(chainFirstError(frame)).toBeUndefined()
  })

  it('gives the same first error when Object.prototype holds a documented field', () => {
    const frame = realFrame('receivedGroupInvitation-1')
    frame.user.userId = 'x'
    delete frame.user.sendRcptsContacts
    for (const enumerable of [false, true]) {
      Object.defineProperty(Object.prototype, 'sendRcptsContacts', {value: true, enumerable, configurable: true})
      let result: unknown
      let chain: unknown
      try {
        result = decodeChatEvent(frame)
        chain = chainFirstError(frame)
      } finally {
        delete (Object.prototype as Record<string, unknown>).sendRcptsContacts
      }
      expect((result as {error: {path: string}}).error.path).toBe('$.user.sendRcptsContacts')
      if (chain !== undefined) expect(chain).toEqual(result)
    }
  })
})
