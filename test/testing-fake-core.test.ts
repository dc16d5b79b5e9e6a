/**
 * The test kit's fake chat core (`createFakeCore`, generated/src/testing/): it answers every command of
 * COMMANDS.md with a response `decodeCommandResponse` accepts, records and names what it receives, answers
 * what `on` scripts, pushes events and recorded frames, injects faults, restarts on its port and closes cleanly.
 */
import {afterEach, describe, expect, it} from 'vitest'
import WebSocket, {WebSocketServer} from 'ws'
import {
  chatCommandNames,
  commandString,
  createChatClient,
  decodeCommandResponse,
  type ChatCoreClient,
} from '../generated/src/index.js'
import {createFakeCore, fixtures, type FakeCore} from '../generated/src/testing/index.js'
import {readFrame} from './support/frames.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close()
})

/** A fake core and a strict client connected to it, both closed after the test. */
async function connected(options: Parameters<typeof createFakeCore>[0] = {}): Promise<{
  core: FakeCore
  client: ChatCoreClient<'strict'>
}> {
  const core = await createFakeCore({WebSocketServer, ...options})
  cleanup.push(() => core.close())
  const client = createChatClient({url: core.url, WebSocket, mode: 'strict', timeout: 2000})
  cleanup.push(() => client.close())
  await client.connect()
  return {core, client}
}

/** A raw socket on the core: frames in, frames out, without the client's routing. */
async function rawSocket(url: string): Promise<{socket: WebSocket; frames: unknown[]; next: () => Promise<any>}> {
  const socket = new WebSocket(url)
  const frames: unknown[] = []
  const waiting: ((frame: unknown) => void)[] = []
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString())
    const wake = waiting.shift()
    if (wake) wake(frame)
    else frames.push(frame)
  })
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  cleanup.push(async () => socket.terminate())
  const next = () =>
    frames.length > 0 ? Promise.resolve(frames.shift()) : new Promise((resolve) => waiting.push(resolve))
  return {socket, frames, next}
}

