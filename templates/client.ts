/**
 * A typed client for the chat core's WebSocket API, generic over the protocol
 * (command strings, response and event decoders), with zero runtime
 * dependencies. Meant to be copied into `generated/src/client.ts`, where
 * `createChatClient(options)` is `createClient(protocol, options)` with the
 * generated command and decoder functions.
 *
 * The wire: the client sends `{"corrId": "<id>", "cmd": "<command string>"}`;
 * the core answers with `{"corrId": "<id>", "resp": {...}}` and sends events as
 * `{"resp": {...}}` without a corrId. Frames are routed by `readEnvelope`
 * (envelope.ts), the rules `decodeFrame` follows, so the two never disagree on
 * what a frame is.
 *
 * Decisions:
 * - `send` resolves with the decoded response, the whole union of what the
 *   command can answer (`chatCmdError` included), and rejects only when there is
 *   no response to give: a `ClientError` with a `code` (`decode`, `timeout`,
 *   `aborted`, `closed`, `disconnected`, `queue-full`, `invalid`). `sendOk`
 *   also rejects a `chatCmdError` reply, with a `ChatCommandError` carrying its
 *   `chatError` (what tRPC and hey-api users expect of a call that failed).
 * - Every `send` settles exactly once. Its timeout counts from the call (time
 *   in the queue included); its pending entry, timer and abort listener go
 *   away when it settles. A command that was sent when the connection drops
 *   is rejected with `disconnected`, never sent again: the core may have run it.
 * - Events are delivered synchronously, in the order their frames arrived.
 *   Delivery does not await handlers (a slow handler would hold up every reply
 *   and event behind it); a handler that throws, or whose promise rejects,
 *   goes to the `onError` listeners (the console when there are none). Code that
 *   must handle events one at a time, awaiting each, reads `events()`.
 * - Frames that are neither the reply to a pending command nor an event that
 *   decodes go to `onUnhandled` with a typed `reason` and are counted in `stats`:
 *   text that is not a JSON frame (a `corrId` of `null`, `""` or a number
 *   included), an unknown event tag, an event that fails to decode, a reply whose
 *   corrId nobody waits for (late, duplicated, unknown), a response without corrId.
 * - Lifecycle: `connect()` resolves when the socket is open; a socket not open
 *   within `connectTimeout` is closed and the attempt fails (a server that
 *   accepts TCP and never answers cannot hang it); `close()` rejects every
 *   pending and queued command with `closed`, stops delivery, cancels a
 *   reconnect and closes the socket; a closed client stays closed. With
 *   `reconnect`, a dropped connection (or a failed first connect) is retried
 *   with exponential backoff and jitter; the backoff starts over only after a
 *   connection stayed up `stableAfter` (a server that accepts and closes at
 *   once is not hammered), and `maxAttempts` consecutive failures give up.
 *   Every state change is reported to `onState`. After `close()` settles, the
 *   client holds no timer and no listener.
 */

import {readEnvelope, type FrameTags} from './envelope.js'
import {createIssueShapes, type IssueShape} from './issue-shapes.js'
import {
  describeValue,
  type DecodeIssue,
  type DecodeMode,
  type DecodeOptions,
  type DecodeResult,
} from './runtime.js'

// The timer, clock, abort and console APIs every runtime has (Node.js, browsers, Deno, Bun), declared here so the
// generated package compiles and is used without the DOM or Node.js typings. A real `AbortSignal` fits.
declare const setTimeout: (handler: () => void, ms: number) => TimerHandle
declare const clearTimeout: (handle: TimerHandle) => void
declare const console: {error(...data: unknown[]): void}
declare const performance: {now(): number}
/** What `setTimeout` returns: a number in browsers, an object in Node.js. */
type TimerHandle = unknown

/** The part of the standard `AbortSignal` the client uses. */
export interface AbortSignalLike {
  readonly aborted: boolean
  readonly reason?: unknown
  addEventListener(type: 'abort', listener: () => void, options?: {once?: boolean}): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** How a client talks to one version of the chat core: rendering commands, decoding replies and events. */
export interface ChatProtocol<
  Params extends {[N in keyof Params]: object},
  Responses extends {[N in keyof Params]: {type: string}},
  Event extends {type: string},
> {
  /** The command string of `name` with `params`. May throw on params it cannot render. */
  commandString<N extends keyof Params & string>(name: N, params: Params[N]): string
  /** Decode the `resp` of a reply to command `name`. Never throws. */
  decodeResponse<N extends keyof Params & string>(
    name: N,
    value: unknown,
    options?: DecodeOptions,
  ): DecodeResult<Responses[N]>
  /** Decode the `resp` of a frame without corrId. Never throws; unknown tags give error.code 'unknown-event'. */
  decodeEvent(value: unknown, options?: DecodeOptions): DecodeResult<Event>
  /** The event and response tags by which `readEnvelope` routes a frame without corrId. */
  frameTags: FrameTags
}

/**
 * The part of the standard `WebSocket` the client uses: the global one, the
 * `ws` package's, a browser's. Handlers are only assigned, never called by the
 * client, hence the `never` parameters (any event type fits).
 */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: never) => void) | null
  onmessage: ((event: never) => void) | null
  onclose: ((event: never) => void) | null
  onerror: ((event: never) => void) | null
}

/** A WebSocket class: `new WebSocket(url)`. */
export type WebSocketClass = new (url: string) => WebSocketLike

