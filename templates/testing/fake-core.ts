/**
 * A fake chat core for bot tests: a WebSocket server on 127.0.0.1 that speaks the core's wire (`{corrId, cmd}`
 * in, `{corrId, resp}` and `{resp}` out), generic over the protocol. Meant to be copied into
 * `generated/src/testing/fake-core.ts`, where `createFakeCore` binds it to the package's commands and fixtures.
 *
 * Decisions:
 * - The server is `ws`'s `WebSocketServer` (Node.js has a WebSocket client from 22 on, but no server): passed
 *   as `options.WebSocketServer`, or loaded with a dynamic `import('ws')`, so the package itself keeps zero
 *   runtime dependencies and only tests that start a fake core need `ws` installed.
 * - Each command is named and read by one function (`protocol.parseCommand`); a string it does not read is
 *   recorded with `name: undefined` and answered with a `chatCmdError` saying why, as the real core does. A
 *   handler that throws is answered with a `chatCmdError` carrying its message (the bot sees an error reply,
 *   the test does not hang).
 * - Answers: the handler given to `on(name)`, else `protocol.defaultResponse` (a valid response of that
 *   command, from the fixtures, seeded: the same run answers the same).
 * - Bounded: at most `maxCommands` commands are kept (the oldest go first), frames over `maxPayload` bytes
 *   are refused by the server, `nextCommand` waits at most `timeout`.
 * - `close()` cuts every connection, clears every timer and rejects every pending `nextCommand`.
 */

declare const setTimeout: (handler: () => void, ms: number) => unknown
declare const clearTimeout: (handle: unknown) => void

/** The part of a `ws` socket the fake core uses. */
export interface FakeCoreSocket {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  terminate(): void
  on(event: 'message', listener: (data: {toString(): string}) => void): unknown
  on(event: 'error' | 'close', listener: (...args: unknown[]) => void): unknown
}

/** The part of `ws`'s `WebSocketServer` the fake core uses. */
export interface FakeCoreServer {
  readonly clients: Set<FakeCoreSocket>
  address(): {port: number} | string | null
  close(callback: () => void): void
  on(event: 'connection', listener: (socket: FakeCoreSocket) => void): unknown
  once(event: 'listening' | 'error', listener: (error?: unknown) => void): unknown
}

/** `import {WebSocketServer} from 'ws'`. */
export type WebSocketServerConstructor = new (options: {
  host: string
  port: number
  maxPayload: number
}) => FakeCoreServer

/** How the fake core reads commands and makes answers: bound to the package in `testing/index.ts`. */
export interface FakeCoreProtocol {
  /** The command a string is, and its parameters; or why it is no command. */
  parseCommand(cmd: string): {name: string; params: unknown} | {error: string}
  /** A valid response of command `name`, built with `seed`. */
  defaultResponse(name: string, params: unknown, seed: number): unknown
  /** A `chatCmdError` saying `message`: the answer to a string no command reads, or when a handler fails. */
  errorResponse(message: string, seed: number): unknown
}

/** Options of `createFakeCore`. */
export interface FakeCoreOptions {
  /** `ws`'s `WebSocketServer`; default: loaded with `import('ws')` (install `ws` as a dev dependency). */
  WebSocketServer?: WebSocketServerConstructor
  /** Port on 127.0.0.1; default 0, a free one (`core.url` says which). */
  port?: number
  /** Seed of the default responses. Default 1. */
  seed?: number
  /** Commands kept in `core.commands`, the oldest dropped first. Default 10,000. */
  maxCommands?: number
  /** Largest frame accepted, in bytes. Default 1 MiB. */
  maxPayload?: number
  /** How long `nextCommand` waits, in milliseconds. Default 5,000. */
  timeout?: number
}

/** One command as the core received it. */
export interface RecordedCommand<Name extends string = string, Params = unknown> {
  corrId: string
  /** The command string as sent. */
  cmd: string
  /** The command it names, `undefined` when none matches. */
  name: Name | undefined
  /** Its parameters, as `protocol.parseCommand` read them. */
  params: Params
  /** Why `protocol.parseCommand` read no command; absent when it did. */
  error?: string
}

/** What the core does with a command instead of answering it at once. */
export type Fault =
  /** Record it and never answer. */
  | 'never'
  /** Cut the connection it came on, without a close handshake, before answering. */
  | 'drop'
  /** Answer after `delay` milliseconds. */
  | {delay: number}

