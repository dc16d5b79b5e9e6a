/**
 * The slow path of decoding: a check of a value against the schema's shapes (records, union members,
 * events, responses, unions, enums, arrays, maps), read from a table that `decode.ts` holds as data, which
 * builds the issues and their paths. It runs only when the fast path (a generated boolean check per shape,
 * `FastCheck`) says no, or in strict mode. Outside strict mode it starts each object and array where its
 * fast check said no (`takeFastFailure`: the fields before are valid), walks below it only where a fast
 * check says no, and in first-error mode reads no more of an object than its first issue takes (the failed
 * field, and the required fields after it); so an error deep in a large value costs about one pass of the
 * fast path plus the walk down to it. The default mode's first error does not even run these checks when
 * it can help it: `firstFailure` follows the failures the fast checks recorded down to the issue, reading
 * at each level only the failed field and the required fields after it, and formats the path as it goes.
 *
 * What it checks, in this order, for an object: that it is a plain object (a record; a union has checked
 * it for its members), that every required field is there (the first issue of an object is a missing
 * required field), then each documented field in the docs' order, then in strict mode that it has no
 * field the docs do not list and no hidden (non-enumerable or symbol-keyed) property. A documented field
 * is read as an own property (so a field named like a member of `Object.prototype` is never read from
 * it): by one `for...in` walk when the keys come in the docs' order (`readInOrder`), by name otherwise and
 * for what the walk does not see. Whatever reading throws (a getter, a Proxy trap) is an `unreadable`
 * issue at its path, which stops the whole check.
 */
import {
  appendPath,
  done,
  extraField,
  firstError,
  hasHiddenFields,
  isInteger,
  isObject,
  isUtcTime,
  isWord32,
  issue,
  PLAIN_DATA,
  recordedAt,
  recordedFailures,
  reject,
  takeFastFailure,
  unreadable,
  type DecodeContext,
  type DecodeFailure,
  type PathSegment,
} from './runtime.js'
import {WORD32_MAX} from './primitives.js'

/**
 * The fast check of a shape (generated in `decode.ts`): true when the value is valid in default mode. It reads
 * fields by name and records nothing; it may say no, or throw, where the slow path accepts (which decides).
 */
export type FastCheck = (value: any) => boolean

/** The JSON primitives of TYPES.md, as a slot of the table names them. */
export type Primitive = 'bool' | 'string' | 'int' | 'int64' | 'word32' | 'double' | 'JSONObject' | 'UTCTime'

/** What a field, array element or map value holds: a primitive, a shape of the table (its index), or a string literal. */
export type Slot = Primitive | number | readonly [literal: string]

/** A documented field: its name on the wire, what it holds, and `1` when it is optional. */
export type FieldSlot = readonly [wireName: string, slot: Slot, optional?: 1]

/**
 * One entry of the table. `name`: the type's name in TYPES.md (`ChatEvent` and `ChatResponse` for the unions
 * of events and responses), from which the words of its issues are made (`expectedOf`).
 */
export type Shape =
  /** A record of TYPES.md: a plain object with these fields. */
  | {
      readonly kind: 'record'
      readonly name: string
      readonly fields: readonly FieldSlot[]
      readonly fast: FastCheck
    }
  /** A union member, event or response: the fields of an object its union has checked; `type` is its tag. */
  | {readonly kind: 'member'; readonly fields: readonly FieldSlot[]; readonly fast?: FastCheck}
  /**
   * A union on `type`: each tag and its member's shape. `strings`: the values of the enum it was in older
   * doc versions, accepted as they are. `unknown`: the code of an issue for a tag no member has (by default
   * `unknown-tag`).
   */
  | {
      readonly kind: 'union'
      readonly name: string
      readonly members: readonly (readonly [tag: string, member: number])[]
      readonly unknown?: 'unknown-event' | 'unknown-response'
      readonly strings?: readonly string[]
      readonly fast: FastCheck
    }
  | {
      readonly kind: 'enum'
      readonly name: string
      readonly values: readonly string[]
      readonly fast: FastCheck
    }
  | {readonly kind: 'array' | 'map'; readonly element: Slot; readonly fast: FastCheck}
  /** A field of a compatibility build whose type differs by doc version: the newest first. */
  | {readonly kind: 'alternatives'; readonly slots: readonly Slot[]}