/** Reconnection with exponential backoff: attempt `n` waits `min(maxDelay, initialDelay * factor^(n-1))`, jittered. */
export interface ReconnectOptions {
  /** Milliseconds before the first attempt. Default: 500. */
  initialDelay?: number
  /** Upper bound of a delay, in milliseconds. Default: 30000. */
  maxDelay?: number
  /** Growth of the delay per attempt. Default: 2. */
  factor?: number
  /** From 0 to 1: the share of each delay drawn at random (1: anywhere from 0 to the delay). Default: 0.5. */
  jitter?: number
  /**
   * Milliseconds a connection must stay open to count as up: only then does the backoff start again from
   * `initialDelay` and the count of `maxAttempts` from 0. A core that accepts and closes at once is retried
   * with growing delays, not every `initialDelay`. Default: 5000.
   */
  stableAfter?: number
  /**
   * Consecutive failed reconnection attempts (a connect that fails or times out, or a connection that closes
   * within `stableAfter`) after which the client gives up: it closes, rejecting `connect()` and every pending
   * and queued command with `disconnected` (`gave up on URL after N failed reconnection attempts: ...`), and
   * reports `closed` to `onState` with that reason. Default: no limit.
   */
  maxAttempts?: number
}

/** Options of `createClient`; `Mode` is the literal of `mode` when one is written (it types what is decoded). */
export interface ClientOptions<Mode extends DecodeMode = DecodeMode> {
  /** The chat core's WebSocket, e.g. `ws://localhost:5225` for `simplex-chat -p 5225`. */
  url: string
  /** The WebSocket class. Default: the global `WebSocket` (Node 22+, browsers); on Node 20 pass `ws`'s. */
  WebSocket?: WebSocketClass
  /**
   * How responses and events are decoded (see `DecodeOptions.mode`). Default: `default`. With `lenient`,
   * `createChatClient` types them as `LenientKnown` (lenient.ts): a missing field or unknown tag is kept.
   */
  mode?: Mode
  /** Default timeout of a command, in milliseconds from the call to `send`; 0 for none. Default: 30000. */
  timeout?: number
  /**
   * Milliseconds for each connection attempt to open (TCP and the WebSocket upgrade); 0 for none. A socket
   * not open by then is closed and the attempt fails: `connect()` rejects with `disconnected`, or, with
   * `reconnect`, it counts as a failed attempt and is retried. Default: 10000.
   */
  connectTimeout?: number
  /** Reconnect after the connection drops. Default: `false` (a drop closes the client). */
  reconnect?: false | ReconnectOptions
  /**
   * What `send` does while the socket is not open: `'reject'` at once with
   * `disconnected`, or keep up to `queue` commands and send them, in order, once
   * it is open (more reject with `queue-full`). Default: `'reject'`.
   */
  whileDisconnected?: 'reject' | {queue: number}
  /**
   * Makes the corrId of each command: a non-empty string (a reply with `""` is a malformed frame), not repeated
   * while one is pending. Default: `"1"`, `"2"`, ...
   */
  corrId?: () => string
  /** How many events each `events()` iterator buffers before it drops new ones (reported). Default: 10000. */
  eventBuffer?: number
  /** Source of randomness for the jitter, from 0 (inclusive) to 1. Default: `Math.random`. */
  random?: () => number
  /** Most decode-issue shapes `issueShapes()` holds (`createIssueShapes`). Default: 1000. */
  issueShapeLimit?: number
}

/** Options of one `send`. */
export interface SendOptions {
  /** Milliseconds from this call until the command rejects with `timeout`; 0 for none. Default: the client's. */
  timeout?: number
  /** Rejects the command with `aborted` (the core may still run it, if it was sent). */
  signal?: AbortSignalLike
}

/** Why a `send` (or `connect`, `once`) rejected. */
export type ClientErrorCode =
  /** The reply did not decode as a response of the command (`issues` says why). */
  | 'decode'
  /** No reply within the timeout. */
  | 'timeout'
  /** The caller's `AbortSignal` fired. */
  | 'aborted'
  /** `close()` was called. */
  | 'closed'
  /** The connection was not open, dropped while the command waited, or could not be (re)opened. */
  | 'disconnected'
  /** Disconnected, and the queue of `whileDisconnected` is full. */
  | 'queue-full'
  /**
   * The command could not be sent as asked: `commandString` threw, or the corrId generator made an empty
   * string (or no string) or repeated a pending id.
   */
  | 'invalid'

/** A `send` that got no usable response, with what is known about it. */
export class ClientError extends Error {
  override name = 'ClientError'
  readonly code: ClientErrorCode
  /** The command's name, when the error concerns one. */
  readonly command: string | undefined
  /** The command's corrId, when it had one. */
  readonly corrId: string | undefined
  /** For `decode`: every issue the decoder found. */
  readonly issues: readonly DecodeIssue[]
  /** For `decode`: the `resp` that did not decode. */
  readonly response: unknown

  constructor(
    code: ClientErrorCode,
    message: string,
    details: {
      command?: string
      corrId?: string
      issues?: readonly DecodeIssue[]
      response?: unknown
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : {cause: details.cause})
    this.code = code
    this.command = details.command
    this.corrId = details.corrId
    this.issues = details.issues ?? []
    this.response = details.response
  }
}

/** The tag of the core's reply to a command that failed. */
export const CHAT_CMD_ERROR = 'chatCmdError'

