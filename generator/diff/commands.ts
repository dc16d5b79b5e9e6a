/**
 * The COMMANDS.md half of `compareSchemas`: command categories, commands, their
 * parameters, the string they produce and their responses, and the fields of
 * each distinct response tag. Also the command-string syntax of TYPES.md types.
 */
import {commandScope, syntaxTypeNames, typeScope} from '../parse/command-expression.js'
import type {CommandDefinition, Field, ResponseDefinition, Schema, TypeDefinition} from '../schema/types.js'
import {commandStringOf, sameCommandString, type CommandString} from './syntax.js'
import {compareFields, describeField, forEachPair, sameType, widens, type Add} from './fields.js'
import {PARAMETER_OPTIONALITY_NOTES} from './rules.js'

/**
 * Compare the commands of two schemas. Nothing is compared unless both were
 * read with a COMMANDS.md: docs without one say nothing about commands, and
 * reporting every command as added or removed would be noise.
 *
 * Subjects: `command category "C"`, `command X`, `parameter X.p`,
 * `response X.tag` (a response of command X), `response tag` and
 * `response field tag.f` (a response tag has the same name and fields under
 * every command, a check makes sure, so each is compared once).
 *
 * @param before the schema of the older docs.
 * @param after the schema of the newer docs.
 * @param add records each change.
 */
export function compareCommands(before: Schema, after: Schema, add: Add): void {
  if (!before.sources.commands || !after.sources.commands) return

  forEachPair(
    before.commandCategories,
    after.commandCategories,
    (category) => category.name,
    (old, current, name) => {
      const subject = `command category "${name}"`
      if (!old) add('command-category-added', subject)
      else if (!current) add('command-category-removed', subject)
    },
  )

  const syntaxTypes = {before: syntaxTypeNames(before.types), after: syntaxTypeNames(after.types)}
  forEachPair(
    before.commands,
    after.commands,
    (command) => command.name,
    (old, current, name) => {
      const subject = `command ${name}`
      if (!old) add('command-added', subject, {after: current!.category})
      else if (!current) add('command-removed', subject, {before: old.category})
      else compareCommand(old, current, syntaxTypes, add)
    },
  )

  forEachPair(
    distinctResponses(before.commands),
    distinctResponses(after.commands),
    (response) => response.tag,
    (old, current, tag) => {
      // A tag that appears or goes is reported with each command that lists it.
      if (!old || !current) return
      if (old.name !== current.name)
        add('response-name-changed', `response ${tag}`, {before: old.name, after: current.name})
      compareFields(`response field ${tag}`, old.fields, current.fields, add)
    },
  )
}

/**
 * Compare the ```javascript syntax of a TYPES.md type (`ChatRef`, `GroupChatScope`):
 * commands render values of these types with it.
 *
 * @param old the type in the older docs.
 * @param current the type in the newer docs.
 * @param before the older schema's types (for the scope of the syntax).
 * @param after the newer schema's types.
 * @param add records a `type-syntax-changed` change with subject `type T`.
 */
export function compareTypeSyntax(
  old: TypeDefinition,
  current: TypeDefinition,
  before: readonly TypeDefinition[],
  after: readonly TypeDefinition[],
  add: Add,
): void {
  const was = typeStringOf(old, syntaxTypeNames(before))
  const now = typeStringOf(current, syntaxTypeNames(after))
  if (!sameCommandString(was, now)) add('type-syntax-changed', `type ${current.name}`, shownValues(was, now))
}

function compareCommand(
  old: CommandDefinition,
  current: CommandDefinition,
  syntaxTypes: {before: readonly string[]; after: readonly string[]},
  add: Add,
): void {
  const subject = `command ${current.name}`
  if (old.category !== current.category) add('command-moved', subject, {before: old.category, after: current.category})
  const was = commandStringOf(old, commandScope(old.parameters, syntaxTypes.before))
  const now = commandStringOf(current, commandScope(current.parameters, syntaxTypes.after))
  const sameString = sameCommandString(was, now)
  // Compared as compiled templates with the new parameters absent: a bool reads the same absent as false.
  const stringKept = sameString && was?.form === 'template' && now?.form === 'template'
  compareParameters(current.name, old.parameters, current.parameters, stringKept, add)
  if (!sameString) add('command-syntax-changed', subject, shownValues(was, now))
  forEachPair(
    old.responses,
    current.responses,
    (response) => response.tag,
    (was, now, tag) => {
      const responseSubject = `response ${current.name}.${tag}`
      if (!was) add('response-added', responseSubject, {after: now!.name})
      else if (!now) add('response-removed', responseSubject, {before: was.name})
    },
  )
}

/**
 * Parameters are the command's input: the reverse of the field rules for optionality and widening. A
 * required bool added where the command string is kept (`stringKept`: the same with it absent, so with it
 * `false`) has a default in all but the type: a warning.
 */
function compareParameters(command: string, old: Field[], current: Field[], stringKept: boolean, add: Add): void {
  forEachPair(
    old,
    current,
    (parameter) => parameter.name,
    (was, now, name) => {
      const subject = `parameter ${command}.${name}`
      if (!was) {
        const flag = stringKept && now!.type.kind === 'primitive' && now!.type.name === 'bool'
        const rule = now!.optional
          ? 'parameter-added-optional'
          : flag
            ? 'parameter-added-required-flag'
            : 'parameter-added-required'
        add(rule, subject, {after: describeField(now!)})
      } else if (!now) {
        add('parameter-removed', subject, {before: describeField(was)})
      } else {
        const values = {before: describeField(was), after: describeField(now)}
        const madeRequired = was.optional && !now.optional
        if (!sameType(was.type, now.type)) {
          const rule = widens(was.type, now.type) ? 'parameter-type-widened' : 'parameter-type-changed'
          add(rule, subject, values, madeRequired ? PARAMETER_OPTIONALITY_NOTES['made-required'] : undefined)
        } else if (was.optional !== now.optional) {
          add(madeRequired ? 'parameter-made-required' : 'parameter-made-optional', subject, values)
        }
      }
    },
  )
}

/** The first definition of each response tag, in command order. */
function distinctResponses(commands: readonly CommandDefinition[]): ResponseDefinition[] {
  const byTag = new Map<string, ResponseDefinition>()
  for (const command of commands) {
    for (const response of command.responses) if (!byTag.has(response.tag)) byTag.set(response.tag, response)
  }
  return [...byTag.values()]
}

function typeStringOf(type: TypeDefinition, syntaxTypes: readonly string[]): CommandString | null {
  return commandStringOf(type, typeScope(type, syntaxTypes))
}

/** The before/after values of a syntax change: the expressions as the docs write them. */
function shownValues(was: CommandString | null, now: CommandString | null): {before?: string; after?: string} {
  return {...(was && {before: was.shown}), ...(now && {after: now.shown})}
}
