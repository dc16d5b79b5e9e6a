import {StructureKind, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {typeDecoderName} from '../names/index.js'

/**
 * The statements of `index.ts`, the package entry: types through the `T`
 * namespace and events through `CEvt` (upstream's own names), the event union
 * and tags flat, and every function.
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
    {kind: StructureKind.ExportDeclaration, moduleSpecifier: './guards.js'},
    {
      kind: StructureKind.ExportDeclaration,
      namedExports: [
        'decodeChatEvent',
        'decodeChatEventJson',
        'assertChatEvent',
        'decodeFrame',
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
  ]
}
