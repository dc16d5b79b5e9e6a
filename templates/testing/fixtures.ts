/**
 * Typed fixtures for bot tests: valid events, responses and values built from a compact copy of the schema
 * (`FixtureSchema`, emitted into `testing/fixture-schema.ts`), generic over the package's types. Meant to be
 * copied into `generated/src/testing/fixtures.ts`, where `testing/index.ts` binds it to the generated types.
 *
 * Decisions:
 * - Minimal by default: required fields only, the first member of each union, the first enum value, empty
 *   arrays and maps. `{full: true}` also fills every optional field and puts one element in each array and
 *   map (down to `FULL_DEPTH` levels, below which values are minimal, so recursive types end).
 * - Overrides are a deep partial, built into the value rather than merged onto it afterwards: a union takes
 *   the member the override's `type` names, so `{chatInfo: {type: 'group'}}` builds a whole group chat, not a
 *   direct chat with a group tag. An array in an override replaces the default, each element built from its
 *   own partial. A primitive, `null`, or a key the schema does not know is taken as it is.
 * - Deterministic: values come from a seeded generator (`seed`, default 1), never from the clock.
 * - Coherent within one fixture: every integer field whose name ends in `Id` (`contactId`, `groupId`,
 *   `groupMemberId_`) gets one value per name, so `chatInfo.contact.contactId` and the item's own contact
 *   agree; every `UTCTime` is the fixture's one timestamp.
 */

/**
 * A field's type in the compact schema: a primitive name (`"int64"`), `"#Name"` for a type of `types`, `{a}`
 * an array, `{m}` a map with string keys, `{l}` a literal string.
 */
export type FixtureShape = string | {a: FixtureShape} | {m: FixtureShape} | {l: string}

/** One field: its key on the wire, its type, and `1` when it is optional. */
export type FixtureField = readonly [wireName: string, shape: FixtureShape, optional: 0 | 1]

/** A type of TYPES.md: a record (`r`), a discriminated union (`u`: tag and fields per member; `s`: strings a compatibility build also accepts), an enum (`e`). */
export type FixtureType =
  | {r: readonly FixtureField[]}
  | {u: readonly (readonly [tag: string, fields: readonly FixtureField[]])[]; s?: readonly string[]}
  | {e: readonly string[]}

/** What the fixtures are built from. */
export interface FixtureSchema {
  /** Types by their TypeScript name (`User`, `AChatItem`). */
  types: Readonly<Record<string, FixtureType>>
  /** Event fields (besides `type`) by event tag. */
  events: Readonly<Record<string, readonly FixtureField[]>>
  /** Response fields (besides `type`) by response tag. */
  responses: Readonly<Record<string, readonly FixtureField[]>>
  /** Each command's response tags, in the docs' order (the first is its usual answer). */
  commands: Readonly<Record<string, readonly string[]>>
  /** Each command's parameters, as its `CC.<Command>` declares them. */
  parameters: Readonly<Record<string, readonly FixtureField[]>>
}

/** Options of every builder. */
export interface FixtureOptions {
  /** Seed of the values (ids, strings, numbers, the timestamp). Same seed, same fixture. Default 1. */
  seed?: number
  /** Fill every optional field, and put one element in every array and map. Default `false`. */
  full?: boolean
}

/**
 * A typed deep partial: every field optional, at every depth; an array is a list of partial elements (it
 * replaces the default list); a union stays a union of partial members, so a wrong field of any member fails
 * to compile.
 */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? DeepPartial<E>[]
  : T extends object
    ? {[K in keyof T]?: DeepPartial<T[K]>}
    : T

/** Levels of nesting `full` fills; below, values are minimal (recursive types such as quoted items end). */
export const FULL_DEPTH = 8

/** Levels of nesting at all: a schema whose required fields recurse deeper is a bug reported by name. */
const MAX_DEPTH = 64

/** The per-fixture state: the seeded generator and the ids handed out so far. */
interface Build {
  readonly schema: FixtureSchema
  readonly full: boolean
  readonly random: () => number
  readonly ids: Map<string, number>
  readonly usedIds: Set<number>
  readonly time: string
}

/**
 * The builders over `schema`, untyped: `testing/index.ts` gives them the package's types.
 *
 * @param schema the compact schema of the package (`fixtureSchema`).
 * @returns `event(tag, overrides, options)`, `response(tag, ...)`, `parameters(commandName, ...)`, `value(typeName, ...)`.
 */
export function createFixtureBuilders(schema: FixtureSchema) {
  return {
    /** An event `{type: tag, ...}`; throws on a tag the schema does not have (a typo in a test). */
    event(tag: string, overrides?: unknown, options?: FixtureOptions): Record<string, unknown> {
      const fields = own(schema.events, tag)
      if (fields === undefined) throw new Error(`fixtures: no event with tag "${tag}"`)
      return tagged(start(schema, options), tag, fields, overrides, 0)
    },
    /** A response `{type: tag, ...}`. */
    response(tag: string, overrides?: unknown, options?: FixtureOptions): Record<string, unknown> {
      const fields = own(schema.responses, tag)
      if (fields === undefined) throw new Error(`fixtures: no response with tag "${tag}"`)
      return tagged(start(schema, options), tag, fields, overrides, 0)
    },
    /** The parameters of a command, by its name (what `commandString(name, params)` takes). */
    parameters(name: string, overrides?: unknown, options?: FixtureOptions): Record<string, unknown> {
      const fields = own(schema.parameters, name)
      if (fields === undefined) throw new Error(`fixtures: no command named "${name}"`)
      return record(start(schema, options), fields, overrides, 0)
    },
    /** A value of a type of TYPES.md, by its name. */
    value(name: string, overrides?: unknown, options?: FixtureOptions): unknown {
      if (own(schema.types, name) === undefined) throw new Error(`fixtures: no type named "${name}"`)
      return shape(start(schema, options), `#${name}`, overrides, 0)
    },
  }
}

