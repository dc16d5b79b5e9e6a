/**
 * fast-check arbitraries of VALID JSON values for every type and event of the
 * IR (the schema the generator emits from, overlay applied).
 *
 * What "valid" means is what the generated decoders accept in strict mode:
 * records carry every required field and only documented fields (optional ones
 * sometimes absent, never `null`); union members and events carry their `type`
 * tag; enums are one of their values; arrays are small; maps are small objects
 * whose keys include non-identifiers (`"a b"`, `"0"`, `"__proto__"`); int and
 * int64 are safe integers, word32 is 0 to 2^32 - 1, double is any finite number,
 * UTCTime is ISO-8601 with 0 to 9 fractional digits and `Z` or `±hh:mm`,
 * JSONObject is a small JSON object.
 *
 * Values are plain JSON data (no `undefined` anywhere, `JSON.stringify` keeps
 * them whole), so they also serve the frame decoder and the benchmark
 * (`sampleEvents`).
 */
import fc from 'fast-check'
import {RUN_FOLDER_VARIABLE} from './run-folder.js'
import {PINNED_SOURCE, readSourceSchema, sharedBuild, sharedSchemaOf} from './shared-builds.js'
import {WORD32_MAX} from '../../templates/primitives.js'
import {distinctResponses} from '../../generator/schema/responses.js'
import {typeFields} from './schema-fields.js'
import type {
  EventDefinition,
  Field,
  PrimitiveName,
  Schema,
  TypeDefinition,
  TypeExpression,
  UnionType,
} from '../../generator/schema/types.js'

/** A JSON object as the arbitraries build it. */
export type JsonObject = Record<string, unknown>

/** Every arbitrary of one schema. */
export interface ValueArbitraries {
  /** By TYPES.md type name. */
  types: Readonly<Record<string, fc.Arbitrary<unknown>>>
  /** By event name (`NewChatItems`), not tag. */
  events: Readonly<Record<string, fc.Arbitrary<JsonObject>>>
  /** Any event: every event equally likely. */
  event: fc.Arbitrary<JsonObject>
  /** By response tag (`chatCmdError`): the distinct responses of `ChatResponse`, the overlay's additions included. */
  responses: Readonly<Record<string, fc.Arbitrary<JsonObject>>>
  /** A valid value of any type expression of the schema (a field's type). */
  expression(type: TypeExpression): fc.Arbitrary<unknown>
}

/** Tuning of the arbitraries; the defaults keep one event well under a millisecond to draw. */
export interface ArbitraryOptions {
  /** Nesting of the recursive unions (ChatBotCommand, ErrorType/ProxyError), arrays counted. Default 5. */
  maxRecursion?: number
  /** Longest array. Default 3. */
  maxArrayLength?: number
  /** Most keys of a map or JSONObject. Default 3. */
  maxKeys?: number
}

/**
 * The schema exactly as `generate` builds it from the pinned spec: parsed, checked, merged over the doc versions
 * its `compat.json` lists (the compatibility build), overlay applied. The one of this run's pinned build
 * (`shared-builds.ts`), which the `generated/src` imports of the suites are, so values and decoders agree.
 * Outside a test run (the benchmark, which measures `generated/`) it is read from the pinned spec now.
 */
export function loadSchema(): Promise<Schema> {
  cached ??= process.env[RUN_FOLDER_VARIABLE]
    ? sharedBuild(PINNED_SOURCE).then(sharedSchemaOf)
    : readSourceSchema(PINNED_SOURCE)
  return cached
}

let cached: Promise<Schema> | undefined

// ---------------------------------------------------------------------------
// Primitives

/** Map keys that stress path rendering and prototype handling, mixed with random strings. */
export const AWKWARD_KEYS = [
  'a',
  'a b',
  '0',
  '12',
  '',
  'x.y',
  'x-y',
  '"q"',
  'back\\slash',
  'ünïcödé',
  '$ref',
  '_',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'type',
] as const

/** A key of a map or JSONObject. */
export function mapKeyArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...AWKWARD_KEYS),
    fc.string({maxLength: 6}),
    fc.string({unit: ANY_CHARACTER, maxLength: 4}),
  )
}

