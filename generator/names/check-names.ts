import type {VFile} from 'vfile'
import {reportError, type RuleId} from '../diagnostics.js'
import type {Schema, SourceLocation} from '../schema/types.js'
import {GENERATOR_OWNER, type NameClaim, type NameCollision} from './claims.js'
import {identifierProblem} from './identifier.js'

type Report = (reason: string, location: SourceLocation, ruleId: RuleId) => void

/**
 * Names that become TypeScript identifiers: each passes the identifier rule; type and event names differ in
 * more than case (their anchors would not); no tagged object has a field `type`.
 * Each failure is an error on the document it comes from, at its location.
 *
 * @param schema the schema as parsed.
 * @param files the source documents by file name (`EVENTS.md`, `TYPES.md`, `COMMANDS.md`).
 */
export function checkNames(schema: Schema, files: ReadonlyMap<string, VFile>): void {
  const report: Report = (reason, location, ruleId) => {
    const file = files.get(location.file)
    if (file) reportError(file, reason, location, ruleId)
  }
  const checkIdentifier = (name: string, what: string, location: SourceLocation) => {
    const problem = identifierProblem(name)
    if (!problem) return
    report(`${what} \`${name}\` cannot be a TypeScript identifier: ${problem}`, location, 'identifier')
  }
  for (const type of schema.types) {
    checkIdentifier(type.name, 'Type name', type.location)
    if (type.kind === 'union') {
      for (const member of type.members) checkIdentifier(member.name, 'Union member name', member.location)
    }
  }
  for (const event of schema.events) checkIdentifier(event.name, 'Event name', event.location)
  for (const command of schema.commands) {
    checkIdentifier(command.name, 'Command name', command.location)
    for (const response of command.responses) checkIdentifier(response.name, 'Response name', response.location)
  }

  for (const [list, what] of [
    [schema.types, 'Type'],
    [schema.events, 'Event'],
  ] as const) {
    const seen = new Map<string, string>()
    for (const {name, location} of list) {
      const other = seen.get(name.toLowerCase())
      if (other !== undefined && other !== name)
        report(
          `${what} \`${name}\` differs from \`${other}\` only in case: their anchors and generated names cannot be told apart`,
          location,
          'case-collision',
        )
      seen.set(name.toLowerCase(), name)
    }
  }

  const tagged = [
    ...schema.events.map((event) => ({fields: event.fields, owner: `event \`${event.name}\``})),
    ...schema.types.flatMap((type) =>
      type.kind === 'union'
        ? type.members.map((member) => ({
            fields: member.fields,
            owner: `member \`${member.name}\` of \`${type.name}\``,
          }))
        : [],
    ),
    ...schema.commands.flatMap((command) =>
      command.responses.map((response) => ({
        fields: response.fields,
        owner: `response \`${response.name}\` of command \`${command.name}\``,
      })),
    ),
  ]
  for (const {fields, owner} of tagged) {
    for (const field of fields) {
      if (field.wireName === 'type')
        report(`Field \`type\` in ${owner}: \`type\` is the tag of a tagged object`, field.location, 'reserved-field')
    }
  }
}

/**
 * Report each collision of names the emitters registered (`NameRegistry.collisions`) as an error at the
 * later claim's place in the docs: once per name and owner, though the name may collide in several modules.
 *
 * @param collisions from a registry filled by running the emitters on a schema whose names passed `checkNames`.
 * @param files the source documents by file name.
 */
export function reportNameCollisions(collisions: readonly NameCollision[], files: ReadonlyMap<string, VFile>): void {
  const reported = new Set<string>()
  for (const {name, scope, first, second} of collisions) {
    const key = `${name}\u0000${second.owner}`
    const file = second.location && files.get(second.location.file)
    if (!second.location || !file || reported.has(key)) continue
    reported.add(key)
    reportError(
      file,
      `\`${name}\`, generated for ${second.owner} in ${scope}, is already taken by ${takenBy(first)}`,
      second.location,
      'name-collision',
    )
  }
}

/** Who holds a taken name, as messages say it. */
export function takenBy(claim: NameClaim): string {
  return claim.owner === GENERATOR_OWNER ? "the generator's own code" : claim.owner
}