/** The table of a generated package: shapes refer to each other by index. */
export type ShapeTable = readonly Shape[]

/** What an issue about a primitive says was expected. */
const PRIMITIVE_EXPECTED: Record<Primitive, string> = {
  bool: 'bool',
  string: 'string',
  int: 'int integer',
  int64: 'int64 integer',
  word32: `word32 integer (0 to ${WORD32_MAX})`,
  double: 'double number',
  JSONObject: 'JSONObject object',
  UTCTime: 'UTCTime string',
}

function fitsPrimitive(primitive: Primitive, value: unknown): boolean {
  switch (primitive) {
    case 'bool':
      return typeof value === 'boolean'
    case 'string':
      return typeof value === 'string'
    case 'int':
    case 'int64':
      return isInteger(value)
    case 'word32':
      return isWord32(value)
    case 'double':
      return Number.isFinite(value)
    case 'JSONObject':
      return isObject(value)
    case 'UTCTime':
      return isUtcTime(value)
  }
}

/** What an issue about a value of `slot` says was expected: `User object`, `array of [string]`. */
function expectedOf(table: ShapeTable, slot: Slot): string {
  if (typeof slot === 'string') return PRIMITIVE_EXPECTED[slot]
  if (typeof slot !== 'number') return JSON.stringify(slot[0])
  const shape = table[slot]!
  let expected = expectedCache.get(shape)
  if (expected === undefined) expectedCache.set(shape, (expected = expectedOfShape(table, shape)))
  return expected
}

const expectedCache = new WeakMap<Shape, string>()

function expectedOfShape(table: ShapeTable, shape: Shape): string {
  switch (shape.kind) {
    case 'record':
      return `${shape.name} object`
    case 'union':
      return shape.strings
        ? `${shape.name} object or string (${listed(shape.strings)})`
        : `${shape.name} object`
    case 'enum':
      return `${shape.name} (${listed(shape.values)})`
    case 'array':
      return `array of ${describeSlot(table, shape.element)}`
    case 'map':
      return `map (object) of ${describeSlot(table, shape.element)}`
    case 'alternatives':
      return expectedOf(table, shape.slots[0]!)
    case 'member':
      return 'an object'
  }
}

/** A slot's type as TYPES.md writes it: `User`, `[string]`, `{string : int}`. */
function describeSlot(table: ShapeTable, slot: Slot): string {
  if (typeof slot === 'string') return slot
  if (typeof slot !== 'number') return JSON.stringify(slot[0])
  const shape = table[slot]!
  switch (shape.kind) {
    case 'array':
      return `[${describeSlot(table, shape.element)}]`
    case 'map':
      return `{string : ${describeSlot(table, shape.element)}}`
    default:
      return 'name' in shape ? shape.name : expectedOf(table, slot)
  }
}

/** `"a" | "b"`: the values an issue lists. */
const listed = (values: readonly string[]): string => values.map((value) => JSON.stringify(value)).join(' | ')

/** What an issue about an unknown tag of a union says was expected. */
function tagExpected(shape: Shape & {kind: 'union'}): string {
  if (shape.unknown === 'unknown-event') return 'a known event tag'
  if (shape.unknown === 'unknown-response') return 'a known response tag'
  return `a ${shape.name} tag (${listed(shape.members.map(([tag]) => tag))})`
}

/** The field names of each object shape, made on first use by strict mode (which looks for the others). */
const fieldNamesOf = new WeakMap<Shape, ReadonlySet<string>>()

function fieldNames(shape: Shape & {kind: 'record' | 'member'}): ReadonlySet<string> {
  let names = fieldNamesOf.get(shape)
  if (names === undefined) fieldNamesOf.set(shape, (names = new Set(shape.fields.map(([name]) => name))))
  return names
}

/** The member shape of each tag of a union, made on first use: a union of events has dozens. */
const membersOf = new WeakMap<Shape, ReadonlyMap<unknown, number>>()

