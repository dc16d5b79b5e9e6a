/**
 * Type tests of the lenient types, never run: `npm run typecheck` compiles this file with the root tsconfig and
 * with `test/types/tsconfig.json` (`exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`). A
 * `@ts-expect-error` line fails the check when it compiles: after a lenient decode, what was not checked cannot
 * be read as if it were; after a default decode, the same code compiles.
 */
import WebSocket from 'ws'
import {
  createChatClient,
  decodeChatEvent,
  decodeCIContent,
  decodeFrame,
  type ChatEvent,
  type CEvt,
  type DecodeMode,
  type Lenient,
  type LenientKnown,
  type T,
} from '../../generated/src/index.js'

declare const wire: unknown

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`)
}

// --- decodeChatEvent ---

const lenient = decodeChatEvent(wire, {mode: 'lenient'})
if (lenient.ok && lenient.value.type === 'newChatItems') {
  const event = lenient.value
  // @ts-expect-error `user` may be absent (or null)
  void event.user.localDisplayName
  // @ts-expect-error `chatItems` may be no array, and its items lack `chatInfo`
  void event.chatItems[0].chatInfo.type
  const name = event.user?.localDisplayName
  // @ts-expect-error the name was not checked to be a string
  void name?.toUpperCase()
  if (typeof name === 'string') void name.toUpperCase()
  if (Array.isArray(event.chatItems)) {
    for (const item of event.chatItems) {
      // @ts-expect-error an item may be null
      void item.chatInfo
      const chatInfo = item?.chatInfo
      if (chatInfo?.type === 'direct') {
        // Narrowed by its tag: the member's fields, each checked before use.
        const id = chatInfo.contact?.contactId
        if (typeof id === 'number') void (id + 1)
      }
    }
  }
}

const precise = decodeChatEvent(wire)
if (precise.ok && precise.value.type === 'newChatItems') {
  const event = precise.value
  void event.user.localDisplayName.toUpperCase()
  void event.chatItems[0]?.chatInfo.type
  for (const item of event.chatItems) void item.chatInfo.type
}
const strict = decodeChatEvent(wire, {mode: 'strict'})
if (strict.ok && strict.value.type === 'newChatItems') void strict.value.user.localDisplayName

// A mode known only at run time: the value may be lenient.
declare const mode: DecodeMode
const either = decodeChatEvent(wire, {mode})
if (either.ok && either.value.type === 'newChatItems') {
  // @ts-expect-error lenient in lenient mode
  void either.value.user.localDisplayName
}

// A precise value is a lenient one: code written for lenient events takes both.
export const widened: LenientKnown<ChatEvent> | undefined = precise.ok ? precise.value : undefined

// --- open unions and enums ---

/** Every known tag answered, no default: a tag the docs do not list falls through. */
// @ts-expect-error not all code paths return a value: the union is open
function chatKind(chatInfo: Lenient<T.ChatInfo>): string {
  switch (chatInfo.type) {
    case 'direct':
    case 'group':
    case 'local':
    case 'feed':
    case 'contactRequest':
    case 'contactConnection':
      return chatInfo.type
  }
}
void chatKind

function contentKind(content: Lenient<T.CIContent>): string {
  switch (content.type) {
    case 'rcvMsgContent':
      return 'received'
    case 'sndMsgContent':
      return 'sent'
    default: {
      // @ts-expect-error the unknown member is left: a tag the docs do not list
      const exhaustive = (): never => assertNever(content)
      void exhaustive
      // The unknown tag is whatever was sent: a string once checked.
      const tag = content.type
      return typeof tag === 'string' ? tag : 'no tag'
    }
  }
}
void contentKind

function preciseChatKind(chatInfo: T.ChatInfo): string {
  switch (chatInfo.type) {
    case 'direct':
    case 'group':
    case 'local':
    case 'feed':
    case 'contactRequest':
    case 'contactConnection':
      return chatInfo.type
    default:
      return assertNever(chatInfo)
  }
}
void preciseChatKind

const content = decodeCIContent(wire, {mode: 'lenient'})
if (content.ok && content.value.type === 'rcvMsgContent') {
  const text = content.value.msgContent?.type === 'text' ? content.value.msgContent.text : undefined
  // @ts-expect-error `text` was not checked to be a string
  const unchecked: string | undefined = text
  void unchecked
}

declare const meta: Lenient<T.CIMeta>
// @ts-expect-error `itemTs` may be a number
void meta.itemTs?.slice(0, 10)
// An enum value the docs do not list is kept: it is no `GroupMemberRole` until compared.
declare const member: Lenient<T.GroupMember>
// @ts-expect-error the enum is open
export const role: T.GroupMemberRole | undefined = member.memberRole
export const owner: boolean = member.memberRole === 'owner'

// Recursive types stay usable.
declare const command: Lenient<T.ChatBotCommand>
if (command.type === 'menu' && Array.isArray(command.commands)) {
  for (const inner of command.commands) if (inner?.type === 'command') void inner.keyword
}

// --- decodeFrame ---

const frame = decodeFrame('{}', {mode: 'lenient'})
if (frame.kind === 'event' && frame.event.type === 'newChatItems') {
  // @ts-expect-error lenient
  void frame.event.user.userId
}
const preciseFrame = decodeFrame('{}')
if (preciseFrame.kind === 'event' && preciseFrame.event.type === 'newChatItems') void preciseFrame.event.user.userId

// --- the client ---

const lenientClient = createChatClient({url: 'ws://127.0.0.1:1', WebSocket, mode: 'lenient'})
lenientClient.on('newChatItems', (event) => {
  const lenientEvent: LenientKnown<CEvt.NewChatItems> = event
  void lenientEvent
  // @ts-expect-error the handler's event is lenient
  void event.user.localDisplayName
  void event.user?.localDisplayName
})
export async function lenientReply(): Promise<void> {
  const reply = await lenientClient.sendOk('ShowActiveUser', {})
  // @ts-expect-error the reply is lenient too
  void reply.user.userId
  void reply.user?.userId
}

const preciseClient = createChatClient({url: 'ws://127.0.0.1:1', WebSocket})
preciseClient.on('newChatItems', (event) => {
  const preciseEvent: CEvt.NewChatItems = event
  void preciseEvent.user.localDisplayName
})
export async function preciseReply(): Promise<void> {
  const reply = await preciseClient.sendOk('ShowActiveUser', {})
  void reply.user.userId
}
