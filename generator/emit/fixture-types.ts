import {StructureKind, type StatementStructures} from 'ts-morph'
import {identifier, TYPES_NAMESPACE} from '../names/index.js'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'
import type {ModuleScope} from './module-scope.js'

/**
 * `testing/fixture-types.ts`: `FixtureTypes`, one property per type of TYPES.md, what `fixtures.value(name)`
 * builds. The one part of the test kit's entry that depends on the spec; the rest is the template
 * `templates/bindings/testing/index.ts`.
 */
export function emitFixtureTypes(schema: Schema, scope: ModuleScope): StatementStructures[] {
  return [
    {
      kind: StructureKind.Interface,
      name: scope.export('FixtureTypes'),
      isExported: true,
      docs: describe(['Every type of TYPES.md by its name, as `fixtures.value(name)` builds it.']),
      properties: schema.types.map((type) => ({
        name: identifier(type.name),
        type: `${scope.useNamespace('../types.js', TYPES_NAMESPACE)}.${identifier(type.name)}`,
      })),
    },
  ]
}
