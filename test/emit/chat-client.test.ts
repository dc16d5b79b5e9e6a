import {describe, expect, it} from 'vitest'
import {emitChatClient} from '../../generator/emit/chat-client.js'
import {code, printStatements, TINY} from '../support/tiny-schema.js'

describe('emitChatClient', () => {
  it('binds the client template to commandString and the decoders, typed by the mode, ChatCommandError to the responses, and gives each command and event its documented overloads', async () => {
    expect(await printStatements(emitChatClient(TINY))).toBe(code`
      import {createClient} from './client.js'
      import type {
        AbortSignalLike,
        ChatClient,
        ChatProtocol,
        ClientOptions,
        EventHandler,
        SendOptions,
      } from './client.js'
      import {commandString} from './command-strings.js'
      import {decodeChatEvent, decodeCommandResponse, frameTags} from './decode.js'
      import type {CommandParameters, CommandResponses} from './commands.js'
      import type {DecodeMode} from './runtime.js'
      import type {DecodedKnown} from './lenient.js'
      import type {ChatEvent} from './events.js'
      /** The responses of each command as a client in \`Mode\` decodes them. */
      export type ChatCoreResponses<Mode extends DecodeMode = 'default'> = {
        [N in keyof CommandResponses]: DecodedKnown<CommandResponses[N], Mode>
      }

      /** \`send\`, \`sendOk\`, \`on\` and \`once\` once per command and event, each with its doc text (the generic signatures of \`ChatClient\` take a name held in a variable). */
      export interface ChatCoreOverloads<Mode extends DecodeMode = 'default'> {
        /**
         * Command \`APIGetUser\` (User commands).
         *
         * Resolves with its decoded response (\`chatCmdError\` included).
         */
        send(
          name: 'APIGetUser',
          params: CommandParameters['APIGetUser'],
          options?: SendOptions,
        ): Promise<ChatCoreResponses<Mode>['APIGetUser']>
        /**
         * Command \`APIGetUser\` (User commands).
         *
         * Resolves with its decoded response; a \`chatCmdError\` reply rejects with a \`ChatCommandError\`.
         */
        sendOk(
          name: 'APIGetUser',
          params: CommandParameters['APIGetUser'],
          options?: SendOptions,
        ): Promise<Exclude<ChatCoreResponses<Mode>['APIGetUser'], {type: 'chatCmdError'}>>
        /**
         * A user was seen.
         *
         * Event \`userSeen\` (Users).
         *
         * Calls \`handler\` with each such event; returns a function that removes it.
         */
        on(
          tag: 'userSeen',
          handler: EventHandler<Extract<DecodedKnown<ChatEvent, Mode>, {type: 'userSeen'}>>,
        ): () => void
        /**
         * A user was seen.
         *
         * Event \`userSeen\` (Users).
         *
         * Resolves with the next such event; rejects with \`closed\` or \`aborted\`.
         */
        once(
          tag: 'userSeen',
          options?: {signal?: AbortSignalLike},
        ): Promise<Extract<DecodedKnown<ChatEvent, Mode>, {type: 'userSeen'}>>
      }

      /** A client of the chat core typed by the docs: \`send\` takes a command of COMMANDS.md with its parameters and resolves with that command's response; \`on\` takes an event tag of EVENTS.md. In \`Mode\` \`lenient\`, responses and events are \`LenientKnown\` (lenient.ts): only what was checked. */
      export type ChatCoreClient<Mode extends DecodeMode = 'default'> = ChatCoreOverloads<Mode> &
        ChatClient<CommandParameters, ChatCoreResponses<Mode>, DecodedKnown<ChatEvent, Mode>>

      declare module './client.js' {
        /** The \`chatError\` of this spec's \`chatCmdError\` replies. */
        interface ChatCommandErrorTypes {
          chatError: import('./client.js').ChatErrorOf<CommandResponses[keyof CommandResponses]>
        }
      }

      /** Connect to the chat core's WebSocket API (\`simplex-chat -p PORT\`): commands are rendered with \`commandString\`, frames routed by the envelope rules \`decodeFrame\` follows (\`readEnvelope\` with \`frameTags\`), replies decoded with \`decodeCommandResponse\` and events with \`decodeChatEvent\`, in \`options.mode\`. See \`createClient\` in \`client.ts\` for every option, error code and guarantee. */
      export function createChatClient<Mode extends DecodeMode = 'default'>(
        options: ClientOptions<Mode>,
      ): ChatCoreClient<Mode> {
        const protocol = {
          commandString,
          decodeResponse: decodeCommandResponse,
          decodeEvent: decodeChatEvent,
          frameTags,
        } as ChatProtocol<CommandParameters, ChatCoreResponses<Mode>, DecodedKnown<ChatEvent, Mode>>
        return createClient(protocol, options) as ChatCoreClient<Mode>
      }
    `)
  })
})
