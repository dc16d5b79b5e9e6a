import type {SchemaChange} from './compare.js'
import {CHANGE_RULES} from './rules.js'

/** Output formats of `simplex-events diff`. */
export const CHANGE_FORMATS = ['text', 'markdown', 'json'] as const
export type ChangeFormat = (typeof CHANGE_FORMATS)[number]

const RED = '\u001b[31m'
const DIM = '\u001b[2m'
const RESET = '\u001b[0m'

/**
 * Render the changes of `compareSchemas` for people or tools.
 *
 * - `text`: a summary line (`12 changes: 3 breaking, 9 safe`), then one line per
 *   change, breaking ones first, each marked `BREAKING` or `safe`.
 * - `markdown`: ready to paste into a pull request: a heading, the summary and
 *   one table per severity (Change | Subject | Before | After | Why).
 * - `json`: `{summary: {breaking, safe}, changes: [...]}` in comparison order, and `notes: [...]` when
 *   there are notes.
 * An empty list reads `No changes.` in text and markdown, `changes: []` in json. Notes (what was not
 * compared) follow the summary, `note: ...` in text and `> Note: ...` in markdown.
 *
 * @param changes the changes, in comparison order.
 * @param format the output format.
 * @param color colour `BREAKING` red (text only: markdown and json are meant to be pasted or parsed).
 * @param notes what the comparison left out (`comparisonNotes`).
 * @returns the output, newline-terminated.
 */
export function formatChanges(
  changes: readonly SchemaChange[],
  format: ChangeFormat,
  color: boolean,
  notes: readonly string[] = [],
): string {
  const breaking = changes.filter((change) => change.severity === 'breaking')
  const safe = changes.filter((change) => change.severity === 'safe')
  switch (format) {
    case 'json':
      return `${JSON.stringify({summary: {breaking: breaking.length, safe: safe.length}, changes, ...(notes.length > 0 ? {notes} : {})}, null, 2)}\n`
    case 'text':
      return formatText(breaking, safe, color, notes)
    case 'markdown':
      return formatMarkdown(breaking, safe, notes)
  }
}

function summaryOf(breaking: number, safe: number): string {
  const total = breaking + safe
  return `${total} ${total === 1 ? 'change' : 'changes'}: ${breaking} breaking, ${safe} safe`
}

function formatText(breaking: SchemaChange[], safe: SchemaChange[], color: boolean, notes: readonly string[]): string {
  const noted = notes.map((note) => `note: ${note}\n`).join('')
  if (breaking.length + safe.length === 0) return `No changes.\n${noted}`
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text)
  const line = (change: SchemaChange) => {
    const label = change.severity === 'breaking' ? paint(RED, 'BREAKING') : paint(DIM, 'safe    ')
    return `${label}  ${change.subject} ${CHANGE_RULES[change.rule].words}${valuesOf(change)} — ${change.reason}`
  }
  return (
    `${summaryOf(breaking.length, safe.length)}\n${noted}` +
    [...breaking.map(line), ...safe.map(line)].join('\n') +
    '\n'
  )
}

/** `: int → int64`, `: int64?` (added), `: was int64?` (removed), or nothing. */
function valuesOf(change: SchemaChange): string {
  if (change.before !== undefined && change.after !== undefined) return `: ${change.before} → ${change.after}`
  if (change.after !== undefined) return `: ${change.after}`
  if (change.before !== undefined) return `: was ${change.before}`
  return ''
}

function formatMarkdown(breaking: SchemaChange[], safe: SchemaChange[], notes: readonly string[]): string {
  const lines = ['## SimpleX Chat bot API changes', '']
  const noted = notes.flatMap((note) => ['', `> Note: ${escapeCell(note)}`])
  if (breaking.length + safe.length === 0) return [...lines, 'No changes.', ...noted, ''].join('\n')
  lines.push(`${summaryOf(breaking.length, safe.length)}.`, ...noted)
  for (const [title, group] of [
    ['Breaking changes', breaking],
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

/** A code span around `text` (empty cell when absent), fenced with more backticks than it holds. */
function code(text: string | undefined): string {
  if (text === undefined || text === '') return ''
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** GFM table cells end at an unescaped `|`, even inside code spans; a newline would end the row. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
