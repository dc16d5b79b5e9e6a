import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {CommandDefinition, Schema} from '../schema/types.js'
import {commandOwner, identifier, RESPONSES_NAMESPACE, TYPES_NAMESPACE} from '../names/index.js'
import {declaredParameters} from './command-parameters.js'
import {commandVersions, describe, upstreamLink, versionsNote, withDeprecation, type DocBlock} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import {fieldProperties} from './fields.js'
import type {ModuleScope} from './module-scope.js'

/** The optional parameters a command's syntax uses unconditionally: required in its `CC` type. */
const unguarded = (command: CommandDefinition) => {
  const optional = new Set(command.parameters.filter((parameter) => parameter.optional).map(({name}) => name))
  return new Set((command.template?.unguardedOptionals ?? []).filter((name) => optional.has(name)))
}

/** The doc comment of such a parameter: what the docs say, and why it is required here. */
function requiredNote(docs: DocBlock[]): DocBlock[] {
  const [note] = describe([
    "Optional in the docs (`?`), but the command string uses it unconditionally: without it the docs' syntax writes `undefined` into the command, so it is required here.",
  ])
  const tags = docs.flatMap((doc) => doc.tags ?? [])
  return [
    {
      description: [...docs.map((doc) => doc.description), note!.description].join('\n\n'),
      ...(tags.length > 0 && {tags}),
    },
  ]
}

/**
 * The statements of `commands.ts` (the `CC` namespace of the index): one interface
 * per command of COMMANDS.md holding its parameters (upstream's names,
 * `CC.APISendMessages`), the map of parameters by command name, `ChatCommandName`,
 * the list of names, and each command's responses (`CommandResponse<N>`).
 */
export function emitCommands(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const interfaces: StatementStructures[] = schema.commands.map((command) => {
    const grammar = command.syntax.find((block) => block.lang === null)
    return {
      kind: StructureKind.Interface,
      name: scope.export(identifier(command.name), commandOwner(command)),
      isExported: true,
      docs: withDeprecation(
        describe(
          command.description,
          `Parameters of command \`${command.name}\` (${command.category}).`,
          ...upstreamLink(command),
          ...(command.networkUsage === null ? [] : [`Network usage: ${command.networkUsage}.`]),
          ...(grammar ? [`Syntax: \`${grammar.code}\``] : []),
          ...versionsNote(command.versions, commandVersions(schema)),
        ),
        command.versions,
        commandVersions(schema),
      ),
      properties: fieldProperties(
        declaredParameters(command),
        null,
        (name) => `${scope.useNamespace('./types.js', TYPES_NAMESPACE)}.${name}`,
        scope,
        command.versions,
      ).map((property) =>
        unguarded(command).has(property.name)
          ? {...property, docs: requiredNote(property.docs as DocBlock[])}
          : property,
      ),
    }
  })
  const pairs = (value: (name: string) => string) =>
    schema.commands.map((command) => ({
      kind: StructureKind.PropertySignature as const,
      name: identifier(command.name),
      type: value(command.name),
    }))
  const responsesOf = new Map(
    schema.commands.map((command) => [
      command.name,
      [
        ...new Set(
          command.responses.map(
            (response) => `${scope.useNamespace('./responses.js', RESPONSES_NAMESPACE)}.${identifier(response.name)}`,
          ),
        ),
      ].join(' | '),
    ]),
  )
  return [
    ...interfaces,
    {
      kind: StructureKind.Interface,
      name: scope.export('CommandParameters'),
      isExported: true,
      docs: describe(['The parameters of every command of COMMANDS.md, by command name.']),
      // Each name with its command's own doc text (the call site's are the client's overloads, chat-client.ts).
      properties: pairs((name) => name).map((property, index) => {
        const command = schema.commands[index]!
        return {
          ...property,
          docs: describe(
            command.description,
            `Command \`${command.name}\` (${command.category}).`,
            ...upstreamLink(command),
          ),
        }
      }),
    },
    {
      kind: StructureKind.TypeAlias,
      name: scope.export('ChatCommandName'),
      isExported: true,
      docs: describe(['The name of a command of COMMANDS.md (`"APISendMessages"`).']),
      type: 'keyof CommandParameters',
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe(['Every command name, in the order of COMMANDS.md.']),
      declarations: [
        {
          name: scope.export('chatCommandNames'),
          initializer: `${jsonLiteral(schema.commands.map((command) => command.name))} as const satisfies readonly ChatCommandName[]`,
        },
      ],
    },
    {
      kind: StructureKind.Interface,
      name: scope.export('CommandResponses'),
      isExported: true,
      docs: describe(['The responses each command may get (its `**Responses**:`), by command name.']),
      properties: pairs((name) => responsesOf.get(name)!),
    },
    {
      kind: StructureKind.TypeAlias,
      name: scope.export('CommandResponse'),
      isExported: true,
      typeParameters: [{name: 'N', constraint: 'ChatCommandName'}],
      docs: describe([
        'The response union of command `N`: `CommandResponse<"APISendMessages">` is `CR.NewChatItems | CR.ChatCmdError`.',
      ]),
      type: 'CommandResponses[N]',
    },
  ]
}