function memberOf(shape: Shape & {kind: 'union'}, tag: unknown): number | undefined {
  // Most failures are of one union, the events', often with the same tag: its map and last answer are kept at hand.
  if (shape === lastUnion && tag === lastTag) return lastMember
  if (shape !== lastUnion) {
    let members = membersOf.get(shape)
    if (members === undefined) membersOf.set(shape, (members = new Map(shape.members)))
    lastUnion = shape
    lastMembers = members
    // No tag is a member's `undefined`: that answer stands for a union just switched to.
    lastTag = undefined
    lastMember = undefined
  }
  const member = lastMembers.get(tag)
  if (typeof tag === 'string') {
    lastTag = tag
    lastMember = member
  }
  return member
}

let lastUnion: Shape | undefined
let lastMembers: ReadonlyMap<unknown, number> = new Map()
/** The string tag `memberOf` was last asked for in `lastUnion`, and its answer (a string: no value of the data is kept alive). */
let lastTag: unknown
let lastMember: number | undefined

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key)

/**
 * Check `value` (at `key` in its parent) against shape `index` of `table`, recording its issues in `context`.
 * The shape's fast check is not run first: the caller has run it (a decoder) or decides (`checkSlot`).
 *
 * @returns `true` when no issue was recorded.
 */
export function checkShape(
  table: ShapeTable,
  index: number,
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
): boolean {
  const shape = table[index]!
  const mark = context.issues.length
  try {
    switch (shape.kind) {
      case 'record':
        if (!isObject(value)) return reject(context, key, value, expectedOf(table, index))
        return checkFields(table, shape, value, null, context, key, mark)
      case 'member':
        return checkFields(table, shape, value as Record<string, unknown>, 'type', context, key, mark)
      case 'union':
        return checkUnion(table, index, shape, value, context, key, mark)
      case 'enum':
        if (typeof value === 'string' && shape.values.includes(value)) return true
        return reject(
          context,
          key,
          value,
          expectedOf(table, index),
          typeof value === 'string' ? 'unknown-enum' : undefined,
        )
      case 'array':
        return checkArray(table, index, shape, value, context, key, mark)
      case 'map':
        return checkMap(table, index, shape, value, context, key, mark)
      case 'alternatives':
        return checkAlternatives(table, shape, value, context, key)
    }
  } catch (error) {
    return unreadable(context, mark, key, undefined, error)
  }
}

/**
 * Check a slot's value (a field, element or map value at `key`); a shape whose fast check accepts the value
 * is not walked (outside strict mode, where the fast checks do not look for fields the docs do not list).
 * `failedFast`: its fast check has said no already (the one recorded where the walk started).
 */
function checkSlot(
  table: ShapeTable,
  slot: Slot,
  value: unknown,
  context: DecodeContext,
  key: PathSegment,
  failedFast = false,
): boolean {
  if (typeof slot === 'string')
    return fitsPrimitive(slot, value) || issue(context, key, value, PRIMITIVE_EXPECTED[slot])
  if (typeof slot !== 'number')
    return value === slot[0] || issue(context, key, value, JSON.stringify(slot[0]))
  if (!failedFast && context.pruning && acceptedFast(table[slot]!, value, context)) return true
  return checkShape(table, slot, value, context, key) || context.all
}

/** True when the fast check of `shape` accepts `value`; one that throws turns pruning off (`DecodeContext.pruning`). */
export function acceptedFast(shape: Shape, value: unknown, context: DecodeContext): boolean {
  // A load, not `'fast' in shape`: the shapes have several hidden classes, and a missing `fast` reads `undefined`.
  const fast = (shape as {readonly fast?: FastCheck}).fast
  if (fast === undefined) return false
  try {
    return fast(value)
  } catch {
    context.pruning = false
    return false
  }
}

/** Read `object[name]` as an own property; what the read throws propagates (the caller records it at `name`). */
function ownField(object: object, name: string): unknown {
  return hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined
}

/**
 * Read the enumerable fields of `value` from `from` on into `present`, by one `for...in` walk matched
 * against the docs' order, which is the order servers send fields in: V8 reads each value of that walk by
 * its index, where a read by name on a megamorphic site costs a lookup and an own-property test per field
 * (about five times the walk, measured). Not done (`false`) when a documented field comes out of the docs'
 * order, when the walk would also yield inherited keys (an `Object.prototype` with enumerable keys), or
 * when reading throws: the caller then reads every field by name.
 */