/** The `chatCmdError` member of a response union, if it has one. */
export type CommandFailure<Response> = Extract<Response, {type: typeof CHAT_CMD_ERROR}>

/** The `chatError` a failed command's reply carries. */
export type ChatErrorOf<Response> = CommandFailure<Response> extends {chatError: infer E} ? E : unknown

/**
 * What `instanceof ChatCommandError` narrows `chatError` to: the generated package's `chat-client.ts` adds
 * `chatError` here (declaration merging), the `chatError` of its commands' `chatCmdError` replies, the docs'
 * `ChatError`; `unknown` where nothing adds it. A class's own `instanceof` narrowing would give `any`.
 */
export interface ChatCommandErrorTypes {}

/** The `chatError` of `ChatCommandErrorTypes`, or `unknown`. */
export type NarrowedChatError = ChatCommandErrorTypes extends {chatError: infer E} ? E : unknown

/** Rejection of `sendOk` when the core answers `chatCmdError`. */
export class ChatCommandError<ChatError = unknown> extends Error {
  /**
   * The ordinary `instanceof`, typed: `e instanceof ChatCommandError` narrows `e.chatError` to
   * `NarrowedChatError` (a decoded default-mode reply's; from a `lenient` client, read it as `Lenient<...>`).
   */
  static override [Symbol.hasInstance](value: unknown): value is ChatCommandError<NarrowedChatError> {
    return Function.prototype[Symbol.hasInstance].call(this, value)
  }

  override name = 'ChatCommandError'
  readonly command: string
  readonly corrId: string
  /** The core's error, as decoded. */
  readonly chatError: ChatError
  /** The whole decoded reply. */
  readonly response: {type: typeof CHAT_CMD_ERROR; chatError: ChatError}

  constructor(
    command: string,
    corrId: string,
    response: {type: typeof CHAT_CMD_ERROR; chatError: ChatError},
  ) {
    super(`${command} (corrId ${corrId}) failed: ${describeChatError(response.chatError)}`)
    this.command = command
    this.corrId = corrId
    this.chatError = response.chatError
    this.response = response
  }
}

/** The state of the connection. `closed` is final. */
export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'

/** A state change, as `onState` reports it. */
export interface StateChange {
  state: ClientState
  previous: ClientState
  /**
   * For `reconnecting`: the attempt about to be made and its delay in ms (1 for the first after the first
   * connect or after a connection that stayed up `stableAfter`; a connection that closed sooner does not reset it).
   */
  attempt?: number
  delay?: number
  /** What caused a drop or a failed attempt, when the socket said. */
  reason?: string
}

/** A frame that was neither the reply to a pending command nor an event that decoded. */
export type UnhandledFrame<Event> =
  /** Not text, not JSON, not an object with a `resp` object, or a `corrId` that is not a non-empty string. */
  | {reason: 'malformed'; data: unknown; message: string}
  /** An event whose tag the protocol does not know (a newer core, or one of an older core's start-up events). */
  | {reason: 'unknown-event'; tag: string | undefined; resp: unknown; error: DecodeIssue}
  /** An event whose tag is known, that did not decode. */
  | {reason: 'decode'; resp: unknown; error: DecodeIssue; issues: readonly DecodeIssue[]}
  /** A reply whose corrId no pending command has: late (after a timeout or abort), duplicated, or unknown. */
  | {reason: 'unexpected-reply'; corrId: string; resp: unknown}
  /** A frame without corrId whose tag is a response and no event: it answers no command (left undecoded). */
  | {reason: 'uncorrelated-response'; tag: string; resp: unknown}
  /** An event an `events()` iterator dropped because its buffer was full (handlers did get it). */
  | {reason: 'iterator-overflow'; event: Event}

/** Where a reported error came from. */
export interface ErrorContext {
  /** `event`: an `on`/`onAny` handler; `listener`: an `onUnhandled` or `onState` listener. */
  source: 'event' | 'listener'
  /** The event tag, for `source: 'event'`. */
  tag?: string
}

/** An event handler; a returned promise is watched for rejection, not awaited. */
export type EventHandler<E> = (event: E, issues: readonly DecodeIssue[]) => unknown

/** Counters since the client was created. */
export interface ClientStats {
  /** Frames received. */
  frames: number
  /** Events delivered (decoded and known). */
  events: number
  /** Replies matched to a pending command. */
  replies: number
  /** Frames reported to `onUnhandled`, and iterator overflows. */
  unhandled: number
  /** Errors of handlers and listeners. */
  errors: number
  /** Successful opens after the first. */
  reconnects: number
}

/** A connection to the chat core, typed by its protocol. */
export interface ChatClient<
  Params extends {[N in keyof Params]: object},
  Responses extends {[N in keyof Params]: {type: string}},
  Event extends {type: string},
