/**
 * Single mutations of a valid value, guided by the IR: each one breaks the
 * value in exactly one place and says where (`$.chatItems[0].chatItem.meta.itemTs`,
 * `$.mentions["a b"]`) and with which issue code a decoder must report it.
 *
 * The walk follows the schema through the value, so every node's declared type
 * and path are known: required fields can be dropped, primitives given a value
 * of another JSON type, union tags and enum values replaced by unknown strings,
 * array elements broken, undocumented fields added.
 *
 * The value a mutation is applied to is never changed: the objects and arrays on
 * the path to the edit are copied, everything else is shared.
 */
import type {EventDefinition, Field, Schema, TypeDefinition, TypeExpression} from '../../generator/schema/types.js'
import {WORD32_MAX} from '../../templates/primitives.js'

/** A segment of a JSON path: an object key or an array index. */
export type PathSegment = string | number

/** The issue codes a single mutation leads to. */
export type MutationCode = 'missing' | 'type' | 'unknown-tag' | 'unknown-enum' | 'extra' | 'unknown-event'

export type MutationKind =
  /** A required field removed: `missing` at the field. */
  | 'drop-field'
  /** A primitive replaced by a value of another JSON type (or out of range, or a malformed timestamp): `type`. */
  | 'wrong-primitive'
  /** An object, array, map, enum or union replaced by a value of another JSON type: `type`. */
  | 'wrong-shape'
  /** A nested union's tag replaced by an unknown string (`unknown-tag`), removed (`missing`) or made a non-string (`type`), at `.type`. */
  | 'union-tag'
  /** An enum value replaced by a string the docs do not list: `unknown-enum`. */
  | 'unknown-enum'
  /** One element of an array replaced by a wrong value (`type`) or `undefined`/a hole (`missing`), at `[i]`. */
  | 'array-element'
  /** A field the docs do not list added to an object: `extra` in strict mode only. */
  | 'extra-field'
  /** The event's own tag replaced by an unknown string: `unknown-event` at `$.type`, fatal in every mode. */
  | 'event-tag'

export const MUTATION_KINDS: readonly MutationKind[] = [
  'drop-field',
  'wrong-primitive',
  'wrong-shape',
  'union-tag',
  'unknown-enum',
  'array-element',
  'extra-field',
  'event-tag',
]

/** What to do at the mutation's path. */
export type Edit = {op: 'delete'} | {op: 'set'; value: unknown}

/** One single mutation; `path` is where the decoder must report it. */
export interface Mutation {
  kind: MutationKind
  /** Path of the edit, which is also the path of the issue. */
  segments: readonly PathSegment[]
  /** `segments` rendered as the decoders render paths. */
  path: string
  edit: Edit
  /** The code of the issue in strict mode (and in default mode unless `strictOnly`). */
  code: MutationCode
  /** Only strict mode fails (an undocumented field); default and lenient pass without issues. */
  strictOnly: boolean
  /** Lenient mode fails too: the issue is at the root (`$`) or is an unknown event tag. */
  fatal: boolean
  /** `JSON.stringify` keeps the mutation as is (false for an `undefined` array element or a hole, which become `null`). */
  jsonSafe: boolean
  /** One line for failure messages: `drop-field $.user.userId`. */
  description: string
}

/** What is checked at the root: an event (EVENTS.md) or a type expression (a TYPES.md type, usually). */
export type MutationRoot = {event: EventDefinition} | {type: TypeExpression}

/** The root of `decode<Name>`. */
export function typeRoot(name: string): MutationRoot {
  return {type: {kind: 'reference', name, href: `#${name.toLowerCase()}`}}
}

/** The root of `decodeChatEvent` for one event value (found by its tag). */
export function eventRoot(schema: Schema, value: unknown): MutationRoot {
  const tag = (value as {type?: unknown} | null)?.type
  const event = schema.events.find((candidate) => candidate.tag === tag)
  if (!event) throw new Error(`not an event of the schema: type ${JSON.stringify(tag)}`)
  return {event}
}

// ---------------------------------------------------------------------------
// Paths

