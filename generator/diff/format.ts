import type {SchemaChange} from './compare.js'
import {formatAnnotations} from './format-annotations.js'
import {formatChangelog} from './format-changelog.js'
import {formatJunit} from './format-junit.js'
import {bySeverity, code, summaryOf, valuesOf, type Groups} from './format-parts.js'
import {CHANGE_RULES} from './rules.js'
import type {ChangeSides} from './sides.js'

/** Output formats of `simplex-events diff`. */
export const CHANGE_FORMATS = ['text', 'markdown', 'json', 'changelog', 'github', 'junit'] as const
export type ChangeFormat = (typeof CHANGE_FORMATS)[number]

const RED = '\u001b[31m'
const YELLOW = '\u001b[33m'
const DIM = '\u001b[2m'
const RESET = '\u001b[0m'

/**
 * Render the changes of `compareSchemas` for people or tools.
 *
 * - `text`: a summary line (`12 changes: 3 breaking, 2 warnings, 7 safe`), then one line per
 *   change, breaking ones first, then warnings, each marked `BREAKING`, `WARNING` or `safe`.
 * - `markdown`: ready to paste into a pull request: a heading, the summary and
 *   one table per severity (Change | Subject | Before | After | Why).
 * - `json`: `{summary: {breaking, warning, safe}, changes: [...]}` in comparison order, and `notes: [...]`
 *   when there are notes.
 * - `changelog`: a CHANGELOG section (`formatChangelog`), `github`: workflow commands that annotate
 *   the docs (`formatAnnotations`), `junit`: a JUnit XML report (`formatJunit`).
 * An empty list reads `No changes.` in text, markdown and changelog, `changes: []` in json. Notes (what was
 * not compared) follow the summary, `note: ...` in text and `> Note: ...` in markdown.
 *
 * @param changes the changes, in comparison order.
 * @param format the output format.
 * @param color colour `BREAKING` red and `WARNING` yellow (text only: the others are pasted or parsed).
 * @param notes what the comparison left out (`comparisonNotes`).
 * @param sides the versions compared: their names, folders and pages (changelog, github and junit).
 * @returns the output, newline-terminated.
 */
export function formatChanges(
  changes: readonly SchemaChange[],
  format: ChangeFormat,
  color: boolean,
  notes: readonly string[] = [],
  sides: ChangeSides = {names: {before: 'old', after: 'new'}},
): string {
  const [breaking, warning, safe] = bySeverity(changes)
  switch (format) {
    case 'json': {
      const summary = {breaking: breaking.length, warning: warning.length, safe: safe.length}
      return `${JSON.stringify({summary, changes, ...(notes.length > 0 ? {notes} : {})}, null, 2)}\n`
    }
    case 'text':
      return formatText([breaking, warning, safe], color, notes)
    case 'markdown':
      return formatMarkdown([breaking, warning, safe], notes)
    case 'changelog':
      return formatChangelog(changes, notes, sides)
    case 'github':
      return formatAnnotations(changes, notes, sides)
    case 'junit':
      return formatJunit(changes, notes, sides)
  }
}

function formatText(groups: Groups, color: boolean, notes: readonly string[]): string {
  const noted = notes.map((note) => `note: ${note}\n`).join('')
  if (groups.every((group) => group.length === 0)) return `No changes.\n${noted}`
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text)
  const labels = {breaking: paint(RED, 'BREAKING'), warning: paint(YELLOW, 'WARNING '), safe: paint(DIM, 'safe    ')}
  const line = (change: SchemaChange) =>
    `${labels[change.severity]}  ${change.subject} ${CHANGE_RULES[change.rule].words}${valuesOf(change)} — ${change.reason}`
  return `${summaryOf(groups)}\n${noted}${groups.flat().map(line).join('\n')}\n`
}

function formatMarkdown([breaking, warning, safe]: Groups, notes: readonly string[]): string {
  const lines = ['## SimpleX Chat bot API changes', '']
  const noted = notes.flatMap((note) => ['', `> Note: ${escapeCell(note)}`])
  if (breaking.length + warning.length + safe.length === 0) return [...lines, 'No changes.', ...noted, ''].join('\n')
  lines.push(`${summaryOf([breaking, warning, safe])}.`, ...noted)
  for (const [title, group] of [
    ['Breaking changes', breaking],
    ['Warnings', warning],
    ['Safe changes', safe],
  ] as const) {
    if (group.length === 0) continue
    lines.push(
      '',
      `### ${title} (${group.length})`,
      '',
      '| Change | Subject | Before | After | Why |',
      '| --- | --- | --- | --- | --- |',
    )
    for (const change of group) {
      const cells = [
        CHANGE_RULES[change.rule].words,
        code(change.subject),
        code(change.before),
        code(change.after),
        change.reason,
      ]
      lines.push(`| ${cells.map(escapeCell).join(' | ')} |`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** GFM table cells end at an unescaped `|`, even inside code spans; a newline would end the row. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
