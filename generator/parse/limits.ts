import type {Root} from 'mdast'
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import {reportError} from '../diagnostics.js'
import {formatBytes} from '../format-bytes.js'
import {type ConstructLimits, ParseLimitError} from './bounded-constructs.js'
import type {Section} from './sections.js'

/** A line and column. */
type Place = {line: number; column: number}

/**
 * Bounds on what the markdown parser is given and builds. Sizes are checked before
 * parsing; the constructs micromark handles in super-linear time are counted while it
 * parses (`bounded-constructs.ts`), and nesting is checked on the tree it built, before
 * anything walks it: every document within them parses in time linear in its size.
 */
export interface ParseLimits extends ConstructLimits {
  /** Largest document, in UTF-8 bytes (rule `too-large`). */
  maxDocumentBytes: number
  /** Largest section (the text from one heading to the next), in UTF-8 bytes (rule `too-large`). */
  maxSectionBytes: number
  /** Most list items in one document (rule `too-large`): each costs remark-parse far more than its bytes. */
  maxListItems: number
  /**
   * Most list items in one section (rule `too-large`): mdast-util-from-markdown splices each item into the
   * event list of the whole parse, so their time is the product of their number and the section's size.
   */
  maxSectionListItems: number
  /** Deepest nesting of lists and block quotes (rule `too-deep`). */
  maxNesting: number
  /** Deepest nesting of any markdown node, inline ones (emphasis in a link ...) too (rule `too-deep`). */
  maxTreeDepth: number
}

/**
 * The defaults, well above what upstream's documents need (all five versions): the largest
 * (TYPES.md, 2026) is 75 KiB with 2,000 list items (allowed: 10,000), its largest section (the
 * table of contents) 7.6 KiB with 223 list items; lists nest two deep, the tree seven; a paragraph holds at most 2
 * delimiter runs (`**bold**`), a line opens one container, a section has up to 94 lines micromark marks
 * lazy, a paragraph 3 links, and there is no setext heading. At
 * these bounds every construct parses at the rate of plain text, about 10 ms a KiB here
 * (`bench/parse-constructs.ts`): a document at the size limit in seconds.
 */
export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = {
  maxDocumentBytes: 1024 * 1024,
  maxSectionBytes: 64 * 1024,
  maxListItems: 10_000,
  maxSectionListItems: 1_000,
  maxNesting: 8,
  maxTreeDepth: 32,
  maxDelimiterRuns: 32,
  maxSetextHeadings: 50,
  maxContainersPerLine: 16,
  maxLazyLines: 1_000,
  maxLinkEnds: 100,
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
  return true
}

/**
 * Check the nesting of `tree` (lists and block quotes, and every node) without
 * recursion: a tree over the limits may be too deep to walk recursively.
 *
 * @throws ParseLimitError at the first node past a limit.
 * @returns where its list items start, in document order.
 */
export function checkTreeLimits(tree: Root, limits: ParseLimits): Place[] {
  const listItems: Place[] = []
  // Depth first, in document order: each entry is a node, its depth and its container depth.
  const stack: [Node, number, number][] = [[tree, 0, 0]]
  while (stack.length > 0) {
    const [node, depth, containers] = stack.pop()!
    const nested = node.type === 'list' || node.type === 'blockquote' ? containers + 1 : containers
    const place = node.position?.start ?? {line: 1, column: 1}
    if (nested > limits.maxNesting)
      throw new ParseLimitError(`Lists or block quotes nest more than ${limits.maxNesting} deep`, place, 'too-deep')
    if (depth > limits.maxTreeDepth)
      throw new ParseLimitError(`Markdown nests more than ${limits.maxTreeDepth} deep`, place, 'too-deep')
    if (node.type === 'listItem') listItems.push(place)
    const children = (node as {children?: Node[]}).children ?? []
    for (let index = children.length - 1; index >= 0; index--) stack.push([children[index]!, depth + 1, nested])
  }
  return listItems
}

/**
 * The running count of a document's list items, section by section: each costs
 * remark-parse far more than its bytes, so the count stops the parse at the section
 * that crosses the limit. A section parsed again (merged with the next) replaces its count.
 */
export class ListItemCount {
  private readonly bySection = new Map<number, number>()
  private total = 0

  constructor(private readonly limits: Pick<ParseLimits, 'maxListItems' | 'maxSectionListItems'>) {}

  /**
   * Count the items of the section at `offset` (the first parse of sections merged into one counts as one).
   *
   * @throws ParseLimitError at the item past a limit (a place in the section).
   */
  add(offset: number, items: readonly Place[]): void {
    const perSection = this.limits.maxSectionListItems
    if (items.length > perSection)
      throw new ParseLimitError(`More than ${perSection} list items in one section`, items[perSection]!, 'too-large')
    this.total += items.length - (this.bySection.get(offset) ?? 0)
    this.bySection.set(offset, items.length)
    const limit = this.limits.maxListItems
    if (this.total <= limit) return
    const past = items[items.length - (this.total - limit)]!
    throw new ParseLimitError(`More than ${limit} list items in one document`, past, 'too-large')
  }
}
