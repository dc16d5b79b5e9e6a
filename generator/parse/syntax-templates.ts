import type {VFile} from 'vfile'
import type {CommandTemplate} from '../schema/command-template.js'
import type {CommandDefinition, SourceLocation, SyntaxBlock, TypeDefinition} from '../schema/types.js'
import {
  commandScope,
  compileCommandExpression,
  reportCommandExpressionErrors,
  syntaxTypeNames,
  typeScope,
} from './command-expression.js'
import {reportError} from '../diagnostics.js'
import {locationInBlock, readSyntaxGrammar} from '../schema/syntax-grammar.js'

/** Rule id of a command whose string the generator cannot derive. */
export const COMMAND_TEMPLATE_RULE = 'command-template'

/** The types and commands of a schema with their syntax blocks compiled (`template` set where one compiles). */
export interface CompiledSyntax {
  types: TypeDefinition[]
  commands: CommandDefinition[]
}

/**
 * Compile the ```javascript syntax block of every TYPES.md type and COMMANDS.md
 * command into its `template` (`compileCommandExpression`). A block that does not
 * compile is a located error on its document (`command-expression`). A command
 * without a ```javascript block takes its plain grammar when that is a literal
 * (`/_stop`: no `<...>`, `[...]` or `|`); otherwise it is an error
 * (`command-template`), because no command string could be generated for it.
 *
 * @param types the types of TYPES.md (their syntax blocks are compiled first: commands refer to them).
 * @param commands the commands of COMMANDS.md.
 * @param files the documents by file name; errors go on them.
 * @returns copies of `types` and `commands`, each with its `template` where it has one; the inputs are
 *   left as they are.
 */
export function compileSyntaxTemplates(
  types: readonly TypeDefinition[],
  commands: readonly CommandDefinition[],
  files: ReadonlyMap<string, VFile>,
): CompiledSyntax {
  const syntaxTypes = syntaxTypeNames(types)
  return {
    types: types.map((type) => withTemplate(type, typeTemplate(type, syntaxTypes, files))),
    commands: commands.map((command) => withTemplate(command, commandTemplate(command, syntaxTypes, files))),
  }
}

/** `definition` with `template` set, or itself when there is none. */
function withTemplate<T extends {template?: CommandTemplate}>(definition: T, template: CommandTemplate | null): T {
  return template ? {...definition, template} : definition
}

/** The compiled ```javascript block of a type, or `null` (none, or an error reported). */
function typeTemplate(
  type: TypeDefinition,
  syntaxTypes: readonly string[],
  files: ReadonlyMap<string, VFile>,
): CommandTemplate | null {
  const block = type.syntax.find((each) => each.lang === 'javascript')
  if (!block?.location) return null
  const result = compileCommandExpression(block.code, typeScope(type, syntaxTypes), codeStart(block.location))
  if (result.ok) return result.template
  const file = files.get(block.location.file)
  if (file) reportCommandExpressionErrors(file, result.errors)
  return null
}

/** The template of a command: its ```javascript block compiled, else its literal grammar; `null` after an error. */
function commandTemplate(
  command: CommandDefinition,
  syntaxTypes: readonly string[],
  files: ReadonlyMap<string, VFile>,
): CommandTemplate | null {
  const file = files.get(command.location.file)
  const block = command.syntax.find((each) => each.lang === 'javascript')
  if (block?.location) {
    const scope = commandScope(command.parameters, syntaxTypes)
    const result = compileCommandExpression(block.code, scope, codeStart(block.location))
    if (result.ok) return result.template
    if (file) reportCommandExpressionErrors(file, result.errors)
    return null
  }
  const grammar = command.syntax.find((each) => each.lang === null)
  if (!grammar) return null // Reported by the parser (`command-syntax`).
  const literal = literalGrammar(grammar)
  if (literal !== null)
    return {subject: 'fields', expression: {kind: 'literal', value: literal}, unguardedOptionals: []}
  if (file) {
    reportError(
      file,
      `Command \`${command.name}\` has no \`javascript\` syntax block and its grammar is not a literal: its command string cannot be derived`,
      grammar.location ? codeStart(grammar.location) : command.location,
      COMMAND_TEMPLATE_RULE,
    )
  }
  return null
}

/** The text of a one-line grammar without placeholders, optional parts or alternatives; `null` otherwise. */
function literalGrammar(block: SyntaxBlock): string | null {
  const code = block.code.trim()
  const reading = readSyntaxGrammar(code)
  if (!reading.ok || reading.placeholders.length > 0 || /[[\]|\r\n]/.test(code) || code === '') return null
  return code
}

/** Where the code of a block whose fence is at `fence` starts. */
function codeStart(fence: SourceLocation): SourceLocation {
  return locationInBlock(fence, 0, 0)
}
