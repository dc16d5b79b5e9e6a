import {StructureKind, type ExportDeclarationStructure} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {
  COMMANDS_NAMESPACE,
  EVENTS_NAMESPACE,
  RESPONSES_NAMESPACE,
  typeDecoderName,
  TYPES_NAMESPACE,
} from '../names/index.js'
import {missingBotCommands} from './chat-bot.js'
import type {ModuleScope} from './module-scope.js'

/**
 * One re-export of the package index (`index.ts`): a namespace (`export type * as T`), named exports, or a
 * whole module (`export *`, for modules whose names are all derived: guards, command strings).
 */
export type PackageExport =
  | {module: string; namespace: string}
  | {module: string; names: readonly string[]; typeOnly?: true}
  | {module: string; all: true}

/**
 * The public surface of the package, in order: what the package index exports, besides one decoder per type
 * (`decode<Type>`, added after the decode module's named exports). The one place these names are written for
 * the index; the index's scope claims them with the owners their modules declared them for.
 */
export const PACKAGE_EXPORTS: readonly PackageExport[] = [
  {module: './types.js', namespace: TYPES_NAMESPACE},
  {module: './events.js', namespace: EVENTS_NAMESPACE},
  {module: './events.js', names: ['ChatEvent', 'ChatEventTag', 'EventCategory'], typeOnly: true},
  {module: './events.js', names: ['chatEventTags', 'eventCategories']},
  {module: './commands.js', namespace: COMMANDS_NAMESPACE},
  {module: './responses.js', namespace: RESPONSES_NAMESPACE},
  {
    module: './commands.js',
    names: ['ChatCommandName', 'CommandParameters', 'CommandResponse', 'CommandResponses'],
    typeOnly: true,
  },
  {module: './commands.js', names: ['chatCommandNames']},
  {module: './responses.js', names: ['ChatResponse', 'ChatResponseTag'], typeOnly: true},
  {module: './responses.js', names: ['chatResponseTags']},
  {module: './command-strings.js', all: true},
  {module: './guards.js', all: true},
  {
    module: './decode.js',
    names: [
      'decodeChatEvent',
      'decodeChatEventJson',
      'assertChatEvent',
      'decodeFrame',
      'decodeChatResponse',
      'decodeCommandResponse',
    ],
  },
  {module: './decode.js', names: ['FrameResult'], typeOnly: true},
  {module: './runtime.js', names: ['DecodeError']},
  {
    module: './runtime.js',
    names: [
      'DecodeFailure',
      'DecodeIssue',
      'DecodeIssueCode',
      'DecodeMode',
      'DecodeOptions',
      'DecodeResult',
      'DecodeSuccess',
    ],
    typeOnly: true,
  },
  {
    module: './lenient.js',
    names: [
      'Lenient',
      'LenientKnown',
      'LenientMember',
      'LenientField',
      'Decoded',
      'DecodedKnown',
      'Unchecked',
      'UnknownMember',
      'UnknownTag',
      'NotAnArray',
    ],
    typeOnly: true,
  },
  {module: './dispatch.js', names: ['createDispatcher']},
  {module: './dispatch.js', names: ['Handlers'], typeOnly: true},
  {module: './issue-shapes.js', names: ['createIssueShapes']},
  {module: './issue-shapes.js', names: ['IssueShape', 'IssueShapes'], typeOnly: true},
  {module: './chat-client.js', names: ['createChatClient']},
  {module: './chat-client.js', names: ['ChatCoreClient', 'ChatCoreOverloads', 'ChatCoreResponses'], typeOnly: true},
  {module: './client.js', names: ['ClientError', 'ChatCommandError', 'backoffDelay']},
  {
    module: './client.js',
    names: [
      'ChatClient',
      'ClientOptions',
      'SendOptions',
      'ReconnectOptions',
      'ClientErrorCode',
      'ClientState',
      'StateChange',
      'UnhandledFrame',
      'WebSocketLike',
      'WebSocketClass',
      'ClientStats',
      'AbortSignalLike',
    ],
    typeOnly: true,
  },
  // The bot layer (templates/bot.ts, chat-bot.ts): left out of index.ts where the spec gets no bot.
  {module: './chat-bot.js', names: ['createBot']},
  {module: './chat-bot.js', names: ['ChatBot', 'ChatBotOptions', 'ChatBotTypes'], typeOnly: true},
  {module: './bot.js', names: ['BotStartError', 'BotStoppedError', 'FileTransferError', 'parseBotCommand']},
  {
    module: './bot.js',
    names: [
      'BotCommandSpec',
      'BotCommandText',
      'BotProfile',
      'BotStartStep',
      'BotStarted',
      'CommandContext',
      'MessageContext',
      'MessageFilter',
    ],
    typeOnly: true,
  },
  {module: './spec-info.js', names: ['specInfo']},
  {module: './spec-info.js', names: ['SpecInfo', 'SpecVersionInfo', 'SpecDocumentInfo'], typeOnly: true},
  {module: './command-parse.js', names: ['parseCommand']},
  {module: './command-parse.js', names: ['ParsedCommand', 'CommandParseResult'], typeOnly: true},
  {module: './command-reader.js', names: ['CommandParseError', 'CommandParseFailure'], typeOnly: true},
]

/** The modules of the bot layer, exported only where the spec gets a bot (`missingBotCommands`). */
const BOT_MODULES: readonly string[] = ['./chat-bot.js', './bot.js']

/**
 * The statements of `index.ts`, the package entry: `PACKAGE_EXPORTS` in order (types through
 * the `T` namespace, events through `CEvt`, command parameters through `CC` and responses
 * through `CR`, upstream's own names; the unions and tags flat; every function), with one
 * decoder per type of TYPES.md added to the decode module's exports; the bot layer's only where the spec has
 * every command the bot sends. Each name is claimed in the index's scope (`export *`: what its module exports).
 */
export function emitIndexModule(schema: Schema, scope: ModuleScope): ExportDeclarationStructure[] {
  let typeDecodersAdded = false
  const withBot = missingBotCommands(schema).length === 0
  const entries = PACKAGE_EXPORTS.filter((entry) => withBot || !BOT_MODULES.includes(entry.module))
  return entries.map((entry) => {
    const declaration = {kind: StructureKind.ExportDeclaration as const, moduleSpecifier: entry.module}
    if ('namespace' in entry) {
      scope.declare(entry.namespace)
      return {...declaration, isTypeOnly: true, namespaceExport: entry.namespace}
    }
    if ('all' in entry) {
      scope.reexport(entry.module, null)
      return declaration
    }
    const names = [...entry.names]
    // The first value export of decode.js carries `decode<Type>` for every type.
    if (entry.module === './decode.js' && !entry.typeOnly && !typeDecodersAdded) {
      typeDecodersAdded = true
      names.push(...schema.types.map((type) => typeDecoderName(type.name)))
    }
    for (const name of names) scope.reexport(entry.module, name)
    return {...declaration, ...(entry.typeOnly ? {isTypeOnly: true} : {}), namedExports: names}
  })
}
