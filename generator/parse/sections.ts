import type {Code, Html, Root} from 'mdast'
import type {Node, Position} from 'unist'
import {ParseLimitError} from './bounded-constructs.js'
import {RAW_HTML, scanLines} from './line-scan.js'

/**
 * A part of a document that starts at a line start: the whole document, or one
 * that starts at an ATX heading (`#` to `######` at column 1).
 */
export interface Section {
  /** 1-based line of its first character. */
  line: number
  /** Offset of its first character in the document. */
  offset: number
  text: string
}

const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/
// A link reference definition (`[label]: url`) may be used in any section, so a document
// with one is not split: split parses would not resolve references across sections.
const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:/

/**
 * Split `text` at every ATX heading that starts a line outside fenced code and
 * HTML blocks. A heading at column 1 closes every list and block quote (it is not
 * indented enough to continue a list item, and it is never a lazy paragraph
 * line), so each part parses to exactly the nodes a whole-document parse gives
 * for it; `parseBySection` verifies the one case a line scan can misjudge.
 *
 * @param text the document.
 * @returns the sections in order; one section when `text` has a link reference definition.
 */
export function splitSections(text: string): Section[] {
  const starts: {line: number; offset: number}[] = [{line: 1, offset: 0}]
  for (const scanned of scanLines(text)) {
    if (scanned.literal) continue
    if (DEFINITION.test(scanned.text)) return [{line: 1, offset: 0, text}]
    if (scanned.offset > 0 && ATX_HEADING.test(scanned.text)) starts.push(scanned)
  }
  return starts.map((start, index) => ({
    ...start,
    text: text.slice(start.offset, starts[index + 1]?.offset ?? text.length),
  }))
}

/**
 * Parse `text` section by section (see `splitSections`) and join the trees, with
 * every position (line, column, offset) shifted to where it is in the whole
 * document: the result is the tree a whole-document parse gives, while the
 * parse time stays linear in the number of sections (remark-parse is
 * quadratic in the size of what it parses when that holds many lists).
 *
 * @param text the document.
 * @param parse the markdown parser, applied to each section's text (a section may be parsed again, merged with the next).
 * @param sections the sections of `text` (default: `splitSections(text)`).
 * @returns the document's mdast.
 */
export function parseBySection(
  text: string,
  parse: (text: string, section: Section) => Root,
  sections = splitSections(text),
): Root {
  // micromark drops a leading byte order mark and counts offsets without it.
  const bom = text.startsWith('\uFEFF') ? 1 : 0
  const trees: Root[] = []
  for (let index = 0; index < sections.length;) {
    let section = sections[index]!
    let next = index + 1
    let tree = parseAt(parse, section)
    // The scan misjudged a fence or an HTML block (one opened in a list item, say) and
    // the section ends inside it: it swallows the next heading in a whole-document parse.
    // Merge with the following sections until the text at least doubles, so a run of
    // misjudged sections costs linear time, not quadratic.
    while (next < sections.length && endsOpen(tree, section.text)) {
      const target = section.text.length * 2
      let merged = section.text
      while (next < sections.length && merged.length < target) merged += sections[next++]!.text
      section = {...section, text: merged}
      tree = parseAt(parse, section)
    }
    trees.push(shift(tree, section, bom))
    index = next
  }
  return joinTrees(trees)
}

/** `parse(section.text)`; a limit error it throws is moved to where the section is in the document. */
function parseAt(parse: (text: string, section: Section) => Root, section: Section): Root {
  try {
    return parse(section.text, section)
  } catch (error) {
    if (error instanceof ParseLimitError) throw error.movedDown(section.line - 1)
    throw error
  }
}

/**
 * True when the last block of `tree`, or the last block inside it (in a list item
 * or a block quote), is fenced code or HTML still open at the end of `text`: at
 * the top level it swallows the next heading in a whole-document parse, and
 * inside a container it would end where the heading closes the container, not
 * at the end of `text`.
 */
function endsOpen(tree: Root, text: string): boolean {
  let last: Node | undefined = tree.children.at(-1)
  while (last) {
    if (last.type === 'code' && isOpenFence(last as Code, text)) return true
    if (last.type === 'html' && isOpenHtml(last as Html, text)) return true
    last = (last as {children?: Node[]}).children?.at(-1)
  }
  return false
}

function isOpenFence(node: Code, text: string): boolean {
  const source = text.slice(node.position!.start.offset, node.position!.end.offset)
  const lines = source.split(/\r\n|\r|\n/)
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0]!)
  if (!open) return false // indented code ends at any line that is not indented
  if (lines.length < 2) return true
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines.at(-1)!)
  return !(close && close[1]![0] === open[1]![0] && close[1]!.length >= open[1]!.length)
}

function isOpenHtml(node: Html, text: string): boolean {
  const raw = RAW_HTML.find(([start]) => start.test(node.value))
  if (raw) return !raw[1].test(node.value.slice(raw[0].exec(node.value)![0].length))
  // Other HTML blocks end at a blank line: open unless one follows the block.
  return !/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n|$)/.test(text.slice(node.position!.end.offset))
}

/** Move every position in `tree` from section coordinates to document coordinates. */
function shift(tree: Root, section: Section, bom: number): Root {
  if (section.offset === 0) return tree
  const visit = (node: Node) => {
    if (node.position) node.position = shiftPosition(node.position, section.line, section.offset - bom)
    for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
  }
  visit(tree)
  return tree
}

function shiftPosition(position: Position, line: number, offset: number): Position {
  // Sections start at a line start, so columns stay as they are.
  const move = (point: Position['start']): Position['start'] => {
    const moved = {line: point.line + line - 1, column: point.column}
    return point.offset === undefined ? moved : {...moved, offset: point.offset + offset}
  }
  return {start: move(position.start), end: move(position.end)}
}

function joinTrees(trees: Root[]): Root {
  const [first] = trees
  if (trees.length === 1 && first) return first
  return {
    type: 'root',
    children: trees.flatMap((tree) => tree.children),
    position: {start: first!.position!.start, end: trees.at(-1)!.position!.end},
  }
}
