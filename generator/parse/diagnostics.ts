import type {Node} from 'unist'
import type {VFile} from 'vfile'

/** Where a problem sits: a node, or a point inside one line of the document. */
export type Place = Node | {line: number; column: number}

/**
 * Record an error on `file` at `place`. Errors are collected (not thrown) so one
 * run reports every problem of a document; the caller fails when any was recorded.
 */
export function reportError(file: VFile, reason: string, place: Place | undefined, ruleId: string): void {
  const at = place && 'type' in place ? place.position : place
  const message = file.message(reason, {place: at, ruleId, source: 'simplex-events'})
  message.fatal = true
}

/**
 * Record a warning on `file` at `place`: a real inconsistency of the docs that
 * does not stop the schema from being used (`message.fatal` is `false`).
 */
export function reportWarning(file: VFile, reason: string, place: Place | undefined, ruleId: string): void {
  const at = place && 'type' in place ? place.position : place
  const message = file.message(reason, {place: at, ruleId, source: 'simplex-events'})
  message.fatal = false
}

/** True when any error was recorded on one of `files`. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}