function readInOrder(
  shape: Shape & {kind: 'record' | 'member'},
  value: Record<string, unknown>,
  from: number,
  present: unknown[],
): boolean {
  const fields = shape.fields
  if (hasEnumerableInherited()) return false
  try {
    let next = 0
    let keys = 0
    for (const name in value) {
      keys++
      const index = docIndex(fields, name, next)
      if (index === OUT_OF_ORDER) return false
      if (index === UNDOCUMENTED) continue
      if (index >= from) present[index] = value[name]
      next = index + 1
    }
    walkedKeys = keys
    return true
  } catch {
    // A getter or a Proxy trap threw: the reads by name find it again and record it at its field.
    return false
  }
}

/**
 * Where key `name`, yielded by a `for...in` walk after the documented fields before `next`, stands in the docs'
 * order of `fields`: its index (`next` or later); `OUT_OF_ORDER` for a documented field before `next`;
 * `UNDOCUMENTED` for a key the docs do not list. Keys in the docs' order (as servers send them) take one compare.
 */
function docIndex(fields: readonly FieldSlot[], name: string, next: number): number {
  let index = next
  while (index < fields.length && fields[index]![0] !== name) index++
  if (index < fields.length) return index
  for (let before = 0; before < next; before++) if (fields[before]![0] === name) return OUT_OF_ORDER
  return UNDOCUMENTED
}

const OUT_OF_ORDER = -1
const UNDOCUMENTED = -2

/** How many keys the last complete `readInOrder` walk yielded: the object's own enumerable string keys. */
let walkedKeys = 0

/**
 * True when `value` may have own string-keyed fields that are not enumerable, which a `for...in` walk that
 * yielded `keys` keys did not see: a documented field it did not yield must then be read by name. JSON data has
 * none, so one count spares those reads. When counting throws (a Proxy trap), true.
 */
function mayHideFields(value: object, keys: number): boolean {
  try {
    return Object.getOwnPropertyNames(value).length !== keys
  } catch {
    return true
  }
}

/** True when `Object.prototype` has enumerable keys, which a `for...in` walk of a plain object also yields. */
function hasEnumerableInherited(): boolean {
  for (const _ in objectPrototype) return true
  return false
}

const objectPrototype = Object.prototype

