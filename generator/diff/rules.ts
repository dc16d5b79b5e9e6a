/**
 * The diff's classification rules, in one table: for each rule, the change kind it
 * reports, how `diff` words it, whether it breaks a consumer (code that decodes
 * frames with the generated decoders and compiles against the generated types),
 * and why. `compareSchemas` picks a rule; the README shows this table as
 * `simplex-events diff --rules` prints it.
 *
 * A consumer also sends commands: a command's parameters are its input, so their
 * rules run the other way from fields (widening a parameter or making it optional
 * is safe for callers), while responses are decoded as events are and reuse the
 * field rules.
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
  | 'type-syntax-changed'
  | 'command-category-added'
  | 'command-category-removed'
  | 'command-added'
  | 'command-removed'
  | 'command-moved'
  | 'command-syntax-changed'
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-type-changed'
  | 'parameter-made-required'
  | 'parameter-made-optional'
  | 'response-added'
  | 'response-removed'
  | 'response-name-changed'

/**
 * Whether a change can break a consumer, oasdiff's ERR / WARN / INFO:
 *
 * - `breaking`: frames it decoded may now be rejected or decoded differently, a command it sent may now
 *   read differently, or something it uses is gone;
 * - `warning`: every frame that decoded still decodes and every command string it sent is still sent, but
 *   code may need an edit the compiler points at (a value that may now be absent, a new case for an
 *   exhaustive switch, a new flag to pass);
 * - `safe`: no code that compiled and worked needs a change.
 */
export type ChangeSeverity = 'breaking' | 'warning' | 'safe'

/** Severities from the least to the most severe: a change with a note takes the more severe of the two. */
export const SEVERITY_ORDER: readonly ChangeSeverity[] = ['safe', 'warning', 'breaking']

/** The more severe of two severities. */
export function moreSevere(a: ChangeSeverity, b: ChangeSeverity): ChangeSeverity {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b
}

/**
 * The section of a CHANGELOG a rule's changes go in (`diff --format changelog`) when they are not breaking;
 * breaking changes all go under Breaking. `Fixed`: the docs now say what the wire already sends (a
 * widened type holds values the narrower one rejected).
 */
export type ChangelogSection = 'Added' | 'Changed' | 'Fixed'

/** One rule of the table. */
export interface ChangeRule {
  kind: SchemaChangeKind
  /** How the text format words the change after its subject (`added`, `type changed`). */
  words: string
  severity: ChangeSeverity
  /** Why, one line; shown with every change the rule classes. */
  reason: string
  /** Where `diff --format changelog` lists it when it is not breaking. */
  changelog: ChangelogSection
}

