/**
 * A small hand-written protocol for `createClient`: seven commands of
 * COMMANDS.md, their response unions, and the generated event decoder.
 *
 * Stand-in until the generated package has commands and responses: then
 * `createChatClient(options)` from `generated/src/index.ts` replaces
 * `createClient(testProtocol, options)`, with every command typed.
 */
import {decodeChatEvent} from '../../generated/src/index.js'
import type {ChatEvent, DecodeIssue, DecodeResult, T} from '../../generated/src/index.js'
import type {ChatProtocol} from '../../templates/client.js'

/** No parameters. */
export type NoParams = Record<string, never>

/** Parameters of each command (COMMANDS.md). */
export interface CommandParams {
  ShowActiveUser: NoParams
  ListUsers: NoParams
  APIShowMyAddress: {userId: number}
  APICreateMyAddress: {userId: number; pqRatchet?: boolean}
  APIDeleteMyAddress: {userId: number}
  APIJoinGroup: {groupId: number}
  APISendMessages: {
    sendRef: T.ChatRef
    liveMessage?: boolean
    ttl?: number
    signMessages?: boolean
    composedMessages: T.ComposedMessage[]
  }
}

/** `chatCmdError`: any command can answer it. */
export interface ChatCmdError {
  type: 'chatCmdError'
  chatError: T.ChatError
}

/** The responses of each command (COMMANDS.md), as unions of what the core may answer. */
export interface CommandResponses {
  ShowActiveUser: {type: 'activeUser'; user: T.User} | ChatCmdError
  ListUsers: {type: 'usersList'; users: T.UserInfo[]} | ChatCmdError
  APIShowMyAddress: {type: 'userContactLink'; user: T.User; contactLink: T.UserContactLink} | ChatCmdError
  APICreateMyAddress: {type: 'userContactLinkCreated'; user: T.User; connLinkContact: T.CreatedConnLink} | ChatCmdError
  APIDeleteMyAddress: {type: 'userContactLinkDeleted'; user: T.User} | ChatCmdError
  APIJoinGroup:
    {type: 'userAcceptedGroupSent'; user: T.User; groupInfo: T.GroupInfo; hostContact?: T.Contact} | ChatCmdError
  APISendMessages: {type: 'newChatItems'; user: T.User; chatItems: T.AChatItem[]} | ChatCmdError
}

/** The response tags each command may get, besides `chatCmdError`. */
const RESPONSE_TAGS: {[N in keyof CommandParams]: string} = {
  ShowActiveUser: 'activeUser',
  ListUsers: 'usersList',
  APIShowMyAddress: 'userContactLink',
  APICreateMyAddress: 'userContactLinkCreated',
  APIDeleteMyAddress: 'userContactLinkDeleted',
  APIJoinGroup: 'userAcceptedGroupSent',
  APISendMessages: 'newChatItems',
}

/** `ChatRef` syntax (TYPES.md): `@3`, `#5`, `#5(_support:7)`. */
export function chatRefString({chatType, chatId, chatScope}: T.ChatRef): string {
  const prefix = chatType === 'direct' ? '@' : chatType === 'group' ? '#' : '*'
  const member = chatScope?.groupMemberId_
  const scope = chatScope ? `(_support${member === undefined ? '' : `:${member}`})` : ''
  return `${prefix}${chatId}${scope}`
}

/** The command string of each command: the `**Syntax**` of COMMANDS.md. */
function commandString<N extends keyof CommandParams>(name: N, params: CommandParams[N]): string {
  const p = params as Partial<CommandParams[keyof CommandParams]> & Record<string, unknown>
  switch (name) {
    case 'ShowActiveUser':
      return '/user'
    case 'ListUsers':
      return '/users'
    case 'APIShowMyAddress':
      return `/_show_address ${integer(p.userId)}`
    case 'APICreateMyAddress':
      return `/_address ${integer(p.userId)}${typeof p.pqRatchet === 'boolean' ? ` pq_ratchet=${p.pqRatchet ? 'on' : 'off'}` : ''}`
    case 'APIDeleteMyAddress':
      return `/_delete_address ${integer(p.userId)}`
    case 'APIJoinGroup':
      return `/_join #${integer(p.groupId)}`
    case 'APISendMessages': {
      const {sendRef, liveMessage, ttl, signMessages, composedMessages} = params as CommandParams['APISendMessages']
      return `/_send ${chatRefString(sendRef)}${liveMessage ? ' live=on' : ''}${ttl ? ` ttl=${ttl}` : ''}${signMessages ? ' sign=on' : ''} json ${JSON.stringify(composedMessages)}`
    }
  }
  throw new Error(`unknown command ${JSON.stringify(name)}`)
}

function integer(value: unknown): number {
  if (!Number.isSafeInteger(value)) throw new TypeError(`expected an integer id, got ${JSON.stringify(value)}`)
  return value as number
}

/**
 * Decode a reply: an object whose `type` is the command's response tag or
 * `chatCmdError`. Only the tag is checked (the generated decoders will check
 * every field).
 */
function decodeResponse<N extends keyof CommandParams>(name: N, value: unknown): DecodeResult<CommandResponses[N]> {
  const type = typeof value === 'object' && value !== null ? (value as {type?: unknown}).type : undefined
  if (type === RESPONSE_TAGS[name] || type === 'chatCmdError') {
    return {ok: true, value: value as CommandResponses[N], issues: [], truncated: 0}
  }
  const expected = `${RESPONSE_TAGS[name]} or chatCmdError`
  const found = typeof type === 'string' ? JSON.stringify(type) : 'no type'
  const error: DecodeIssue = {
    code: 'unknown-tag',
    path: '$.type',
    expected,
    found,
    message: `$.type: expected ${expected}, got ${found}`,
  }
  return {ok: false, error, issues: [error], truncated: 0}
}

/** The protocol of these seven commands, with the generated event decoder. */
export const testProtocol: ChatProtocol<CommandParams, CommandResponses, ChatEvent> = {
  commandString,
  decodeResponse,
  decodeEvent: decodeChatEvent,
}
