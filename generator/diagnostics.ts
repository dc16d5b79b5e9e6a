import type {Node} from 'unist'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {ruleUrl, type RuleId} from './diagnostics-rules.js'
import {printable} from './sanitize.js'

export type {RuleId} from './diagnostics-rules.js'

/**
 * The documents did not parse or check: the vfiles with their located messages, for the caller to report
 * (the CLI prints them with `formatDiagnostics`, in colour on a terminal; exit 2). The message is that
 * report without colour.
 */
export class DiagnosticsError extends Error {
  /** The files of each failed read, in order; each group is reported (and summed up) on its own. */
  readonly reports: readonly (readonly VFile[])[]

  /** @param reports the files of each failed read (one group per `readSchema`). */
  constructor(...reports: readonly (readonly VFile[])[]) {
    super(reports.map((files) => formatDiagnostics(files, false)).join(''))
    this.reports = reports
  }
}

/** Where a problem sits: a node, or a point inside one line of the document. */
export type Place = Node | {line: number; column: number}

/**
 * Record an error on `file` at `place`. Errors are collected (not thrown) so one
 * run reports every problem of a document; the caller fails when any was recorded.
 */
export function reportError(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): void {
  record(file, reason, place, ruleId).fatal = true
}

/**
 * Record a warning on `file` at `place`: a real inconsistency of the docs that
 * does not stop the schema from being used (`message.fatal` is `false`).
 */
export function reportWarning(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): void {
  record(file, reason, place, ruleId).fatal = false
}

function record(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId) {
  const at = place && 'type' in place ? place.position : place
  const message = file.message(reason, {place: at, ruleId, source: 'simplex-events'})
  // Where the rule is explained (as remark-lint's messages link their rule's doc).
  message.url = ruleUrl(ruleId)
  return message
}

/** True when any error was recorded on one of `files`. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/**
 * Format the messages of `files` as `file:line:column  error  reason  rule`
 * lines, with colour only when `color` is set (see `colorEnabled`). Reasons quote
 * the docs, so their control characters are escaped (`printable`) before the
 * reporter adds its own colour.
 */
export function formatDiagnostics(files: readonly VFile[], color: boolean, maxPerFile = MAX_MESSAGES_PER_FILE): string {
  const report = reporter(
    files.map((file) => printableMessages(file, maxPerFile)),
    {color, quiet: true},
  )
  const hidden = files
    .filter((file) => file.messages.length > maxPerFile)
    .map((file) => {
      const rest = file.messages.slice(maxPerFile)
      const errors = rest.filter((message) => message.fatal === true).length
      const counts = [plural(errors, 'error'), plural(rest.length - errors, 'warning')].filter(Boolean).join(' and ')
      return `${printable(file.history[0] ?? '<stdin>')}: ${counts} more, not shown (the first ${maxPerFile} are above)`
    })
  return hidden.length === 0 ? report : `${report}\n${hidden.join('\n')}`
}

/**
 * Messages printed per file: a hostile document can hold tens of thousands of errors,
 * and the first ones say what is wrong with it as well as all of them.
 */
export const MAX_MESSAGES_PER_FILE = 100

function plural(count: number, noun: string): string {
  return count === 0 ? '' : `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** A copy of `file` holding its first `max` messages, with every text the reporter prints made printable. */
function printableMessages(file: VFile, max: number): VFile {
  // The reporter prints a file's first path (a URL keeps its query string there; see load/index.ts).
  const shown = file.history[0]
  const copy = new VFile({path: shown === undefined ? undefined : printable(shown)})
  for (const message of file.messages.slice(0, max)) {
    const reason = copy.message(printable(message.reason), {
      place: message.place,
      ruleId: message.ruleId === undefined ? undefined : printable(message.ruleId),
      source: message.source === undefined ? undefined : printable(message.source),
    })
    reason.fatal = message.fatal
  }
  return copy
}
