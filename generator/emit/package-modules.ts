import type {StatementStructures} from 'ts-morph'
import type {NameCollision} from '../names/index.js'
import type {Schema} from '../schema/types.js'
import {emitCommandParse} from './command-parse.js'
import {emitCommandStrings} from './command-strings-module.js'
import {emitCommands} from './commands.js'
import {emitChatClientOverloads} from './chat-client-overloads.js'
import {emitDecode} from './decode.js'
import {layOutShapeTable} from './decode-table.js'
import {emitEvents} from './events.js'
import {emitFixtureTypes} from './fixture-types.js'
import {emitGuards} from './guards.js'
import {emitIndexModule} from './index-module.js'
import {emitModule, NameRegistry, type ModuleScope} from './module-scope.js'
import {emitResponses} from './responses.js'
import {emitSpecInfo, specInfoData, type SpecInfoData} from './spec-info.js'
import {emitTestingSchema} from './testing-schema.js'
import {emitTypes} from './types.js'

/**
 * The modules the generator emits (paths under `src/`), in order, each as its statements with the imports
 * derived from what it used; every name is registered in `registry`. Building structures is the cheap part
 * of emission (printing and formatting are not done here), so the name check runs it too.
 *
 * @param specInfo the data of `specInfo` (default: a schema's, with nothing known of where it came from).
 */
export function emitPackageModules(
  schema: Schema,
  registry: NameRegistry,
  specInfo: SpecInfoData = unknownOrigins(schema),
): [path: string, statements: StatementStructures[]][] {
  const shapeTable = layOutShapeTable(schema)
  const modules: [string, (scope: ModuleScope) => StatementStructures[]][] = [
    ['types.ts', (scope) => emitTypes(schema, scope)],
    ['events.ts', (scope) => emitEvents(schema, scope)],
    ['commands.ts', (scope) => emitCommands(schema, scope)],
    ['responses.ts', (scope) => emitResponses(schema, scope)],
    ['command-strings.ts', (scope) => emitCommandStrings(schema, scope)],
    ['command-parse.ts', (scope) => emitCommandParse(schema, scope)],
    ['guards.ts', (scope) => emitGuards(schema, scope, shapeTable)],
    ['decode.ts', (scope) => emitDecode(schema, scope, shapeTable)],
    ['chat-client-overloads.ts', (scope) => emitChatClientOverloads(schema, scope)],
    ['spec-info.ts', (scope) => emitSpecInfo(specInfo, scope)],
    ['index.ts', (scope) => emitIndexModule(schema, scope)],
    ['testing/testing-schema.ts', (scope) => emitTestingSchema(schema, scope)],
    ['testing/fixture-types.ts', (scope) => emitFixtureTypes(schema, scope)],
  ]
  return modules.map(([path, emit]) => [path, emitModule(path, emit, registry)])
}

/**
 * The names two owners would claim in one scope of the package of `schema`: its modules built, not printed.
 *
 * @param schema a checked schema with its syntax blocks compiled (the command strings are emitted from them).
 */
export function packageNameCollisions(schema: Schema): NameCollision[] {
  const registry = new NameRegistry()
  emitPackageModules(schema, registry)
  return registry.collisions()
}

function unknownOrigins(schema: Schema): SpecInfoData {
  const versions = (schema.versions ?? [schema]).map(() => ({specSource: null, origins: {}}))
  return specInfoData({schema, versions, overlaySha256: null, generatorVersion: ''})
}
