import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {printable} from './sanitize.js'

/**
 * Format the messages of `files` as `file:line:column  error  reason  rule`
 * lines, with colour only when `color` is set (see `colorEnabled`). Reasons quote
 * the docs, so their control characters are escaped (`printable`) before the
 * reporter adds its own colour.
 */
export function formatDiagnostics(files: VFile[], color: boolean): string {
  return reporter(files.map(printableMessages), {color, quiet: true})
}

/** A copy of `file` holding only its messages, with every text the reporter prints made printable. */
function printableMessages(file: VFile): VFile {
  // The reporter prints a file's first path (a URL keeps its query string there; see load/index.ts).
  const shown = file.history[0]
  const copy = new VFile({path: shown === undefined ? undefined : printable(shown)})
  for (const message of file.messages) {
    const reason = copy.message(printable(message.reason), {
      place: message.place,
      ruleId: message.ruleId === undefined ? undefined : printable(message.ruleId),
      source: message.source === undefined ? undefined : printable(message.source),
    })
    reason.fatal = message.fatal
  }
  return copy
}
