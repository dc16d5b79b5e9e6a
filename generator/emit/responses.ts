import type {StatementStructures} from 'ts-morph'
import {distinctResponses} from '../schema/responses.js'
import type {Schema} from '../schema/types.js'
import {responseOwner, TYPES_NAMESPACE} from '../names/index.js'
import {additionNote, describe} from './doc-comment.js'
import type {ModuleScope} from './module-scope.js'
import {memberInterface, topLevelUnionDeclarations} from './tagged-union.js'

/**
 * The statements of `responses.ts` (the `CR` namespace of the index): one interface
 * per distinct response tag of COMMANDS.md (`CR.NewChatItems`) and of the overlay's additions,
 * the `ChatResponse` union, its tag union and the list of tags. A tag that is also an event
 * (`groupUpdated`) is defined here apart from its event: its fields may differ.
 */
export function emitResponses(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const responses = distinctResponses(schema)
  const overlay = schema.addedResponses?.length ? 'spec/overlay.json adds (undocumented)' : null
  const interfaces = responses.map((response) => {
    const commands = schema.commands.filter((command) => command.responses.some((each) => each.tag === response.tag))
    return memberInterface(
      {
        name: response.name,
        owner: responseOwner(response),
        tag: response.tag,
        fields: response.fields,
        versions: response.versions,
        docs: describe(
          response.description ? [response.description] : [],
          additionNote(response) ??
            `Response \`${response.tag}\` of ${commands.map((command) => `\`${command.name}\``).join(', ')}.`,
        ),
      },
      (name) => `${scope.useNamespace('./types.js', TYPES_NAMESPACE)}.${name}`,
      scope,
    )
  })
  return [
    ...interfaces,
    ...topLevelUnionDeclarations(
      {
        name: 'ChatResponse',
        description: `Every response of COMMANDS.md${overlay ? ` and those ${overlay}` : ''}, discriminated by \`type\`.`,
        noun: 'response',
        tagType: 'ChatResponseTag',
        upstreamNamespace: 'CR',
        tags: {
          name: 'chatResponseTags',
          description: `Every response tag, in the order COMMANDS.md first lists them${overlay ? `, then those ${overlay}` : ''}.`,
        },
        members: responses,
      },
      scope,
    ),
  ]
}
