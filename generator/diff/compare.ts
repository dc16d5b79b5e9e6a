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

/** What changed; the subject says where. */
export type SchemaChangeKind =
  | 'category-added'
  | 'category-removed'
  | 'event-added'
  | 'event-removed'
  | 'event-tag-changed'
  | 'event-moved'
  | 'event-rank-changed'
  | 'type-added'
  | 'type-removed'
  | 'type-kind-changed'
  | 'field-added'
  | 'field-removed'
  | 'field-type-changed'
  | 'field-made-required'
  | 'field-made-optional'
  | 'member-added'
  | 'member-removed'
  | 'member-tag-changed'
  | 'enum-value-added'
  | 'enum-value-removed'

/**
 * Whether a change can break a consumer: code that decodes events with the
 * generated decoders and compiles against the generated types. `breaking`
 * means such code may stop compiling, or frames it decoded before may now be
 * rejected or decoded differently.
 */
export type ChangeSeverity = 'breaking' | 'safe'

/** One difference between two versions of the docs. */
export interface SchemaChange {
  kind: SchemaChangeKind
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
 * Classification rules (a consumer decodes frames with the generated decoders
 * and compiles against the generated types):
 * - category added / removed: safe. Categories only group events in the docs;
 *   decoding keys on the event tag. An event of a removed category is reported
 *   on its own (removed or moved).
 * - event added: safe; its frames decoded as unknown before. An exhaustive
 *   `switch` over all events needs a new case (the reason says so).
 * - event removed: breaking; code naming its type stops compiling and its
 *   frames no longer decode as that event.
 * - event tag changed: breaking; frames carrying the old tag no longer decode.
 * - event moved to another category, or main/other rank changed: safe, the
 *   grouping is documentation only.
 * - type added: safe. Type removed: breaking (code naming it stops compiling).
 * - type kind changed (record / union / enum): breaking; the JSON shape and
 *   the generated type both change. Its contents are not compared further.
 * - field added (events, records, union members): optional is safe; required
 *   is breaking, because frames from servers that do not send it yet now fail
 *   to decode.
 * - field removed: breaking; code reading it stops compiling.
 * - field type changed: safe only when every value the old type accepted is
 *   accepted by the new one and both are a TypeScript `number` (int or word32
 *   to int64, any integer to double), also inside arrays and maps; anything
 *   else is breaking. A reference is its type's name (link targets ignored).
 *   When the optionality changed too, this one change reports both.
 * - optional → required: breaking; frames that omit the key now fail to decode.
 * - required → optional: breaking; code reading it now gets `T | undefined`.
 * - union member added / enum value added: safe for decoding (such frames
 *   failed before); exhaustive `switch`es need a new case.
 * - union member removed / enum value removed: breaking; such frames no
 *   longer decode and code naming them stops compiling.
 * - union member tag changed: breaking; frames with the old tag no longer decode.
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
  const add = (change: SchemaChange) => void changes.push(change)

  forEachPair(
    before.categories,
    after.categories,
    (category) => category.name,
    (old, current, name) => {
      const subject = `category "${name}"`
      if (!old)
        add({kind: 'category-added', subject, severity: 'safe', reason: 'categories only group events in the docs'})
      else if (!current)
        add({
          kind: 'category-removed',
          subject,
          severity: 'safe',
          reason: 'categories only group events in the docs; its events are reported on their own',
        })
    },
  )

  forEachPair(
    before.events,
    after.events,
    (event) => event.name,
    (old, current, name) => {
      const subject = `event ${name}`
      if (!old) {
        add({
          kind: 'event-added',
          subject,
          severity: 'safe',
          after: `"${current!.tag}"`,
          reason: 'its frames decoded as unknown events before; exhaustive switches over events need a new case',
        })
      } else if (!current) {
        add({
          kind: 'event-removed',
          subject,
          severity: 'breaking',
          before: `"${old.tag}"`,
          reason: 'code naming this event stops compiling and its frames no longer decode as it',
        })
      } else {
        compareEvent(old, current, add)
      }
    },
  )

  forEachPair(
    before.types,
    after.types,
    (type) => type.name,
    (old, current, name) => {
      const subject = `type ${name}`
      if (!old)
        add({
          kind: 'type-added',
          subject,
          severity: 'safe',
          after: current!.kind,
          reason: 'a new type breaks no existing code',
        })
      else if (!current)
        add({
          kind: 'type-removed',
          subject,
          severity: 'breaking',
          before: old.kind,
          reason: 'code naming this type stops compiling',
        })
      else compareType(old, current, add)
    },
  )
  return changes
}