describe('createFakeCore', () => {
  it('answers every command of COMMANDS.md with a response decodeCommandResponse accepts (strict)', async () => {
    const {core, client} = await connected()
    expect(chatCommandNames.length).toBeGreaterThan(40)
    for (const name of chatCommandNames) {
      for (const full of [false, true]) {
        const params = fixtures.parameters(name, undefined, {full})
        // The client decodes the reply with decodeCommandResponse(name, ...) in strict mode: it rejects otherwise.
        const response = await client.send(name, params as never)
        expect(decodeCommandResponse(name, response, {mode: 'strict'}).ok, name).toBe(true)
      }
    }
    expect(core.commands).toHaveLength(chatCommandNames.length * 2)
  })

  it('names each command it receives, by the command string the client sent', async () => {
    const {core, client} = await connected()
    // APIConnect without a link is written as APIAddContact without incognito is (`/_connect 1`): parseCommand
    // names the first of COMMANDS.md, and the core answers with a response both accept (the test above).
    const names = chatCommandNames.filter((name) => name !== 'APIConnect')
    await client.send('APIConnect', {userId: 1, incognito: false})
    expect(core.commands.at(-1)).toMatchObject({cmd: '/_connect 1', name: 'APIAddContact'})
    for (const name of names) await client.send(name, fixtures.parameters(name) as never)
    expect(core.commands.slice(1).map((command) => command.name)).toEqual(names)
    expect(core.commands[1]?.cmd).toBe(commandString(names[0]!, fixtures.parameters(names[0]!) as never))
  })

  it('answers what on() scripts, with the parameters and the command', async () => {
    const {core, client} = await connected()
    core.on('ShowActiveUser', () => fixtures.response('activeUser', {user: {localDisplayName: 'scripted'}}))
    const response = await client.send('ShowActiveUser', {})
    expect(response.type === 'activeUser' && response.user.localDisplayName).toBe('scripted')
    const seen: unknown[] = []
    core.on('APIJoinGroup', (params) => {
      seen.push(params)
      return fixtures.response('userAcceptedGroupSent', {groupInfo: {groupId: params.groupId}})
    })
    const joined = await client.sendOk('APIJoinGroup', {groupId: 42})
    expect(seen).toEqual([{groupId: 42}])
    expect(joined.groupInfo.groupId).toBe(42)
  })

  it('answers APISendMessages by default with the items it sent, in the chat it named', async () => {
    const {client} = await connected()
    const response = await client.sendOk('APISendMessages', {
      sendRef: {chatType: 'group', chatId: 7},
      liveMessage: false,
      signMessages: false,
      composedMessages: [{msgContent: {type: 'text', text: 'hi'}, mentions: {}}],
    })
    expect(decodeCommandResponse('APISendMessages', response, {mode: 'strict'}).ok).toBe(true)
    const [item] = response.chatItems
    expect(item?.chatInfo.type === 'group' && item.chatInfo.groupInfo.groupId).toBe(7)
    expect(item?.chatItem.chatDir.type).toBe('groupSnd')
    expect(item?.chatItem.content).toEqual({type: 'sndMsgContent', msgContent: {type: 'text', text: 'hi'}})
  })

  it('nextCommand resolves with each command once, in order, and rejects after its timeout', async () => {
    const {core, client} = await connected()
    const first = core.nextCommand('ListUsers')
    await client.send('ListUsers', {})
    await client.send('ListUsers', {})
    expect((await first).cmd).toBe('/users')
    expect((await core.nextCommand('ListUsers')).corrId).not.toBe((await first).corrId)
    await expect(core.nextCommand('ListUsers', {timeout: 50})).rejects.toThrow(
      'no command ListUsers arrived (received: ListUsers, ListUsers) within 50 ms',
    )
  })

  it('pushes typed events and replays recorded frames as they are', async () => {
    const {core, client} = await connected()
    const texts: string[] = []
    client.on('newChatItems', (event) => {
      const content = event.chatItems[0]?.chatItem.content
      if (content?.type === 'rcvMsgContent' && content.msgContent.type === 'text') texts.push(content.msgContent.text)
    })
    const raw = await rawSocket(core.url)
    core.emit(fixtures.textMessage('hello'))
    const recorded = {resp: readFrame('complete/receivedGroupInvitation-1.json')}
    core.replay([JSON.stringify(recorded)])
    expect((await raw.next()).resp.type).toBe('newChatItems')
    expect(await raw.next()).toEqual(recorded)
    await expect.poll(() => texts).toEqual(['hello'])
  })

  it('answers a string no command matches with chatCmdError, and records it without a name', async () => {
    const {core} = await connected()
    const raw = await rawSocket(core.url)
    raw.socket.send(JSON.stringify({corrId: '9', cmd: '/no such command'}))
    const answer = await raw.next()
    expect(answer).toMatchObject({corrId: '9', resp: {type: 'chatCmdError', chatError: {type: 'error'}}})
    expect(answer.resp.chatError.errorType.message).toMatch(/^fake core: not a command: expected .* at offset \d+/)
    expect(core.commands.at(-1)).toMatchObject({cmd: '/no such command', name: undefined, error: expect.any(String)})
  })

  it('answers with chatCmdError carrying the message when a handler throws', async () => {
    const {core, client} = await connected()
    core.on('ListUsers', () => {
      throw new Error('no users today')
    })
    const error = await client.sendOk('ListUsers', {}).catch((failure: unknown) => failure)
    expect(error).toMatchObject({name: 'ChatCommandError', command: 'ListUsers'})
    expect(JSON.stringify((error as {chatError: unknown}).chatError)).toContain(
      'fake core: the handler of ListUsers failed: no users today',
    )
  })

  it('injects faults: never answer, delay, drop the connection', async () => {
    const {core, client} = await connected({timeout: 1000})
    core.fault('ListUsers', 'never')
    await expect(client.send('ListUsers', {}, {timeout: 100})).rejects.toMatchObject({code: 'timeout'})
    core.fault('ListUsers', {delay: 150})
    const started = Date.now()
    await client.send('ListUsers', {})
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    core.fault('ListUsers', null).fault('*', 'drop')
    await expect(client.send('ShowActiveUser', {})).rejects.toMatchObject({code: 'disconnected'})
  })

  it('reply answers held commands when the test says: out of order, twice, or under another corrId', async () => {
    const {core} = await connected()
    core.fault('*', 'never')
    const {socket, next} = await rawSocket(core.url)
    socket.send(JSON.stringify({corrId: 'a', cmd: '/users'}))
    socket.send(JSON.stringify({corrId: 'b', cmd: '/user'}))
    const [first, second] = await core.waitForCommands(2)
    expect([first!.name, second!.name]).toEqual(['ListUsers', 'ShowActiveUser'])
    core.reply(second!, fixtures.response('activeUser'))
    core.reply(first!, fixtures.response('usersList'))
    core.reply(first!, fixtures.response('usersList'), {corrId: 'nobody'})
    expect([await next(), await next(), await next()]).toMatchObject([
      {corrId: 'b', resp: {type: 'activeUser'}},
      {corrId: 'a', resp: {type: 'usersList'}},
      {corrId: 'nobody', resp: {type: 'usersList'}},
    ])
    const stranger = {corrId: 'x', cmd: '/user', name: 'ShowActiveUser', params: {}} as const
    expect(() => core.reply(stranger, fixtures.response('activeUser'))).toThrow(
      'fake core: reply to a command this core did not receive',
    )
  })

  it('waitForCommands resolves once that many arrived, and says how many did when it times out', async () => {
    const {core, client} = await connected()
    const waiting = core.waitForCommands(2)
    await client.send('ListUsers', {})
    await client.send('ShowActiveUser', {})
    expect((await waiting).map(({name}) => name)).toEqual(['ListUsers', 'ShowActiveUser'])
    await expect(core.waitForCommands(3, {timeout: 20})).rejects.toThrow(
      'fake core: 3 commands did not arrive (received 2) within 20 ms',
    )
  })

  it('refuseConnections closes each new connection with its code and reason, until null', async () => {
    const core = await createFakeCore({WebSocketServer})
    cleanup.push(() => core.close())
    core.refuseConnections({code: 1011, reason: 'going away'})
    const socket = new WebSocket(core.url)
    cleanup.push(async () => socket.terminate())
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.once('close', (closeCode, closeReason) => resolve([closeCode, closeReason.toString()])),
    )
    expect([code, reason, core.connections]).toEqual([1011, 'going away', 1])
    core.refuseConnections(null)
    const client = createChatClient({url: core.url, WebSocket})
    cleanup.push(() => client.close())
    await client.connect()
    expect((await client.send('ListUsers', {})).type).toBe('usersList')
  })

  it('restarts on the same port, and a reconnecting client comes back', async () => {
    const core = await createFakeCore({WebSocketServer})
    cleanup.push(() => core.close())
    const client = createChatClient({url: core.url, WebSocket, reconnect: {initialDelay: 10, maxDelay: 50}})
    cleanup.push(() => client.close())
    await client.connect()
    const url = core.url
    const reopened = new Promise<void>((resolve) =>
      client.onState(({state}) => {
        if (state === 'open') resolve()
      }),
    )
    await core.restart()
    expect(core.url).toBe(url)
    await core.waitForConnections(2)
    await reopened
    expect((await client.send('ListUsers', {})).type).toBe('usersList')
  })

  it('is deterministic: the same seed answers the same', async () => {
    const answers = async () => {
      const {client} = await connected({seed: 3})
      return client.send('ShowActiveUser', {})
    }
    expect(await answers()).toEqual(await answers())
  })

  it('keeps at most maxCommands commands', async () => {
    const {core, client} = await connected({maxCommands: 2})
    for (let i = 0; i < 3; i++) await client.send('ListUsers', {})
    expect(core.commands).toHaveLength(2)
  })

  it('closes cleanly: waiting nextCommand rejects, the port is free, a second close does nothing', async () => {
    const core = await createFakeCore({WebSocketServer})
    const waiting = core.nextCommand('ListUsers')
    await core.close()
    await expect(waiting).rejects.toThrow('fake core: closed')
    await core.close()
    const again = await createFakeCore({WebSocketServer, port: Number(new URL(core.url).port)})
    await again.close()
  })

  it('loads ws itself when no WebSocketServer is given', async () => {
    const core = await createFakeCore()
    cleanup.push(() => core.close())
    expect(core.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
  })
})