/** A fake core listening on 127.0.0.1, untyped: `testing/index.ts` types it by the package's commands. */
export interface FakeCoreBase {
  /** `ws://127.0.0.1:<port>`. */
  readonly url: string
  /** Every command received, in order, over all connections and restarts (at most `maxCommands`). */
  readonly commands: readonly RecordedCommand[]
  /** Connections accepted, over restarts. */
  readonly connections: number
  /** Answer command `name` with what `handler` returns (a response, or a promise of one) from now on. */
  on(name: string, handler: (params: unknown, command: RecordedCommand) => unknown): this
  /** The next command named `name` (any command without a name) not yet returned by `nextCommand`. */
  nextCommand(name?: string, options?: {timeout?: number}): Promise<RecordedCommand>
  /** Push an event to every connection (`{resp: event}`). */
  emit(event: unknown): void
  /** Send recorded frames as they are, in order: JSON text, or an object (sent as its JSON). */
  replay(frames: readonly unknown[]): void
  /** Apply `fault` to commands named `name` (`'*'`: every command) from now on; `null` removes it. */
  fault(name: string, fault: Fault | null): this
  /**
   * Answer `command` (one of `commands`) now, with `response`, on the connection it came on: with the fault
   * `'never'`, a test answers held commands itself, out of order or twice. `corrId` replaces the command's (a
   * reply to no command).
   */
  reply(command: RecordedCommand, response: unknown, options?: {corrId?: string}): void
  /** Resolves with the first `count` commands (of those kept) once `count` have arrived in all. */
  waitForCommands(count: number, options?: {timeout?: number}): Promise<readonly RecordedCommand[]>
  /**
   * Close each connection accepted from now on at once, with a close handshake of `close.code` and
   * `close.reason` (a core that accepts and goes away); `null` keeps them open again.
   */
  refuseConnections(close: {code: number; reason?: string} | null): this
  /** Resolves once `count` connections have been accepted in all. */
  waitForConnections(count: number, options?: {timeout?: number}): Promise<void>
  /** Cut every connection without a close handshake (a crash, a network failure). */
  dropConnections(): void
  /** Stop and listen again on the same port, after `pause` resolves if given. */
  restart(pause?: Promise<unknown>): Promise<void>
  /** Cut the connections, close the server, reject what waits. Idempotent. */
  close(): Promise<void>
}

/**
 * Start a fake core for `protocol` on 127.0.0.1.
 *
 * @param protocol how commands are read and answered.
 * @param options see `FakeCoreOptions`.
 * @returns the core, listening.
 */
