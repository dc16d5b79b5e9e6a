import {StructureKind, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'
import {distinctResponses} from '../schema/responses.js'
import {deepGuardName, eventGuardName, responseGuardName} from '../names/index.js'
import {layOutShapeTable, type ShapeTableLayout} from './decode-table.js'
import {stringLiteral} from './escape.js'

/**
 * The statements of `guards.ts`: a narrowing guard per event on `ChatEvent`
 * (a tag comparison, nothing else is imported), and deep guards on `unknown`
 * per type and for `ChatEvent` (default-mode checks); the same for responses
 * (`isNewChatItemsResponse` on `ChatResponse`, `isValidChatResponse`).
 */
export function emitGuards(schema: Schema, layout: ShapeTableLayout = layOutShapeTable(schema)): StatementStructures[] {
  const eventGuards: StatementStructures[] = schema.events.map((event) => ({
    kind: StructureKind.Function,
    name: eventGuardName(event.name),
    isExported: true,
    docs: describe([`Narrow an event to \`${event.name}\` (tag \`${event.tag}\`).`]),
    parameters: [{name: 'event', type: 'ChatEvent'}],
    returnType: `event is CEvt.${event.name}`,
    statements: `return event.type === ${stringLiteral(event.tag)}`,
  }))
  const deepGuards: StatementStructures[] = schema.types.map((type) => ({
    kind: StructureKind.Function,
    name: deepGuardName(type.name),
    isExported: true,
    docs: describe([`True when \`value\` is a valid \`${type.name}\` (the checks of default-mode decoding).`]),
    parameters: [{name: 'value', type: 'unknown'}],
    returnType: `value is T.${type.name}`,
    statements: `return isValidValue(shapes, ${layout.typeIndex.get(type.name)}, value)`,
  }))
  const responseGuards: StatementStructures[] = distinctResponses(schema).map((response) => ({
    kind: StructureKind.Function,
    name: responseGuardName(response.name),
    isExported: true,
    docs: describe([`Narrow a response to \`CR.${response.name}\` (tag \`${response.tag}\`).`]),
    parameters: [{name: 'response', type: 'ChatResponse'}],
    returnType: `response is CR.${response.name}`,
    statements: `return response.type === ${stringLiteral(response.tag)}`,
  }))
  return [
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'T', moduleSpecifier: './types.js'},
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'CEvt', moduleSpecifier: './events.js'},
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'CR', moduleSpecifier: './responses.js'},
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatResponse'],
      moduleSpecifier: './responses.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatEvent'],
      moduleSpecifier: './events.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['isValidValue'],
      moduleSpecifier: './decoding.js',
    },
    {kind: StructureKind.ImportDeclaration, namedImports: ['shapes'], moduleSpecifier: './decode.js'},
    ...eventGuards,
    {
      kind: StructureKind.Function,
      name: 'isValidChatEvent',
      isExported: true,
      docs: describe(['True when `value` is a valid event of the docs (the checks of default-mode decoding).']),
      parameters: [{name: 'value', type: 'unknown'}],
      returnType: 'value is ChatEvent',
      statements: `return isValidValue(shapes, ${layout.eventIndex}, value)`,
    },
    ...responseGuards,
    {
      kind: StructureKind.Function,
      name: 'isValidChatResponse',
      isExported: true,
      docs: describe(['True when `value` is a valid response of the docs (the checks of default-mode decoding).']),
      parameters: [{name: 'value', type: 'unknown'}],
      returnType: 'value is ChatResponse',
      statements: `return isValidValue(shapes, ${layout.responseIndex}, value)`,
    },
    ...deepGuards,
  ]
}
