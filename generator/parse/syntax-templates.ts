import type {VFile} from 'vfile'
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

/**
 * Compile the ```javascript syntax block of every TYPES.md type and COMMANDS.md
 * command into its `template` (`compileCommandExpression`), in place. A block that
 * does not compile is a located error on its document (`command-expression`). A
 * command without a ```javascript block takes its plain grammar when that is a
 * literal (`/_stop`: no `<...>`, `[...]` or `|`); otherwise it is an error
 * (`command-template`), because no command string could be generated for it.
 *
 * @param types the types of TYPES.md (their syntax blocks are compiled first: commands refer to them).
 * @param commands the commands of COMMANDS.md.
 * @param files the documents by file name; errors go on them.
 */
export function compileSyntaxTemplates(
  types: TypeDefinition[],
  commands: CommandDefinition[],
  files: ReadonlyMap<string, VFile>,
): void {
  const syntaxTypes = syntaxTypeNames(types)
  for (const type of types) {
    const block = type.syntax.find((each) => each.lang === 'javascript')
    if (!block?.location) continue
    const file = files.get(block.location.file)
    const result = compileCommandExpression(block.code, typeScope(type, syntaxTypes), codeStart(block.location))
    if (result.ok) type.template = result.template
    else if (file) reportCommandExpressionErrors(file, result.errors)
  }
  for (const command of commands) {
    const file = files.get(command.location.file)
    const block = command.syntax.find((each) => each.lang === 'javascript')
    if (block?.location) {
      const scope = commandScope(command.parameters, syntaxTypes)
      const result = compileCommandExpression(block.code, scope, codeStart(block.location))
      if (result.ok) command.template = result.template
      else if (file) reportCommandExpressionErrors(file, result.errors)
      continue
    }
    const grammar = command.syntax.find((each) => each.lang === null)
    if (!grammar) continue // Reported by the parser (`command-syntax`).
    const literal = literalGrammar(grammar)
    if (literal !== null) {
      command.template = {subject: 'fields', expression: {kind: 'literal', value: literal}, unguardedOptionals: []}
    } else if (file) {
      reportError(
        file,
        `Command \`${command.name}\` has no \`javascript\` syntax block and its grammar is not a literal: its command string cannot be derived`,
        grammar.location ? codeStart(grammar.location) : command.location,
        COMMAND_TEMPLATE_RULE,
      )
    }
  }
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
