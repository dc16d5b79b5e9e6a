/**
 * The echo bot example against a local WebSocket server that plays the chat core:
 * it replays real frames (test/fixtures/frames) and records the commands the bot sends.
 */
import fs from 'node:fs'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {afterEach, expect, it} from 'vitest'
import {WebSocket, WebSocketServer} from 'ws'
import {startEchoBot, type EchoBot, type LogEntry} from '../examples/echo-bot/bot.js'

const FRAMES = path.resolve(import.meta.dirname, 'fixtures', 'frames')

/** The `resp` object of a captured frame. */
function readResp(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(FRAMES, name), 'utf8'))
}

/**
 * A `newChatItems` event holding one received text message in a direct chat
 * with contact 3. The envelope is the real frame of an older server
 * (complete/newChatItems-1.json, whose item list is empty); the chat item is the
 * real received message captured in trimmed/newChatItems-1.json (a v7 server;
 * its contact was trimmed by its source), with only its text and id replaced.
 */
function textMessageFrame(text: string, itemId: number): string {
  const event = readResp('complete/newChatItems-1.json')
  const [item] = readResp('trimmed/newChatItems-1.json').chatItems
  item.chatItem.meta.itemId = itemId
  item.chatItem.meta.itemText = text
  item.chatItem.content.msgContent.text = text
  event.chatItems = [item]
  return JSON.stringify({resp: event})
}

/** Values that arrive over time; `until` waits for one that matches. */
class Recorder<T> {
  readonly items: T[] = []
  private wakers: (() => void)[] = []

  push = (item: T): void => {
    this.items.push(item)
    for (const wake of this.wakers.splice(0)) wake()
  }

  async until(match: (item: T) => boolean): Promise<T> {
    for (;;) {
      const found = this.items.find(match)
      if (found !== undefined) return found
      await new Promise<void>((resolve) => this.wakers.push(resolve))
    }
  }
}

interface Command {
  corrId: string
  cmd: string
}

/** The text messages a `/_send <ref> json [...]` command sends, or undefined for another command. */
function sentTexts(cmd: string): {chatRef: string; texts: string[]} | undefined {
  const match = /^\/_send (\S+) json (.*)$/s.exec(cmd)
  if (!match) return undefined
  const messages: {msgContent: {type: string; text: string}}[] = JSON.parse(match[2]!)
  return {chatRef: match[1]!, texts: messages.map(({msgContent}) => msgContent.text)}
}

let server: WebSocketServer | undefined
let bot: EchoBot | undefined

afterEach(async () => {
  await bot?.close()
  for (const client of server?.clients ?? []) client.terminate()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  bot = server = undefined
})

/** A fake chat core: calls `onConnection` with the bot's socket and records the commands it sends. */
async function startChatCore(): Promise<{url: string; commands: Recorder<Command>; connection: Promise<WebSocket>}> {
  const commands = new Recorder<Command>()
  const core = new WebSocketServer({host: '127.0.0.1', port: 0})
  server = core
  await new Promise((resolve) => core.once('listening', resolve))
  const connection = new Promise<WebSocket>((resolve) => {
    core.once('connection', (socket) => {
      socket.on('message', (data) => commands.push(JSON.parse(data.toString())))
      resolve(socket)
    })
  })
  return {url: `ws://127.0.0.1:${(core.address() as AddressInfo).port}`, commands, connection}
}

it('echoes a text message after unknown events, a malformed frame and a reply, and stays up', async () => {
  const {url, commands, connection} = await startChatCore()
  const logs = new Recorder<LogEntry>()
  bot = await startEchoBot({url, log: logs.push})
  const core = await connection

  core.send(JSON.stringify({resp: readResp('not-in-current-docs/contactSubSummary-1.json')}))
  core.send('{not json')
  core.send(JSON.stringify({corrId: '42', resp: readResp('responses/activeUser-1.json')}))
  core.send(JSON.stringify({resp: readResp('complete/receivedGroupInvitation-1.json')}))
  core.send(textMessageFrame('hello', 8))

  const echo = await commands.until(() => true)
  expect(echo.corrId).toMatch(/^\S+$/)
  expect(sentTexts(echo.cmd)).toEqual({chatRef: '@3', texts: ['hello']})

  // Answer like the chat core: the sent item comes back as a reply, which must not be echoed again.
  core.send(JSON.stringify({corrId: echo.corrId, resp: readResp('trimmed/newChatItems-3.json')}))
  core.send(textMessageFrame('still there?', 10))
  const second = await commands.until((command) => command !== echo)

  expect(second.corrId).not.toBe(echo.corrId)
  expect(sentTexts(second.cmd)).toEqual({chatRef: '@3', texts: ['still there?']})
  // Frames are handled in order, so anything the first batch or the reply caused was sent by now.
  expect(commands.items).toEqual([echo, second])
  expect(core.readyState).toBe(WebSocket.OPEN)

  const logged = (kind: LogEntry['kind']) => logs.items.filter((entry) => entry.kind === kind).map((e) => e.message)
  expect(logged('unknown-event')).toEqual(['contactSubSummary'])
  expect(logged('malformed-frame')).toEqual([expect.stringContaining('not JSON')])
  expect(logged('reply')).toEqual(['corrId 42: activeUser', `corrId ${echo.corrId}: newChatItems`])
  expect(logged('handler-error')).toEqual([])
  expect(bot.stats).toMatchObject({echoed: 2, unknownEvents: 1, malformedFrames: 1, replies: 2, events: 3})
}, 5_000)

it('in default mode, drops a message whose item is a trimmed capture: it lacks fields every doc version requires', async () => {
  const {url, commands, connection} = await startChatCore()
  const logs = new Recorder<LogEntry>()
  bot = await startEchoBot({url, mode: 'default', log: logs.push})
  const core = await connection

  // The event is whole (its 2025-05 `user` decodes: the package is a compatibility build); the item is trimmed.
  core.send(textMessageFrame('hello', 8))
  const dropped = await logs.until((entry) => entry.kind === 'malformed-frame')
  expect(dropped.message).toMatch(/^\$\.resp\.chatItems\[0\]\.chatInfo\.contact\.contactUsed: missing/)
  expect(commands.items).toEqual([])
}, 5_000)