function start(schema: FixtureSchema, options: FixtureOptions = {}): Build {
  const random = mulberry32(options.seed ?? 1)
  // A whole second within 2026, so the timestamp is valid RFC 3339 for every seed.
  const time = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 86400) * 1000).toISOString()
  return {schema, full: options.full === true, random, ids: new Map(), usedIds: new Set(), time}
}

/**
 * `record[key]` as an own property: a key of the docs or a test (`constructor`, `toString`) never reads a
 * member of `Object.prototype`.
 */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** Make `name` an own field of `value`; an assignment to `__proto__` would set its prototype instead. */
function setField(value: Record<string, unknown>, name: string, field: unknown): void {
  Object.defineProperty(value, name, {value: field, enumerable: true, writable: true, configurable: true})
}

function tagged(
  build: Build,
  tag: string,
  fields: readonly FixtureField[],
  overrides: unknown,
  depth: number,
): Record<string, unknown> {
  return {type: tag, ...record(build, fields, overrides, depth)}
}

function record(
  build: Build,
  fields: readonly FixtureField[],
  overrides: unknown,
  depth: number,
): Record<string, unknown> {
  const given = isPlainObject(overrides) ? overrides : {}
  const fill = build.full && depth < FULL_DEPTH
  const value: Record<string, unknown> = {}
  for (const [name, fieldShape, optional] of fields) {
    const override = own(given, name)
    if (override !== undefined) setField(value, name, shape(build, fieldShape, override, depth + 1, name))
    else if (optional === 0 || fill)
      setField(value, name, shape(build, fieldShape, undefined, depth + 1, name))
  }
  // Keys the schema does not know (the types reject them; untyped callers may test extra fields with them).
  for (const [name, override] of Object.entries(given)) {
    if (!Object.hasOwn(value, name) && override !== undefined && name !== 'type')
      setField(value, name, override)
  }
  return value
}

function shape(build: Build, type: FixtureShape, override: unknown, depth: number, name = ''): unknown {
  if (depth > MAX_DEPTH)
    throw new Error(`fixtures: the schema nests deeper than ${MAX_DEPTH} levels at "${name}"`)
  if (typeof type !== 'string') {
    if ('l' in type) return override ?? type.l
    if ('a' in type) {
      if (override !== undefined)
        return Array.isArray(override)
          ? override.map((element) => shape(build, type.a, element, depth + 1, name))
          : override
      return build.full && depth < FULL_DEPTH ? [shape(build, type.a, undefined, depth + 1, name)] : []
    }
    if (override !== undefined) {
      if (!isPlainObject(override)) return override
      return Object.fromEntries(
        Object.entries(override).map(([key, entry]) => [key, shape(build, type.m, entry, depth + 1, name)]),
      )
    }
    return build.full && depth < FULL_DEPTH
      ? {[`${name}Key`]: shape(build, type.m, undefined, depth + 1, name)}
      : {}
  }
  if (type.startsWith('#')) return definition(build, type.slice(1), override, depth)
  if (override !== undefined) return override
  return primitive(build, type, name)
}

function definition(build: Build, name: string, override: unknown, depth: number): unknown {
  const type = own(build.schema.types, name)
  if (type === undefined) throw new Error(`fixtures: no type named "${name}"`)
  if ('e' in type) return override ?? type.e[0]
  if ('r' in type)
    return isPlainObject(override) || override === undefined
      ? record(build, type.r, override, depth)
      : override
  if (override !== undefined && !isPlainObject(override)) return override
  const tag = isPlainObject(override) ? override.type : undefined
  const member = type.u.find(([memberTag]) => memberTag === tag) ?? type.u[0]!
  return tagged(build, member[0], member[1], override, depth)
}

function primitive(build: Build, type: string, name: string): unknown {
  switch (type) {
    case 'bool':
      return false
    case 'int':
    case 'int64':
    case 'word32':
      return /Id_?$/.test(name) ? id(build, name.replace(/_$/, '')) : Math.floor(build.random() * 100)
    case 'double':
      return Math.floor(build.random() * 1000) / 10
    case 'UTCTime':
      return build.time
    case 'JSONObject':
      return {}
    default:
      // `string`, and any primitive a newer generator adds: one word naming the field (a command string reads a
      // string parameter up to the next space).
      return `${name || 'text'}-${Math.floor(build.random() * 1000)}`
  }
}

/** One id per field name within a fixture, distinct across names. */
function id(build: Build, name: string): number {
  let value = build.ids.get(name)
  if (value === undefined) {
    do value = 1 + Math.floor(build.random() * 999)
    while (build.usedIds.has(value))
    build.ids.set(name, value)
    build.usedIds.add(value)
  }
  return value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A small, fast, seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same sequence. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
