import {describeTypeExpression} from '../schema/render.js'
import type {
  EventDefinition,
  Field,
  PrimitiveName,
  Schema,
  TypeDefinition,
  TypeExpression,
  UnionMember,
} from '../schema/types.js'
import {
  CHANGE_RULES,
  OPTIONALITY_NOTES,
  type ChangeRuleName,
  type ChangeSeverity,
  type SchemaChangeKind,
} from './rules.js'

export type {ChangeSeverity, SchemaChangeKind} from './rules.js'

/** One difference between two versions of the docs. */
export interface SchemaChange {
  kind: SchemaChangeKind
  /** The rule of `CHANGE_RULES` that classed it. */
  rule: ChangeRuleName
  /** What changed: `event GroupLinkRelaysUpdated`, `field GroupSummary.currentMembers`, `member ConnStatus.SndReady`, `enum value MsgFilter."x"`. */
  subject: string
  severity: ChangeSeverity
  /** Why it has this severity, one line. */
  reason: string
  /** The old value (type expression, tag, category, kind), when there is one. */
  before?: string
  /** The new value, when there is one. */
  after?: string
}

/**
 * Compare two schemas and list what a consumer of the generated library would
 * notice. Descriptions, syntax blocks, source locations, link targets and the
 * order of fields are not compared: none of them reaches the decoders or types.
 *
 * Each change is classed by a rule of `CHANGE_RULES` (`rules.ts`), which says why.
 * Fields are matched by their wire name, union members by name, events and
 * types by name. Subjects: `event X`, `event field X.f` (an event and a type may
 * share a name), `type T`, `field T.f`, `member T.M`, `field T.M.f`,
 * `enum value T."v"`, `category "C"`.
 *
 * @param before the schema of the older docs.
 * @param after the schema of the newer docs.
 * @returns the changes: categories, then events, then types; within each, the
 *   newer docs' order first, then what was removed in the older docs' order.
 */
export function compareSchemas(before: Schema, after: Schema): SchemaChange[] {
  const changes: SchemaChange[] = []
  const add: Add = (name, subject, values = {}, note) => {
    const {kind, severity, reason} = CHANGE_RULES[name]
    changes.push({
      kind,
      rule: name,
      subject,
      severity: note ? 'breaking' : severity,
      reason: note ? `${reason}; ${note}` : reason,
      ...values,
    })
  }

  forEachPair(
    before.categories,
    after.categories,
    (category) => category.name,
    (old, current, name) => {
      const subject = `category "${name}"`
      if (!old) add('category-added', subject)
      else if (!current) add('category-removed', subject)
    },
  )

  forEachPair(
    before.events,
    after.events,
    (event) => event.name,
    (old, current, name) => {
      const subject = `event ${name}`
      if (!old) add('event-added', subject, {after: `"${current!.tag}"`})
      else if (!current) add('event-removed', subject, {before: `"${old.tag}"`})
      else compareEvent(old, current, add)
    },
  )

  forEachPair(
    before.types,
    after.types,
    (type) => type.name,
    (old, current, name) => {
      const subject = `type ${name}`
      if (!old) add('type-added', subject, {after: current!.kind})
      else if (!current) add('type-removed', subject, {before: old.kind})
      else compareType(old, current, add)
    },
  )
  return changes
}

/** Record a change classed by the rule `name`; a `note` makes it breaking and is added to the reason. */
type Add = (name: ChangeRuleName, subject: string, values?: {before?: string; after?: string}, note?: string) => void

function compareEvent(old: EventDefinition, current: EventDefinition, add: Add): void {
  const subject = `event ${current.name}`
  if (old.tag !== current.tag) add('event-tag-changed', subject, {before: `"${old.tag}"`, after: `"${current.tag}"`})
  if (old.category !== current.category) add('event-moved', subject, {before: old.category, after: current.category})
  if (old.rank !== current.rank) add('event-rank-changed', subject, {before: old.rank, after: current.rank})
  // `event field`: an event and a type may share a name (ChatError, SubscriptionStatus).
  compareFields(`event field ${current.name}`, old.fields, current.fields, add)
}

function compareType(old: TypeDefinition, current: TypeDefinition, add: Add): void {
  if (old.kind !== current.kind) {
    add('type-kind-changed', `type ${current.name}`, {before: old.kind, after: current.kind})
    return
  }
  if (old.kind === 'record' && current.kind === 'record') {
    compareFields(`field ${current.name}`, old.fields, current.fields, add)
  } else if (old.kind === 'union' && current.kind === 'union') {
    compareMembers(current.name, old.members, current.members, add)
  } else if (old.kind === 'enum' && current.kind === 'enum') {
    forEachPair(
      old.values,
      current.values,
      (value) => value.value,
      (was, now, value) => {
        const subject = `enum value ${current.name}."${value}"`
        if (!was) add('enum-value-added', subject)
        else if (!now) add('enum-value-removed', subject)
      },
    )
  }
}

