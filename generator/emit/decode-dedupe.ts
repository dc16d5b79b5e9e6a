import {distinctResponses} from '../schema/responses.js'
import type {Field, Schema, TypeExpression} from '../schema/types.js'
import {checkEventName, checkMemberName, checkResponseName, checkTypeName} from '../names/index.js'

/**
 * Object checks that would be emitted twice: two union members, events, responses or records whose fields are
 * the same (the same wire names, types, optionality and versions' types in the same order) get the same fast
 * check, the first one's, and the shape table names that one for both. The check's `failed(v, check, at)`
 * then records the shared function, which is the `fast` of both entries, so the slow path still starts where
 * it failed (`takeFastFailure`); the field index is the same in both.
 *
 * @returns for each object check of the schema, the name of the check emitted for it (its own for the first of
 * its fields).
 */
export function objectCheckNames(schema: Schema): ReadonlyMap<string, string> {
  const names = new Map<string, string>()
  const first = new Map<string, string>()
  const add = (check: string, fields: readonly Field[], checksObject: boolean) => {
    const key = `${checksObject ? 'record' : 'member'}:${fieldsKey(fields)}`
    const known = first.get(key)
    if (known === undefined) first.set(key, check)
    names.set(check, known ?? check)
  }
  for (const type of schema.types) {
    if (type.kind === 'record') add(checkTypeName(type.name), type.fields, true)
    if (type.kind === 'union')
      for (const member of type.members) add(checkMemberName(type.name, member.name), member.fields, false)
  }
  for (const event of schema.events) add(checkEventName(event.name), event.fields, false)
  for (const response of distinctResponses(schema)) add(checkResponseName(response.name), response.fields, false)
  return names
}

/** What of `fields` their fast check and their table entry are made of. */
function fieldsKey(fields: readonly Field[]): string {
  return JSON.stringify(
    fields.map((field) => [
      field.wireName,
      field.optional,
      typeKey(field.type),
      ...(field.alternatives ?? []).map((alternative) => typeKey(alternative.type)),
    ]),
  )
}

/** A type as its checks see it: a reference by name only (not its link, which differs between fields). */
export function typeKey(type: TypeExpression): string {
  switch (type.kind) {
    case 'primitive':
      return type.name
    case 'reference':
      return `#${type.name}`
    case 'literal':
      return JSON.stringify(type.value)
    case 'array':
      return `[${typeKey(type.element)}]`
    case 'map':
      return `{${typeKey(type.value)}}`
  }
}
