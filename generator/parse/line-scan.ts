/**
 * A cheap, linear scan of a markdown document line by line, run before
 * remark-parse: it finds where sections start and how deep containers nest
 * without building a tree. It models only what can hide a heading or a list
 * marker from the block structure: fenced code and HTML blocks.
 */

/** One line of a document. */
export interface ScannedLine {
  /** 1-based line number, counting line endings as micromark does (`\r\n`, `\r`, `\n`). */
  line: number
  /** Offset of the line's first character in the document. */
  offset: number
  /** The line without its line ending. */
  text: string
  /** Inside (or opening or closing) a fenced code block or an HTML block: its text is not markdown. */
  literal: boolean
}

const LINE = /([^\r\n]*)(\r\n|\r|\n|$)/y
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/
const BLANK = /^[ \t]*$/
/**
 * The openers of CommonMark HTML blocks 1-5, each with its end marker: they end at
 * the marker, possibly lines later and across blank lines ...
 */
export const RAW_HTML: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![a-z]/i, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
]
// ... blocks 6 and 7 at the next blank line. Any other `<` at a line start is treated as one, to be safe.
const HTML_START = /^ {0,3}<[a-z/]/i

/**
 * Every line of `text`, each marked `literal` when it belongs to fenced code or an
 * HTML block as far as a line scan can tell. The scan ignores containers, so a
 * fence opened inside a list item may be judged wrongly; callers that need
 * exactness verify with the parsed tree (see `sections.ts`).
 *
 * @param text the document.
 * @returns the lines in order.
 */
export function* scanLines(text: string): Generator<ScannedLine> {
  let fence: {marker: string; length: number} | null = null
  let htmlEnd: RegExp | 'blank' | null = null
  let line = 1
  LINE.lastIndex = 0
  while (LINE.lastIndex < text.length) {
    const offset = LINE.lastIndex
    const match = LINE.exec(text)!
    const [, content = '', ending = ''] = match
    let literal = false
    if (fence) {
      literal = true
      const close = FENCE.exec(content)
      if (close && close[1]![0] === fence.marker && close[1]!.length >= fence.length && BLANK.test(close[2]!))
        fence = null
    } else if (htmlEnd) {
      if (htmlEnd === 'blank' ? BLANK.test(content) : htmlEnd.test(content)) htmlEnd = null
      literal = htmlEnd !== null || !BLANK.test(content)
    } else {
      const open = FENCE.exec(content)
      // A backtick fence's info string cannot hold a backtick (then it is inline code).
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        fence = {marker: open[1]![0]!, length: open[1]!.length}
        literal = true
      } else if (HTML_START.test(content) || /^ {0,3}<!/.test(content)) {
        const raw = RAW_HTML.find(([start]) => start.test(content))
        // Blocks 1-5 may end on their first line (`<!-- note -->`): look for the end after the opener.
        htmlEnd = raw ? (raw[1].test(content.slice(raw[0].exec(content)![0].length)) ? null : raw[1]) : 'blank'
        literal = true
      }
    }
    yield {line, offset, text: content, literal}
    if (ending === '') break
    line++
  }
}
