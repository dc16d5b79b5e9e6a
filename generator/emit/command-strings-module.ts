import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {Field, Schema} from '../schema/types.js'
import {
  cmdStringFunctionName,
  commandOwner,
  COMMANDS_NAMESPACE,
  identifier,
  syntaxOwner,
  TYPES_NAMESPACE,
} from '../names/index.js'
import {emitCommandFunction} from './command-string.js'
import {comparableNames} from './comparable-literals.js'
import {describe} from './doc-comment.js'
import type {ModuleScope} from './module-scope.js'

/**
 * The statements of `command-strings.ts`: a pure function per TYPES.md syntax type
 * (`chatRefCmdString`) and per command (`apiSendMessagesCmdString`), each built from
 * the compiled template of its ```javascript syntax block (`emitCommandFunction`:
 * doc text reaches the code only as escaped literals), and the generic entry
 * `commandString(name, params)` over their table (`templates/command-writer.ts`).
 */
export function emitCommandStrings(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const typesByName = new Map(schema.types.map((type) => [type.name, type]))
  const typeFunctions: StatementStructures[] = []
  for (const type of schema.types) {
    if (!type.template) continue
    typeFunctions.push(
      emitCommandFunction(type.template, {
        name: scope.export(cmdStringFunctionName(type.name), syntaxOwner(type)),
        parameterType: `${scope.useNamespace('./types.js', TYPES_NAMESPACE)}.${identifier(type.name)}`,
        ...(type.kind === 'record' ? {optionalNames: optionalNames(type.fields)} : {}),
        comparableNames: comparableNames(type, typesByName),
        description: `\`${type.name}\` as command strings write it (its \`**Syntax**:\` in TYPES.md).`,
        scope,
      }),
    )
  }
  const commands = schema.commands.filter((command) => command.template)
  const commandFunctions: StatementStructures[] = commands.map((command) =>
    emitCommandFunction(command.template!, {
      name: scope.export(cmdStringFunctionName(command.name), commandOwner(command)),
      parameterType: `${scope.useNamespace('./commands.js', COMMANDS_NAMESPACE)}.${identifier(command.name)}`,
      // A command without parameters (`/_stop`) still takes its (empty) parameter object, unread.
      ...(command.parameters.length === 0 ? {parameterName: '_params'} : {}),
      // The docs' optionality, not the declared one: untyped callers may still omit a parameter the type requires.
      optionalNames: optionalNames(command.parameters),
      unguardedRequired: true,
      comparableNames: comparableNames(command, typesByName),
      description: `The command string of \`${command.name}\`, as its \`**Syntax**:\` in COMMANDS.md builds it.`,
      scope,
    }),
  )
  const entries = commands.map((command) => `${identifier(command.name)}: ${cmdStringFunctionName(command.name)}`)
  const name = scope.useType('./commands.js', 'ChatCommandName')
  const parameters = scope.useType('./commands.js', 'CommandParameters')
  const table = scope.declare('commandStringFunctions')
  return [
    ...typeFunctions,
    ...commandFunctions,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: table,
          type: `{ readonly [N in ${name}]: (params: ${parameters}[N]) => string }`,
          initializer: `{${entries.join(', ')}}`,
        },
      ],
    },
    {
      kind: StructureKind.Function,
      name: scope.export('commandString'),
      isExported: true,
      typeParameters: [{name: 'N', constraint: name}],
      docs: describe([
        'The command string of command `name` with its parameters, as the docs\' `**Syntax**:` builds it: `commandString("APISendMessages", {sendRef: {chatType: "direct", chatId: 1}, liveMessage: false, signMessages: false, composedMessages})` gives `/_send @1 json [...]`.',
        'Throws a `TypeError` for a name that is not a command of the docs (only reachable from untyped code).',
      ]),
      parameters: [
        {name: 'name', type: 'N'},
        {name: 'params', type: `${parameters}[N]`},
      ],
      returnType: 'string',
      statements: `return ${scope.use('./command-writer.js', 'writeCommand')}(${table}, name, params)`,
    },
  ]
}
/** The names of the optional fields (or parameters) among `fields`. */
function optionalNames(fields: readonly Field[]): ReadonlySet<string> {
  return new Set(fields.filter((field) => field.optional).map((field) => field.name))
}
