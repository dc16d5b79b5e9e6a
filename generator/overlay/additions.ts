import {InputError} from '../input-error.js'
import {takenBy, type NameCollision} from '../names/index.js'
import {parseCompactFieldLine} from '../parse/type-expression.js'
import type {Field, ResponseDefinition, Schema, SourceLocation, TypeExpression} from '../schema/types.js'
import {addedResponseName, OVERLAY_FILE, type ResponseAddition} from './entries.js'

/**
 * Add the responses no doc version documents to `schema` (`Schema.addedResponses`), in place. Applied to the
 * schema as built: in a compatibility build the merge of every version, so a tag that any version lists is
 * found.
 *
 * @throws InputError when a doc version lists the tag (the docs cover it now), or a field names no type of
 *   TYPES.md. A name generated for the response that is taken is found by the name check of the result
 *   (`overlayNameError`).
 */
export function addResponses(schema: Schema, additions: readonly ResponseAddition[]): void {
  const types = new Set(schema.types.map((type) => type.name))
  // JSON has no positions: what the overlay adds is placed at its start, and messages name the entry instead.
  const location: SourceLocation = {file: OVERLAY_FILE, line: 1, column: 1}
  const added: ResponseDefinition[] = []
  for (const addition of additions) {
    const {response: tag, reason, evidence} = addition
    const documented = documentedAs(schema, tag)
    if (documented)
      throw new InputError(
        `overlay: response \`${tag}\` is in the docs now (${documented}); the addition no longer applies (remove it from spec/${OVERLAY_FILE})`,
      )
    const fields = addition.fields.map((line): Field => {
      const field = parseCompactFieldLine(line)
      if ('error' in field)
        throw new InputError(`overlay: added response \`${tag}\`: field line ${JSON.stringify(line)}: ${field.error}`)
      const unknown = referencedTypes(field.type).find((name) => !types.has(name))
      if (unknown !== undefined)
        throw new InputError(
          `overlay: added response \`${tag}\`: field \`${field.name}\` names \`${unknown}\`, which is not a type of TYPES.md`,
        )
      return {name: field.name, wireName: field.name, optional: field.optional, type: field.type, location}
    })
    added.push({name: addedResponseName(tag), description: '', tag, fields, location, addition: {reason, evidence}})
  }
  if (added.length === 0) return
  schema.addedResponses = added
}

/** Where the docs list `tag` as a response (`a response of APIShowMyAddress in COMMANDS.md`), or `null`. */
function documentedAs(schema: Schema, tag: string): string | null {
  const commands = schema.commands.filter((command) => command.responses.some((response) => response.tag === tag))
  if (commands.length === 0) return null
  const names = commands.slice(0, 3).map((command) => command.name)
  const more = commands.length > 3 ? ` and ${commands.length - 3} more` : ''
  const versions = commands[0]!.responses.find((response) => response.tag === tag)!.versions
  const where = versions ? `doc versions ${versions.join(', ')}` : 'COMMANDS.md'
  return `a response of ${names.join(', ')}${more} in ${where}`
}

/** The TYPES.md types a type expression names. */
function referencedTypes(type: TypeExpression): string[] {
  switch (type.kind) {
    case 'reference':
      return [type.name]
    case 'array':
      return referencedTypes(type.element)
    case 'map':
      return referencedTypes(type.value)
    default:
      return []
  }
}

/**
 * What is wrong with the overlay when the package of the schema it made has a name collision: the docs'
 * names were checked already, so the overlay made it (an added response's name, or a corrected field's
 * type giving a new shape check). Said as the entry that caused it where one can tell.
 *
 * @param collision the first collision of the schema with the overlay applied.
 */
export function overlayNameError({name, scope, first, second}: NameCollision): InputError {
  const ours = (claim: {location: SourceLocation | null}) => claim.location?.file === OVERLAY_FILE
  if (!ours(first) && !ours(second))
    return new InputError(
      `overlay: with its corrections applied, \`${name}\`, generated in ${scope} for ${second.owner}, is already taken by ${takenBy(first)} (spec/${OVERLAY_FILE})`,
    )
  const [claim, other] = ours(second) ? [second, first] : [first, second]
  return new InputError(
    `overlay: \`${name}\`, generated in ${scope} for the added ${claim.owner}, is already taken by ${takenBy(other)}; the addition cannot apply (spec/${OVERLAY_FILE})`,
  )
}
