import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {Field, Schema} from '../schema/types.js'
import {cmdStringFunctionName, COMMANDS_NAMESPACE, identifier, TYPES_NAMESPACE} from '../names/index.js'
import {emitCommandFunction} from './command-string.js'
import {comparableNames} from './comparable-literals.js'
import {describe} from './doc-comment.js'

/**
 * The statements of `command-strings.ts`: a pure function per TYPES.md syntax type
 * (`chatRefCmdString`) and per command (`apiSendMessagesCmdString`), each built from
 * the compiled template of its ```javascript syntax block (`emitCommandFunction`:
 * doc text reaches the code only as escaped literals), and the generic entry
 * `commandString(name, params)`.
 */
export function emitCommandStrings(schema: Schema): StatementStructures[] {
  const typesByName = new Map(schema.types.map((type) => [type.name, type]))
  const typeFunctions: StatementStructures[] = []
  for (const type of schema.types) {
    if (!type.template) continue
    typeFunctions.push(
      emitCommandFunction(type.template, {
        name: cmdStringFunctionName(type.name),
        parameterType: `${TYPES_NAMESPACE}.${identifier(type.name)}`,
        ...(type.kind === 'record' ? {optionalNames: optionalNames(type.fields)} : {}),
        comparableNames: comparableNames(type, typesByName),
        description: `\`${type.name}\` as command strings write it (its \`**Syntax**:\` in TYPES.md).`,
      }),
    )
  }
  const commands = schema.commands.filter((command) => command.template)
  const commandFunctions: StatementStructures[] = commands.map((command) =>
    emitCommandFunction(command.template!, {
      name: cmdStringFunctionName(command.name),
      parameterType: `${COMMANDS_NAMESPACE}.${identifier(command.name)}`,
      // A command without parameters (`/_stop`) still takes its (empty) parameter object, unread.
      ...(command.parameters.length === 0 ? {parameterName: '_params'} : {}),
      // The docs' optionality, not the declared one: untyped callers may still omit a parameter the type requires.
      optionalNames: optionalNames(command.parameters),
      unguardedRequired: true,
      comparableNames: comparableNames(command, typesByName),
      description: `The command string of \`${command.name}\`, as its \`**Syntax**:\` in COMMANDS.md builds it.`,
    }),
  )
  const table = commands.map((command) => `${identifier(command.name)}: ${cmdStringFunctionName(command.name)}`)
  return [
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'T', moduleSpecifier: './types.js'},
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namespaceImport: COMMANDS_NAMESPACE,
      moduleSpecifier: './commands.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatCommandName', 'CommandParameters'],
      moduleSpecifier: './commands.js',
    },
    ...typeFunctions,
    ...commandFunctions,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: 'commandStringFunctions',
          type: '{ readonly [N in ChatCommandName]: (params: CommandParameters[N]) => string }',
          initializer: `{${table.join(', ')}}`,
        },
      ],
    },
    {
      kind: StructureKind.Function,
      name: 'commandString',
      isExported: true,
      typeParameters: [{name: 'N', constraint: 'ChatCommandName'}],
      docs: describe([
        'The command string of command `name` with its parameters, as the docs\' `**Syntax**:` builds it: `commandString("APISendMessages", {sendRef: {chatType: "direct", chatId: 1}, liveMessage: false, signMessages: false, composedMessages})` gives `/_send @1 json [...]`.',
        'Throws a `TypeError` for a name that is not a command of the docs (only reachable from untyped code).',
      ]),
      parameters: [
        {name: 'name', type: 'N'},
        {name: 'params', type: 'CommandParameters[N]'},
      ],
      returnType: 'string',
      statements: [
        // Own properties only: `constructor` or `__proto__` must not reach Object.prototype.
        'if (!Object.hasOwn(commandStringFunctions, name)) throw new TypeError(`unknown command: ${JSON.stringify(name)}`)',
        'return (commandStringFunctions[name] as (params: CommandParameters[N]) => string)(params)',
      ].join('\n'),
    },
  ]
}

/** The names of the optional fields (or parameters) among `fields`. */
function optionalNames(fields: readonly Field[]): ReadonlySet<string> {
  return new Set(fields.filter((field) => field.optional).map((field) => field.name))
}
