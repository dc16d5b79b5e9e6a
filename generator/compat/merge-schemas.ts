import {describeTypeExpression} from '../schema/render.js'
import {
  SCHEMA_VERSION,
  type CommandDefinition,
  type EnumType,
  type EnumValue,
  type EventDefinition,
  type Field,
  type Schema,
  type SourceLocation,
  type TypeDefinition,
  type UnionType,
  type Versions,
} from '../schema/types.js'
import {distinctResponses} from '../schema/responses.js'
import {addOlderFieldType, type MergedFieldType, type TypeKinds} from './merge-types.js'

/**
 * A compatibility build's schema: several doc versions merged into one IR that accepts what any of them
 * documents, every node recording the versions that have it (`versions`, oldest first).
 *
 * - Events, types, union members, enum values, commands, responses and their categories are the union of
 *   all versions, matched by what the wire carries (an event's or member's tag, a field's key, a type's,
 *   command's or value's name); names, descriptions, syntax and locations are the newest version's.
 * - A field every version of its owner has keeps its requiredness; a field some of them lack, or any of
 *   them marks optional, is optional. Parameters likewise, over the versions whose docs have COMMANDS.md:
 *   a parameter only newer versions accept is optional, and its `versions` say which.
 * - A field whose type differs: see `merge-types.ts` (the wider type, alternatives of the same JSON shape,
 *   or an error).
 * - A type that is an enum in some versions and a union in others (`ConnStatus`: enum in 2025-09-27) is a
 *   union whose `stringValues` are the enum's values: older servers send a string, newer an object. A
 *   record that is not a record in another version is an error.
 */

/** One doc version to merge: a label for messages and doc comments, and its checked schema. */
export interface VersionedSchema {
  label: string
  schema: Schema
}

/** Where two versions disagree in a way no merge rule covers: at the newer version's node. */
export interface MergeConflict {
  reason: string
  /** The version whose document `location` points into. */
  label: string
  location: SourceLocation
  ruleId: 'compat-type' | 'compat-kind' | 'compat-name'
}

export type MergeResult = {ok: true; schema: Schema} | {ok: false; conflicts: MergeConflict[]}

/**
 * Merge doc versions into one schema.
 *
 * @param versions oldest first; the last is the newest, whose `sources` the merged schema keeps. Labels
 *   must be distinct.
 */
export function mergeSchemas(versions: readonly VersionedSchema[]): MergeResult {
  const labels = new Set(versions.map((version) => version.label))
  if (versions.length === 0 || labels.size !== versions.length)
    throw new Error('mergeSchemas needs at least one version, each with its own label')
  const conflicts: MergeConflict[] = []
  const newestFirst = [...versions].reverse().map(({label, schema}) => ({label, schema, kinds: kindsOf(schema)}))
  const merger = new FieldMerger(conflicts)

  const events = groupByKey(
    newestFirst.map((version) => ({...version, items: version.schema.events})),
    (event) => event.tag,
  ).map((group): EventDefinition => {
    const newest = group[0]!.item
    const fields = merger.merge(`event ${newest.name}`, group.map(fieldsOf((event) => event.fields)))
    return {...newest, fields, versions: labelsOf(group)}
  })
  const types = groupByKey(
    newestFirst.map((version) => ({...version, items: version.schema.types})),
    (type) => type.name,
  ).map((group) => mergeType(group, merger, conflicts))
  const commandVersions = newestFirst.filter((version) => version.schema.sources.commands !== undefined)
  const responseFields = mergeResponseFields(commandVersions, merger)
  const commands = groupByKey(
    commandVersions.map((version) => ({...version, items: version.schema.commands})),
    (command) => command.name,
  ).map((group) => mergeCommand(group, merger, responseFields))
  reportDuplicateNames(events, 'events', conflicts)
  reportDuplicateNames(types, 'types', conflicts)
  if (conflicts.length > 0) return {ok: false, conflicts}

  const newest = newestFirst[0]!.schema
  const categories = groupByKey(
    newestFirst.map((version) => ({...version, items: version.schema.categories})),
    (category) => category.name,
  ).map((group) => ({
    ...group[0]!.item,
    events: events.filter((event) => event.category === group[0]!.item.name).map((event) => event.name),
  }))
  const commandCategories = groupByKey(
    commandVersions.map((version) => ({...version, items: version.schema.commandCategories})),
    (category) => category.name,
  ).map((group) => ({
    ...group[0]!.item,
    commands: commands.filter((command) => command.category === group[0]!.item.name).map((command) => command.name),
  }))
  return {
    ok: true,
    schema: {
      schemaVersion: SCHEMA_VERSION,
      sources: newest.sources,
      categories,
      events,
      types,
      commandCategories,
      commands,
      versions: versions.map(({label, schema}) => ({label, sources: schema.sources})),
    },
  }
}

