/** What the formats of `formatChanges` share: the changes by severity, the summary line, values, code spans. */
import type {SchemaChange} from './compare.js'

/** `12 changes: 3 breaking, 2 warnings, 7 safe`, from the changes by severity. */
export function summaryOf(groups: Groups): string {
  const [breaking, warning, safe] = groups.map((group) => group.length) as [number, number, number]
  const total = breaking + warning + safe
  return `${total} ${total === 1 ? 'change' : 'changes'}: ${breaking} breaking, ${warning} ${warning === 1 ? 'warning' : 'warnings'}, ${safe} safe`
}

/** A code span around `text` (empty when absent), fenced with more backticks than it holds. */
export function code(text: string | undefined): string {
  if (text === undefined || text === '') return ''
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

export type Groups = readonly [breaking: SchemaChange[], warning: SchemaChange[], safe: SchemaChange[]]

/** The changes by severity, each group in comparison order. */
export function bySeverity(changes: readonly SchemaChange[]): Groups {
  const of = (severity: SchemaChange['severity']) => changes.filter((change) => change.severity === severity)
  return [of('breaking'), of('warning'), of('safe')]
}

/** `: int → int64`, `: int64?` (added), `: was int64?` (removed), or nothing. */
export function valuesOf(change: SchemaChange): string {
  if (change.before !== undefined && change.after !== undefined) return `: ${change.before} → ${change.after}`
  if (change.after !== undefined) return `: ${change.after}`
  if (change.before !== undefined) return `: was ${change.before}`
  return ''
}