const rule = (
  kind: SchemaChangeKind,
  words: string,
  severity: ChangeSeverity,
  reason: string,
  changelog: ChangelogSection = kind.endsWith('-added') ? 'Added' : 'Changed',
): ChangeRule => ({kind, words, severity, reason, changelog})

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
    'its frames decoded as unknown events before, which bots skip; bots route events by tag (`on(tag)`), not by an exhaustive switch over all of them',
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
    'Fixed',
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
    'warning',
    'every frame that decoded still decodes, but code reading it now gets T | undefined: the compiler points at each use',
  ),
  'member-added': rule(
    'member-added',
    'added',
    'warning',
    'frames with this tag failed to decode before; an exhaustive switch over the union stops compiling until it has a new case',
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
    'warning',
    'frames with this value failed to decode before; an exhaustive switch over the enum stops compiling until it has a new case',
  ),
  'enum-value-removed': rule(
    'enum-value-removed',
    'removed',
    'breaking',
    'frames with this value no longer decode and code comparing against it stops compiling',
  ),
  'type-syntax-changed': rule(
    'type-syntax-changed',
    'syntax changed',
    'breaking',
    'every command string holding a value of this type changes: a core of one version may not parse what the other sends',
  ),
  'command-category-added': rule(
    'command-category-added',
    'added',
    'safe',
    'categories only group commands in the docs',
  ),
  'command-category-removed': rule(
    'command-category-removed',
    'removed',
    'safe',
    'categories only group commands in the docs; its commands are reported on their own',
  ),
  'command-added': rule(
    'command-added',
    'added',
    'safe',
    'a new command function and parameter type; no existing call changes',
  ),
  'command-removed': rule(
    'command-removed',
    'removed',
    'breaking',
    'calls of this command stop compiling, and the core may no longer accept its string',
  ),
  'command-moved': rule(
    'command-moved',
    'moved to another category',
    'safe',
    'categories only group commands in the docs',
  ),
  'command-syntax-changed': rule(
    'command-syntax-changed',
    'syntax changed',
    'breaking',
    'the same parameters now give another command string: a core of one version may not parse what the other sends',
  ),
  'parameter-added-optional': rule(
    'parameter-added',
    'added',
    'safe',
    'optional: calls written before still compile and need not pass it',
  ),
  'parameter-added-required': rule(
    'parameter-added',
    'added',
    'breaking',
    'required: calls written before do not pass it and stop compiling',
  ),
  'parameter-added-required-flag': rule(
    'parameter-added',
    'added',
    'warning',
    'a required bool whose false gives the command string of before (its default): calls written before stop compiling until they pass it, and false sends what they sent',
  ),
  'parameter-removed': rule(
    'parameter-removed',
    'removed',
    'breaking',
    'calls passing it in an object literal stop compiling, and the command string no longer carries it',
  ),
  'parameter-type-widened': rule(
    'parameter-type-changed',
    'type changed',
    'safe',
    'an input widened: every value callers passed before is still accepted and the TypeScript type stays number',
    'Fixed',
  ),
  'parameter-type-changed': rule(
    'parameter-type-changed',
    'type changed',
    'breaking',
    'an input changed: values callers passed before may no longer type-check',
  ),
  'parameter-made-required': rule(
    'parameter-made-required',
    'made required',
    'breaking',
    'calls that omit it stop compiling',
  ),
  'parameter-made-optional': rule(
    'parameter-made-optional',
    'made optional',
    'safe',
    'an input: calls that pass it still compile',
  ),
  'response-added': rule(
    'response-added',
    'added',
    'warning',
    "this response of the command failed to decode before; an exhaustive switch over the command's responses stops compiling until it has a new case",
  ),
  'response-removed': rule(
    'response-removed',
    'removed',
    'breaking',
    "code comparing the command's response with this tag stops compiling, and frames a core still sends with it no longer decode as the command's response",
  ),
  'response-name-changed': rule(
    'response-name-changed',
    'name changed',
    'breaking',
    'the response type is named after it: code naming the old name stops compiling',
  ),
} as const satisfies Record<string, ChangeRule>

/** The name of a rule of `CHANGE_RULES`. */
export type ChangeRuleName = keyof typeof CHANGE_RULES

/** What a change's optionality adds to its type change: the reason's note, and the severity it brings. */
export interface ChangeNote {
  text: string
  severity: ChangeSeverity
}

/**
 * When a field's type changed and its optionality too, one change reports both: it has the more severe of
 * the type rule's severity and the note's (a widening made optional is a warning, as made optional alone is),
 * and the reason says what the optionality does.
 */
export const OPTIONALITY_NOTES = {
  'made-optional': {text: 'now optional, so code reading it gets T | undefined', severity: 'warning'},
  'made-required': {text: 'now required, so frames that omit it fail to decode', severity: 'breaking'},
} as const satisfies Record<string, ChangeNote>

/**
 * When a parameter's type changed and it was made required, one change reports both:
 * it is breaking whatever the type change. (Made optional needs no note: safe for callers.)
 */
export const PARAMETER_OPTIONALITY_NOTES = {
  'made-required': {text: 'now required, so calls that omit it stop compiling', severity: 'breaking'},
} as const satisfies Record<string, ChangeNote>

/**
 * The table as markdown, for the README and `diff --rules`: one row per rule, with the CHANGELOG section of
 * what is not breaking.
 *
 * @returns a markdown table, newline-terminated.
 */
export function formatRulesTable(): string {
  const rows = Object.entries(CHANGE_RULES).map(
    ([name, {kind, severity, reason, changelog}]) =>
      `| \`${name}\` | \`${kind}\` | ${severity} | ${severity === 'breaking' ? 'Breaking' : changelog} | ${reason.replace(/\|/g, '\\|')} |`,
  )
  return ['| rule | change kind | severity | changelog | why |', '|---|---|---|---|---|', ...rows, ''].join('\n')
}
