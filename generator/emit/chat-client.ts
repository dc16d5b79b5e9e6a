import {StructureKind, type StatementStructures} from 'ts-morph'
import {describe} from './doc-comment.js'

/**
 * The statements of `chat-client.ts`: the generic client of `templates/client.ts` bound
 * to this spec's commands, responses and events. The same for every spec (the names it
 * uses are the generator's own), so it holds no doc text.
 */
export function emitChatClient(): StatementStructures[] {
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['createClient'],
      moduleSpecifier: './client.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatClient', 'ClientOptions'],
      moduleSpecifier: './client.js',
    },
    {kind: StructureKind.ImportDeclaration, namedImports: ['commandString'], moduleSpecifier: './command-strings.js'},
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['decodeChatEvent', 'decodeCommandResponse', 'frameTags'],
      moduleSpecifier: './decode.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['CommandParameters', 'CommandResponses'],
      moduleSpecifier: './commands.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatEvent'],
      moduleSpecifier: './events.js',
    },
    {
      kind: StructureKind.TypeAlias,
      name: 'ChatCoreClient',
      isExported: true,
      docs: describe([
        "A client of the chat core typed by the docs: `send` takes a command of COMMANDS.md with its parameters and resolves with that command's response; `on` takes an event tag of EVENTS.md.",
      ]),
      type: 'ChatClient<CommandParameters, CommandResponses, ChatEvent>',
    },
    {
      kind: StructureKind.Function,
      name: 'createChatClient',
      isExported: true,
      docs: describe([
        "Connect to the chat core's WebSocket API (`simplex-chat -p PORT`): commands are rendered with `commandString`, frames routed by the envelope rules `decodeFrame` follows (`readEnvelope` with `frameTags`), replies decoded with `decodeCommandResponse` and events with `decodeChatEvent`, in `options.mode`. See `createClient` in `client.ts` for every option, error code and guarantee.",
      ]),
      parameters: [{name: 'options', type: 'ClientOptions'}],
      returnType: 'ChatCoreClient',
      statements:
        'return createClient({commandString, decodeResponse: decodeCommandResponse, decodeEvent: decodeChatEvent, frameTags}, options)',
    },
  ]
}
