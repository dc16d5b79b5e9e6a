import type {VFile} from 'vfile'
import {reportError, type RuleId} from '../diagnostics.js'
import type {Field, Schema, SourceLocation, TypeExpression} from './types.js'
import {checkCommands} from './check-commands.js'

/**
 * Check a parsed schema: every reference resolves to a type of TYPES.md; names and
 * tags are unique where consumers rely on them (what each name becomes in TypeScript
 * is `checkNames`'s, in generator/names/). Each failure is reported on the
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