function checkFields(
  table: ShapeTable,
  shape: Shape & {kind: 'record' | 'member'},
  value: Record<string, unknown>,
  tagKey: string | null,
  context: DecodeContext,
  key: PathSegment | undefined,
  mark: number,
): boolean {
  const fields = shape.fields
  // Where the fast check said no: the fields before are valid, and there when required, so the walk starts there.
  const failedAt = context.pruning && shape.fast !== undefined ? takeFastFailure(value, shape.fast) : -1
  let start = failedAt < 0 ? 0 : failedAt
  const present: unknown[] = new Array(fields.length)
  if (failedAt >= 0 && !context.all) {
    // The first issue only: the failed field if it is missing, else a missing required field after it, else
    // the failed field's own first issue; read no more than that takes (a missing field: itself alone).
    const failed = fields[failedAt]!
    try {
      present[failedAt] = ownField(value, failed[0])
    } catch (error) {
      return unreadable(context, mark, key, failed[0], error)
    }
    if (present[failedAt] === undefined && failed.length === 2) {
      issue(context, failed[0], undefined, expectedOf(table, failed[1]))
      return done(context, mark, key)
    }
    const walked = readInOrder(shape, value, failedAt + 1, present)
    for (let index = failedAt + 1; index < fields.length; index++) {
      const field = fields[index]!
      if (field.length > 2) continue
      if (!walked || present[index] === undefined)
        try {
          present[index] = ownField(value, field[0])
        } catch (error) {
          return unreadable(context, mark, key, field[0], error)
        }
      if (present[index] === undefined) {
        issue(context, field[0], undefined, expectedOf(table, field[1]))
        return done(context, mark, key)
      }
    }
    const x = present[failedAt]
    if (x !== undefined && !checkSlot(table, failed[1], x, context, failed[0], true))
      return done(context, mark, key)
    if (context.broken) return done(context, mark, key)
    // The slow path accepts what the fast check did not (an object without a prototype): on with the rest.
    start = failedAt + 1
  }
  // Every field is read first: a missing required field is the object's first issue. What the walk did not
  // find is read by name (absent, or an own field the walk does not see: non-enumerable): a required field
  // here, an optional one when its turn comes.
  const walked = readInOrder(shape, value, start, present)
  const keys = walkedKeys
  // Whether an optional field the walk did not yield may be there, not enumerable: found on first need.
  let hiding: boolean | undefined
  let missing = false
  for (let index = start; index < fields.length; index++) {
    const field = fields[index]!
    if (walked && (present[index] !== undefined || field.length > 2)) continue
    try {
      present[index] = ownField(value, field[0])
    } catch (error) {
      return unreadable(context, mark, key, field[0], error)
    }
    missing ||= present[index] === undefined && field.length === 2
  }
  if (missing)
    for (let index = start; index < fields.length; index++) {
      const field = fields[index]!
      if (field.length > 2 || present[index] !== undefined) continue
      if (!issue(context, field[0], undefined, expectedOf(table, field[1]))) return done(context, mark, key)
    }
  if (!missing || context.all) {
    for (let index = start; index < fields.length; index++) {
      const field = fields[index]!
      let x = present[index]
      if (x === undefined && walked && field.length > 2 && (hiding ??= mayHideFields(value, keys)))
        try {
          x = ownField(value, field[0])
        } catch (error) {
          return unreadable(context, mark, key, field[0], error)
        }
      if (x === undefined) continue
      if (!checkSlot(table, field[1], x, context, field[0], index === failedAt))
        return done(context, mark, key)
      if (context.broken) return done(context, mark, key)
    }
  }
  if (context.strict) {
    const names = fieldNames(shape)
    for (const name in value) {
      if (name === tagKey || names.has(name)) continue
      let x: unknown
      try {
        x = value[name]
      } catch (error) {
        return unreadable(context, mark, key, name, error)
      }
      if (!extraField(context, name, x)) return done(context, mark, key)
    }
    if (hasHiddenFields(value) && !issue(context, undefined, value, PLAIN_DATA))
      return done(context, mark, key)
  }
  return done(context, mark, key)
}

function checkUnion(
  table: ShapeTable,
  index: number,
  shape: Shape & {kind: 'union'},
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
  mark: number,
): boolean {
  if (shape.strings !== undefined && typeof value === 'string') {
    if (shape.strings.includes(value)) return true
    return reject(context, key, value, expectedOf(table, index), 'unknown-enum')
  }
  if (!isObject(value)) return reject(context, key, value, expectedOf(table, index))
  let tag: unknown
  try {
    tag = value.type
  } catch (error) {
    return unreadable(context, mark, key, 'type', error)
  }
  const member = memberOf(shape, tag)
  if (member !== undefined) return checkShape(table, member, value, context, key)
  // An event or response without a known tag cannot be kept in any mode: its code says so whatever the value.
  const code = shape.unknown ?? (typeof tag === 'string' ? 'unknown-tag' : undefined)
  issue(context, 'type', tag, tagExpected(shape), code)
  return done(context, mark, key)
}

function checkArray(
  table: ShapeTable,
  index: number,
  shape: Shape & {kind: 'array' | 'map'},
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
  mark: number,
): boolean {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype)
    return reject(context, key, value, expectedOf(table, index))
  // Where the fast check said no: the elements before are valid.
  const failedAt = context.pruning ? takeFastFailure(value, shape.fast) : -1
  for (let position = failedAt < 0 ? 0 : failedAt; position < value.length; position++) {
    let x: unknown
    try {
      x = value[position]
    } catch (error) {
      return unreadable(context, mark, key, position, error)
    }
    if (!checkSlot(table, shape.element, x, context, position, position === failedAt) || context.broken)
      return done(context, mark, key)
  }
  return done(context, mark, key)
}

