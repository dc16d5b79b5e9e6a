/**
 * The generated package's `createChatClient`: the client template bound to the pinned docs (commands rendered
 * by the generated `commandString`, replies decoded by `decodeCommandResponse`, events by `decodeChatEvent`),
 * against the test kit's fake core, scripted to answer with real captured frames.
 */
import {afterEach, beforeEach, describe, expect, expectTypeOf, it} from 'vitest'
import WebSocket from 'ws'
import {createChatClient, type ChatCoreClient, type CR, type LenientKnown} from '../generated/src/index.js'
import {createFakeCore, type FakeCore} from '../generated/src/testing/index.js'
import {answerWithRealFrames, readFrame} from './support/frames.js'
import {SilentServer} from './support/silent-server.js'

let core: FakeCore
let client: ChatCoreClient<'lenient'>
beforeEach(async () => {
  core = answerWithRealFrames(await createFakeCore())
  // The captures come from servers older than the pinned docs: lenient mode lists what they lack.
  client = createChatClient({url: core.url, WebSocket, mode: 'lenient'})
  await client.connect()
})
afterEach(async () => {
  await client.close()
  await core.close()
})

describe('createChatClient', () => {
  it('sends the generated command string and resolves with the typed response of that command', async () => {
    const user = await client.send('ShowActiveUser', {})
    // Lenient mode: the response union, each member only as checked.
    expectTypeOf(user).toEqualTypeOf<LenientKnown<CR.ActiveUser | CR.ChatCmdError>>()
    expect(user.type).toBe('activeUser')
    if (user.type === 'activeUser') expect(user.user?.localDisplayName).toBe('BOT1_UPDATED')
    const sent = await client.send('APISendMessages', {
      sendRef: {chatType: 'group', chatId: 5, chatScope: {type: 'memberSupport', groupMemberId_: 7}},
      liveMessage: false,
      signMessages: false,
      composedMessages: [{msgContent: {type: 'text', text: 'hi'}, mentions: {}}],
    })
    expect(sent.type).toBe('newChatItems')
    expect(core.commands.map(({cmd}) => cmd)).toEqual([
      '/user',
      '/_send #5(_support:7) json [{"msgContent":{"type":"text","text":"hi"},"mentions":{}}]',
    ])
    expect(client.pendingCount).toBe(0)
  })

  it('delivers a real event to a handler narrowed by its tag, and reports an unknown one', async () => {
    const seen = new Promise<unknown>((resolve) =>
      client.on('receivedGroupInvitation', (event) => resolve(event.groupInfo?.groupProfile?.displayName)),
    )
    const unhandled = new Promise<string>((resolve) => client.onUnhandled((frame) => resolve(frame.reason)))
    core.emit(readFrame('not-in-current-docs/groupEmpty-1.json'))
    core.emit(readFrame('complete/receivedGroupInvitation-1.json'))
    expect(await unhandled).toBe('unknown-event')
    expect(typeof (await seen)).toBe('string')
  })

  it('sendOk rejects a chatCmdError reply with the typed chatError', async () => {
    core.on('ListUsers', () => readFrame('responses/chatCmdError-1.json'))
    const error = await client.sendOk('ListUsers', {}).catch((failure: unknown) => failure)
    expect(error).toMatchObject({name: 'ChatCommandError', command: 'ListUsers'})
    expect((error as {chatError: {type: string}}).chatError.type).toBeTypeOf('string')
  })

  it('connectTimeout and reconnect.maxAttempts: a server that never answers the upgrade is given up on', async () => {
    const silent = await SilentServer.start()
    try {
      const hung = createChatClient({
        url: silent.url,
        WebSocket,
        connectTimeout: 20,
        reconnect: {initialDelay: 1, jitter: 0, stableAfter: 1000, maxAttempts: 1},
      })
      const error = await hung.connect().catch((failure: unknown) => failure)
      expect(error).toMatchObject({name: 'ClientError', code: 'disconnected'})
      expect((error as Error).message).toBe(
        `gave up on ${silent.url} after 1 failed reconnection attempt: not open within 20 ms (connectTimeout)`,
      )
      expect(silent.accepted).toBe(2)
    } finally {
      await silent.stop()
    }
  }, 10_000)
})
