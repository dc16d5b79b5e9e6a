/**
 * `chat-client.ts` of the output: the generic client of `client.ts` bound to this package's commands,
 * responses and events. The same for every spec, so a template (type-checked against the committed output
 * through tsconfig.json's `rootDirs`); the overloads that carry each command's and event's doc text are
 * emitted into `chat-client-overloads.ts`.
 */
import {createClient} from './client.js'
import type {ChatClient, ChatProtocol, ClientOptions} from './client.js'
import type {ChatCoreOverloads} from './chat-client-overloads.js'
import {commandString} from './command-strings.js'
import {decodeChatEvent, decodeCommandResponse, frameTags} from './decode.js'
import type {CommandParameters, CommandResponses} from './commands.js'
import type {DecodeMode} from './runtime.js'
import type {DecodedKnown} from './lenient.js'
import type {ChatEvent} from './events.js'

export type {ChatCoreOverloads} from './chat-client-overloads.js'

/** The responses of each command as a client in `Mode` decodes them. */
export type ChatCoreResponses<Mode extends DecodeMode = 'default'> = {
  [N in keyof CommandResponses]: DecodedKnown<CommandResponses[N], Mode>
}

/** A client of the chat core typed by the docs: `send` takes a command of COMMANDS.md with its parameters and resolves with that command's response; `on` takes an event tag of EVENTS.md. In `Mode` `lenient`, responses and events are `LenientKnown` (lenient.ts): only what was checked. */
export type ChatCoreClient<Mode extends DecodeMode = 'default'> = ChatCoreOverloads<Mode> &
  ChatClient<CommandParameters, ChatCoreResponses<Mode>, DecodedKnown<ChatEvent, Mode>>

declare module './client.js' {
  /** The `chatError` of this spec's `chatCmdError` replies. */
  interface ChatCommandErrorTypes {
    chatError: import('./client.js').ChatErrorOf<CommandResponses[keyof CommandResponses]>
  }
}

/** Connect to the chat core's WebSocket API (`simplex-chat -p PORT`): commands are rendered with `commandString`, frames routed by the envelope rules `decodeFrame` follows (`readEnvelope` with `frameTags`), replies decoded with `decodeCommandResponse` and events with `decodeChatEvent`, in `options.mode`. See `createClient` in `client.ts` for every option, error code and guarantee. */
export function createChatClient<Mode extends DecodeMode = 'default'>(
  options: ClientOptions<Mode>,
): ChatCoreClient<Mode> {
  const protocol = {
    commandString,
    decodeResponse: decodeCommandResponse,
    decodeEvent: decodeChatEvent,
    frameTags,
  } as ChatProtocol<CommandParameters, ChatCoreResponses<Mode>, DecodedKnown<ChatEvent, Mode>>
  // The overloads are the generic signatures at each name: TypeScript cannot show it while `Mode` is open.
  return createClient(protocol, options) as ChatCoreClient<Mode>
}
