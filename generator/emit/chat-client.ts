import {ModuleDeclarationKind, StructureKind, type StatementStructures} from 'ts-morph'
import {describe} from './doc-comment.js'

/** The decoding mode of a client, a literal when its options write one: it types responses and events. */
const MODE = {name: 'Mode', constraint: 'DecodeMode', default: "'default'"}

/** The responses of each command as a client in `Mode` decodes them. */
const RESPONSES = '{ [N in keyof CommandResponses]: DecodedKnown<CommandResponses[N], Mode> }'

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
      namedImports: ['ChatClient', 'ChatProtocol', 'ClientOptions'],
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
      namedImports: ['DecodeMode'],
      moduleSpecifier: './runtime.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['DecodedKnown'],
      moduleSpecifier: './lenient.js',
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
      typeParameters: [MODE],
      docs: describe([
        "A client of the chat core typed by the docs: `send` takes a command of COMMANDS.md with its parameters and resolves with that command's response; `on` takes an event tag of EVENTS.md. In `Mode` `lenient`, responses and events are `LenientKnown` (lenient.ts): only what was checked.",
      ]),
      type: `ChatClient<CommandParameters, ${RESPONSES}, DecodedKnown<ChatEvent, Mode>>`,
    },
    {
      // `e instanceof ChatCommandError` narrows `e.chatError` to this (templates/client.ts): the docs' ChatError.
      kind: StructureKind.Module,
      declarationKind: ModuleDeclarationKind.Module,
      hasDeclareKeyword: true,
      name: "'./client.js'",
      statements: [
        {
          kind: StructureKind.Interface,
          name: 'ChatCommandErrorTypes',
          docs: describe(["The `chatError` of this spec's `chatCmdError` replies."]),
          properties: [
            {name: 'chatError', type: "import('./client.js').ChatErrorOf<CommandResponses[keyof CommandResponses]>"},
          ],
        },
      ],
    },
    {
      kind: StructureKind.Function,
      name: 'createChatClient',
      isExported: true,
      docs: describe([
        "Connect to the chat core's WebSocket API (`simplex-chat -p PORT`): commands are rendered with `commandString`, frames routed by the envelope rules `decodeFrame` follows (`readEnvelope` with `frameTags`), replies decoded with `decodeCommandResponse` and events with `decodeChatEvent`, in `options.mode`. See `createClient` in `client.ts` for every option, error code and guarantee.",
      ]),
      typeParameters: [MODE],
      parameters: [{name: 'options', type: 'ClientOptions<Mode>'}],
      returnType: 'ChatCoreClient<Mode>',
      statements: [
        // The decoders type their results by the mode they are given, which is `options.mode`: said here once.
        `const protocol = {commandString, decodeResponse: decodeCommandResponse, decodeEvent: decodeChatEvent, frameTags} as ChatProtocol<CommandParameters, ${RESPONSES}, DecodedKnown<ChatEvent, Mode>>`,
        'return createClient(protocol, options)',
      ].join('\n'),
    },
  ]
}
