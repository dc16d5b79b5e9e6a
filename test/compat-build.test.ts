/**
 * The committed package, `generated/`, is the compatibility build over every doc version of spec/compat.json
 * (2025-09-27, 2026-088a33e, the fork d94cbb0 and the pinned newest) with the overlay: it decodes the real
 * frames in default mode that the single-version build of the newest docs (generated here in memory) rejects,
 * and still rejects what no version makes optional.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import * as compat from '../generated/src/decode.js'
import {isValidChatEvent, isValidChatResponse} from '../generated/src/guards.js'
import {specInfo} from '../generated/src/spec-info.js'
import {chatEventTags} from '../generated/src/events.js'
import {importDecodersOf, type Decoders} from './support/decoders-of.js'
import {readFrame} from './support/frames.js'

const SPEC = path.resolve(import.meta.dirname, '..', 'spec')
const FRAMES = path.resolve(import.meta.dirname, 'fixtures', 'frames')
const framesIn = (folder: string) => readdirSync(path.join(FRAMES, folder)).map((name) => `${folder}/${name}`)

/** A frame's `resp` decoded as an event when its tag is one, else as a response (no `corrId` here). */
function decode(decoders: Decoders | typeof compat, value: Record<string, any>, allErrors = false) {
  const options = {allErrors}
  return (chatEventTags as readonly string[]).includes(value.type)
    ? decoders.decodeChatEvent(value, options)
    : decoders.decodeChatResponse(value, options)
}

let newest: Decoders

beforeAll(async () => {
  ;({decoders: newest} = await importDecodersOf(SPEC, path.join(SPEC, 'overlay.json'), []))
})

describe('the compat build of every doc version', () => {
  it('is what generated/ holds: specInfo lists the four versions, oldest first', () => {
    expect(specInfo.versions.map((version) => version.label)).toEqual([
      '2025-09-27',
      '2026-088a33e',
      '2026-fork-d94cbb0',
      '2026-03c8bf5',
    ])
  })

  it.each(framesIn('complete'))('decodes the complete event %s in default mode', (name) => {
    const result = compat.decodeChatEvent(readFrame(name))
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([])
  })

  // agentSubs and userPrivacy through the overlay's additions, userContactLink-2 and userContactLinkUpdated-1 (a
  // 2025-05 UserContactLink of connLinkContact alone) through its optional corrections: no doc version has them.
  it.each(framesIn('responses'))('decodes the reply %s in default mode', (name) => {
    const result = compat.decodeChatResponse(readFrame(name), {allErrors: true})
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([])
  })

  // The guards run the decoders' checks: they follow the merged IR.
  it('has guards that accept every complete real event and reply, and reject a trimmed one', () => {
    for (const name of framesIn('complete')) expect(isValidChatEvent(readFrame(name)), name).toBe(true)
    for (const name of framesIn('responses')) expect(isValidChatResponse(readFrame(name)), name).toBe(true)
    expect(isValidChatEvent(readFrame('trimmed/newChatItems-1.json'))).toBe(false)
  })

  it('where the single-version build of the newest docs rejects newChatItems-1', () => {
    expect(newest.decodeChatEvent(readFrame('complete/newChatItems-1.json')).ok).toBe(false)
    expect(compat.decodeChatEvent(readFrame('complete/newChatItems-1.json')).ok).toBe(true)
  })

  it.each(framesIn('trimmed').filter((name) => name !== 'trimmed/chatCmdError-1.json'))(
    'still rejects the trimmed %s, for fields every version requires (a subset of what the newest build lacks)',
    (name) => {
      const missing = (result: ReturnType<typeof decode>) =>
        result.ok ? [] : result.issues.filter((issue) => issue.code === 'missing').map((issue) => issue.path)
      const ofCompat = decode(compat, readFrame(name), true)
      expect(ofCompat.ok).toBe(false)
      const inNewest = new Set(missing(decode(newest, readFrame(name), true)))
      expect(missing(ofCompat).filter((at) => !inNewest.has(at))).toEqual([])
    },
  )

  it('decodes a ConnStatus as the 2025-09-27 docs send it (an enum string), which the newest build rejects', () => {
    // No captured frame has one: the real v6.5.4.1 event with its connection status written as 2025-09-27's enum.
    const value = readFrame('complete/receivedGroupInvitation-1.json')
    value.contact.activeConn.connStatus = 'ready'
    expect(compat.decodeChatEvent(value).ok).toBe(true)
    expect(newest.decodeChatEvent(value).ok).toBe(false)
  })

  it('decodes the trimmed chatCmdError-1, which lacks nothing a reply needs', () => {
    expect(compat.decodeChatResponse(readFrame('trimmed/chatCmdError-1.json')).ok).toBe(true)
  })
})