function checkMap(
  table: ShapeTable,
  index: number,
  shape: Shape & {kind: 'array' | 'map'},
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
  mark: number,
): boolean {
  if (!isObject(value)) return reject(context, key, value, expectedOf(table, index))
  for (const name in value) {
    let x: unknown
    try {
      x = value[name]
    } catch (error) {
      return unreadable(context, mark, key, name, error)
    }
    if (!checkSlot(table, shape.element, x, context, name) || context.broken) return done(context, mark, key)
  }
  if (context.strict && hasHiddenFields(value) && !issue(context, undefined, value, PLAIN_DATA))
    return done(context, mark, key)
  return done(context, mark, key)
}

/**
 * Keep the first type that fits, the newest first, each tried so that it stops at its first issue and leaves
 * none behind; when none fits, the newest type's issues are reported.
 */
function checkAlternatives(
  table: ShapeTable,
  shape: Shape & {kind: 'alternatives'},
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
): boolean {
  const mark = context.issues.length
  const {all, truncated} = context
  context.all = false
  for (const slot of shape.slots) {
    const fits = checkOne(table, slot, value, context, key) && context.truncated === truncated
    if (fits || context.broken) {
      context.all = all
      return fits
    }
    context.issues.length = mark
    context.truncated = truncated
  }
  context.all = all
  return checkOne(table, shape.slots[0]!, value, context, key)
}

/** `value` (at `key`) as a value of `slot`, the way a decoder checks a whole value: true when no issue was recorded. */
function checkOne(
  table: ShapeTable,
  slot: Slot,
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
): boolean {
  if (typeof slot === 'string')
    return fitsPrimitive(slot, value) || reject(context, key, value, PRIMITIVE_EXPECTED[slot])
  if (typeof slot !== 'number')
    return value === slot[0] || reject(context, key, value, JSON.stringify(slot[0]))
  return checkShape(table, slot, value, context, key)
}

/**
 * The first error of `value` (at `key`) as shape `index`, found from the failures the fast checks recorded on
 * their way back up (`failed` in runtime.ts) rather than by the checks above: for the default mode's first
 * error, after the fast check of shape `index` said no. It walks the recorded chain down from the value, one
 * entry per object or array, and at each object reads only what its first issue takes: the failed field, and
 * the required fields after it (a missing one is the issue); the path is made as it goes. The issue and its
 * path are those the checks above would report (`checkShape` with `context.all` off).
 *
 * `undefined` where it cannot tell as cheaply, and then nothing is taken: no matching entry, a map, a field
 * typed by version, a value the fast check refused and the checks above accept (an object without a
 * prototype), or reading threw (the checks above record that `unreadable`). The caller runs `checkShape`.
 */
export function firstFailure(
  table: ShapeTable,
  index: number,
  value: unknown,
  key: PathSegment | undefined,
): DecodeFailure | undefined {
  try {
    return walkChain(table, index, value, key === undefined ? '$' : appendPath('$', key))
  } catch {
    seenValue = undefined
    return undefined
  }
}

