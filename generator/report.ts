import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'

/**
 * Format the messages of `files` as `file:line:column  error  reason  rule`
 * lines, with colour only when `color` is set (callers pass `stream.isTTY`).
 */
export function formatDiagnostics(files: VFile[], color: boolean): string {
  return reporter(files, {color, quiet: true})
}