/** One version's node of a merge group. */
interface Occurrence<T> {
  label: string
  kinds: TypeKinds
  item: T
}

/**
 * The nodes of every version grouped by key, each group newest first. Groups come in the newest version's
 * order, then those only older versions have, in the order the newest of those lists them.
 */
function groupByKey<T>(
  lists: readonly {label: string; kinds: TypeKinds; items: readonly T[]}[],
  key: (item: T) => string,
): Occurrence<T>[][] {
  const groups = new Map<string, Occurrence<T>[]>()
  for (const {label, kinds, items} of lists)
    for (const item of items) {
      const group = groups.get(key(item)) ?? []
      // A version lists a key once (the schema checks duplicates); keep its first node if not.
      if (group.at(-1)?.label !== label) group.push({label, kinds, item})
      groups.set(key(item), group)
    }
  return [...groups.values()]
}

/** The labels of a group, oldest first. */
function labelsOf(group: readonly Occurrence<unknown>[]): Versions {
  return group.map((occurrence) => occurrence.label).reverse()
}

function fieldsOf<T>(fields: (item: T) => readonly Field[]) {
  return (occurrence: Occurrence<T>): Occurrence<readonly Field[]> => ({...occurrence, item: fields(occurrence.item)})
}

/** Merges the fields of one owner (event, member, record, command, response) over the versions it is in. */
class FieldMerger {
  constructor(private readonly conflicts: MergeConflict[]) {}

  /**
   * @param owner how messages name the owner (`event NewChatItems`, `User`).
   * @param owners the owner's fields in each version that has it, newest first.
   */
  merge(owner: string, owners: readonly Occurrence<readonly Field[]>[]): Field[] {
    return groupByKey(
      owners.map(({label, kinds, item}) => ({label, kinds, items: item})),
      (field) => field.wireName,
    ).map((group) => {
      const [newest, ...older] = group as [Occurrence<Field>, ...Occurrence<Field>[]]
      const merged: MergedFieldType = {type: newest.item.type, alternatives: []}
      let optional = newest.item.optional || group.length < owners.length
      for (const version of older) {
        optional ||= version.item.optional
        if (!addOlderFieldType(merged, version.item.type, version.label, newest.kinds, version.kinds))
          this.conflicts.push({
            reason:
              `${owner}.${newest.item.name} is ${describeTypeExpression(newest.item.type)} in ${newest.label} ` +
              `(${place(newest.item.location)}) and ${describeTypeExpression(version.item.type)} in ` +
              `${version.label} (${place(version.item.location)}): not one type, as the JSON shape differs`,
            label: newest.label,
            location: newest.item.location,
            ruleId: 'compat-type',
          })
      }
      const field: Field = {...newest.item, type: merged.type, optional, versions: labelsOf(group)}
      if (merged.alternatives.length > 0) field.alternatives = merged.alternatives
      return field
    })
  }
}

