/**
 * A client whose default works: `createChatClient()` of the committed compat build, in default mode, against a
 * fake core that answers with the real replies of test/fixtures/frames and pushes its real complete events. Every
 * reply resolves and every event reaches its `on` handler with no issue, and nothing goes to `onUnhandled`. In
 * lenient mode, the issues of trimmed frames are grouped by shape: one per kind of difference, however many
 * frames show it.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import WebSocket from 'ws'
import {createChatClient, type ChatCommandName, type DecodeIssue, type IssueShape} from '../generated/src/index.js'
import {createFakeCore, type FakeCore} from '../generated/src/testing/index.js'
import {frameNames, readFrame} from './support/frames.js'

let core: FakeCore

beforeEach(async () => {
  core = await createFakeCore()
})

afterEach(async () => {
  await core.close()
})

const profile = {displayName: 'bot', fullName: ''}

/**
 * Each real reply with a command it answers. Not here: agentSubs and userPrivacy (the overlay adds them as
 * responses no command documents, so no command's reply union has them) and the trimmed frames.
 */
const REPLIES: readonly {frame: string; name: ChatCommandName; params: object}[] = [
  {frame: 'responses/activeUser-1.json', name: 'ShowActiveUser', params: {}},
  {frame: 'responses/usersList-1.json', name: 'ListUsers', params: {}},
  {frame: 'responses/userContactLink-1.json', name: 'APIShowMyAddress', params: {userId: 1}},
  {frame: 'responses/userContactLink-2.json', name: 'APIShowMyAddress', params: {userId: 1}},
  {frame: 'responses/userContactLinkCreated-1.json', name: 'APICreateMyAddress', params: {userId: 1}},
  {frame: 'responses/userContactLinkDeleted-1.json', name: 'APIDeleteMyAddress', params: {userId: 1}},
  {
    frame: 'responses/userContactLinkUpdated-1.json',
    name: 'APISetAddressSettings',
    params: {userId: 1, settings: {businessAddress: false}},
  },
  {frame: 'responses/userProfileUpdated-1.json', name: 'APIUpdateProfile', params: {userId: 1, profile}},
  {frame: 'responses/userProfileNoChange-1.json', name: 'APIUpdateProfile', params: {userId: 1, profile}},
  ...[1, 2, 3].map((n) => ({frame: `responses/chatCmdError-${n}.json`, name: 'ShowActiveUser' as const, params: {}})),
]

describe('createChatClient in default mode, on real frames', () => {
  it.each(REPLIES)('resolves $name with the real reply $frame', async ({frame, name, params}) => {
    core.on(name, () => readFrame(frame))
    const client = createChatClient({url: core.url, WebSocket})
    const unhandled: unknown[] = []
    client.onUnhandled((unhandledFrame) => unhandled.push(unhandledFrame))
    await client.connect()
    const reply = await client.send(name, params as never)
    expect(reply.type).toBe(readFrame(frame).type)
    expect([unhandled, client.issueShapes()]).toEqual([[], []])
    await client.close()
  })

  it('delivers each complete real event to its handler with no issue', async () => {
    const client = createChatClient({url: core.url, WebSocket})
    const unhandled: unknown[] = []
    client.onUnhandled((unhandledFrame) => unhandled.push(unhandledFrame))
    const delivered: {tag: string; issues: readonly DecodeIssue[]}[] = []
    client.onAny((event, issues) => delivered.push({tag: event.type, issues}))
    await client.connect()
    for (const name of frameNames('complete')) core.emit(readFrame(name))
    const tags = frameNames('complete').map((name) => readFrame(name).type)
    while (delivered.length < tags.length && unhandled.length === 0) await new Promise((wake) => setTimeout(wake, 5))
    expect(unhandled).toEqual([])
    expect(delivered).toEqual(tags.map((tag) => ({tag, issues: []})))
    await client.close()
  })
})

describe('lenient issues grouped by shape', () => {
  /** The trimmed real newChatItems, sent three times, once with a second item: each missing field is one shape. */
  async function shapesOfRepeatedFrames() {
    const client = createChatClient({url: core.url, WebSocket, mode: 'lenient'})
    const first: IssueShape[] = []
    client.onIssueShape((shape) => first.push(shape))
    let events = 0
    let issues = 0
    client.on('newChatItems', (_event, eventIssues) => {
      events++
      issues += eventIssues.length
    })
    await client.connect()
    const frame = readFrame('trimmed/newChatItems-1.json')
    const twoItems = {...frame, chatItems: [frame.chatItems[0], frame.chatItems[0]]}
    for (const resp of [frame, frame, twoItems]) core.emit(resp)
    while (events < 3) await new Promise((wake) => setTimeout(wake, 5))
    const shapes = client.issueShapes()
    await client.close()
    return {first, shapes, issues}
  }

  it('tells onIssueShape each shape once, and counts every issue under its shape', async () => {
    const {first, shapes, issues} = await shapesOfRepeatedFrames()
    expect(shapes.length).toBeGreaterThan(0)
    expect(first.map((shape) => shape.key)).toEqual(shapes.map((shape) => shape.key))
    expect(new Set(shapes.map((shape) => shape.key)).size).toBe(shapes.length)
    // Three frames with four items in all: every issue of an item is counted four times, under one shape.
    expect(shapes.reduce((sum, shape) => sum + shape.count, 0)).toBe(issues)
    for (const shape of shapes) {
      expect(shape.tag).toBe('newChatItems')
      expect(shape.path).not.toMatch(/\[\d+\]/)
      expect(shape.key).toBe(`newChatItems ${shape.code} ${shape.path} (${shape.expected})`)
    }
    const itemShapes = shapes.filter((shape) => shape.path.startsWith('$.chatItems[]'))
    expect(itemShapes.length).toBeGreaterThan(0)
    for (const shape of itemShapes) expect(shape.count).toBe(4)
  })

  it('holds at most issueShapeLimit shapes', async () => {
    const client = createChatClient({url: core.url, WebSocket, mode: 'lenient', issueShapeLimit: 1})
    let events = 0
    client.on('newChatItems', () => events++)
    await client.connect()
    core.emit(readFrame('trimmed/newChatItems-1.json'))
    while (events < 1) await new Promise((wake) => setTimeout(wake, 5))
    expect(client.issueShapes()).toHaveLength(1)
    await client.close()
  })
})
