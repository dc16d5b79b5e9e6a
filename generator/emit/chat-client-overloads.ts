import {StructureKind, type MethodSignatureStructure, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {describe, upstreamLink} from './doc-comment.js'
import {stringLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'

/**
 * The statements of `chat-client-overloads.ts`: `ChatCoreOverloads`, one overload of `send`, `sendOk`, `on`
 * and `once` per command and event, each with that command's or event's own doc text, which is what an editor
 * shows on `send('APIJoinGroup', ...)` or `on('newChatItems', ...)` (a string-literal argument shows no doc of
 * its own). The client they type, `chat-client.ts`, is the same for every spec: the template
 * `templates/bindings/chat-client.ts`.
 */
export function emitChatClientOverloads(schema: Schema, scope: ModuleScope): StatementStructures[] {
  // The decoding mode of a client, a literal when its options write one: it types responses and events.
  const mode = {name: 'Mode', constraint: scope.useType('./runtime.js', 'DecodeMode'), default: "'default'"}
  return [
    {
      kind: StructureKind.Interface,
      name: scope.export('ChatCoreOverloads'),
      isExported: true,
      typeParameters: [mode],
      docs: describe([
        '`send`, `sendOk`, `on` and `once` once per command and event, each with its doc text (the generic signatures of `ChatClient` take a name held in a variable).',
      ]),
      methods: overloads(schema, scope),
    },
  ]
}

/**
 * The overloads of `ChatCoreOverloads`: their types are those the generic signatures of `ChatClient` give
 * for that name, so a call types the same whichever signature TypeScript picks.
 */
function overloads(schema: Schema, scope: ModuleScope): MethodSignatureStructure[] {
  const client = './client.js'
  const promise = scope.global('Promise')
  const method = (name: string, docs: string[], parameters: [string, string][], returnType: string) => ({
    kind: StructureKind.MethodSignature as const,
    name,
    docs: describe(docs),
    parameters: parameters.map(([parameter, type]) => ({
      name: parameter.replace('?', ''),
      type,
      hasQuestionToken: parameter.endsWith('?'),
    })),
    returnType,
  })
  const sends = schema.commands.flatMap((command) => {
    const name = stringLiteral(command.name)
    const docs = [
      ...command.description,
      `Command \`${command.name}\` (${command.category}).`,
      ...upstreamLink(command),
    ]
    const response = `${scope.useType('./chat-client.js', 'ChatCoreResponses')}<Mode>[${name}]`
    const parameters: [string, string][] = [
      ['name', name],
      ['params', `${scope.useType('./commands.js', 'CommandParameters')}[${name}]`],
      ['options?', scope.useType(client, 'SendOptions')],
    ]
    return [
      method(
        'send',
        [...docs, 'Resolves with its decoded response (`chatCmdError` included).'],
        parameters,
        `${promise}<${response}>`,
      ),
      method(
        'sendOk',
        [...docs, 'Resolves with its decoded response; a `chatCmdError` reply rejects with a `ChatCommandError`.'],
        parameters,
        `${promise}<${scope.global('Exclude')}<${response}, {type: 'chatCmdError'}>>`,
      ),
    ]
  })
  const events = schema.events.flatMap((event) => {
    const tag = stringLiteral(event.tag)
    const docs = [...event.description, `Event \`${event.tag}\` (${event.category}).`, ...upstreamLink(event)]
    const decoded = `${scope.global('Extract')}<${scope.useType('./lenient.js', 'DecodedKnown')}<${scope.useType('./events.js', 'ChatEvent')}, Mode>, {type: ${tag}}>`
    return [
      method(
        'on',
        [...docs, 'Calls `handler` with each such event; returns a function that removes it.'],
        [
          ['tag', tag],
          ['handler', `${scope.useType(client, 'EventHandler')}<${decoded}>`],
        ],
        '() => void',
      ),
      method(
        'once',
        [...docs, 'Resolves with the next such event; rejects with `closed` or `aborted`.'],
        [
          ['tag', tag],
          ['options?', `{signal?: ${scope.useType(client, 'AbortSignalLike')}}`],
        ],
        `${promise}<${decoded}>`,
      ),
    ]
  })
  return [...sends, ...events]
}
