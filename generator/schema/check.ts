import type {VFile} from 'vfile'
import {findCollisions, identifierProblem, nameClaims} from '../names/index.js'
import {reportError, type RuleId} from '../diagnostics.js'
import type {Field, Schema, SourceLocation, TypeExpression} from './types.js'
import {checkCommands} from './check-commands.js'

/**
 * Check a parsed schema: every reference resolves to a type of TYPES.md; names and
 * tags are unique where consumers rely on them. Each failure is reported on the
 * document it comes from, at its location.
 *
 * @param schema the schema as parsed.
 * @param files the source documents by file name (`EVENTS.md`, `TYPES.md`, `COMMANDS.md`).
 */
export function checkSchema(schema: Schema, files: ReadonlyMap<string, VFile>): void {
  const report = (reason: string, location: SourceLocation, ruleId: RuleId) => {
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

  checkNames(schema, report)

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

type Report = (reason: string, location: SourceLocation, ruleId: RuleId) => void

/**
 * Names that become TypeScript identifiers: each passes the identifier rule; no two
 * owners get the same generated name in one scope; type and event names differ in
 * more than case (their anchors would not); no tagged object has a field `type`.
 */
function checkNames(schema: Schema, report: Report): void {
  let valid = true
  const checkIdentifier = (name: string, what: string, location: SourceLocation) => {
    const problem = identifierProblem(name)
    if (!problem) return
    valid = false
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

  // Derived names are only meaningful once every name is an identifier.
  if (!valid) return
  const reported = new Set<string>()
  for (const {name, scope, first, second} of findCollisions(nameClaims(schema))) {
    // One message per name and owner, though the name may collide in several modules.
    const key = `${name}\u0000${second.owner}`
    if (!second.location || reported.has(key)) continue
    reported.add(key)
    report(
      `\`${name}\`, generated for ${second.owner} in ${scope}, is already taken by ${first.owner === 'the generator' ? "the generator's own code" : first.owner}`,
      second.location,
      'name-collision',
    )
  }
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