function compareMembers(union: string, old: UnionMember[], current: UnionMember[], add: Add): void {
  forEachPair(
    old,
    current,
    (member) => member.name,
    (was, now, name) => {
      const subject = `member ${union}.${name}`
      if (!was) add('member-added', subject, {after: `"${now!.tag}"`})
      else if (!now) add('member-removed', subject, {before: `"${was.tag}"`})
      else {
        if (was.tag !== now.tag) add('member-tag-changed', subject, {before: `"${was.tag}"`, after: `"${now.tag}"`})
        compareFields(`field ${union}.${name}`, was.fields, now.fields, add)
      }
    },
  )
}

/** Compare the fields of one event, record or union member; `owner` starts the subject (`field GroupSummary`). */
function compareFields(owner: string, old: Field[], current: Field[], add: Add): void {
  forEachPair(
    old,
    current,
    (field) => field.wireName,
    (was, now, wireName) => {
      // Unnamed positional fields (`- : word32`) are known by their wire name, `data`.
      const subject = `${owner}.${(now ?? was)!.name || wireName}`
      if (!was) {
        add(now!.optional ? 'field-added-optional' : 'field-added-required', subject, {after: describeField(now!)})
      } else if (!now) {
        add('field-removed', subject, {before: describeField(was)})
      } else {
        const values = {before: describeField(was), after: describeField(now)}
        const optionality = was.optional === now.optional ? undefined : now.optional ? 'made-optional' : 'made-required'
        if (!sameType(was.type, now.type)) {
          const rule = widens(was.type, now.type) ? 'field-type-widened' : 'field-type-changed'
          add(rule, subject, values, optionality && OPTIONALITY_NOTES[optionality])
        } else if (optionality) {
          add(optionality === 'made-required' ? 'field-made-required' : 'field-made-optional', subject, values)
        }
      }
    },
  )
}

function describeField(field: Field): string {
  return `${describeTypeExpression(field.type)}${field.optional ? '?' : ''}`
}

/** Structural equality of type expressions; a reference is its type's name, whatever its link target. */
function sameType(a: TypeExpression, b: TypeExpression): boolean {
  switch (a.kind) {
    case 'primitive':
      return b.kind === 'primitive' && a.name === b.name
    case 'reference':
      return b.kind === 'reference' && a.name === b.name
    case 'literal':
      return b.kind === 'literal' && a.value === b.value
    case 'array':
      return b.kind === 'array' && sameType(a.element, b.element)
    case 'map':
      return b.kind === 'map' && sameType(a.value, b.value)
  }
}

/**
 * Numeric primitives each primitive may widen to: the new type accepts every old
 * value and both are TypeScript `number`. `int` and `word32` do not widen into
 * each other (a signed vs unsigned range), `int64` does not narrow.
 */
const WIDENINGS: Partial<Record<PrimitiveName, readonly PrimitiveName[]>> = {
  int: ['int64', 'double'],
  word32: ['int64', 'double'],
  int64: ['double'],
}

/** True when `after` is `before` widened (see WIDENINGS), also inside arrays and maps. */
function widens(before: TypeExpression, after: TypeExpression): boolean {
  if (before.kind === 'primitive' && after.kind === 'primitive') {
    return before.name === after.name || (WIDENINGS[before.name]?.includes(after.name) ?? false)
  }
  if (before.kind === 'array' && after.kind === 'array') return widens(before.element, after.element)
  if (before.kind === 'map' && after.kind === 'map') return widens(before.value, after.value)
  return sameType(before, after)
}

/**
 * Call `visit` once per key of either list: with both items when the key is in
 * both, with `undefined` for the side it is missing from. Order: `after`'s order,
 * then keys only in `before`, in `before`'s order.
 */
function forEachPair<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
  visit: (old: T | undefined, current: T | undefined, key: string) => void,
): void {
  const old = new Map(before.map((item) => [keyOf(item), item]))
  const current = new Map(after.map((item) => [keyOf(item), item]))
  for (const [key, item] of current) visit(old.get(key), item, key)
  for (const [key, item] of old) if (!current.has(key)) visit(item, undefined, key)
}
