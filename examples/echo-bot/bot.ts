/**
 * An echo bot for the SimpleX Chat WebSocket bot API: it answers every received
 * text message with the same text. It shows the generated library end to end:
 * decode a frame, dispatch events by tag, narrow the unions, send a command.
 */
import WebSocket from 'ws'
import {chatRefCmdString, commandString, createDispatcher, decodeFrame} from '../../generated/src/index.js'
import type {ChatEvent, DecodeMode, FrameResult, Lenient, LenientKnown, T} from '../../generated/src/index.js'

export interface LogEntry {
  level: 'info' | 'warn'
  /** A stable key to filter on; `message` is for people. */
  kind:
    | 'connected'
    | 'echo'
    | 'reply'
    | 'unknown-event'
    | 'decode-issues'
    | 'malformed-frame'
    | 'handler-error'
    | 'socket-error'
    | 'closed'
  message: string
}

export type Logger = (entry: LogEntry) => void

export interface EchoBotOptions {
  /** The chat core's WebSocket, e.g. `ws://localhost:5225` for `simplex-chat -p 5225`. */
  url: string
  /** How events are decoded. Default: `lenient` (see `startEchoBot`). */
  mode?: DecodeMode
  /** Where the bot reports what it does and what it skips. Default: the console. */
  log?: Logger
}

export interface EchoBotStats {
  frames: number
  events: number
  echoed: number
  replies: number
  unknownEvents: number
  malformedFrames: number
}

export interface EchoBot {
  /** Live counters. */
  readonly stats: Readonly<EchoBotStats>
  /** Settles when the connection closes, from either side. */
  readonly closed: Promise<void>
  close(): Promise<void>
}

export const consoleLogger: Logger = ({level, kind, message}) =>
  (level === 'warn' ? console.warn : console.log)(`[${kind}] ${message}`)

/**
 * Connect to the chat core and echo text messages until closed. Resolves once
 * connected; rejects when the connection cannot be opened.
 *
 * Events are decoded in `lenient` mode by default: the chat core and the docs the
 * library was generated from are versioned separately, and real servers send
 * objects that lack fields the newest docs require (an older server) or carry
 * enum values and union members the docs do not list yet (a newer one). In
 * `default` mode such a `newChatItems` frame fails as a whole and its message
 * would go unanswered, though the few fields the bot reads are there. Lenient
 * mode keeps the event and lists the deviations in `issues`, which are logged.
 */
