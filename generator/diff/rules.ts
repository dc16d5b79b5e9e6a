/**
 * The diff's classification rules, in one table: for each rule, the change kind it
 * reports, how `diff` words it, whether it breaks a consumer (code that decodes
 * frames with the generated decoders and compiles against the generated types),
 * and why. `compareSchemas` picks a rule; the README shows this table as
 * `simplex-events diff --rules` prints it.
 */

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
 * Whether a change can break a consumer: `breaking` means such code may stop
 * compiling, or frames it decoded before may now be rejected or decoded differently.
 */
export type ChangeSeverity = 'breaking' | 'safe'

/** One rule of the table. */
export interface ChangeRule {
  kind: SchemaChangeKind
  /** How the text format words the change after its subject (`added`, `type changed`). */
  words: string
  severity: ChangeSeverity
  /** Why, one line; shown with every change the rule classes. */
  reason: string
}

const rule = (kind: SchemaChangeKind, words: string, severity: ChangeSeverity, reason: string): ChangeRule => ({
  kind,
  words,
  severity,
  reason,
})

/** Every rule, by name. A change kind may have several rules (an optional or a required field added). */
export const CHANGE_RULES = {
  'category-added': rule('category-added', 'added', 'safe', 'categories only group events in the docs'),
  'category-removed': rule(
    'category-removed',
    'removed',
    'safe',
    'categories only group events in the docs; its events are reported on their own',
  ),
  'event-added': rule(
    'event-added',
    'added',
    'safe',
    'its frames decoded as unknown events before; exhaustive switches over events need a new case',
  ),
  'event-removed': rule(
    'event-removed',
    'removed',
    'breaking',
    'code naming this event stops compiling and its frames no longer decode as it',
  ),
  'event-tag-changed': rule(
    'event-tag-changed',
    'tag changed',
    'breaking',
    'frames carrying the old tag no longer decode as this event',
  ),
  'event-moved': rule('event-moved', 'moved to another category', 'safe', 'categories only group events in the docs'),
  'event-rank-changed': rule('event-rank-changed', 'rank changed', 'safe', 'the main/other rank only orders the docs'),
  'type-added': rule('type-added', 'added', 'safe', 'a new type breaks no existing code'),
  'type-removed': rule('type-removed', 'removed', 'breaking', 'code naming this type stops compiling'),
  'type-kind-changed': rule(
    'type-kind-changed',
    'kind changed',
    'breaking',
    'its JSON shape and generated type change (record, union and enum are not compared further)',
  ),
  'field-added-optional': rule(
    'field-added',
    'added',
    'safe',
    'an optional field decodes whether or not servers send it',
  ),
  'field-added-required': rule(
    'field-added',
    'added',
    'breaking',
    'required: frames from servers that do not send it now fail to decode',
  ),
  'field-removed': rule('field-removed', 'removed', 'breaking', 'code reading this field stops compiling'),
  'field-type-widened': rule(
    'field-type-changed',
    'type changed',
    'safe',
    'a widening: old values still decode and the TypeScript type stays number',
  ),
  'field-type-changed': rule(
    'field-type-changed',
    'type changed',
    'breaking',
    'values of the old type may no longer decode and the generated type changes',
  ),
  'field-made-required': rule(
    'field-made-required',
    'made required',
    'breaking',
    'frames from servers that omit it now fail to decode',
  ),
  'field-made-optional': rule(
    'field-made-optional',
    'made optional',
    'breaking',
    'code reading it now gets T | undefined',
  ),
  'member-added': rule(
    'member-added',
    'added',
    'safe',
    'frames with this tag failed to decode before; exhaustive switches need a new case',
  ),
  'member-removed': rule(
    'member-removed',
    'removed',
    'breaking',
    'frames with this tag no longer decode and code naming the member stops compiling',
  ),
  'member-tag-changed': rule(
    'member-tag-changed',
    'tag changed',
    'breaking',
    'frames carrying the old tag no longer decode as this member',
  ),
  'enum-value-added': rule(
    'enum-value-added',
    'added',
    'safe',
    'frames with this value failed to decode before; exhaustive switches need a new case',
  ),
  'enum-value-removed': rule(
    'enum-value-removed',
    'removed',
    'breaking',
    'frames with this value no longer decode and code comparing against it stops compiling',
  ),
} as const satisfies Record<string, ChangeRule>

/** The name of a rule of `CHANGE_RULES`. */
export type ChangeRuleName = keyof typeof CHANGE_RULES

/**
 * When a field's type changed and its optionality too, one change reports both: it is
 * breaking whatever the type change, and the reason says what the optionality does.
 */
export const OPTIONALITY_NOTES = {
  'made-optional': 'now optional, so code reading it gets T | undefined',
  'made-required': 'now required, so frames that omit it fail to decode',
} as const

/**
 * The table as markdown, for the README and `diff --rules`: one row per rule.
 *
 * @returns a markdown table, newline-terminated.
 */
export function formatRulesTable(): string {
  const rows = Object.entries(CHANGE_RULES).map(
    ([name, {kind, severity, reason}]) => `| \`${name}\` | \`${kind}\` | ${severity} | ${reason} |`,
  )
  return ['| rule | change kind | severity | why |', '|---|---|---|---|', ...rows, ''].join('\n')
}
