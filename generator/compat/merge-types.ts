import type {FieldAlternative, PrimitiveName, TypeDefinition, TypeExpression} from '../schema/types.js'

/**
 * What a field's type becomes when doc versions disagree on it. "Sound" means the merged field accepts
 * exactly the values some version's field accepts, and keeps the JSON shape a reader of the field relies on:
 *
 * - one type holds every value of the other: the wider one (`int` and `int64` give `int64`, `int64` and
 *   `double` give `double`, `UTCTime` and `string` give `string`; through arrays and maps element by element);
 * - the same JSON shape (array and map nesting, and a number, string, boolean or object at the leaves) with
 *   different referenced types (`[GroupInfoSummary]`, later `[GroupInfo]`): the newest type, and the others
 *   as `Field.alternatives`, each with its versions;
 * - anything else (`[T]` and `T`, a string and an object, a number and a string) is not sound: code reading
 *   the field could not be right for both versions, so it is a located error naming both versions.
 */

/** Numeric primitives, each accepting every value of those before it (the decoders' checks, README: Numbers). */
const NUMBERS: readonly PrimitiveName[] = ['word32', 'int', 'int64', 'double']

/** The kind of each type of one version, by name: a reference's JSON shape depends on it. */
export type TypeKinds = ReadonlyMap<string, TypeDefinition['kind']>

/** A field's type so far in a merge: the newest type and the alternatives other versions added. */
export interface MergedFieldType {
  type: TypeExpression
  alternatives: FieldAlternative[]
}

/**
 * Add an older version's type of a field to what the newer versions gave it, in place.
 *
 * @returns `false` when the two are not soundly one type (the caller reports it), else `true`.
 */
export function addOlderFieldType(
  merged: MergedFieldType,
  older: TypeExpression,
  label: string,
  newerKinds: TypeKinds,
  olderKinds: TypeKinds,
): boolean {
  const widened = widenType(merged.type, older)
  if (widened) {
    merged.type = widened
    return true
  }
  for (const alternative of merged.alternatives) {
    const widenedAlternative = widenType(alternative.type, older)
    if (widenedAlternative) {
      alternative.type = widenedAlternative
      alternative.versions.unshift(label)
      return true
    }
  }
  if (jsonShape(merged.type, newerKinds) !== jsonShape(older, olderKinds)) return false
  merged.alternatives.push({type: older, versions: [label]})
  return true
}

/** The narrowest single type holding exactly the values of `newer` and `older`, or `undefined` when none does. */
export function widenType(newer: TypeExpression, older: TypeExpression): TypeExpression | undefined {
  if (newer.kind === 'array' && older.kind === 'array') {
    const element = widenType(newer.element, older.element)
    return element && {...newer, element}
  }
  if (newer.kind === 'map' && older.kind === 'map') {
    const value = widenType(newer.value, older.value)
    return value && {...newer, value}
  }
  if (newer.kind === 'reference' && older.kind === 'reference') return newer.name === older.name ? newer : undefined
  if (newer.kind === 'literal' && older.kind === 'literal') return newer.value === older.value ? newer : undefined
  if ((isPlainString(newer) && isString(older)) || (isString(newer) && isPlainString(older)))
    return {kind: 'primitive', name: 'string'}
  if (newer.kind === 'primitive' && older.kind === 'primitive') {
    if (newer.name === older.name) return newer
    const wider = Math.max(NUMBERS.indexOf(newer.name), NUMBERS.indexOf(older.name))
    if (NUMBERS.includes(newer.name) && NUMBERS.includes(older.name)) return {kind: 'primitive', name: NUMBERS[wider]!}
  }
  return undefined
}

/** `string`, `UTCTime` or a `"literal"`: the types `string` holds. */
function isString(type: TypeExpression): boolean {
  return type.kind === 'literal' || isPlainString(type) || (type.kind === 'primitive' && type.name === 'UTCTime')
}

function isPlainString(type: TypeExpression): boolean {
  return type.kind === 'primitive' && type.name === 'string'
}

/** The JSON shape of a type's values: `[object]`, `{string}`, `number`, ... */
function jsonShape(type: TypeExpression, kinds: TypeKinds): string {
  switch (type.kind) {
    case 'array':
      return `[${jsonShape(type.element, kinds)}]`
    case 'map':
      return `{${jsonShape(type.value, kinds)}}`
    case 'literal':
      return 'string'
    case 'reference':
      return kinds.get(type.name) === 'enum' ? 'string' : 'object'
    case 'primitive':
      if (NUMBERS.includes(type.name)) return 'number'
      if (type.name === 'bool') return 'boolean'
      return type.name === 'JSONObject' ? 'object' : 'string'
  }
}