export async function startEchoBot({url, mode = 'lenient', log = consoleLogger}: EchoBotOptions): Promise<EchoBot> {
  const stats: EchoBotStats = {frames: 0, events: 0, echoed: 0, replies: 0, unknownEvents: 0, malformedFrames: 0}
  let lastCorrId = 0
  const socket = new WebSocket(url)

  function sendCommand(cmd: string): string {
    const corrId = String(++lastCorrId)
    socket.send(JSON.stringify({corrId, cmd}), (error) => {
      if (error) log({level: 'warn', kind: 'socket-error', message: `command ${corrId} not sent: ${error.message}`})
    })
    return corrId
  }

  // Lenient events: in lenient mode a field the docs require may be absent, a union tag unknown, a string a
  // number, and the types say so (a precise event, of the other modes, is a lenient one too).
  const dispatch = createDispatcher<LenientKnown<ChatEvent>>({
    newChatItems: ({chatItems}) => {
      if (!Array.isArray(chatItems)) return
      for (const item of chatItems) {
        const text = receivedText(item?.chatItem)
        const chatRef = text === undefined ? undefined : chatRefOf(item?.chatInfo)
        if (text === undefined || chatRef === undefined) continue
        const corrId = sendCommand(sendTextCommand(chatRef, text))
        stats.echoed++
        const to = chatRefCmdString(chatRef)
        log({level: 'info', kind: 'echo', message: `${to} ${JSON.stringify(text)} (corrId ${corrId})`})
      }
    },
  })

  function handleFrame(frame: FrameResult<DecodeMode>): void {
    switch (frame.kind) {
      case 'error':
        stats.malformedFrames++
        log({level: 'warn', kind: 'malformed-frame', message: frame.error.message})
        return
      case 'unknown':
        // A tag the docs do not list: an event without corrId, or a reply with one.
        if (frame.corrId === undefined) {
          stats.unknownEvents++
          log({level: 'info', kind: 'unknown-event', message: frame.type ?? '(no type)'})
        } else {
          stats.replies++
          log({level: 'info', kind: 'reply', message: `corrId ${frame.corrId}: ${frame.type ?? '(no type)'}`})
        }
        return
      case 'response': {
        // The response to a command this bot sent (a frame with corrId): the echo's own item comes back here.
        stats.replies++
        const level = frame.response.type === 'chatCmdError' ? 'warn' : 'info'
        log({level, kind: 'reply', message: `corrId ${frame.corrId ?? '(none)'}: ${frame.response.type}`})
        return
      }
      case 'event': {
        stats.events++
        const [first] = frame.issues
        if (first) {
          const count = frame.issues.length
          log({
            level: 'info',
            kind: 'decode-issues',
            message: `${frame.event.type}: ${count} issue(s), first ${first.message}`,
          })
        }
        dispatch(frame.event)
      }
    }
  }

  // Listeners go on before the connection opens, so no early frame is missed.
  socket.on('message', (data) => {
    stats.frames++
    try {
      handleFrame(decodeFrame(data.toString(), {mode}))
    } catch (error) {
      // A lenient value may lack a field a handler reads: skip that frame, keep the bot up.
      log({level: 'warn', kind: 'handler-error', message: String(error)})
    }
  })
  const closed = new Promise<void>((resolve) => {
    socket.once('close', (code) => {
      log({level: 'info', kind: 'closed', message: `code ${code}`})
      resolve()
    })
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.once('open', () => {
      socket.off('error', reject)
      // Without an 'error' listener, ws would throw from the emitter and crash the process.
      socket.on('error', (error) => log({level: 'warn', kind: 'socket-error', message: error.message}))
      log({level: 'info', kind: 'connected', message: url})
      resolve()
    })
  })

  return {
    stats,
    closed,
    close() {
      socket.close(1000)
      return closed
    },
  }
}

/** The text of a received text message; `undefined` for anything else (own messages, files, calls...). */
function receivedText(item: Lenient<T.ChatItem> | null | undefined): string | undefined {
  const content = item?.content
  if (content?.type !== 'rcvMsgContent' || content.msgContent?.type !== 'text') return undefined
  return typeof content.msgContent.text === 'string' ? content.msgContent.text : undefined
}

/**
 * Where to answer: the contact, or the group with the member-support scope the
 * message came from (`chatRefCmdString` writes it as `@3`, `#7(_support:12)`).
 * `undefined` for local notes, contact requests and pending connections.
 */
function chatRefOf(chatInfo: Lenient<T.ChatInfo> | null | undefined): T.ChatRef | undefined {
  switch (chatInfo?.type) {
    case 'direct': {
      const chatId = chatInfo.contact?.contactId
      return isId(chatId) ? {chatType: 'direct', chatId} : undefined
    }
    case 'group': {
      const chatId = chatInfo.groupInfo?.groupId
      if (!isId(chatId)) return undefined
      const scope = chatInfo.groupChatScope
      if (scope?.type !== 'memberSupport') return {chatType: 'group', chatId}
      const groupMemberId_ = scope.groupMember_?.groupMemberId
      return {
        chatType: 'group',
        chatId,
        chatScope: {type: 'memberSupport', ...(isId(groupMemberId_) ? {groupMemberId_} : {})},
      }
    }
    default:
      return undefined
  }
}

function isId(id: unknown): id is number {
  return Number.isSafeInteger(id)
}

/** The `APISendMessages` command that sends `text` to `chatRef`, built by the generated `commandString`. */
export function sendTextCommand(chatRef: T.ChatRef, text: string): string {
  const message: T.ComposedMessage = {msgContent: {type: 'text', text}, mentions: {}}
  return commandString('APISendMessages', {
    sendRef: chatRef,
    liveMessage: false,
    signMessages: false,
    composedMessages: [message],
  })
}
