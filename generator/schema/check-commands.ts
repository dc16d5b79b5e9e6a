import type {VFile} from 'vfile'
import {reportError, reportWarning, type RuleId} from '../diagnostics.js'
import {identifiersOfExpression, locationInBlock, readSyntaxGrammar} from './syntax-grammar.js'
import {describeTypeExpression} from './render.js'
import type {CommandDefinition, ResponseDefinition, Schema, SourceLocation, TypeExpression} from './types.js'

/** Report on the document of `location`, as an error or (`fatal` false) a warning. */
type Reporter = (reason: string, location: SourceLocation, ruleId: RuleId) => void

/**
 * Check the commands of COMMANDS.md. Errors: duplicate categories, commands,
 * parameters, response tags within a command and response fields; a reference
 * that does not resolve; a response tag whose name or fields differ from the
 * first command that lists it (located at the later one); a syntax placeholder
 * that names no parameter. Warnings (real upstream inconsistencies, the schema
 * stays usable): an optional parameter the plain grammar uses outside `[...]`, and
 * a parameter neither the grammar nor the `javascript` expression uses.
 *
 * @param schema the schema as parsed.
 * @param files the source documents by file name.
 * @param checkReferences the reference check of `checkSchema`.
 */
export function checkCommands(
  schema: Schema,
  files: ReadonlyMap<string, VFile>,
  checkReferences: (type: TypeExpression, location: SourceLocation, owner: string) => void,
): void {
  const reporter =
    (fatal: boolean): Reporter =>
    (reason, location, ruleId) => {
      const file = files.get(location.file)
      if (file) (fatal ? reportError : reportWarning)(file, reason, location, ruleId)
    }
  const report = reporter(true)
  const warn = reporter(false)

  for (const category of repeated(schema.commandCategories, (category) => category.name))
    report(`Duplicate command category \`${category.name}\``, category.location, 'duplicate-category')
  for (const command of repeated(schema.commands, (command) => command.name))
    report(`Duplicate command \`${command.name}\``, command.location, 'duplicate-command')
  const firstResponses = new Map<string, {response: ResponseDefinition; command: string}>()
  for (const command of schema.commands) {
    const owner = `command \`${command.name}\``
    for (const parameter of repeated(command.parameters, (parameter) => parameter.name))
      report(`Duplicate parameter \`${parameter.name}\` in ${owner}`, parameter.location, 'duplicate-parameter')
    for (const parameter of command.parameters) checkReferences(parameter.type, parameter.location, owner)
    for (const response of repeated(command.responses, (response) => response.tag))
      report(`Duplicate response tag \`${response.tag}\` in ${owner}`, response.location, 'duplicate-tag')
    for (const response of command.responses) {
      const responseOwner = `response \`${response.name}\` of ${owner}`
      for (const field of repeated(response.fields, (field) => field.wireName))
        report(`Duplicate field \`${field.name}\` in ${responseOwner}`, field.location, 'duplicate-field')
      for (const field of response.fields) checkReferences(field.type, field.location, responseOwner)
      const first = firstResponses.get(response.tag)
      if (!first) firstResponses.set(response.tag, {response, command: command.name})
      else if (responseShape(first.response) !== responseShape(response))
        report(
          `Response \`${response.tag}\` of ${owner} is \`${responseShape(response)}\`, but \`${responseShape(first.response)}\` under command \`${first.command}\` (line ${first.response.location.line})`,
          response.location,
          'response-fields',
        )
    }
    checkSyntaxUse(command, report, warn)
  }
}

/** A response as one comparable line: `ChatCmdError {chatError: ChatError}`. */
function responseShape(response: ResponseDefinition): string {
  const fields = response.fields.map(
    (field) => `${field.wireName}: ${describeTypeExpression(field.type)}${field.optional ? '?' : ''}`,
  )
  return `${response.name} {${fields.join(', ')}}`
}

/** Placeholders of the plain grammar against the parameters; see `checkCommands`. */
function checkSyntaxUse(command: CommandDefinition, report: Reporter, warn: Reporter): void {
  const grammar = command.syntax.find((block) => block.lang === null)
  const reading = grammar?.location ? readSyntaxGrammar(grammar.code) : null
  if (!grammar?.location || !reading?.ok) return // No grammar, or one the parser already reported.
  const owner = `command \`${command.name}\``
  const parameters = new Map(command.parameters.map((parameter) => [parameter.name, parameter]))
  const used = new Set<string>()
  const warned = new Set<string>()
  for (const placeholder of reading.placeholders) {
    const at = locationInBlock(grammar.location, placeholder.line, placeholder.column)
    const parameter = parameters.get(placeholder.name)
    if (!parameter) {
      report(`Syntax placeholder \`<${placeholder.name}>\` names no parameter of ${owner}`, at, 'syntax-placeholder')
      continue
    }
    used.add(parameter.name)
    if (parameter.optional && !placeholder.optional && !warned.has(parameter.name)) {
      warned.add(parameter.name)
      warn(
        `Parameter \`${parameter.name}\` of ${owner} is optional (\`${describeTypeExpression(parameter.type)}?\`) but its syntax uses it outside \`[...]\``,
        at,
        'syntax-optional',
      )
    }
  }
  // Bool and enum parameters show as literals in the grammar (`on|off`, `[ live=on]`): the expression names them.
  const expression = command.syntax.find((block) => block.lang === 'javascript')
  const named = expression ? identifiersOfExpression(expression.code) : new Set<string>()
  for (const parameter of command.parameters) {
    if (!used.has(parameter.name) && !named.has(parameter.name))
      warn(
        `Parameter \`${parameter.name}\` of ${owner} is never used by its syntax`,
        parameter.location,
        'unused-parameter',
      )
  }
}

/** The items whose key an earlier item already had, in order. */
function repeated<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const value = key(item)
    const again = seen.has(value)
    seen.add(value)
    return again
  })
}
