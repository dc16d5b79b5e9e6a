import {StructureKind, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {CLIENT_TYPES, CLIENT_VALUES, typeDecoderName} from '../names/index.js'

/**
 * The statements of `index.ts`, the package entry: types through the `T`
 * namespace, events through `CEvt`, command parameters through `CC` and
 * responses through `CR` (upstream's own names), the unions and tags flat, and
 * every function.
 */
export function emitIndexModule(schema: Schema): StatementStructures[] {
  return [
    {kind: StructureKind.ExportDeclaration, isTypeOnly: true, namespaceExport: 'T', moduleSpecifier: './types.js'},
    {kind: StructureKind.ExportDeclaration, isTypeOnly: true, namespaceExport: 'CEvt', moduleSpecifier: './events.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['ChatEvent', 'ChatEventTag', 'EventCategory'],
      moduleSpecifier: './events.js',
    },
    {
      kind: StructureKind.ExportDeclaration,
      namedExports: ['chatEventTags', 'eventCategories'],
      moduleSpecifier: './events.js',
    },
    {kind: StructureKind.ExportDeclaration, isTypeOnly: true, namespaceExport: 'CC', moduleSpecifier: './commands.js'},
    {kind: StructureKind.ExportDeclaration, isTypeOnly: true, namespaceExport: 'CR', moduleSpecifier: './responses.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['ChatCommandName', 'CommandParameters', 'CommandResponse', 'CommandResponses'],
      moduleSpecifier: './commands.js',
    },
    {kind: StructureKind.ExportDeclaration, namedExports: ['chatCommandNames'], moduleSpecifier: './commands.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['ChatResponse', 'ChatResponseTag'],
      moduleSpecifier: './responses.js',
    },
    {kind: StructureKind.ExportDeclaration, namedExports: ['chatResponseTags'], moduleSpecifier: './responses.js'},
    {kind: StructureKind.ExportDeclaration, moduleSpecifier: './command-strings.js'},
    {kind: StructureKind.ExportDeclaration, moduleSpecifier: './guards.js'},
    {
      kind: StructureKind.ExportDeclaration,
      namedExports: [
        'decodeChatEvent',
        'decodeChatEventJson',
        'assertChatEvent',
        'decodeFrame',
        'decodeChatResponse',
        'decodeCommandResponse',
        ...schema.types.map((type) => typeDecoderName(type.name)),
      ],
      moduleSpecifier: './decode.js',
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['FrameResult'],
      moduleSpecifier: './decode.js',
    },
    {kind: StructureKind.ExportDeclaration, namedExports: ['DecodeError'], moduleSpecifier: './runtime.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [
        'DecodeFailure',
        'DecodeIssue',
        'DecodeIssueCode',
        'DecodeMode',
        'DecodeOptions',
        'DecodeResult',
        'DecodeSuccess',
      ],
      moduleSpecifier: './runtime.js',
    },
    {kind: StructureKind.ExportDeclaration, namedExports: ['createDispatcher'], moduleSpecifier: './dispatch.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['Handlers'],
      moduleSpecifier: './dispatch.js',
    },
    {kind: StructureKind.ExportDeclaration, namedExports: ['createChatClient'], moduleSpecifier: './chat-client.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['ChatCoreClient'],
      moduleSpecifier: './chat-client.js',
    },
    {kind: StructureKind.ExportDeclaration, namedExports: [...CLIENT_VALUES], moduleSpecifier: './client.js'},
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [...CLIENT_TYPES],
      moduleSpecifier: './client.js',
    },
  ]
}
