/**
 * Characters that must not reach a terminal raw: C0 controls but tab and line feed, DEL, C1 controls,
 * the Unicode line and paragraph separators, and the bidirectional overrides and isolates (text that
 * reads differently from what it is).
 */
const UNSAFE = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069'
const unsafe = new RegExp(`[${UNSAFE}]`, 'g')
// A colour (SGR) sequence, the only escape sequence the CLI itself writes, or one unsafe character.
const colourOrUnsafe = new RegExp(`\\u001b\\[[0-9;]*m|[${UNSAFE}]`, 'g')

/** Options of `printable`. */
export interface PrintableOptions {
  /** Keep colour sequences (`ESC [ ... m`) as they are: the CLI's own colour, when colour is on (default `false`). */
  keepColor?: boolean
}

/**
 * Make text safe to print on a terminal: every control character (but `\n` and `\t`), U+2028, U+2029
 * and the bidirectional controls become a visible escape such as `\u001b`, so text that comes from
 * input (a heading of the docs, a file name, a URL) cannot clear the screen, set the title, hide a
 * hyperlink or reorder what is shown.
 *
 * @param text what is about to be printed.
 * @param options `keepColor` to let colour sequences through (only when colour is on).
 * @returns `text` with the unsafe characters escaped; text without them is returned unchanged.
 */
export function printable(text: string, options: PrintableOptions = {}): string {
  if (!options.keepColor) return text.replace(unsafe, escape)
  return text.replace(colourOrUnsafe, (match) => (match.length > 1 ? match : escape(match)))
}

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
}
