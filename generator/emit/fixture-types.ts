import {StructureKind, type StatementStructures} from 'ts-morph'
import {identifier} from '../names/index.js'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'

/**
 * `testing/fixture-types.ts`: `FixtureTypes`, one property per type of TYPES.md, what `fixtures.value(name)`
 * builds. The one part of the test kit's entry that depends on the spec; the rest is the template
 * `templates/bindings/testing/index.ts`.
 */
export function emitFixtureTypes(schema: Schema): StatementStructures[] {
  return [
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'T', moduleSpecifier: '../types.js'},
    {
      kind: StructureKind.Interface,
      name: 'FixtureTypes',
      isExported: true,
      docs: describe(['Every type of TYPES.md by its name, as `fixtures.value(name)` builds it.']),
      properties: schema.types.map((type) => ({name: identifier(type.name), type: `T.${identifier(type.name)}`})),
    },
  ]
}
