import type {EventDefinition, Schema, TypeDefinition, UnionMember} from '../schema/types.js'
import {compareCommands, compareTypeSyntax} from './commands.js'
import {compareFields, forEachPair, type Add} from './fields.js'
import {locateChange, type ChangeLocation} from './locate.js'
import {CHANGE_RULES, moreSevere, type ChangeRuleName, type ChangeSeverity, type SchemaChangeKind} from './rules.js'

export type {ChangeSeverity, SchemaChangeKind} from './rules.js'

/** One difference between two versions of the docs. */
export interface SchemaChange {
  kind: SchemaChangeKind
  /** The rule of `CHANGE_RULES` that classed it. */
  rule: ChangeRuleName
  /**
   * What changed: `event GroupLinkRelaysUpdated`, `field GroupSummary.currentMembers`, `member ConnStatus.SndReady`,
   * `enum value MsgFilter."x"`, `command APISendMessages`, `parameter APIConnectPlan.connectTarget`,
   * `response APISendMessages.newChatItems`, `response field newChatItems.chatItems`.
   */
  subject: string
  severity: ChangeSeverity
  /** Why it has this severity, one line. */
  reason: string
  /** The old value (type expression, tag, category, kind), when there is one. */
  before?: string
  /** The new value, when there is one. */
  after?: string
  /** Where the docs say it: the newer docs, or the older for what was removed (`locateChange`). */
  location?: ChangeLocation
}

/**
 * Compare two schemas and list what a consumer of the generated library would
 * notice: a bot that decodes events and responses, and sends commands. Descriptions,
 * the Python and plain grammar syntax blocks (when there is a ```javascript one),
 * errors lists, source locations, link targets and the order of fields are not
 * compared: none of them reaches the decoders, types or command strings.
 *
 * Each change is classed by a rule of `CHANGE_RULES` (`rules.ts`), which says why.
 * Fields are matched by their wire name, union members by name, events and
 * types by name. Subjects: `event X`, `event field X.f` (an event and a type may
 * share a name), `type T`, `field T.f`, `member T.M`, `field T.M.f`,
 * `enum value T."v"`, `category "C"`; for COMMANDS.md (compared only when both
 * versions have one) see `compareCommands`.
 *
 * @param before the schema of the older docs.
 * @param after the schema of the newer docs.
 * @returns the changes: categories, then events, then types, then command
 *   categories, commands (each with its parameters, syntax and responses) and
 *   response fields; within each, the newer docs' order first, then what was
 *   removed in the older docs' order.
 */
export function compareSchemas(before: Schema, after: Schema): SchemaChange[] {
  const changes: SchemaChange[] = []
  const add: Add = (name, subject, values = {}, note) => {
    const {kind, severity, reason} = CHANGE_RULES[name]
    const location = locateChange(kind, subject, before, after)
    changes.push({
      kind,
      rule: name,
      subject,
      severity: note ? moreSevere(severity, note.severity) : severity,
      reason: note ? `${reason}; ${note.text}` : reason,
      ...values,
      ...(location && {location}),
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
      else {
        compareType(old, current, add)
        compareTypeSyntax(old, current, before.types, after.types, add)
      }
    },
  )

  compareCommands(before, after, add)
  return changes
}

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