/** Build an object with `defineProperty`, so `__proto__` becomes an own key, as `JSON.parse` makes it. */
export function objectFromEntries(entries: readonly (readonly [string, unknown])[]): JsonObject {
  const object: JsonObject = {}
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true})
  }
  return object
}

/** A small object with unique keys from `mapKeyArbitrary`. */
function dictionaryOf(value: fc.Arbitrary<unknown>, maxKeys: number): fc.Arbitrary<JsonObject> {
  return fc
    .uniqueArray(fc.tuple(mapKeyArbitrary(), value), {selector: (entry) => entry[0], maxLength: maxKeys})
    .map(objectFromEntries)
}

const LATEST_DATE = Date.UTC(9999, 11, 30)
const EARLIEST_DATE = Date.UTC(1, 0, 2)
const RECENT_FROM = Date.UTC(2000, 0, 1)
const RECENT_TO = Date.UTC(2100, 0, 1)

/**
 * A `UTCTime` as aeson writes it (and as the decoder's pattern takes it): an
 * instant shown in a `Z` or `±hh:mm` zone, 0 to 9 fractional digits.
 */
export function utcTimeArbitrary(): fc.Arbitrary<string> {
  const instant = fc.oneof(
    {weight: 4, arbitrary: fc.date({min: new Date(RECENT_FROM), max: new Date(RECENT_TO), noInvalidDate: true})},
    {weight: 1, arbitrary: fc.date({min: new Date(EARLIEST_DATE), max: new Date(LATEST_DATE), noInvalidDate: true})},
  )
  const fraction = fc
    .array(fc.integer({min: 0, max: 9}), {maxLength: 9})
    .map((digits) => (digits.length ? `.${digits.join('')}` : ''))
  const offset = fc.oneof(
    {weight: 3, arbitrary: fc.constant(0)},
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(-1, 1), fc.integer({min: 0, max: 14}), fc.constantFrom(0, 15, 30, 45, 59))
        .map(([sign, hours, minutes]) => sign * (hours * 60 + minutes)),
    },
  )
  return fc.tuple(instant, fraction, offset, fc.boolean()).map(([date, fractionText, minutes, plusZero]) => {
    const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19)
    if (minutes === 0 && !plusZero) return `${local}${fractionText}Z`
    const sign = minutes < 0 ? '-' : '+'
    const absolute = Math.abs(minutes)
    return `${local}${fractionText}${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`
  })
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/** A safe integer: mostly small, sometimes at the edges. */
function safeIntegerArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    {weight: 4, arbitrary: fc.integer({min: -1000, max: 100_000})},
    {weight: 1, arbitrary: fc.maxSafeInteger()},
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        0,
        -1,
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 32,
        Number.MAX_SAFE_INTEGER,
        Number.MIN_SAFE_INTEGER,
      ),
    },
  )
}

/** An integer from 0 to 2^32 - 1 (fc.integer stops at 2^31 - 1). */
function word32Arbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    {weight: 3, arbitrary: fc.integer({min: 0, max: 100_000})},
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({min: 0, max: 0xffff}), fc.integer({min: 0, max: 0xffff}))
        .map(([high, low]) => high * 0x10000 + low),
    },
    {weight: 1, arbitrary: fc.constantFrom(0, 1, 2 ** 31, WORD32_MAX)},
  )
}

/**
 * Any UTF-16 code unit or astral character: lone surrogates, controls, U+2028...
 * (`unit: 'binary'` would do, but building it costs a second).
 */
export const ANY_CHARACTER: fc.Arbitrary<string> = fc.oneof(
  {weight: 3, arbitrary: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))},
  {weight: 1, arbitrary: fc.integer({min: 0x10000, max: 0x10ffff}).map((code) => String.fromCodePoint(code))},
)

/** A string: short printable text or arbitrary UTF-16 (lone surrogates included). */
function stringArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    {weight: 4, arbitrary: fc.string({maxLength: 10})},
    {weight: 1, arbitrary: fc.string({unit: ANY_CHARACTER, maxLength: 6})},
  )
}