// An independent oracle of the decoders' path format (templates/runtime.ts), so the tests do not grade it by itself.
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `$`, `.key` for identifiers, `["a b"]` (JSON-quoted) for other keys, `[0]` for indexes. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '$'
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`
    else if (IDENTIFIER.test(segment)) path += `.${segment}`
    else path += `[${JSON.stringify(segment)}]`
  }
  return path
}

/** A path under a frame's `resp`: `$.user` becomes `$.resp.user`. */
export function underResp(path: string): string {
  return `$.resp${path.slice(1)}`
}

// ---------------------------------------------------------------------------
// The walk

/** A node of a value, with its declared type. */
export interface Site {
  segments: readonly PathSegment[]
  value: unknown
  node: SiteNode
  /** Only the node as a whole may be replaced: a field of several types (`Field.alternatives`). */
  wholeOnly?: true
}

export type SiteNode =
  | {kind: 'primitive'; name: string; type: TypeExpression}
  | {kind: 'literal'; literal: string; type: TypeExpression}
  | {kind: 'enum'; values: readonly string[]; type: TypeExpression}
  | {kind: 'record'; fields: readonly Field[]; known: ReadonlySet<string>; type: TypeExpression}
  | {
      kind: 'union'
      tags: readonly string[]
      fields: readonly Field[] | null
      known: ReadonlySet<string>
      type: TypeExpression
    }
  | {kind: 'array'; element: TypeExpression; type: TypeExpression}
  | {kind: 'map'; valueType: TypeExpression; type: TypeExpression}
  | {kind: 'event'; tags: readonly string[]; fields: readonly Field[]; known: ReadonlySet<string>}

interface Index {
  types: Map<string, TypeDefinition>
  eventTags: string[]
  known: WeakMap<object, Set<string>>
}

const indexes = new WeakMap<Schema, Index>()

function indexOf(schema: Schema): Index {
  let index = indexes.get(schema)
  if (!index) {
    index = {
      types: new Map(schema.types.map((type) => [type.name, type])),
      eventTags: schema.events.map((event) => event.tag),
      known: new WeakMap(),
    }
    indexes.set(schema, index)
  }
  return index
}

/** Wire names an object may carry (its fields, plus `type` when it is tagged), cached per field list. */
function knownKeys(index: Index, fields: readonly Field[], tagged: boolean): Set<string> {
  let known = index.known.get(fields)
  if (!known) {
    known = new Set([...(tagged ? ['type'] : []), ...fields.map((field) => field.wireName)])
    index.known.set(fields, known)
  }
  return known
}

/**
 * Every node of `value` with its path and declared type, depth first, the root
 * first. The walk only descends where the value has the declared shape, so it
 * also works on values that are already broken.
 */
export function collectSites(schema: Schema, value: unknown, root: MutationRoot): Site[] {
  const index = indexOf(schema)
  const sites: Site[] = []
  if ('event' in root) {
    const {event} = root
    const known = knownKeys(index, event.fields, true)
    sites.push({segments: [], value, node: {kind: 'event', tags: index.eventTags, fields: event.fields, known}})
    if (isObject(value)) walkFields(index, value, event.fields, [], sites)
  } else {
    walk(index, value, root.type, [], sites)
  }
  return sites
}

function walk(
  index: Index,
  value: unknown,
  type: TypeExpression,
  segments: readonly PathSegment[],
  sites: Site[],
): void {
  switch (type.kind) {
    case 'primitive':
      sites.push({segments, value, node: {kind: 'primitive', name: type.name, type}})
      return
    case 'literal':
      sites.push({segments, value, node: {kind: 'literal', literal: type.value, type}})
      return
    case 'array':
      sites.push({segments, value, node: {kind: 'array', element: type.element, type}})
      if (Array.isArray(value)) {
        for (let position = 0; position < value.length; position++) {
          if (position in value) walk(index, value[position], type.element, [...segments, position], sites)
        }
      }
      return
    case 'map':
      sites.push({segments, value, node: {kind: 'map', valueType: type.value, type}})
      if (isObject(value))
        for (const key of Object.keys(value)) walk(index, value[key], type.value, [...segments, key], sites)
      return
    case 'reference': {
      const definition = index.types.get(type.name)
      if (!definition) throw new Error(`unknown type ${type.name}`)
      switch (definition.kind) {
        case 'enum':
          sites.push({
            segments,
            value,
            node: {kind: 'enum', values: definition.values.map((entry) => entry.value), type},
          })
          return
        case 'record': {
          const known = knownKeys(index, definition.fields, false)
          sites.push({segments, value, node: {kind: 'record', fields: definition.fields, known, type}})
          if (isObject(value)) walkFields(index, value, definition.fields, segments, sites)
          return
        }
        case 'union': {
          const tags = definition.members.map((member) => member.tag)
          const member = isObject(value)
            ? definition.members.find((candidate) => candidate.tag === value.type)
            : undefined
          const fields = member?.fields ?? null
          const known = member ? knownKeys(index, member.fields, true) : new Set(['type'])
          sites.push({segments, value, node: {kind: 'union', tags, fields, known, type}})
          if (member && isObject(value)) walkFields(index, value, member.fields, segments, sites)
          return
        }
      }
    }
  }
}

function walkFields(
  index: Index,
  object: Record<string, unknown>,
  fields: readonly Field[],
  segments: readonly PathSegment[],
  sites: Site[],
): void {
  for (const field of fields) {
    if (!Object.hasOwn(object, field.wireName)) continue
    const value = object[field.wireName]
    if (value === undefined) continue
    if (field.alternatives) {
      // A compatibility build's field of several types (`LocalProfile | Profile`): a value broken below the
      // field may still be one of the other types (a missing key is not one the older record has, an extra
      // key one it ignores), so the field is only replaced whole, by values wrong for each of its types.
      const below: Site[] = []
      walk(index, value, field.type, [...segments, field.wireName], below)
      sites.push({...below[0]!, wholeOnly: true})
    } else walk(index, value, field.type, [...segments, field.wireName], sites)
  }
}

// ---------------------------------------------------------------------------
// Mutations

/** Strings that are never tags or enum values of the docs, chosen to trip up naive lookups. */
const UNKNOWN_STRINGS = [
  'zz-unknown',
  '',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'undefined',
  'null',
] as const

/** Keys of undocumented fields; `type` only where the object has no tag. */
const EXTRA_KEYS = ['zzExtra', 'x y', '__proto__', 'constructor', 'toString', '0', '', 'type', 'é'] as const

/** Wrong values per primitive: another JSON type, a non-integer, out of range, a malformed timestamp. All JSON-safe. */
const WRONG_PRIMITIVES: Record<string, readonly unknown[]> = {
  bool: [0, 1, 'true', '', null, [], {}],
  string: [0, 1.5, true, null, [], {}],
  int: [1.5, -0.5, '1', '', true, null, [], {}],
  int64: [1.5, 1e-7, '1', '9007199254740993', true, null, [], {}],
  word32: [-1, WORD32_MAX + 1, 2 ** 53, 0.5, '1', true, null, []],
  double: ['1', '1.5', '', true, false, null, [], {}],
  JSONObject: [[], [{}], null, 'x', '{}', 1, true],
  UTCTime: [
    '',
    '2024-01-01',
    '2024-01-01T00:00:00',
    '2024-01-01 00:00:00Z',
    '2024-01-01t00:00:00Z',
    '2024-01-01T00:00:00z',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00.1234567890Z',
    '2024-01-01T00:00:00+0000',
    '2024-01-01T00:00:00+00',
    '24-01-01T00:00:00Z',
    '+002024-01-01T00:00:00Z',
    '2024-01-01T00:00:00Z\n',
    ' 2024-01-01T00:00:00Z',
    '２０２４-01-01T00:00:00Z',
    1704067200000,
    null,
    {},
  ],
}

/** Wrong values for a node that is not a primitive. */
const WRONG_SHAPES: Record<'object' | 'enum' | 'array' | 'map', readonly unknown[]> = {
  object: ['x', '', 0, true, null, [], [{}]],
  enum: [0, 1, true, null, [], {}],
  array: [{}, {0: 1}, 'x', '', 0, true, null],
  map: [[], [[]], 'x', 0, true, null],
}

/** Another JSON type than a literal's string. */
const WRONG_LITERALS: readonly unknown[] = [0, true, null, [], {}]

/**
 * Every single mutation of `value` (a valid value of `root`). Where a mutation
 * could use one of several bad values, `choice` picks it (so a property can
 * explore them from one drawn number).
 */
export function listMutations(schema: Schema, value: unknown, root: MutationRoot, choice = 0): Mutation[] {
  const sites = collectSites(schema, value, root)
  const mutations: Mutation[] = []
  let salt = choice
  const pick = <T>(candidates: readonly T[]): T => candidates[(salt++ >>> 0) % candidates.length]!
  const add = (
    kind: MutationKind,
    segments: readonly PathSegment[],
    edit: Edit,
    code: MutationCode,
    jsonSafe = true,
  ) => {
    mutations.push(makeMutation(kind, segments, edit, code, jsonSafe))
  }

  for (const site of sites) {
    const {segments, node} = site
    const atRoot = segments.length === 0
    // The node itself, replaced by a value of the wrong JSON type.
    switch (node.kind) {
      case 'primitive':
        add('wrong-primitive', segments, {op: 'set', value: pick(WRONG_PRIMITIVES[node.name]!)}, 'type')
        break
      case 'literal':
        add('wrong-primitive', segments, {op: 'set', value: pick([...WRONG_LITERALS, `${node.literal}!`])}, 'type')
        break
      case 'enum':
        add('wrong-shape', segments, {op: 'set', value: pick(WRONG_SHAPES.enum)}, 'type')
        break
      case 'record':
      case 'union':
      case 'event':
        add('wrong-shape', segments, {op: 'set', value: pick(WRONG_SHAPES.object)}, 'type')
        break
      case 'array':
        add('wrong-shape', segments, {op: 'set', value: pick(WRONG_SHAPES.array)}, 'type')
        break
      case 'map':
        add('wrong-shape', segments, {op: 'set', value: pick(WRONG_SHAPES.map)}, 'type')
        break
    }
    if (site.wholeOnly) continue
    if (!isObjectOrArray(site.value)) {
      if (node.kind === 'enum' && typeof site.value === 'string') {
        const unknown = pick(unknownStrings(node.values, site.value))
        add('unknown-enum', segments, {op: 'set', value: unknown}, 'unknown-enum')
      }
      continue
    }
    const object = site.value as Record<string, unknown>
    switch (node.kind) {
      case 'record':
      case 'union':
      case 'event': {
        const {fields} = node
        if (fields && !Array.isArray(object)) {
          for (const field of fields) {
            if (!field.optional && Object.hasOwn(object, field.wireName))
              add('drop-field', [...segments, field.wireName], {op: 'delete'}, 'missing')
          }
          const extraKeys = EXTRA_KEYS.filter((key) => !node.known.has(key) && !Object.hasOwn(object, key))
          add('extra-field', [...segments, pick(extraKeys)], {op: 'set', value: pick(EXTRA_VALUES)}, 'extra')
        }
        if (node.kind === 'union' && !Array.isArray(object)) {
          const tagPath = [...segments, 'type']
          const variant = pick([0, 1, 2, 3] as const)
          if (variant <= 1)
            add('union-tag', tagPath, {op: 'set', value: pick(unknownStrings(node.tags, object.type))}, 'unknown-tag')
          else if (variant === 2) add('union-tag', tagPath, {op: 'delete'}, 'missing')
          else add('union-tag', tagPath, {op: 'set', value: pick([0, 1, true, null, [], {}])}, 'type')
        }
        if (node.kind === 'event' && atRoot) {
          add('event-tag', ['type'], {op: 'set', value: pick(unknownStrings(node.tags, object.type))}, 'unknown-event')
        }
        break
      }
      case 'array': {
        const array = site.value as unknown[]
        for (let position = 0; position < array.length; position++) {
          const variant = pick([0, 1, 2, 3, 4] as const)
          const elementPath = [...segments, position]
          if (variant === 3) add('array-element', elementPath, {op: 'set', value: undefined}, 'missing', false)
          else if (variant === 4) add('array-element', elementPath, {op: 'delete'}, 'missing', false)
          else add('array-element', elementPath, {op: 'set', value: pick(wrongValuesFor(schema, node.element))}, 'type')
        }
        break
      }
      default:
        break
    }
  }
  return mutations
}

/** Values of undocumented fields (any JSON). */
const EXTRA_VALUES: readonly unknown[] = [null, 0, 'x', true, [], {}, {type: 'x'}]

/** A value of the wrong JSON type for a type expression (so the decoder reports `type` at the value). */
export function wrongValuesFor(schema: Schema, type: TypeExpression): readonly unknown[] {
  switch (type.kind) {
    case 'primitive':
      return WRONG_PRIMITIVES[type.name]!
    case 'literal':
      return [...WRONG_LITERALS, `${type.value}!`]
    case 'array':
      return WRONG_SHAPES.array
    case 'map':
      return WRONG_SHAPES.map
    case 'reference': {
      const definition = indexOf(schema).types.get(type.name)
      if (!definition) throw new Error(`unknown type ${type.name}`)
      return definition.kind === 'enum' ? WRONG_SHAPES.enum : WRONG_SHAPES.object
    }
  }
}

function unknownStrings(known: readonly string[], current: unknown): string[] {
  const extra =
    typeof current === 'string' ? [current.toUpperCase(), `${current} `, ` ${current}`, `${current}\u0000`] : []
  const candidates = [...UNKNOWN_STRINGS, ...extra].filter((candidate) => !known.includes(candidate))
  return [...new Set(candidates)]
}

function makeMutation(
  kind: MutationKind,
  segments: readonly PathSegment[],
  edit: Edit,
  code: MutationCode,
  jsonSafe: boolean,
): Mutation {
  return new SingleMutation(kind, segments, edit, code, jsonSafe)
}

/** A mutation whose path and description are rendered on first use (a big event has hundreds of mutations; one is used). */
class SingleMutation implements Mutation {
  readonly strictOnly: boolean
  readonly fatal: boolean
  private rendered: string | undefined

  constructor(
    readonly kind: MutationKind,
    readonly segments: readonly PathSegment[],
    readonly edit: Edit,
    readonly code: MutationCode,
    readonly jsonSafe: boolean,
  ) {
    this.strictOnly = code === 'extra'
    this.fatal = segments.length === 0 || code === 'unknown-event'
  }

  get path(): string {
    return (this.rendered ??= formatPath(this.segments))
  }

  get description(): string {
    return `${this.kind} ${this.path} (${this.edit.op === 'delete' ? 'delete' : `set ${describe(this.edit.value)}`})`
  }

  toJSON(): object {
    return {
      kind: this.kind,
      path: this.path,
      code: this.code,
      edit: this.edit.op === 'delete' ? 'delete' : describe(this.edit.value),
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/**
 * Pick one mutation: first a kind (uniformly among the kinds present, so the
 * many primitives do not crowd out the rest), then one of that kind.
 */
export function pickMutation(
  mutations: readonly Mutation[],
  kindChoice: number,
  itemChoice: number,
): Mutation | undefined {
  if (mutations.length === 0) return undefined
  const kinds = MUTATION_KINDS.filter((kind) => mutations.some((mutation) => mutation.kind === kind))
  const kind = kinds[(kindChoice >>> 0) % kinds.length]!
  const ofKind = mutations.filter((mutation) => mutation.kind === kind)
  return ofKind[(itemChoice >>> 0) % ofKind.length]
}

/** The value with the mutation applied (a copy along the path; `value` is not changed). */
export function applyMutation(value: unknown, mutation: Pick<Mutation, 'segments' | 'edit'>): unknown {
  return applyEdit(value, mutation.segments, mutation.edit)
}

/** Replace (or delete) whatever is at `segments`; copies the containers on the path. */
export function applyEdit(value: unknown, segments: readonly PathSegment[], edit: Edit): unknown {
  if (segments.length === 0) {
    if (edit.op === 'delete') throw new Error('cannot delete the root')
    return clone(edit.value)
  }
  const [head, ...rest] = segments as [PathSegment, ...PathSegment[]]
  if (!isObjectOrArray(value)) throw new Error(`nothing to descend into at ${String(head)}`)
  const copy = shallowCopy(value)
  if (rest.length === 0) {
    if (edit.op === 'delete') delete (copy as Record<PathSegment, unknown>)[head]
    else setOwn(copy, head, clone(edit.value))
  } else {
    setOwn(copy, head, applyEdit((value as Record<PathSegment, unknown>)[head], rest, edit))
  }
  return copy
}

/** Set an own property, even `__proto__`, as `JSON.parse` would. */
function setOwn(target: object, key: PathSegment, value: unknown): void {
  if (Array.isArray(target) && typeof key === 'number') target[key] = value
  else Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true})
}

/** A copy of an array (holes kept) or an object (prototype and own keys, `__proto__` included). */
function shallowCopy(value: object): object {
  if (Array.isArray(value)) return value.slice()
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>
  for (const key of Object.keys(value)) setOwn(copy, key, (value as Record<string, unknown>)[key])
  return copy
}

/** A fresh copy of a JSON value set by an edit (so mutated values never share the constant arrays and objects above). */
function clone<T>(value: T): T {
  return isObjectOrArray(value) ? (JSON.parse(JSON.stringify(value)) as T) : value
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isObjectOrArray(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}