> {
  readonly state: ClientState
  /** Commands not settled yet: sent and waiting, or queued. */
  readonly pendingCount: number
  /** Of those, the commands queued while disconnected. */
  readonly queuedCount: number
  readonly stats: Readonly<ClientStats>
  /** Open the connection; resolves when open (with `reconnect`, after retries), rejects with `disconnected` or `closed`. */
  connect(): Promise<void>
  /** Reject what is pending with `closed`, stop delivery and reconnection, close the socket; resolves when closed. */
  close(): Promise<void>
  /** Send a command; resolves with its decoded response (any member of its union, `chatCmdError` included). */
  send<N extends keyof Params & string>(
    name: N,
    params: Params[N],
    options?: SendOptions,
  ): Promise<Responses[N]>
  /** Like `send`, but a `chatCmdError` reply rejects with a `ChatCommandError`. */
  sendOk<N extends keyof Params & string>(
    name: N,
    params: Params[N],
    options?: SendOptions,
  ): Promise<Exclude<Responses[N], {type: typeof CHAT_CMD_ERROR}>>
  /** Call `handler` with each event tagged `tag`, narrowed; returns a function that removes it. */
  on<Tag extends Event['type']>(tag: Tag, handler: EventHandler<Extract<Event, {type: Tag}>>): () => void
  /** Remove a handler added with `on`. */
  off<Tag extends Event['type']>(tag: Tag, handler: EventHandler<Extract<Event, {type: Tag}>>): void
  /** The next event tagged `tag`; rejects with `closed` or `aborted`. */
  once<Tag extends Event['type']>(
    tag: Tag,
    options?: {signal?: AbortSignalLike},
  ): Promise<Extract<Event, {type: Tag}>>
  /** Call `handler` with every event, after the handlers of its tag. */
  onAny(handler: EventHandler<Event>): () => void
  /** Every frame that was not delivered (see `UnhandledFrame`). */
  onUnhandled(handler: (frame: UnhandledFrame<Event>) => unknown): () => void
  /** Errors thrown or rejected by handlers and listeners. */
  onError(handler: (error: unknown, context: ErrorContext) => unknown): () => void
  /** Every state change. */
  onState(handler: (change: StateChange) => unknown): () => void
  /**
   * Each shape of decode issue the first time a reply or event shows it (`IssueShape`: tag, code, path with
   * array positions as `[]`, what the docs expect): what this server sends that the docs do not say, to log
   * once per kind of difference rather than once per frame. In lenient mode these are issues of values that
   * were kept; in every mode, also those of frames that did not decode.
   */
  onIssueShape(handler: (shape: IssueShape) => unknown): () => void
  /** Every issue shape seen so far, in the order first seen, with how many issues had it. */
  issueShapes(): IssueShape[]
  /**
   * Events in arrival order, for `for await`. Each iterator buffers up to
   * `eventBuffer` events not read yet (events beyond are reported as
   * `iterator-overflow`); it ends after `close()` once its buffer is read.
   */
  events(): AsyncIterableIterator<Event>
}

/** One `send` that has not settled. */
interface Pending {
  corrId: string
  name: string
  cmd: string
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  ok: boolean
  timer: TimerHandle | undefined
  signal: AbortSignalLike | undefined
  onAbort: (() => void) | undefined
  queued: boolean
  sent: boolean
}

/** One `events()` iterator. */
interface Iterator<Event> {
  buffer: Event[]
  waiting: ((result: IteratorResult<Event>) => void) | undefined
}

const OPEN = 1
const CLOSED = 3
const DEFAULT_TIMEOUT = 30_000
const DEFAULT_CONNECT_TIMEOUT = 10_000
const DEFAULT_STABLE_AFTER = 5_000
const DEFAULT_EVENT_BUFFER = 10_000

/**
 * Create a client for the chat core's WebSocket API. It does not connect until `connect()`.
 *
 * @param protocol renders commands and decodes replies and events.
 * @param options URL, WebSocket class, decoding mode, timeouts, reconnection, queueing.
 * @returns the client.
 */
export function createClient<
  Params extends {[N in keyof Params]: object},
  Responses extends {[N in keyof Params]: {type: string}},
  Event extends {type: string},