/** A small JSON object (for `JSONObject`). */
function jsonObjectArbitrary(maxKeys: number): fc.Arbitrary<JsonObject> {
  return dictionaryOf(fc.jsonValue({maxDepth: 2}), maxKeys)
}

/** Valid values of each primitive (arbitraries are immutable: built once, shared). */
export function primitiveArbitrary(name: PrimitiveName, maxKeys = 3): fc.Arbitrary<unknown> {
  const key = `${name}/${maxKeys}`
  let arbitrary = primitiveCache.get(key)
  if (!arbitrary) primitiveCache.set(key, (arbitrary = newPrimitiveArbitrary(name, maxKeys)))
  return arbitrary
}

const primitiveCache = new Map<string, fc.Arbitrary<unknown>>()

function newPrimitiveArbitrary(name: PrimitiveName, maxKeys: number): fc.Arbitrary<unknown> {
  switch (name) {
    case 'bool':
      return fc.boolean()
    case 'string':
      return stringArbitrary()
    case 'int':
    case 'int64':
      return safeIntegerArbitrary()
    case 'word32':
      return word32Arbitrary()
    case 'double':
      return fc.oneof(fc.double({noNaN: true, noDefaultInfinity: true}), fc.integer({min: -1000, max: 1000}))
    case 'JSONObject':
      return jsonObjectArbitrary(maxKeys)
    case 'UTCTime':
      return utcTimeArbitrary()
  }
}

// ---------------------------------------------------------------------------
// Types and events

const cache = new WeakMap<Schema, ValueArbitraries>()

/** Build (once per schema) the arbitraries of every type and event. */
export function valueArbitraries(schema: Schema, options: ArbitraryOptions = {}): ValueArbitraries {
  const useCache = Object.keys(options).length === 0
  const hit = useCache ? cache.get(schema) : undefined
  if (hit) return hit
  const built = build(schema, {maxRecursion: 5, maxArrayLength: 3, maxKeys: 3, ...options})
  if (useCache) cache.set(schema, built)
  return built
}

function build(schema: Schema, options: Required<ArbitraryOptions>): ValueArbitraries {
  const recursive = recursiveTypes(schema)
  const names = new Set(schema.types.map((type) => type.name))
  /** Valid values of a type expression; `resolve` gives a referenced type's arbitrary. */
  const expressionWith = (resolve: (name: string) => fc.Arbitrary<unknown>) => {
    const expression = (type: TypeExpression): fc.Arbitrary<unknown> => {
      switch (type.kind) {
        case 'primitive':
          return primitiveArbitrary(type.name, options.maxKeys)
        case 'literal':
          return fc.constant(type.value)
        case 'reference':
          if (!names.has(type.name)) throw new Error(`unknown type ${type.name}`)
          return resolve(type.name)
        case 'array':
          return fc.array(expression(type.element), {maxLength: options.maxArrayLength, depthIdentifier: RECURSION})
        case 'map':
          return dictionaryOf(expression(type.value), options.maxKeys)
      }
    }
    return expression
  }

  // References inside types are tied lazily: the recursive unions refer to themselves.
  const types: Record<string, fc.Arbitrary<unknown>> = fc.letrec<Record<string, unknown>>((tie) => {
    const expression = expressionWith(tie)
    return Object.fromEntries(
      schema.types.map((type) => [type.name, typeArbitrary(type, expression, recursive, options)]),
    )
  })
  const expression = expressionWith((name) => types[name]!)
  const events: Record<string, fc.Arbitrary<JsonObject>> = {}
  for (const event of schema.events) events[event.name] = objectArbitrary(event.tag, event.fields, expression)
  const event = fc.oneof(...schema.events.map((definition) => events[definition.name]!))
  const responses: Record<string, fc.Arbitrary<JsonObject>> = {}
  for (const response of distinctResponses(schema))
    responses[response.tag] = objectArbitrary(response.tag, response.fields, expression)
  return {types, events, event, responses, expression}
}

/** Shared depth of the recursive unions and the arrays: bounds ChatBotCommand menus and ErrorType/ProxyError chains. */
const RECURSION = fc.createDepthIdentifier()

