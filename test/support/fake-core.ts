/**
 * A fake SimpleX chat core on loopback: a `ws` server that answers commands
 * with real captured response frames (test/fixtures/frames/responses), replays
 * real event frames, and injects faults on demand (answers held back,
 * reordered, duplicated, never sent, malformed JSON, unknown corrIds, dropped
 * sockets, a restart on the same port).
 */
import fs from 'node:fs'
import net, {type AddressInfo} from 'node:net'
import path from 'node:path'
import {WebSocketServer, type WebSocket} from 'ws'

const FRAMES = path.resolve(import.meta.dirname, '..', 'fixtures', 'frames')

/** The `resp` object of a captured frame, e.g. `responses/activeUser-1.json`; a fresh copy each call. */
export function readFrame(name: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(FRAMES, name), 'utf8'))
}

/** The names of the frames in a folder of test/fixtures/frames, sorted. */
export function frameNames(folder: 'complete' | 'not-in-current-docs' | 'responses' | 'trimmed'): string[] {
  return fs
    .readdirSync(path.join(FRAMES, folder))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${folder}/${name}`)
}

/**
 * A `newChatItems` event holding one received text message in a direct chat
 * with contact `contactId`: the real frame of an older server
 * (complete/newChatItems-1.json, whose item list is empty) with the real
 * received item of trimmed/newChatItems-1.json, its text and ids replaced.
 * With `groupId`, the item is moved into a group chat.
 */
export function textMessageEvent(
  text: string,
  {itemId = 1, contactId = 3, groupId}: {itemId?: number; contactId?: number; groupId?: number} = {},
): Record<string, any> {
  const event = readFrame('complete/newChatItems-1.json')
  const [item] = readFrame('trimmed/newChatItems-1.json').chatItems
  item.chatItem.meta.itemId = itemId
  item.chatItem.meta.itemText = text
  item.chatItem.content.msgContent.text = text
  item.chatInfo.contact = {...item.chatInfo.contact, contactId}
  if (groupId !== undefined) {
    const invitation = readFrame('complete/receivedGroupInvitation-1.json')
    item.chatInfo = {type: 'group', groupInfo: {...invitation.groupInfo, groupId}}
  }
  event.chatItems = [item]
  return event
}

/** Which real response answers a command string, by its first word. */
const RESPONSES: Record<string, string> = {
  '/user': 'responses/activeUser-1.json',
  '/users': 'responses/usersList-1.json',
  '/_show_address': 'responses/userContactLink-1.json',
  '/_address': 'responses/userContactLinkCreated-1.json',
  '/_delete_address': 'responses/userContactLinkDeleted-1.json',
  '/_join': 'trimmed/userAcceptedGroupSent-1.json',
}

/**
 * The real response to a command: the captured frame for its first word; for
 * `/_send`, a `newChatItems` reply built from real frames; otherwise the real
 * `chatCmdError` of a command the core could not parse.
 */
export function realResponse(cmd: string): Record<string, any> {
  const word = cmd.split(' ', 1)[0]!
  if (word === '/_send') return textMessageEvent('sent', {itemId: 100})
  const name = RESPONSES[word]
  return readFrame(name ?? 'responses/chatCmdError-1.json')
}

/** A command as the core received it. */
export interface ReceivedCommand {
  corrId: string
  cmd: string
  /** The connection it came on. */
  socket: WebSocket
}

/** A fake core listening on 127.0.0.1. */
export class FakeCore {
  /** Every command received, in order, over all connections. */
  readonly commands: ReceivedCommand[] = []
  /** Connections accepted, over restarts. */
  connections = 0
  /**
   * What happens when a command arrives. Default: answer at once with
   * `realResponse`. A test replaces it to hold answers back or inject faults.
   */
  onCommand: (command: ReceivedCommand) => void = (command) => this.reply(command, realResponse(command.cmd))
  /** What happens when a connection is accepted (after it is counted). Default: nothing; a test may close it. */
  onConnection: (socket: WebSocket) => void = () => {}
  private server: WebSocketServer | undefined
  private waiters: (() => void)[] = []
  private port = 0

  private constructor() {}

  /** Start a core on a free port (or `port`). */
  static async start(port = 0): Promise<FakeCore> {
    const core = new FakeCore()
    await core.listen(port)
    return core
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  /** The sockets connected now. */
  get sockets(): WebSocket[] {
    return [...(this.server?.clients ?? [])]
  }

  /** Answer `command` with `resp` (on the connection it came on). */
  reply(command: ReceivedCommand, resp: unknown, corrId: string = command.corrId): void {
    this.sendText(JSON.stringify({corrId, resp}), command.socket)
  }

  /** Send an event frame `{resp}` to every connection. */
  event(resp: unknown): void {
    this.sendText(JSON.stringify({resp}))
  }

  /** Send raw text (malformed frames, say) to one connection or all. */
  sendText(text: string, socket?: WebSocket): void {
    for (const target of socket ? [socket] : this.sockets) if (target.readyState === target.OPEN) target.send(text)
  }

  /** Resolves once `count` commands have arrived in all. */
  async waitForCommands(count: number): Promise<ReceivedCommand[]> {
    while (this.commands.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve))
    return this.commands.slice(0, count)
  }

  /** Resolves once `count` connections have been accepted in all. */
  async waitForConnections(count: number): Promise<void> {
    while (this.connections < count) await new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  /** Cut every connection without a close handshake (as a crash or a network failure does). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate()
  }

  /** Stop: cut the connections and close the server. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (server === undefined) return
    for (const socket of server.clients) socket.terminate()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** A restart: stop, then listen again on the same port (after `pause` resolves, if given). */
  async restart(pause?: Promise<unknown>): Promise<void> {
    await this.stop()
    await pause
    await this.listen(this.port)
  }

  private async listen(port: number): Promise<void> {
    const server = new WebSocketServer({host: '127.0.0.1', port})
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    server.on('connection', (socket) => {
      this.connections++
      this.wake()
      socket.on('error', () => {})
      this.onConnection(socket)
      socket.on('message', (data) => {
        const {corrId, cmd} = JSON.parse(data.toString()) as {corrId: string; cmd: string}
        const command = {corrId, cmd, socket}
        this.commands.push(command)
        this.wake()
        this.onCommand(command)
      })
    })
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake()
  }
}

/**
 * A server on 127.0.0.1 that accepts TCP connections and never answers (no WebSocket upgrade, no close):
 * what a hung core, or a port forwarded to nothing, looks like to a client.
 */
export class SilentServer {
  /** Connections accepted in all. */
  accepted = 0
  /** Connections the client closed. */
  closedByClient = 0
  private readonly sockets = new Set<net.Socket>()

  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.accepted++
      this.sockets.add(socket)
      socket.on('error', () => {})
      // Read and discard the upgrade request: a paused socket would never see the client's end.
      socket.resume()
      socket.on('close', () => {
        this.closedByClient++
        this.sockets.delete(socket)
      })
    })
  }

  static async start(): Promise<SilentServer> {
    const server = net.createServer()
    const silent = new SilentServer(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return silent
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