>(
  protocol: ChatProtocol<Params, Responses, Event>,
  options: ClientOptions,
): ChatClient<Params, Responses, Event> {
  const WebSocketImpl = options.WebSocket ?? (globalThis as {WebSocket?: WebSocketClass}).WebSocket
  if (WebSocketImpl === undefined)
    throw new TypeError('createClient: no global WebSocket; pass options.WebSocket')
  const decodeOptions: DecodeOptions = {mode: options.mode ?? 'default'}
  const defaultTimeout = options.timeout ?? DEFAULT_TIMEOUT
  const connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT
  const reconnect = options.reconnect ? options.reconnect : undefined
  const stableAfter = reconnect?.stableAfter ?? DEFAULT_STABLE_AFTER
  const queueLimit = typeof options.whileDisconnected === 'object' ? options.whileDisconnected.queue : -1
  const eventBuffer = options.eventBuffer ?? DEFAULT_EVENT_BUFFER
  const random = options.random ?? Math.random
  let lastCorrId = 0
  const nextCorrId = options.corrId ?? (() => String(++lastCorrId))

  let state: ClientState = 'idle'
  let socket: WebSocketLike | undefined
  let reconnectTimer: TimerHandle | undefined
  // Fails the attempt whose socket is not open in time.
  let connectTimer: TimerHandle | undefined
  // When the open socket opened (monotonic ms): a drop sooner than `stableAfter` after it is a failed attempt.
  let openedAt: number | undefined
  // Failed attempts since the last connection that stayed up `stableAfter`.
  let attempt = 0
  let opened = false
  let connecting: {promise: Promise<void>; resolve: () => void; reject: (error: Error) => void} | undefined
  let closing: Promise<void> | undefined
  const pending = new Map<string, Pending>()
  const queue = new Set<Pending>()
  // Handler lists are replaced, never mutated: a handler removing itself does not disturb the delivery in progress.
  const handlers = new Map<string, readonly EventHandler<Event>[]>()
  let anyHandlers: readonly EventHandler<Event>[] = []
  let unhandledListeners: readonly ((frame: UnhandledFrame<Event>) => unknown)[] = []
  let errorListeners: readonly ((error: unknown, context: ErrorContext) => unknown)[] = []
  let stateListeners: readonly ((change: StateChange) => unknown)[] = []
  let issueShapeListeners: readonly ((shape: IssueShape) => unknown)[] = []
  const shapes = createIssueShapes(options.issueShapeLimit)
  const iterators = new Set<Iterator<Event>>()
  const onceWaiters = new Set<() => void>()
  const stats: ClientStats = {frames: 0, events: 0, replies: 0, unhandled: 0, errors: 0, reconnects: 0}

  function setState(next: ClientState, details: Omit<StateChange, 'state' | 'previous'> = {}): void {
    const previous = state
    state = next
    const change: StateChange = {state: next, previous, ...details}
    for (const listener of stateListeners) callListener(listener, change)
  }

  /** Call an event handler; what it throws or rejects goes to the error listeners. */
  function callHandler(handler: EventHandler<Event>, value: Event, issues: readonly DecodeIssue[]): void {
    try {
      const result = handler(value, issues)
      if (isThenable(result))
        result.then(undefined, (error: unknown) => reportError(error, {source: 'event', tag: value.type}))
    } catch (error) {
      reportError(error, {source: 'event', tag: value.type})
    }
  }

  /** Call an `onUnhandled` or `onState` listener, the same way. */
  function callListener<A>(listener: (argument: A) => unknown, argument: A): void {
    try {
      const result = listener(argument)
      if (isThenable(result))
        result.then(undefined, (error: unknown) => reportError(error, {source: 'listener'}))
    } catch (error) {
      reportError(error, {source: 'listener'})
    }
  }

  function reportError(error: unknown, context: ErrorContext): void {
    stats.errors++
    if (errorListeners.length === 0) {
      console.error('chat client: a handler failed', context, error)
      return
    }
    for (const listener of errorListeners) {
      try {
        const result = listener(error, context)
        if (isThenable(result))
          result.then(undefined, (inner: unknown) => console.error('chat client: onError', inner))
      } catch (inner) {
        // An error listener that throws has nowhere else to go.
        console.error('chat client: onError listener failed', inner)
      }
    }
  }

  function reportUnhandled(frame: UnhandledFrame<Event>): void {
    stats.unhandled++
    for (const listener of unhandledListeners) callListener(listener, frame)
  }

  // --- connection ---

  function open(): void {
    setState('connecting')
    let ws: WebSocketLike
    try {
      ws = new WebSocketImpl!(options.url)
    } catch (error) {
      // A malformed URL throws synchronously: no socket, so no close event will come.
      dropped(error instanceof Error ? error.message : String(error))
      return
    }
    socket = ws
    let reason: string | undefined
    if (connectTimeout > 0 && connectTimeout < Infinity) {
      connectTimer = setTimeout(() => {
        connectTimer = undefined
        if (socket !== ws) return
        // A server that accepts TCP and never answers the upgrade: give up on this socket, it sends no close event.
        socket = undefined
        detach(ws)
        try {
          ws.close()
        } catch {
          // Some implementations refuse `close` while connecting; the socket is dropped either way.
        }
        dropped(`not open within ${connectTimeout} ms (connectTimeout)`)
      }, connectTimeout)
    }
    ws.onopen = (() => {
      if (socket !== ws) return
      clearConnectTimer()
      if (opened) stats.reconnects++
      opened = true
      openedAt = performance.now()
      setState('open')
      connecting?.resolve()
      connecting = undefined
      flushQueue()
    }) as never
    ws.onmessage = ((event: {data: unknown}) => {
      if (socket === ws) receive(event.data)
    }) as never
    ws.onerror = ((event: {message?: unknown; error?: unknown}) => {
      const error = event?.error
      reason =
        error instanceof Error ? error.message : typeof event?.message === 'string' ? event.message : reason
    }) as never
    ws.onclose = ((event: {code?: number; reason?: string}) => {
      detach(ws)
      if (socket !== ws) return
      socket = undefined
      clearConnectTimer()
      dropped(
        reason ??
          `socket closed (code ${event?.code ?? 'unknown'}${event?.reason ? `: ${event.reason}` : ''})`,
      )
    }) as never
  }

  function clearConnectTimer(): void {
    if (connectTimer !== undefined) clearTimeout(connectTimer)
    connectTimer = undefined
  }

  function detach(ws: WebSocketLike): void {
    ws.onopen = ws.onmessage = ws.onclose = null
    // Not null: `ws` throws an 'error' event that has no listener (a close while connecting emits one).
    ws.onerror = ignore as never
  }

  /** The socket closed without `close()`: reject what was sent, then reconnect or close for good. */
  function dropped(reason: string): void {
    for (const entry of pending.values()) {
      if (entry.sent)
        settleReject(entry, new ClientError('disconnected', lost(entry, reason), details(entry)))
    }
    // Only a connection that stayed up starts the backoff over: one closed at once is another failed attempt.
    if (openedAt !== undefined && performance.now() - openedAt >= stableAfter) attempt = 0
    openedAt = undefined
    if (reconnect && (reconnect.maxAttempts === undefined || attempt < reconnect.maxAttempts)) {
      attempt++
      const delay = backoffDelay(attempt, reconnect, random)
      setState('reconnecting', {attempt, delay, reason})
      reconnectTimer = setTimeout(() => {
        reconnectTimer = undefined
        open()
      }, delay)
      return
    }
    shutDown(
      'disconnected',
      attempt > 0
        ? `gave up on ${options.url} after ${attempt} failed reconnection attempt${attempt === 1 ? '' : 's'}: ${reason}`
        : `${opened ? 'connection to' : 'cannot connect to'} ${options.url}${opened ? ' lost' : ''}: ${reason}`,
    )
  }

  /** Final state: reject everything still waiting with `code`, end iterators and `once` waiters. */
  function shutDown(code: 'closed' | 'disconnected', message: string): void {
    if (reconnectTimer !== undefined) clearTimeout(reconnectTimer)
    reconnectTimer = undefined
    clearConnectTimer()
    for (const entry of pending.values()) settleReject(entry, new ClientError(code, message, details(entry)))
    connecting?.reject(new ClientError(code, message))
    connecting = undefined
    // Iterators keep their buffered events: `next` gives them, then ends.
    for (const iterator of iterators) {
      iterator.waiting?.({done: true, value: undefined})
      iterator.waiting = undefined
    }
    iterators.clear()
    for (const wake of onceWaiters) wake()
    if (state !== 'closed') setState('closed', {reason: message})
  }

  function flushQueue(): void {
    for (const entry of queue) {
      if (state !== 'open') return
      queue.delete(entry)
      entry.queued = false
      transmit(entry)
    }
  }

  function transmit(entry: Pending): void {
    try {
      socket!.send(JSON.stringify({corrId: entry.corrId, cmd: entry.cmd}))
      entry.sent = true
    } catch (error) {
      settleReject(
        entry,
        new ClientError('disconnected', lost(entry, String(error)), {...details(entry), cause: error}),
      )
    }
  }

  // --- frames ---

  function receive(data: unknown): void {
    stats.frames++
    // The transport's rule, before the envelope's: the core sends text frames only.
    if (typeof data !== 'string') {
      reportUnhandled({reason: 'malformed', data, message: 'not a text frame'})
      return
    }
    const envelope = readEnvelope(data, protocol.frameTags)
    switch (envelope.kind) {
      case 'malformed':
        return reportUnhandled({reason: 'malformed', data, message: envelope.error.message})
      case 'reply':
        return reply(envelope.corrId, envelope.resp)
      case 'uncorrelated-response':
        return reportUnhandled({reason: 'uncorrelated-response', tag: envelope.tag, resp: envelope.resp})
      case 'event':
        return event(envelope.resp)
      case 'unknown':
        return unknownEvent(envelope.tag, envelope.resp)
    }
  }

  function reply(corrId: string, resp: Record<string, unknown>): void {
    const entry = pending.get(corrId)
    if (entry === undefined || !entry.sent) {
      reportUnhandled({reason: 'unexpected-reply', corrId, resp})
      return
    }
    stats.replies++
    const result = protocol.decodeResponse(entry.name as keyof Params & string, resp, decodeOptions)
    recordIssues(resp, result.issues)
    if (!result.ok) {
      const message = `${entry.name} (corrId ${corrId}): the reply did not decode: ${result.error.message}`
      settleReject(
        entry,
        new ClientError('decode', message, {...details(entry), issues: result.issues, response: resp}),
      )
      return
    }
    const value = result.value as {type: string; chatError?: unknown}
    if (entry.ok && value.type === CHAT_CMD_ERROR) {
      settleReject(
        entry,
        new ChatCommandError(entry.name, corrId, value as {type: 'chatCmdError'; chatError: unknown}),
      )
      return
    }
    settle(entry)
    entry.resolve(value)
  }

  function event(resp: Record<string, unknown>): void {
    const result = protocol.decodeEvent(resp, decodeOptions)
    if (result.ok || result.error.code !== 'unknown-event') recordIssues(resp, result.issues)
    if (result.ok) deliver(result.value, result.issues)
    else if (result.error.code === 'unknown-event')
      unknownEvent(typeof resp.type === 'string' ? resp.type : undefined, resp)
    else reportUnhandled({reason: 'decode', resp, error: result.error, issues: result.issues})
  }

  /** Count the issues of one decoded `resp` by shape, and tell the listeners of the shapes seen first. */
  function recordIssues(resp: Record<string, unknown>, issues: readonly DecodeIssue[]): void {
    if (issues.length === 0) return
    const added = shapes.add(typeof resp.type === 'string' ? resp.type : undefined, issues)
    for (const shape of added) for (const listener of issueShapeListeners) callListener(listener, shape)
  }

  /** A frame without corrId whose tag is no event: never delivered, whatever the event decoder would make of it. */
  function unknownEvent(tag: string | undefined, resp: Record<string, unknown>): void {
    // As the event decoder reports an unknown tag: the path is in `resp`.
    const found = describeValue(resp.type)
    const error: DecodeIssue = {
      code: 'unknown-event',
      path: '$.type',
      expected: 'a known event tag',
      found,
      message: `$.type: expected a known event tag, got ${found}`,
    }
    reportUnhandled({reason: 'unknown-event', tag, resp, error})
  }

  function deliver(value: Event, issues: readonly DecodeIssue[]): void {
    stats.events++
    const own = handlers.get(value.type)
    if (own !== undefined) for (const handler of own) callHandler(handler, value, issues)
    for (const handler of anyHandlers) callHandler(handler, value, issues)
    for (const iterator of iterators) {
      if (iterator.waiting !== undefined) {
        const wake = iterator.waiting
        iterator.waiting = undefined
        wake({done: false, value})
      } else if (iterator.buffer.length < eventBuffer) iterator.buffer.push(value)
      else reportUnhandled({reason: 'iterator-overflow', event: value})
    }
  }

  // --- commands ---

  function settle(entry: Pending): void {
    pending.delete(entry.corrId)
    if (entry.queued) queue.delete(entry)
    if (entry.timer !== undefined) clearTimeout(entry.timer)
    if (entry.onAbort !== undefined) entry.signal!.removeEventListener('abort', entry.onAbort)
    entry.timer = entry.onAbort = entry.signal = undefined
  }

  function settleReject(entry: Pending, error: Error): void {
    settle(entry)
    entry.reject(error)
  }

  function details(entry: Pending): {command: string; corrId: string} {
    return {command: entry.name, corrId: entry.corrId}
  }

  function lost(entry: Pending, reason: string): string {
    return `${entry.name} (corrId ${entry.corrId}): the connection dropped before the reply: ${reason}`
  }

  function submit(
    name: string,
    params: object,
    sendOptions: SendOptions | undefined,
    ok: boolean,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (state === 'closed')
        return reject(new ClientError('closed', `${name}: the client is closed`, {command: name}))
      const signal = sendOptions?.signal
      if (signal?.aborted) return reject(new ClientError('aborted', `${name}: aborted`, {command: name}))
      let cmd: string
      try {
        cmd = protocol.commandString(name as keyof Params & string, params as Params[keyof Params & string])
      } catch (error) {
        const message = `${name}: cannot render the command: ${error instanceof Error ? error.message : String(error)}`
        return reject(new ClientError('invalid', message, {command: name, cause: error}))
      }
      const corrId = nextCorrId()
      // The reply would be a malformed frame (see envelope.ts): nothing could ever settle the command.
      if (typeof corrId !== 'string' || corrId === '') {
        const message = `${name}: corrId ${describeValue(corrId)} is not a non-empty string`
        return reject(new ClientError('invalid', message, {command: name}))
      }
      if (pending.has(corrId)) {
        return reject(
          new ClientError('invalid', `${name}: corrId ${corrId} is already pending`, {command: name}),
        )
      }
      const isOpen = state === 'open' && socket?.readyState === OPEN
      if (!isOpen && queue.size >= queueLimit) {
        const [code, why] =
          queueLimit < 0
            ? (['disconnected', 'not connected'] as const)
            : (['queue-full', `the queue is full (${queueLimit})`] as const)
        return reject(new ClientError(code, `${name}: ${why} (state ${state})`, {command: name, corrId}))
      }
      const entry: Pending = {
        corrId,
        name,
        cmd,
        resolve,
        reject,
        ok,
        timer: undefined,
        signal,
        onAbort: undefined,
        queued: false,
        sent: false,
      }
      pending.set(corrId, entry)
      const timeout = sendOptions?.timeout ?? defaultTimeout
      if (timeout > 0 && timeout < Infinity) {
        entry.timer = setTimeout(() => {
          const message = `${name} (corrId ${corrId}): no reply within ${timeout} ms`
          settleReject(entry, new ClientError('timeout', message, details(entry)))
        }, timeout)
      }
      if (signal !== undefined) {
        entry.onAbort = () =>
          settleReject(
            entry,
            new ClientError('aborted', `${name} (corrId ${corrId}): aborted`, {
              ...details(entry),
              cause: signal.reason,
            }),
          )
        signal.addEventListener('abort', entry.onAbort, {once: true})
      }
      if (isOpen) transmit(entry)
      else {
        entry.queued = true
        queue.add(entry)
      }
    })
  }

  function addTo(tag: string, handler: EventHandler<Event>): () => void {
    handlers.set(tag, [...(handlers.get(tag) ?? []), handler])
    return () => removeFrom(tag, handler)
  }

  function removeFrom(tag: string, handler: EventHandler<Event>): void {
    const list = handlers.get(tag)
    if (list === undefined) return
    const index = list.indexOf(handler)
    if (index < 0) return
    const rest = list.filter((_, at) => at !== index)
    if (rest.length === 0) handlers.delete(tag)
    else handlers.set(tag, rest)
  }

  /** Add to a listener list held in a variable; returns the remover. */
  function listen<L>(get: () => readonly L[], set: (list: readonly L[]) => void, listener: L): () => void {
    set([...get(), listener])
    return () => {
      const list = get()
      const index = list.indexOf(listener)
      if (index >= 0) set(list.filter((_, at) => at !== index))
    }
  }

  const client: ChatClient<Params, Responses, Event> = {
    get state() {
      return state
    },
    get pendingCount() {
      return pending.size
    },
    get queuedCount() {
      return queue.size
    },
    stats,

    connect() {
      if (state === 'closed') return Promise.reject(new ClientError('closed', 'the client is closed'))
      if (state === 'open') return Promise.resolve()
      if (connecting !== undefined) return connecting.promise
      let resolve!: () => void
      let reject!: (error: Error) => void
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
      connecting = {promise, resolve, reject}
      if (state === 'idle') open()
      return promise
    },

    close() {
      if (closing !== undefined) return closing
      const ws = socket
      socket = undefined
      closing = new Promise<void>((resolve) => {
        if (ws === undefined || ws.readyState === CLOSED) return resolve()
        // Delivery stops now; only the close event is awaited.
        detach(ws)
        ws.onclose = (() => {
          detach(ws)
          resolve()
        }) as never
        try {
          ws.close(1000)
        } catch {
          // A socket still connecting may refuse `close` in some implementations; it is dropped either way.
          detach(ws)
          resolve()
        }
      })
      shutDown('closed', 'the client was closed')
      return closing
    },

    send(name, params, sendOptions) {
      return submit(name, params, sendOptions, false) as Promise<never>
    },

    sendOk(name, params, sendOptions) {
      return submit(name, params, sendOptions, true) as Promise<never>
    },

    on(tag, handler) {
      return addTo(tag, handler as EventHandler<Event>)
    },

    off(tag, handler) {
      removeFrom(tag, handler as EventHandler<Event>)
    },

    once(tag, onceOptions) {
      type Tagged = Extract<Event, {type: typeof tag}>
      return new Promise<Tagged>((resolve, reject) => {
        const signal = onceOptions?.signal
        if (state === 'closed') return reject(new ClientError('closed', `once(${tag}): the client is closed`))
        if (signal?.aborted) return reject(new ClientError('aborted', `once(${tag}): aborted`))
        const finish = (): void => {
          remove()
          onceWaiters.delete(wake)
          signal?.removeEventListener('abort', onAbort)
        }
        const remove = addTo(tag, (value) => {
          finish()
          resolve(value as Tagged)
        })
        const wake = (): void => {
          finish()
          reject(new ClientError('closed', `once(${tag}): the client was closed`))
        }
        const onAbort = (): void => {
          finish()
          reject(new ClientError('aborted', `once(${tag}): aborted`, {cause: signal?.reason}))
        }
        onceWaiters.add(wake)
        signal?.addEventListener('abort', onAbort, {once: true})
      })
    },

    onAny(handler) {
      return listen(
        () => anyHandlers,
        (list) => (anyHandlers = list),
        handler,
      )
    },

    onUnhandled(handler) {
      return listen(
        () => unhandledListeners,
        (list) => (unhandledListeners = list),
        handler,
      )
    },

    onError(handler) {
      return listen(
        () => errorListeners,
        (list) => (errorListeners = list),
        handler,
      )
    },

    onState(handler) {
      return listen(
        () => stateListeners,
        (list) => (stateListeners = list),
        handler,
      )
    },

    onIssueShape(handler) {
      return listen(
        () => issueShapeListeners,
        (list) => (issueShapeListeners = list),
        handler,
      )
    },

    issueShapes: () => shapes.list(),

    events() {
      const iterator: Iterator<Event> = {buffer: [], waiting: undefined}
      let head = 0
      if (state !== 'closed') iterators.add(iterator)
      const end = (): IteratorResult<Event> => {
        iterators.delete(iterator)
        iterator.buffer = []
        return {done: true, value: undefined}
      }
      return {
        next() {
          if (head < iterator.buffer.length) {
            const value = iterator.buffer[head++]!
            // Compact now and then, so reading stays O(1) and the buffer does not grow without bound.
            if (head === iterator.buffer.length) ((iterator.buffer = []), (head = 0))
            else if (head > 1024) (iterator.buffer.splice(0, head), (head = 0))
            return Promise.resolve({done: false, value})
          }
          if (state === 'closed' || !iterators.has(iterator)) return Promise.resolve(end())
          return new Promise((resolve) => (iterator.waiting = resolve))
        },
        return() {
          iterator.waiting?.({done: true, value: undefined})
          iterator.waiting = undefined
          return Promise.resolve(end())
        },
        [Symbol.asyncIterator]() {
          return this
        },
      }
    },
  }
  return client
}

