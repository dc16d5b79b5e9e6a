import {describe, expect, it} from 'vitest'
import {emitChatClient} from '../../generator/emit/chat-client.js'
import {code, printStatements} from '../support/tiny-schema.js'

describe('emitChatClient', () => {
  it('binds the client template to commandString and the decoders, typed by the mode, and ChatCommandError to the responses, the same for every spec', async () => {
    expect(await printStatements(emitChatClient())).toBe(code`
      import {createClient} from './client.js'
      import type {ChatClient, ChatProtocol, ClientOptions} from './client.js'
      import {commandString} from './command-strings.js'
      import {decodeChatEvent, decodeCommandResponse, frameTags} from './decode.js'
      import type {CommandParameters, CommandResponses} from './commands.js'
      import type {DecodeMode} from './runtime.js'
      import type {DecodedKnown} from './lenient.js'
      import type {ChatEvent} from './events.js'
      /** A client of the chat core typed by the docs: \`send\` takes a command of COMMANDS.md with its parameters and resolves with that command's response; \`on\` takes an event tag of EVENTS.md. In \`Mode\` \`lenient\`, responses and events are \`LenientKnown\` (lenient.ts): only what was checked. */
      export type ChatCoreClient<Mode extends DecodeMode = 'default'> = ChatClient<
        CommandParameters,
        {[N in keyof CommandResponses]: DecodedKnown<CommandResponses[N], Mode>},
        DecodedKnown<ChatEvent, Mode>
      >

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
        } as ChatProtocol<
          CommandParameters,
          {[N in keyof CommandResponses]: DecodedKnown<CommandResponses[N], Mode>},
          DecodedKnown<ChatEvent, Mode>
        >
        return createClient(protocol, options)
      }
    `)
  })
})
