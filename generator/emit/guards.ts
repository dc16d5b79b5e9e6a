import {StructureKind, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'
import {distinctResponses} from '../schema/responses.js'
import {
  deepGuardName,
  eventGuardName,
  eventOwner,
  EVENTS_NAMESPACE,
  RESPONSES_NAMESPACE,
  responseGuardName,
  responseOwner,
  typeOwner,
  TYPES_NAMESPACE,
} from '../names/index.js'
import {layOutShapeTable, type ShapeTableLayout} from './decode-table.js'
import {stringLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'

/**
 * The statements of `guards.ts`: a narrowing guard per event on `ChatEvent`
 * (a tag comparison, nothing else is imported), and deep guards on `unknown`
 * per type and for `ChatEvent` (default-mode checks); the same for responses
 * (`isNewChatItemsResponse` on `ChatResponse`, `isValidChatResponse`).
 */
export function emitGuards(
  schema: Schema,
  scope: ModuleScope,
  layout: ShapeTableLayout = layOutShapeTable(schema),
): StatementStructures[] {
  const chatEvent = () => scope.useType('./events.js', 'ChatEvent')
  const chatResponse = () => scope.useType('./responses.js', 'ChatResponse')
  // The deep guards run default-mode decoding on the package's shape table.
  const isValid = (index: number | undefined) =>
    `return ${scope.use('./decoding.js', 'isValidValue')}(${scope.use('./decode.js', 'shapes')}, ${index}, value)`
  const eventGuards: StatementStructures[] = schema.events.map((event) => ({
    kind: StructureKind.Function,
    name: scope.export(eventGuardName(event.name), eventOwner(event)),
    isExported: true,
    docs: describe([`Narrow an event to \`${event.name}\` (tag \`${event.tag}\`).`]),
    parameters: [{name: 'event', type: chatEvent()}],
    returnType: `event is ${scope.useNamespace('./events.js', EVENTS_NAMESPACE)}.${event.name}`,
    statements: `return event.type === ${stringLiteral(event.tag)}`,
  }))
  const deepGuards: StatementStructures[] = schema.types.map((type) => ({
    kind: StructureKind.Function,
    name: scope.export(deepGuardName(type.name), typeOwner(type)),
    isExported: true,
    docs: describe([`True when \`value\` is a valid \`${type.name}\` (the checks of default-mode decoding).`]),
    parameters: [{name: 'value', type: 'unknown'}],
    returnType: `value is ${scope.useNamespace('./types.js', TYPES_NAMESPACE)}.${type.name}`,
    statements: isValid(layout.typeIndex.get(type.name)),
  }))
  const responseGuards: StatementStructures[] = distinctResponses(schema).map((response) => ({
    kind: StructureKind.Function,
    name: scope.export(responseGuardName(response.name), responseOwner(response)),
    isExported: true,
    docs: describe([`Narrow a response to \`CR.${response.name}\` (tag \`${response.tag}\`).`]),
    parameters: [{name: 'response', type: chatResponse()}],
    returnType: `response is ${scope.useNamespace('./responses.js', RESPONSES_NAMESPACE)}.${response.name}`,
    statements: `return response.type === ${stringLiteral(response.tag)}`,
  }))
  return [
    ...eventGuards,
    {
      kind: StructureKind.Function,
      name: scope.export('isValidChatEvent'),
      isExported: true,
      docs: describe(['True when `value` is a valid event of the docs (the checks of default-mode decoding).']),
      parameters: [{name: 'value', type: 'unknown'}],
      returnType: `value is ${chatEvent()}`,
      statements: isValid(layout.eventIndex),
    },
    ...responseGuards,
    {
      kind: StructureKind.Function,
      name: scope.export('isValidChatResponse'),
      isExported: true,
      docs: describe(['True when `value` is a valid response of the docs (the checks of default-mode decoding).']),
      parameters: [{name: 'value', type: 'unknown'}],
      returnType: `value is ${chatResponse()}`,
      statements: isValid(layout.responseIndex),
    },
    ...deepGuards,
  ]
}