/**
 * The delay before reconnection attempt `attempt` (1 for the first):
 * `min(maxDelay, initialDelay * factor^(attempt - 1))`, less a random share of
 * up to `jitter` of it, so clients dropped together do not return together.
 *
 * @param attempt the attempt about to be made, from 1.
 * @param options the backoff settings (defaults as in `ReconnectOptions`).
 * @param random a number from 0 (inclusive) to 1.
 * @returns milliseconds to wait.
 */
export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number = Math.random,
): number {
  const {initialDelay = 500, maxDelay = 30_000, factor = 2, jitter = 0.5} = options
  const delay = Math.min(maxDelay, initialDelay * factor ** Math.max(0, attempt - 1))
  return Math.round(delay * (1 - Math.min(1, Math.max(0, jitter)) * random()))
}

function ignore(): void {}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as {then?: unknown}).then === 'function'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A one-line rendering of a chat error for messages: its type tags, outermost first. */
function describeChatError(error: unknown): string {
  const tags: string[] = []
  let current = error
  for (let depth = 0; depth < 4 && isRecord(current); depth++) {
    if (typeof current.type === 'string') tags.push(current.type)
    current = Object.values(current).find(isRecord)
  }
  return tags.length > 0 ? tags.join(' / ') : 'chatCmdError'
}
