import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import {distinctResponses} from '../schema/responses.js'
import type {Schema} from '../schema/types.js'
import {identifier, TYPES_NAMESPACE} from '../names/index.js'
import {additionNote, describe} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import {fieldProperties} from './fields.js'

/**
 * The statements of `responses.ts` (the `CR` namespace of the index): one interface
 * per distinct response tag of COMMANDS.md (`CR.NewChatItems`) and of the overlay's additions,
 * the `ChatResponse` union, its tag union and the list of tags. A tag that is also an event
 * (`groupUpdated`) is defined here apart from its event: its fields may differ.
 */
export function emitResponses(schema: Schema): StatementStructures[] {
  const responses = distinctResponses(schema)
  const overlay = schema.addedResponses?.length ? 'spec/overlay.json adds (undocumented)' : null
  const interfaces: StatementStructures[] = responses.map((response) => {
    const commands = schema.commands.filter((command) => command.responses.some((each) => each.tag === response.tag))
    return {
      kind: StructureKind.Interface,
      name: identifier(response.name),
      isExported: true,
      docs: describe(
        response.description ? [response.description] : [],
        additionNote(response) ??
          `Response \`${response.tag}\` of ${commands.map((command) => `\`${command.name}\``).join(', ')}.`,
      ),
      properties: fieldProperties(
        response.fields,
        response.tag,
        (name) => `${TYPES_NAMESPACE}.${name}`,
        response.versions,
      ),
    }
  })
  return [
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'T', moduleSpecifier: './types.js'},
    ...interfaces,
    {
      kind: StructureKind.TypeAlias,
      name: 'ChatResponse',
      isExported: true,
      docs: describe([
        `Every response of COMMANDS.md${overlay ? ` and those ${overlay}` : ''}, discriminated by \`type\`.`,
      ]),
      type: responses.length > 0 ? responses.map((response) => identifier(response.name)).join(' | ') : 'never',
    },
    {
      kind: StructureKind.TypeAlias,
      name: 'ChatResponseTag',
      isExported: true,
      docs: describe(['The `type` tag of a response.']),
      type: `ChatResponse["type"]`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: 'Tag',
      isExported: true,
      docs: describe(['`CR.Tag`, as upstream names the response tags: the same as `ChatResponseTag`.']),
      type: 'ChatResponseTag',
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([
        `Every response tag, in the order COMMANDS.md first lists them${overlay ? `, then those ${overlay}` : ''}.`,
      ]),
      declarations: [
        {
          name: 'chatResponseTags',
          initializer: `${jsonLiteral(responses.map((response) => response.tag))} as const satisfies readonly ChatResponseTag[]`,
        },
      ],
    },
  ]
}
