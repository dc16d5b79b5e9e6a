import {ModuleDeclarationKind, StructureKind, type MethodSignatureStructure, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {describe, upstreamLink} from './doc-comment.js'
import {stringLiteral} from './escape.js'

/** The decoding mode of a client, a literal when its options write one: it types responses and events. */
const MODE = {name: 'Mode', constraint: 'DecodeMode', default: "'default'"}

/** The responses of each command as a client in `Mode` decodes them. */
const RESPONSES = '{ [N in keyof CommandResponses]: DecodedKnown<CommandResponses[N], Mode> }'

/**
 * The statements of `chat-client.ts`: the generic client of `templates/client.ts` bound
 * to this spec's commands, responses and events, and one overload of `send`, `sendOk`, `on`
 * and `once` per command and event (`ChatCoreOverloads`), each with that command's or event's
 * own doc text: what an editor shows on `send('APIJoinGroup', ...)` or `on('newChatItems', ...)`
 * (a string-literal argument shows no doc of its own).
 */
export function emitChatClient(schema: Schema): StatementStructures[] {
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['createClient'],
      moduleSpecifier: './client.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['AbortSignalLike', 'ChatClient', 'ChatProtocol', 'ClientOptions', 'EventHandler', 'SendOptions'],
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
      name: 'ChatCoreResponses',
      isExported: true,
      typeParameters: [MODE],
      docs: describe(['The responses of each command as a client in `Mode` decodes them.']),
      type: RESPONSES,
    },
    {
      kind: StructureKind.Interface,
      name: 'ChatCoreOverloads',
      isExported: true,
      typeParameters: [MODE],
      docs: describe([
        '`send`, `sendOk`, `on` and `once` once per command and event, each with its doc text (the generic signatures of `ChatClient` take a name held in a variable).',
      ]),
      methods: overloads(schema),
    },
    {
      kind: StructureKind.TypeAlias,
      name: 'ChatCoreClient',
      isExported: true,
      typeParameters: [MODE],
      docs: describe([
        "A client of the chat core typed by the docs: `send` takes a command of COMMANDS.md with its parameters and resolves with that command's response; `on` takes an event tag of EVENTS.md. In `Mode` `lenient`, responses and events are `LenientKnown` (lenient.ts): only what was checked.",
      ]),
      type: 'ChatCoreOverloads<Mode> & ChatClient<CommandParameters, ChatCoreResponses<Mode>, DecodedKnown<ChatEvent, Mode>>',
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
        'const protocol = {commandString, decodeResponse: decodeCommandResponse, decodeEvent: decodeChatEvent, frameTags} as ChatProtocol<CommandParameters, ChatCoreResponses<Mode>, DecodedKnown<ChatEvent, Mode>>',
        // The overloads are the generic signatures at each name: TypeScript cannot show it while `Mode` is open.
        'return createClient(protocol, options) as ChatCoreClient<Mode>',
      ].join('\n'),
    },
  ]
}

/**
 * The overloads of `ChatCoreOverloads`: their types are those the generic signatures of `ChatClient` give
 * for that name, so a call types the same whichever signature TypeScript picks.
 */
function overloads(schema: Schema): MethodSignatureStructure[] {
  const method = (name: string, docs: string[], parameters: [string, string][], returnType: string) => ({
    kind: StructureKind.MethodSignature as const,
    name,
    docs: describe(docs),
    parameters: parameters.map(([parameter, type]) => ({
      name: parameter.replace('?', ''),
      type,
      hasQuestionToken: parameter.endsWith('?'),
    })),
    returnType,
  })
  const sends = schema.commands.flatMap((command) => {
    const name = stringLiteral(command.name)
    const docs = [
      ...command.description,
      `Command \`${command.name}\` (${command.category}).`,
      ...upstreamLink(command),
    ]
    const response = `ChatCoreResponses<Mode>[${name}]`
    const parameters: [string, string][] = [
      ['name', name],
      ['params', `CommandParameters[${name}]`],
      ['options?', 'SendOptions'],
    ]
    return [
      method(
        'send',
        [...docs, 'Resolves with its decoded response (`chatCmdError` included).'],
        parameters,
        `Promise<${response}>`,
      ),
      method(
        'sendOk',
        [...docs, 'Resolves with its decoded response; a `chatCmdError` reply rejects with a `ChatCommandError`.'],
        parameters,
        `Promise<Exclude<${response}, {type: 'chatCmdError'}>>`,
      ),
    ]
  })
  const events = schema.events.flatMap((event) => {
    const tag = stringLiteral(event.tag)
    const docs = [...event.description, `Event \`${event.tag}\` (${event.category}).`, ...upstreamLink(event)]
    const decoded = `Extract<DecodedKnown<ChatEvent, Mode>, {type: ${tag}}>`
    return [
      method(
        'on',
        [...docs, 'Calls `handler` with each such event; returns a function that removes it.'],
        [
          ['tag', tag],
          ['handler', `EventHandler<${decoded}>`],
        ],
        '() => void',
      ),
      method(
        'once',
        [...docs, 'Resolves with the next such event; rejects with `closed` or `aborted`.'],
        [
          ['tag', tag],
          ['options?', '{signal?: AbortSignalLike}'],
        ],
        `Promise<${decoded}>`,
      ),
    ]
  })
  return [...sends, ...events]
}