function walkChain(
  table: ShapeTable,
  index: number,
  value: unknown,
  path: string,
): DecodeFailure | undefined {
  let slot: Slot = index
  let position = recordedFailures() - 1
  for (;;) {
    // `value`, at `path`, is a value of `slot` that its fast check refused.
    if (typeof slot === 'string')
      return fitsPrimitive(slot, value)
        ? undefined
        : firstError(codeOf(value), path, PRIMITIVE_EXPECTED[slot], value)
    if (typeof slot !== 'number')
      return value === slot[0] ? undefined : firstError(codeOf(value), path, JSON.stringify(slot[0]), value)
    const shape: Shape = table[slot]!
    switch (shape.kind) {
      case 'union': {
        if (shape.strings !== undefined && typeof value === 'string')
          return shape.strings.includes(value)
            ? undefined
            : firstError('unknown-enum', path, expectedOf(table, slot), value)
        if (!isObject(value)) return firstError(codeOf(value), path, expectedOf(table, slot), value)
        const tag = value.type
        const member = memberOf(shape, tag)
        if (member === undefined) {
          const code = shape.unknown ?? (typeof tag === 'string' ? 'unknown-tag' : codeOf(tag))
          return firstError(code, appendPath(path, 'type'), tagExpected(shape), tag)
        }
        slot = member
        continue
      }
      case 'record':
      case 'member': {
        if (shape.kind === 'record' && !isObject(value))
          return firstError(codeOf(value), path, expectedOf(table, slot), value)
        const at = shape.fast === undefined ? -2 : recordedAt(position--, value, shape.fast)
        // No entry (or -1: a plain object the fast check refused, one without a prototype): the checks walk it.
        if (at < 0) return undefined
        const fields: readonly FieldSlot[] = shape.fields
        const failed: FieldSlot = fields[at]!
        const object = value as Record<string, unknown>
        // The first required field missing from the failed one on: the failed one itself first (when required).
        // The scan reads the failed field's value as it passes it.
        seen = false
        const missing = firstMissing(shape, object, at)
        const read = seenValue
        seenValue = undefined
        if (missing >= 0) {
          const field = fields[missing]!
          return firstError('missing', appendPath(path, field[0]), expectedOf(table, field[1]), undefined)
        }
        const x = seen ? read : ownField(object, failed[0])
        // An optional field the fast check refused and that is absent (a getter that read differently).
        if (x === undefined) return undefined
        value = x
        slot = failed[1]
        path = appendPath(path, failed[0])
        continue
      }
      case 'enum':
        if (typeof value === 'string')
          return shape.values.includes(value)
            ? undefined
            : firstError('unknown-enum', path, expectedOf(table, slot), value)
        return firstError(codeOf(value), path, expectedOf(table, slot), value)
      case 'array': {
        if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype)
          return firstError(codeOf(value), path, expectedOf(table, slot), value)
        const at = recordedAt(position--, value, shape.fast)
        if (at < 0) return undefined
        path = appendPath(path, at)
        value = (value as unknown[])[at]
        slot = shape.element
        continue
      }
      default:
        // A map (its fast check records nothing) or a field typed by version: the checks decide.
        return undefined
    }
  }
}

/**
 * The value of field `from` as `firstMissing` read it passing by (`seen`), so that the first-error walk need
 * not read it again by name; cleared after use (no value of the data is kept).
 */
let seen = false
let seenValue: unknown

/** The code of an issue about `value` where something else was expected: `missing` when it is absent. */
const codeOf = (value: unknown): 'missing' | 'type' => (value === undefined ? 'missing' : 'type')

/**
 * The first required field of `shape` from `from` on that `value` lacks (absent, or `undefined`), in the docs'
 * order, or -1; the value of field `from`, when the walk reads it, in `seenValue` (`seen` set). Fields are matched as `readInOrder` does, by one `for...in` walk while they come in the docs'
 * order, and read by name otherwise (an own property only, as `ownField`); what reading throws propagates.
 */
function firstMissing(
  shape: Shape & {kind: 'record' | 'member'},
  value: Record<string, unknown>,
  from: number,
): number {
  const fields = shape.fields
  // The last required field: past it, nothing can be missing.
  let last = fields.length - 1
  while (last >= from && fields[last]!.length > 2) last--
  // Every field before `next` is accounted for: present, or optional.
  let next = from
  if (next > last) return -1
  if (!hasEnumerableInherited()) {
    let cursor = 0
    for (const name in value) {
      const index = docIndex(fields, name, cursor)
      // A documented field out of the docs' order: the rest is read by name. A key the docs do not list (the
      // tag of a member, a field of a newer server) is passed over.
      if (index === OUT_OF_ORDER) break
      if (index === UNDOCUMENTED) continue
      cursor = index + 1
      if (index < next) continue
      if (index === from) {
        seen = true
        seenValue = value[name]
      }
      // The fields the walk skipped are absent, or not enumerable (read by name).
      for (; next < index; next++) {
        const field = fields[next]!
        if (field.length === 2 && ownField(value, field[0]) === undefined) return next
      }
      if (fields[index]!.length === 2 && value[name] === undefined) return index
      next = index + 1
      if (next > last) return -1
    }
  }
  for (; next <= last; next++) {
    const field = fields[next]!
    if (field.length === 2 && ownField(value, field[0]) === undefined) return next
  }
  return -1
}
