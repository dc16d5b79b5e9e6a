import type {VFile} from 'vfile'
import {reportError, reportWarning} from '../parse/diagnostics.js'
import {identifiersOfExpression, locationInBlock, readSyntaxGrammar} from '../parse/syntax-grammar.js'
import {describeTypeExpression} from './render.js'
import type {CommandDefinition, Field, ResponseDefinition, Schema, SourceLocation, TypeExpression} from './types.js'

/**
 * Check a parsed schema: every reference resolves to a type of TYPES.md; names and
 * tags are unique where consumers rely on them. Each failure is reported on the
 * document it comes from, at its location.
 *
 * @param schema the schema as parsed.
 * @param files the source documents by file name (`EVENTS.md`, `TYPES.md`, `COMMANDS.md`).
 */
export function checkSchema(schema: Schema, files: ReadonlyMap<string, VFile>): void {
  const report = (reason: string, location: SourceLocation, ruleId: string) => {
    const file = files.get(location.file)
    if (file) reportError(file, reason, location, ruleId)
  }
  const types = new Set(schema.types.map((type) => type.name))

  const checkFields = (fields: readonly Field[], owner: string) => {
    unique(
      fields,
      (field) => field.wireName,
      (field) => report(`Duplicate field \`${field.name}\` in ${owner}`, field.location, 'duplicate-field'),
    )
    for (const field of fields) checkReferences(field.type, field.location, owner)
  }
  const checkReferences = (type: TypeExpression, location: SourceLocation, owner: string): void => {
    switch (type.kind) {
      case 'reference':
        if (!types.has(type.name))
          report(
            `Unknown type \`${type.name}\` referenced in ${owner} (no \`## ${type.name}\` in TYPES.md)`,
            location,
            'dangling-reference',
          )
        else if (!type.href.endsWith(`#${type.name.toLowerCase()}`))
          report(
            `Link \`${type.name}\` points at \`${type.href}\`, expected the anchor \`#${type.name.toLowerCase()}\``,
            location,
            'anchor',
          )
        return
      case 'array':
        return checkReferences(type.element, location, owner)
      case 'map':
        return checkReferences(type.value, location, owner)
      default:
        return
    }
  }

  unique(
    schema.categories,
    (category) => category.name,
    (category) => report(`Duplicate category \`${category.name}\``, category.location, 'duplicate-category'),
  )
  unique(
    schema.events,
    (event) => event.name,
    (event) => report(`Duplicate event \`${event.name}\``, event.location, 'duplicate-event'),
  )
  unique(
    schema.events,
    (event) => event.tag,
    (event) =>
      report(`Duplicate event tag \`${event.tag}\` (event \`${event.name}\`)`, event.location, 'duplicate-tag'),
  )
  for (const event of schema.events) checkFields(event.fields, `event \`${event.name}\``)

  unique(
    schema.types,
    (type) => type.name,
    (type) => report(`Duplicate type \`${type.name}\``, type.location, 'duplicate-type'),
  )
  for (const type of schema.types) {
    const owner = `type \`${type.name}\``
    switch (type.kind) {
      case 'record':
        checkFields(type.fields, owner)
        break
      case 'union':
        unique(
          type.members,
          (member) => member.tag,
          (member) => report(`Duplicate tag \`${member.tag}\` in union ${owner}`, member.location, 'duplicate-tag'),
        )
        unique(
          type.members,
          (member) => member.name,
          (member) =>
            report(`Duplicate member \`${member.name}\` in union ${owner}`, member.location, 'duplicate-member'),
        )
        for (const member of type.members) checkFields(member.fields, `member \`${member.name}\` of ${owner}`)
        break
      case 'enum':
        unique(
          type.values,
          (value) => value.value,
          (value) => report(`Duplicate value "${value.value}" in enum ${owner}`, value.location, 'duplicate-value'),
        )
        break
    }
  }
  checkCommands(schema, files, checkReferences)
}

/** Call `onDuplicate` for every item whose key an earlier item already had. */
function unique<T>(items: readonly T[], key: (item: T) => string, onDuplicate: (item: T) => void): void {
  const seen = new Set<string>()
  for (const item of items) {
    const value = key(item)
    if (seen.has(value)) onDuplicate(item)
    seen.add(value)
  }
}

/** Report on the document of `location`, as an error or (`fatal` false) a warning. */
type Reporter = (reason: string, location: SourceLocation, ruleId: string) => void

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

  unique(
    schema.commandCategories,
    (category) => category.name,
    (category) => report(`Duplicate command category \`${category.name}\``, category.location, 'duplicate-category'),
  )
  unique(
    schema.commands,
    (command) => command.name,
    (command) => report(`Duplicate command \`${command.name}\``, command.location, 'duplicate-command'),
  )
  const firstResponses = new Map<string, {response: ResponseDefinition; command: string}>()
  for (const command of schema.commands) {
    const owner = `command \`${command.name}\``
    unique(
      command.parameters,
      (parameter) => parameter.name,
      (parameter) =>
        report(`Duplicate parameter \`${parameter.name}\` in ${owner}`, parameter.location, 'duplicate-parameter'),
    )
    for (const parameter of command.parameters) checkReferences(parameter.type, parameter.location, owner)
    unique(
      command.responses,
      (response) => response.tag,
      (response) =>
        report(`Duplicate response tag \`${response.tag}\` in ${owner}`, response.location, 'duplicate-tag'),
    )
    for (const response of command.responses) {
      const responseOwner = `response \`${response.name}\` of ${owner}`
      unique(
        response.fields,
        (field) => field.wireName,
        (field) => report(`Duplicate field \`${field.name}\` in ${responseOwner}`, field.location, 'duplicate-field'),
      )
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