export async function startFakeCore(
  protocol: FakeCoreProtocol,
  options: FakeCoreOptions = {},
): Promise<FakeCoreBase> {
  const WebSocketServer = options.WebSocketServer ?? (await loadWebSocketServer())
  const seed = options.seed ?? 1
  const maxCommands = options.maxCommands ?? 10_000
  const maxPayload = options.maxPayload ?? 1024 * 1024
  const defaultTimeout = options.timeout ?? 5000
  const commands: RecordedCommand[] = []
  const socketOf = new WeakMap<RecordedCommand, FakeCoreSocket>()
  let received = 0
  let refusal: {code: number; reason?: string} | null = null
  const taken = new Set<RecordedCommand>()
  const handlers = new Map<string, (params: unknown, command: RecordedCommand) => unknown>()
  const faults = new Map<string, Fault>()
  const waiters = new Set<{check: () => boolean; reject: (error: Error) => void}>()
  const timers = new Set<unknown>()
  let server: FakeCoreServer | undefined
  let port = options.port ?? 0
  let connections = 0
  let closed = false

  const wake = () => {
    for (const waiter of [...waiters]) if (waiter.check()) waiters.delete(waiter)
  }
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, ms)
    timers.add(timer)
  }
  const wait = <T>(found: () => T | undefined, timeout: number, what: () => string) =>
    new Promise<T>((resolve, reject) => {
      let timer: unknown
      const waiter = {
        check: () => {
          const value = found()
          if (value === undefined) return false
          clearTimeout(timer)
          timers.delete(timer)
          resolve(value)
          return true
        },
        reject: (error: Error) => {
          clearTimeout(timer)
          timers.delete(timer)
          reject(error)
        },
      }
      if (waiter.check()) return
      if (closed) return reject(new Error('fake core: closed'))
      timer = setTimeout(() => {
        timers.delete(timer)
        waiters.delete(waiter)
        reject(new Error(`fake core: ${what()} within ${timeout} ms`))
      }, timeout)
      timers.add(timer)
      waiters.add(waiter)
    })
  const send = (socket: FakeCoreSocket, frame: unknown) => {
    if (socket.readyState === 1) socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }
  const sockets = () => [...(server?.clients ?? [])]

  const answer = async (socket: FakeCoreSocket, command: RecordedCommand) => {
    const handler = command.name === undefined ? undefined : handlers.get(command.name)
    const resp = handler
      ? await handler(command.params, command)
      : command.name === undefined
        ? protocol.errorResponse(`fake core: not a command: ${command.error ?? 'unreadable'}`, seed)
        : protocol.defaultResponse(command.name, command.params, seed)
    send(socket, {corrId: command.corrId, resp})
  }
  const receive = (socket: FakeCoreSocket, text: string) => {
    let frame: unknown
    try {
      frame = JSON.parse(text)
    } catch {
      return // not a command frame: the real core ignores it too
    }
    const {corrId, cmd} = (typeof frame === 'object' && frame !== null ? frame : {}) as Record<
      string,
      unknown
    >
    if (typeof corrId !== 'string' || typeof cmd !== 'string') return
    const parsed = protocol.parseCommand(cmd)
    const command: RecordedCommand =
      'error' in parsed
        ? {corrId, cmd, name: undefined, params: undefined, error: parsed.error}
        : {corrId, cmd, name: parsed.name, params: parsed.params}
    commands.push(command)
    socketOf.set(command, socket)
    received++
    if (commands.length > maxCommands) taken.delete(commands.shift()!)
    wake()
    const fault = (command.name !== undefined ? faults.get(command.name) : undefined) ?? faults.get('*')
    if (fault === 'never') return
    if (fault === 'drop') return socket.terminate()
    const reply = () =>
      answer(socket, command).catch((error: unknown) => {
        const message = `fake core: the handler of ${command.name} failed: ${error instanceof Error ? error.message : String(error)}`
        send(socket, {corrId: command.corrId, resp: protocol.errorResponse(message, seed)})
      })
    if (fault === undefined) void reply()
    else later(fault.delay, () => void reply())
  }
  const listen = async () => {
    const next = new WebSocketServer({host: '127.0.0.1', port, maxPayload})
    await new Promise<void>((resolve, reject) => {
      next.once('listening', () => resolve())
      next.once('error', reject)
    })
    server = next
    const address = next.address()
    if (address !== null && typeof address === 'object') port = address.port
    next.on('connection', (socket) => {
      connections++
      socket.on('error', () => {})
      if (refusal !== null) socket.close(refusal.code, refusal.reason)
      else socket.on('message', (data) => receive(socket, data.toString()))
      wake()
    })
  }
  const stop = async () => {
    const current = server
    server = undefined
    if (current === undefined) return
    for (const socket of current.clients) socket.terminate()
    await new Promise<void>((resolve) => current.close(() => resolve()))
  }

  await listen()
  const core: FakeCoreBase = {
    get url() {
      return `ws://127.0.0.1:${port}`
    },
    commands,
    get connections() {
      return connections
    },
    on(name, handler) {
      handlers.set(name, handler)
      return core
    },
    nextCommand(name, {timeout = defaultTimeout} = {}) {
      const found = () => {
        const command = commands.find(
          (candidate) => !taken.has(candidate) && (name === undefined || candidate.name === name),
        )
        if (command) taken.add(command)
        return command
      }
      const received = () => commands.map((command) => command.name ?? command.cmd).join(', ') || 'none'
      return wait(found, timeout, () => `no command ${name ?? ''} arrived (received: ${received()})`)
    },
    emit(event) {
      for (const socket of sockets()) send(socket, {resp: event})
    },
    replay(frames) {
      for (const frame of frames) for (const socket of sockets()) send(socket, frame)
    },
    fault(name, fault) {
      if (fault === null) faults.delete(name)
      else faults.set(name, fault)
      return core
    },
    reply(command, response, {corrId = command.corrId} = {}) {
      const socket = socketOf.get(command)
      if (socket === undefined) throw new Error('fake core: reply to a command this core did not receive')
      send(socket, {corrId, resp: response})
    },
    waitForCommands(count, {timeout = defaultTimeout} = {}) {
      return wait(
        () => (received >= count ? commands.slice(0, count) : undefined),
        timeout,
        () => `${count} commands did not arrive (received ${received})`,
      )
    },
    refuseConnections(close) {
      refusal = close
      return core
    },
    waitForConnections(count, {timeout = defaultTimeout} = {}) {
      return wait(
        () => (connections >= count ? true : undefined),
        timeout,
        () => `${count} connections not made`,
      ).then(() => {})
    },
    dropConnections() {
      for (const socket of sockets()) socket.terminate()
    },
    async restart(pause) {
      await stop()
      await pause
      if (!closed) await listen()
    },
    async close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      for (const waiter of waiters) waiter.reject(new Error('fake core: closed'))
      waiters.clear()
      await stop()
    },
  }
  return core
}

/** `ws`'s server, loaded on first use; the name is a variable so compilers and bundlers leave it optional. */
async function loadWebSocketServer(): Promise<WebSocketServerConstructor> {
  const name = 'ws'
  try {
    const module = (await import(name)) as {
      WebSocketServer?: WebSocketServerConstructor
      default?: {WebSocketServer?: WebSocketServerConstructor}
    }
    const server = module.WebSocketServer ?? module.default?.WebSocketServer
    if (server) return server
  } catch {
    // reported below
  }
  throw new Error(
    'createFakeCore needs a WebSocket server: install the `ws` package (npm install --save-dev ws), or pass `WebSocketServer` from it in the options',
  )
}
