/**
 * Doc text into generated files: one function per context it can land in.
 *
 * The docs come from a URL, so their text is untrusted. It reaches the output only
 * as data (a string literal or a JSON value), as prose in a comment, or as markdown,
 * each through the function below for that context; never as code. Characters that
 * end a line in JavaScript but not in markdown (U+2028, U+2029), control characters
 * (terminal escape sequences) and bidirectional overrides (which make code read
 * differently from how it runs) are written as visible `\uXXXX` escapes everywhere.
 */

/** C0 and C1 controls (but tab and newline), DEL, line/paragraph separators, bidi controls. */
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g
/** The same, with newline and tab: for contexts where a line break ends the context. */
const INVISIBLE_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g

const unicodeEscape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * A JavaScript string literal holding exactly `text`, in plain ASCII: every character
 * outside printable ASCII is a `\uXXXX` escape, so the source reads as it runs
 * (double-quoted; prettier may requote it, keeping the escapes).
 */
export function stringLiteral(text: string): string {
  return jsonLiteral(text)
}

/**
 * A JavaScript expression for a JSON value (object and array literals, strings,
 * numbers, booleans, `null`), in plain ASCII: strings are escaped as in `stringLiteral`.
 */
export function jsonLiteral(value: unknown): string {
  // JSON.stringify escapes C0 controls, quotes and backslashes; anything else outside ASCII is inside a string.
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, unicodeEscape)
}

/** JSON text of a file (`schema.json`), two-space indented, strings escaped as in `stringLiteral`. */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(INVISIBLE, unicodeEscape)}\n`
}

/**
 * Prose for a `/** ... *\/` doc comment: it cannot close the comment (`*\/`), start a
 * TSDoc tag (`@internal` would hide a declaration from the published types), or hide
 * characters. Line breaks stay: they become separate comment lines.
 */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, unicodeEscape)
    .replaceAll('*/', '*\\/')
    .replace(/(^|[\s{])@/g, '$1\\@')
}

/** Text for a `//` line comment: one line, whatever `text` holds. */
export function lineCommentText(text: string): string {
  return text.replace(INVISIBLE_OR_BREAK, unicodeEscape)
}

/**
 * Plain text inside markdown (a README line): rendered as the same characters, never as
 * markup, HTML, a link or a code span. GitHub also links bare URLs and emails (GFM autolink
 * literals: `www.x`, `http://x`, `https://x`, `ftp://x`, `a@b.co`); each needs literal
 * characters (`www.`, `://`, `@`) that a character reference breaks while rendering the same.
 */
export function markdownText(text: string): string {
  return text
    .replace(INVISIBLE_OR_BREAK, unicodeEscape)
    .replace(/[\\`*_[\]<>&|~]/g, '\\$&')
    .replace(/(www)\./gi, '$1&#46;')
    .replace(/:(?=\/\/)/g, '&#58;')
    .replaceAll('@', '&#64;')
}

/**
 * A markdown code span showing exactly `text`: the fence is one backtick longer than the
 * longest run of backticks inside (CommonMark), and invisible characters are escaped.
 */
export function markdownCode(text: string): string {
  const visible = text.replace(INVISIBLE_OR_BREAK, unicodeEscape)
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = longest > 0 || visible.startsWith(' ') || visible.endsWith(' ') ? ' ' : ''
  return `${fence}${pad}${visible}${pad}${fence}`
}

/** Text inside an HTML comment (`<!-- ... -->`): it cannot close the comment. */
export function htmlCommentText(text: string): string {
  return text.replace(INVISIBLE_OR_BREAK, unicodeEscape).replace(/-(?=-)/g, '-\\')
}
