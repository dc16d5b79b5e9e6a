/**
 * The failure path starts where the fast check said no (`failed` in templates/runtime.ts): the issues it
 * reports are those a walk from the first field would, whatever the fast check left behind.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {decodeChatEvent, isValidChatEvent} from '../generated/src/index.js'

type Frame = Record<string, any>

const FRAME = path.resolve(import.meta.dirname, 'fixtures', 'frames', 'complete', 'receivedGroupInvitation-1.json')
/** The real v6.5.4.1 group invitation, valid for the compatibility build. */
const frame = (): Frame => JSON.parse(readFileSync(FRAME, 'utf8'))

const firstPath = (value: unknown) => {
  const result = decodeChatEvent(value)
  return result.ok ? null : `${result.error.code} ${result.error.path}`
}
const allPaths = (value: unknown) => decodeChatEvent(value, {allErrors: true}).issues.map((issue) => issue.path)

/** A copy of `object` with its own fields in reverse order. */
const reversed = (object: Frame): Frame => Object.fromEntries(Object.entries(object).reverse())

describe('the failure path', () => {
  it('reports a required field missing after the failed one first', () => {
    const value = frame()
    value.user.userId = 'x'
    delete value.user.activeUser
    expect(firstPath(value)).toBe('missing $.user.activeUser')
    expect(allPaths(value)).toEqual(['$.user.activeUser', '$.user.userId'])
    expect(decodeChatEvent(value, {mode: 'lenient'}).issues.map((issue) => issue.path)).toEqual([
      '$.user.activeUser',
      '$.user.userId',
    ])
  })

  it('reports the failed field itself when it is missing, and the fields after it with allErrors', () => {
    const value = frame()
    delete value.user.activeOrder
    value.contact.contactUsed = 1
    expect(firstPath(value)).toBe('missing $.user.activeOrder')
    expect(allPaths(value)).toEqual(['$.user.activeOrder', '$.contact.contactUsed'])
  })

  it('finds the issue after a value the fast check refuses and the walk accepts (an object without a prototype)', () => {
    const value = frame()
    value.user = Object.assign(Object.create(null), value.user)
    value.contact.contactUsed = 1
    expect(firstPath(value)).toBe('type $.contact.contactUsed')
    expect(allPaths(value)).toEqual(['$.contact.contactUsed'])
  })

  it('reports the same issues whatever order the fields come in', () => {
    const inOrder = frame()
    inOrder.user.userId = 'x'
    inOrder.user.showNtfs = 1
    delete inOrder.user.activeUser
    const outOfOrder = {...inOrder, user: reversed(inOrder.user)}
    for (const options of [undefined, {allErrors: true}, {mode: 'lenient' as const}])
      expect(decodeChatEvent(outOfOrder, options)).toEqual(decodeChatEvent(inOrder, options))
    expect(firstPath(outOfOrder)).toBe('missing $.user.activeUser')
  })

  it('reads a non-enumerable documented field by name when the walk does not see it', () => {
    const value = frame()
    const {showNtfs} = value.user
    delete value.user.showNtfs
    Object.defineProperty(value.user, 'showNtfs', {value: showNtfs, enumerable: false})
    value.user.userId = 'x'
    expect(firstPath(value)).toBe('type $.user.userId')
  })

  it('reads a non-enumerable optional field by name when the walk does not see it (allErrors, lenient)', () => {
    const value = frame()
    value.user.userId = 'x'
    Object.defineProperty(value.user, 'viewPwdHash', {value: 7, enumerable: false})
    Object.defineProperty(value.user, 'uiThemes', {value: 'y', enumerable: false})
    const paths = ['$.user.userId', '$.user.viewPwdHash', '$.user.uiThemes']
    expect(allPaths(value)).toEqual(paths)
    expect(decodeChatEvent(value, {mode: 'lenient'}).issues.map((issue) => issue.path)).toEqual(paths)
    // The same object without them: the optional fields are absent, nothing more is reported.
    const plain = frame()
    plain.user.userId = 'x'
    expect(allPaths(plain)).toEqual(['$.user.userId'])
  })

  it('is not misled by an earlier failure on the same objects, or by a guard', () => {
    const value = frame()
    value.user.userId = 'x'
    expect(firstPath(value)).toBe('type $.user.userId')
    expect(isValidChatEvent(value)).toBe(false)
    value.user.userId = 1
    value.user.localDisplayName = 2
    expect(firstPath(value)).toBe('type $.user.localDisplayName')
    value.user.localDisplayName = 'name'
    expect(firstPath(value)).toBeNull()
  })

  it('is not misled by a decoder that a getter runs while the fast check reads', () => {
    const value = frame()
    const other = frame()
    other.groupInfo.groupId = 'x'
    const {userId} = value.user
    Object.defineProperty(value.user, 'userId', {
      enumerable: true,
      get: () => (decodeChatEvent(other).ok ? userId : userId),
    })
    value.contact.contactUsed = 1
    expect(firstPath(value)).toBe('type $.contact.contactUsed')
    expect(allPaths(value)).toEqual(['$.contact.contactUsed'])
  })

  it('gives the same issues when Object.prototype has an enumerable key (the walk would yield it)', () => {
    const value = frame()
    value.user.userId = 'x'
    delete value.user.sendRcptsContacts
    const before = decodeChatEvent(value, {allErrors: true})
    Object.defineProperty(Object.prototype, 'sendRcptsContacts', {
      value: true,
      enumerable: true,
      configurable: true,
      writable: true,
    })
    let polluted: unknown
    let first: string | null
    try {
      polluted = decodeChatEvent(value, {allErrors: true})
      first = firstPath(value)
    } finally {
      delete (Object.prototype as Record<string, unknown>).sendRcptsContacts
    }
    expect(polluted).toEqual(before)
    expect(first).toBe('missing $.user.sendRcptsContacts')
  })

  it('starts an array at the element that failed: the issue of a later element, at its index', () => {
    const value = frame()
    value.contact.chatTags = [1, 2, 'x', 4, 'y']
    expect(firstPath(value)).toBe('type $.contact.chatTags[2]')
    expect(allPaths(value)).toEqual(['$.contact.chatTags[2]', '$.contact.chatTags[4]'])
  })
})