function mergeType(
  group: readonly Occurrence<TypeDefinition>[],
  merger: FieldMerger,
  conflicts: MergeConflict[],
): TypeDefinition {
  const newest = group[0]!
  const versions = labelsOf(group)
  const other = group.find((version) => version.item.kind !== newest.item.kind)
  if (other && (newest.item.kind === 'record' || other.item.kind === 'record')) {
    conflicts.push({
      reason:
        `${newest.item.name} is a ${newest.item.kind} in ${newest.label} (${place(newest.item.location)}) and a ` +
        `${other.item.kind} in ${other.label} (${place(other.item.location)}): only an enum may become a union`,
      label: newest.label,
      location: newest.item.location,
      ruleId: 'compat-kind',
    })
    return newest.item
  }
  const record = newest.item
  if (record.kind === 'record') {
    const fields = merger.merge(record.name, group.map(fieldsOf((type) => (type.kind === 'record' ? type.fields : []))))
    return {...record, fields, versions}
  }
  const enums = group.filter((version): version is Occurrence<EnumType> => version.item.kind === 'enum')
  const unions = group.filter((version): version is Occurrence<UnionType> => version.item.kind === 'union')
  if (unions.length === 0) return {...(newest.item as EnumType), values: mergeValues(enums), versions}
  const members = groupByKey(
    unions.map(({label, kinds, item}) => ({label, kinds, items: item.members})),
    (member) => member.tag,
  ).map((members) => {
    const member = members[0]!.item
    const fields = merger.merge(`${record.name}.${member.name}`, members.map(fieldsOf((version) => version.fields)))
    return {...member, fields, versions: labelsOf(members)}
  })
  reportDuplicateNames(members, `members of ${record.name}`, conflicts)
  // The newest union version's description and location: the enum versions describe the other encoding.
  const union: UnionType = {...unions[0]!.item, members, versions}
  if (enums.length > 0) union.stringValues = mergeValues(enums)
  return union
}

function mergeValues(enums: readonly Occurrence<EnumType>[]): EnumValue[] {
  return groupByKey(
    enums.map(({label, kinds, item}) => ({label, kinds, items: item.values})),
    (value) => value.value,
  ).map((values) => ({...values[0]!.item, versions: labelsOf(values)}))
}

/**
 * The fields of each response tag, merged over every version that has the tag under any command. `ChatResponse`
 * decodes a tag by one definition, and a command may answer with a tag only in the versions it exists in: merged
 * per command, a tag a newer command lists first would lose what older versions send under another command.
 */
function mergeResponseFields(
  versions: readonly {label: string; kinds: TypeKinds; schema: Schema}[],
  merger: FieldMerger,
): ReadonlyMap<string, Field[]> {
  // A version's tag has one definition under all its commands (the checker makes sure): the first.
  const groups = groupByKey(
    versions.map(({label, kinds, schema}) => ({label, kinds, items: distinctResponses(schema)})),
    (response) => response.tag,
  )
  return new Map(
    groups.map((group) => [
      group[0]!.item.tag,
      merger.merge(`response ${group[0]!.item.tag}`, group.map(fieldsOf((response) => response.fields))),
    ]),
  )
}

function mergeCommand(
  group: readonly Occurrence<CommandDefinition>[],
  merger: FieldMerger,
  responseFields: ReadonlyMap<string, Field[]>,
): CommandDefinition {
  const newest = group[0]!.item
  const parameters = merger.merge(`command ${newest.name}`, group.map(fieldsOf((command) => command.parameters)))
  // The response's versions are those in which this command lists it; its fields are the tag's, from all.
  const responses = groupByKey(
    group.map(({label, kinds, item}) => ({label, kinds, items: item.responses})),
    (response) => response.tag,
  ).map((responses) => {
    const response = responses[0]!.item
    return {...response, fields: responseFields.get(response.tag)!, versions: labelsOf(responses)}
  })
  const errors = groupByKey(
    group.map(({label, kinds, item}) => ({label, kinds, items: item.errors})),
    (error) => error.name,
  ).map((errors) => errors[0]!.item)
  return {...newest, parameters, responses, errors, versions: labelsOf(group)}
}

/** Nodes matched by their wire key whose newest names collide (a tag renamed onto another's name). */
function reportDuplicateNames(
  nodes: readonly {name: string; location: SourceLocation; versions?: Versions}[],
  /** What the nodes are, plural: `events`, `members of ConnStatus`. */
  what: string,
  conflicts: MergeConflict[],
): void {
  const seen = new Map<string, {location: SourceLocation; versions?: Versions}>()
  for (const node of nodes) {
    const first = seen.get(node.name)
    if (!first) {
      seen.set(node.name, node)
      continue
    }
    conflicts.push({
      reason:
        `two ${what} are named ${node.name}: in ${first.versions?.join(', ')} (${place(first.location)}) and ` +
        `in ${node.versions?.join(', ')} (${place(node.location)}), with different wire keys`,
      label: node.versions?.at(-1) ?? '',
      location: node.location,
      ruleId: 'compat-name',
    })
  }
}

function kindsOf(schema: Schema): TypeKinds {
  return new Map(schema.types.map((type) => [type.name, type.kind]))
}

function place(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`
}