function typeArbitrary(
  type: TypeDefinition,
  expression: (type: TypeExpression) => fc.Arbitrary<unknown>,
  recursive: ReadonlySet<string>,
  options: Required<ArbitraryOptions>,
): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'enum':
      return fc.constantFrom(...type.values.map((value) => value.value))
    case 'record':
      return objectArbitrary(null, type.fields, expression)
    case 'union': {
      const members = orderMembers(type, recursive).map((member) =>
        objectArbitrary(member.tag, member.fields, expression),
      )
      if (!recursive.has(type.name)) return fc.oneof(...members)
      // At the depth limit fc.oneof takes its first arbitrary: a member that does not recurse.
      return fc.oneof({maxDepth: options.maxRecursion, depthIdentifier: RECURSION, depthSize: 'small'}, ...members)
    }
  }
}

/** An object: `type` tag first (when there is one), then every field; optional fields may be absent. */
function objectArbitrary(
  tag: string | null,
  fields: readonly Field[],
  expression: (type: TypeExpression) => fc.Arbitrary<unknown>,
): fc.Arbitrary<JsonObject> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  const required: string[] = []
  if (tag !== null) {
    model.type = fc.constant(tag)
    required.push('type')
  }
  for (const field of fields) {
    model[field.wireName] = expression(field.type)
    if (!field.optional) required.push(field.wireName)
  }
  return fc.record(model, {requiredKeys: required, noNullPrototype: true}) as fc.Arbitrary<JsonObject>
}

/** Union members that cannot reach a recursive type come first (fc.oneof's fallback at maxDepth). */
function orderMembers(type: UnionType, recursive: ReadonlySet<string>): UnionType['members'] {
  const recurses = (member: UnionType['members'][number]) =>
    member.fields.some((field) => referencedNames(field.type).some((name) => recursive.has(name)))
  return [...type.members.filter((member) => !recurses(member)), ...type.members.filter(recurses)]
}

function referencedNames(type: TypeExpression): string[] {
  switch (type.kind) {
    case 'reference':
      return [type.name]
    case 'array':
      return referencedNames(type.element)
    case 'map':
      return referencedNames(type.value)
    default:
      return []
  }
}

/** Names of the types that can contain themselves (through any fields). */
export function recursiveTypes(schema: Schema): Set<string> {
  const edges = new Map<string, string[]>()
  for (const type of schema.types) {
    edges.set(
      type.name,
      typeFields(type).flatMap((field) => referencedNames(field.type)),
    )
  }
  const result = new Set<string>()
  for (const start of edges.keys()) {
    const seen = new Set<string>()
    const stack = [...(edges.get(start) ?? [])]
    while (stack.length) {
      const name = stack.pop()!
      if (name === start) {
        result.add(start)
        break
      }
      if (seen.has(name)) continue
      seen.add(name)
      stack.push(...(edges.get(name) ?? []))
    }
  }
  return result
}

// ---------------------------------------------------------------------------
// Shortcuts

/** Any event of the schema (a JSON object with a known `type` tag). */
export function eventArbitrary(schema: Schema): fc.Arbitrary<JsonObject> {
  return valueArbitraries(schema).event
}

/** One arbitrary per event, by event name. */
export function eventArbitraries(schema: Schema): Readonly<Record<string, fc.Arbitrary<JsonObject>>> {
  return valueArbitraries(schema).events
}

/** The arbitrary of one TYPES.md type. */
export function typeValueArbitrary(schema: Schema, name: string): fc.Arbitrary<unknown> {
  const arbitrary = valueArbitraries(schema).types[name]
  if (!arbitrary) throw new Error(`no type ${name} in the schema`)
  return arbitrary
}

/** The event definition of a value drawn from `eventArbitrary`. */
export function eventDefinitionOf(schema: Schema, value: JsonObject): EventDefinition {
  const event = schema.events.find((candidate) => candidate.tag === value.type)
  if (!event) throw new Error(`no event with tag ${String(value.type)}`)
  return event
}

/**
 * `count` valid events, always the same ones for the same schema, count and seed
 * (for benchmarks). Every event is drawn from `eventArbitrary`.
 */
export function sampleEvents(schema: Schema, count: number, seed: number): JsonObject[] {
  return fc.sample(eventArbitrary(schema), {numRuns: count, seed})
}
