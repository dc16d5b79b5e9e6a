/**
 * What the comparisons of `compare.ts` and `commands.ts` share: how a change is
 * recorded, how fields and type expressions are compared, and how two lists are
 * paired by key.
 */
import {describeTypeExpression} from '../schema/render.js'
import type {Field, PrimitiveName, TypeExpression} from '../schema/types.js'
import {OPTIONALITY_NOTES, type ChangeNote, type ChangeRuleName} from './rules.js'

/**
 * Record a change classed by the rule `name`; a `note` is added to the reason, and the change takes the more
 * severe of the rule's severity and the note's.
 */
export type Add = (
  name: ChangeRuleName,
  subject: string,
  values?: {before?: string; after?: string},
  note?: ChangeNote,
) => void

/**
 * Compare the fields of one event, record, union member or response, as a
 * decoder reads them (the field rules: output, so a field made optional breaks
 * code reading it).
 *
 * @param owner the start of each subject (`field GroupSummary`, `response field newChatItems`).
 * @param old the fields of the older docs.
 * @param current the fields of the newer docs.
 * @param add records each change.
 */
export function compareFields(owner: string, old: Field[], current: Field[], add: Add): void {
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

/** A field's type as the docs write it, `?` when optional: `int64?`, `[ChatItem]`. */
export function describeField(field: Field): string {
  return `${describeTypeExpression(field.type)}${field.optional ? '?' : ''}`
}

/** Structural equality of type expressions; a reference is its type's name, whatever its link target. */
export function sameType(a: TypeExpression, b: TypeExpression): boolean {
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
export function widens(before: TypeExpression, after: TypeExpression): boolean {
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
export function forEachPair<T>(
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
