import {StructureKind, type ExportDeclarationStructure} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {PACKAGE_EXPORTS, typeDecoderName} from '../names/index.js'
import {missingBotCommands} from './chat-bot.js'

/** The modules of the bot layer, exported only where the spec gets a bot (`missingBotCommands`). */
const BOT_MODULES: readonly string[] = ['./chat-bot.js', './bot.js']

/**
 * The statements of `index.ts`, the package entry: `PACKAGE_EXPORTS` in order (types through
 * the `T` namespace, events through `CEvt`, command parameters through `CC` and responses
 * through `CR`, upstream's own names; the unions and tags flat; every function), with one
 * decoder per type of TYPES.md added to the decode module's exports; the bot layer's only where the spec has
 * every command the bot sends.
 */
export function emitIndexModule(schema: Schema): ExportDeclarationStructure[] {
  let typeDecodersAdded = false
  const withBot = missingBotCommands(schema).length === 0
  const entries = PACKAGE_EXPORTS.filter((entry) => withBot || !BOT_MODULES.includes(entry.module))
  return entries.map((entry) => {
    const declaration = {kind: StructureKind.ExportDeclaration as const, moduleSpecifier: entry.module}
    if ('namespace' in entry) return {...declaration, isTypeOnly: true, namespaceExport: entry.namespace}
    if ('all' in entry) return declaration
    const names = [...entry.names]
    // The first value export of decode.js carries `decode<Type>` for every type.
    if (entry.module === './decode.js' && !entry.typeOnly && !typeDecodersAdded) {
      typeDecodersAdded = true
      names.push(...schema.types.map((type) => typeDecoderName(type.name)))
    }
    return {...declaration, ...(entry.typeOnly ? {isTypeOnly: true} : {}), namedExports: names}
  })
}