type Add = (change: SchemaChange) => void

function compareEvent(old: EventDefinition, current: EventDefinition, add: Add): void {
  const subject = `event ${current.name}`
  if (old.tag !== current.tag) {
    add({
      kind: 'event-tag-changed',
      subject,
      severity: 'breaking',
      before: `"${old.tag}"`,
      after: `"${current.tag}"`,
      reason: 'frames carrying the old tag no longer decode as this event',
    })
  }
  if (old.category !== current.category) {
    add({
      kind: 'event-moved',
      subject,
      severity: 'safe',
      before: old.category,
      after: current.category,
      reason: 'categories only group events in the docs',
    })
  }
  if (old.rank !== current.rank) {
    add({
      kind: 'event-rank-changed',
      subject,
      severity: 'safe',
      before: old.rank,
      after: current.rank,
      reason: 'the main/other rank only orders the docs',
    })
  }
  // `event field`: an event and a type may share a name (ChatError, SubscriptionStatus).
  compareFields(`event field ${current.name}`, old.fields, current.fields, add)
}

function compareType(old: TypeDefinition, current: TypeDefinition, add: Add): void {
  if (old.kind !== current.kind) {
    add({
      kind: 'type-kind-changed',
      subject: `type ${current.name}`,
      severity: 'breaking',
      before: old.kind,
      after: current.kind,
      reason: `its JSON shape and generated type change from ${old.kind} to ${current.kind}`,
    })
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
        if (!was)
          add({
            kind: 'enum-value-added',
            subject,
            severity: 'safe',
            reason: 'frames with this value failed to decode before; exhaustive switches need a new case',
          })
        else if (!now)
          add({
            kind: 'enum-value-removed',
            subject,
            severity: 'breaking',
            reason: 'frames with this value no longer decode and code comparing against it stops compiling',
          })
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
      if (!was) {
        add({
          kind: 'member-added',
          subject,
          severity: 'safe',
          after: `"${now!.tag}"`,
          reason: 'frames with this tag failed to decode before; exhaustive switches need a new case',
        })
      } else if (!now) {
        add({
          kind: 'member-removed',
          subject,
          severity: 'breaking',
          before: `"${was.tag}"`,
          reason: 'frames with this tag no longer decode and code naming the member stops compiling',
        })
      } else {
        if (was.tag !== now.tag) {
          add({
            kind: 'member-tag-changed',
            subject,
            severity: 'breaking',
            before: `"${was.tag}"`,
            after: `"${now.tag}"`,
            reason: 'frames carrying the old tag no longer decode as this member',
          })
        }
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
        const field = now!
        if (field.optional)
          add({
            kind: 'field-added',
            subject,
            severity: 'safe',
            after: describeField(field),
            reason: 'an optional field decodes whether or not servers send it',
          })
        else
          add({
            kind: 'field-added',
            subject,
            severity: 'breaking',
            after: describeField(field),
            reason: 'required: frames from servers that do not send it now fail to decode',
          })
      } else if (!now) {
        add({
          kind: 'field-removed',
          subject,
          severity: 'breaking',
          before: describeField(was),
          reason: 'code reading this field stops compiling',
        })
      } else if (!sameType(was.type, now.type)) {
        const widened = widens(was.type, now.type)
        const optionality =
          was.optional === now.optional
            ? ''
            : now.optional
              ? '; now optional, so code reading it gets T | undefined'
              : '; now required, so frames that omit it fail to decode'
        add({
          kind: 'field-type-changed',
          subject,
          severity: widened && !optionality ? 'safe' : 'breaking',
          before: describeField(was),
          after: describeField(now),
          reason:
            (widened
              ? 'a widening: old values still decode and the TypeScript type stays number'
              : 'values of the old type may no longer decode and the generated type changes') + optionality,
        })
      } else if (was.optional && !now.optional) {
        add({
          kind: 'field-made-required',
          subject,
          severity: 'breaking',
          before: describeField(was),
          after: describeField(now),
          reason: 'frames from servers that omit it now fail to decode',
        })
      } else if (!was.optional && now.optional) {
        add({
          kind: 'field-made-optional',
          subject,
          severity: 'breaking',
          before: describeField(was),
          after: describeField(now),
          reason: 'code reading it now gets T | undefined',
        })
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
