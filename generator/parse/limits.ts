import type {VFile} from 'vfile'
import {reportError} from '../diagnostics.js'
import {scanLines} from './line-scan.js'
import type {Section} from './sections.js'

/**
 * Bounds on what the markdown parser is given. remark-parse takes time cubic in
 * the nesting depth of lists (32 KB of `- - - ...` takes minutes) and quadratic
 * in the size of one parse that holds many lists; these are checked by a linear
 * line scan before anything is parsed.
 */
export interface ParseLimits {
  /** Largest document, in UTF-8 bytes (rule `too-large`). */
  maxDocumentBytes: number
  /** Largest section (the text from one heading to the next), in UTF-8 bytes (rule `too-large`). */
  maxSectionBytes: number
  /** Most list items in one document (rule `too-large`): each costs remark-parse far more than its bytes. */
  maxListItems: number
  /** Deepest nesting of lists and block quotes (rule `too-deep`). */
  maxNesting: number
}

/**
 * The defaults, well above what upstream's documents need: the largest
 * (TYPES.md, 2026) is 75 KiB with 2,000 list items (allowed: 10,000), its largest section (the
 * table of contents) 7.6 KiB, and lists nest two deep. At these bounds a
 * document parses in seconds (remark-parse reads about 100 KiB a second here).
 */
export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = {
  maxDocumentBytes: 1024 * 1024,
  maxSectionBytes: 64 * 1024,
  maxListItems: 10_000,
  maxNesting: 8,
}

/**
 * Check `file` against `limits` before it is parsed. Each problem is reported on
 * the file as a located error (`too-large`, `too-deep`), like any parse error.
 *
 * @param file the document.
 * @param sections its sections (`splitSections`).
 * @param limits the bounds (default `DEFAULT_PARSE_LIMITS`).
 * @returns true when the document is within the limits and may be parsed.
 */
export function checkParseLimits(
  file: VFile,
  sections: Section[],
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): boolean {
  const text = String(file.value)
  const bytes = Buffer.byteLength(text)
  if (bytes > limits.maxDocumentBytes) {
    reportError(
      file,
      `Document is ${formatBytes(bytes)}, more than the limit of ${formatBytes(limits.maxDocumentBytes)}`,
      {line: 1, column: 1},
      'too-large',
    )
    return false
  }
  for (const section of sections) {
    const sectionBytes = Buffer.byteLength(section.text)
    if (sectionBytes > limits.maxSectionBytes) {
      reportError(
        file,
        `Section is ${formatBytes(sectionBytes)} (to the next heading), more than the limit of ${formatBytes(limits.maxSectionBytes)}`,
        {line: section.line, column: 1},
        'too-large',
      )
      return false
    }
  }
  const problem = firstContainerProblem(text, limits)
  if (problem) reportError(file, problem.reason, problem.place, problem.ruleId)
  return problem === null
}

/** `1.5 MiB`, `64 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, 'GiB'],
    [1024 * 1024, 'MiB'],
    [1024, 'KiB'],
  ]
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`
  }
  return `${bytes} bytes`
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/
const THEMATIC_BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/

interface ContainerProblem {
  reason: string
  place: {line: number; column: number}
  ruleId: 'too-deep' | 'too-large'
}

/**
 * The first list item or block quote that nests deeper than `maxNesting`, or the
 * list item past `maxListItems`, by a line scan after CommonMark's container
 * rules: a line closes the open list items whose content column it does not
 * reach; then each `>` or list marker at its start opens one more container
 * (`- - - x` is three lists deep). Blank lines and fenced code keep the
 * containers as they are.
 *
 * @returns the problem at the marker's line and column, or `null`.
 */
function firstContainerProblem(text: string, limits: ParseLimits): ContainerProblem | null {
  // Content columns (0-based, tabs to multiples of 4) of the open containers.
  const open: number[] = []
  let items = 0
  for (const {line, text: content, literal} of scanLines(text)) {
    if (literal || /^[ \t]*$/.test(content)) continue
    let index = 0
    let column = 0
    const skipSpace = () => {
      while (content[index] === ' ' || content[index] === '\t') {
        column = content[index] === '\t' ? column + 4 - (column % 4) : column + 1
        index++
      }
    }
    skipSpace()
    while (open.length > 0 && open.at(-1)! > column) open.pop()
    for (;;) {
      // Four columns past the innermost container's content is indented code, not a marker.
      if (column - (open.at(-1) ?? 0) >= 4) break
      const rest = content.slice(index)
      let width: number
      if (rest.startsWith('>')) width = 1
      else if (!THEMATIC_BREAK.test(rest) && LIST_MARKER.test(rest)) width = LIST_MARKER.exec(rest)![0].length
      else break
      const place = {line, column: index + 1}
      if (rest[0] !== '>' && ++items > limits.maxListItems)
        return {reason: `More than ${limits.maxListItems} list items in one document`, place, ruleId: 'too-large'}
      open.push(column + width + 1)
      if (open.length > limits.maxNesting)
        return {reason: `Lists or block quotes nest more than ${limits.maxNesting} deep`, place, ruleId: 'too-deep'}
      index += width
      column += width
      skipSpace()
    }
  }
  return null
}
