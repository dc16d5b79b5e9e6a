/**
 * A small protocol for testing the generic client (`templates/client.ts`) on its own: seven commands of
 * COMMANDS.md with their optional flags optional, response unions checked by tag only (so any capture
 * decodes), the generated command strings, event decoder and frame tags. The generated package binds the client to
 * every command instead (`createChatClient`, tested in `test/chat-client.test.ts`).
 */
import {commandString as generatedCommandString, decodeChatEvent} from '../../generated/src/index.js'
import type {ChatEvent, CommandParameters, DecodeIssue, DecodeResult, T} from '../../generated/src/index.js'
import {frameTags} from '../../generated/src/decode.js'
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

/** The command string of each command: the generated one (the docs' syntax); optional flags left out read as off. */
function commandString<N extends keyof CommandParams>(name: N, params: CommandParams[N]): string {
  return generatedCommandString(name, params as unknown as CommandParameters[N])
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
  // Typed as in default mode: the tests that decode leniently read only what they check.
  decodeEvent: decodeChatEvent<'default'>,
  frameTags,
}
