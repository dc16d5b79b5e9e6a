import {createHash} from 'node:crypto'
import type {Root, RootContent} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {reportError} from '../diagnostics.js'
import {SCHEMA_VERSION, type Schema, type SourceDocument} from '../schema/types.js'
import {parseCommandsDocument} from './commands-document.js'
import {parseEventsDocument} from './events-document.js'
import {
  boundedConstructs,
  ParseLimitError,
  type SectionCounts,
  withConstructCounts,
  withConstructLimits,
} from './bounded-constructs.js'
import {checkParseLimits, checkTreeLimits, DEFAULT_PARSE_LIMITS, ListItemCount, type ParseLimits} from './limits.js'
import {parseBySection, splitBlocks, splitSections, type Section} from './sections.js'
import {parseTypesDocument} from './types-document.js'
import type {SpecDocuments} from '../load/spec-documents.js'

export {DEFAULT_PARSE_LIMITS, type ParseLimits} from './limits.js'

/** remark-parse with CommonMark's super-linear constructs counted (see `bounded-constructs.ts`). */
const processor = unified()
  .use(remarkParse)
  .use(function boundedMarkdown() {
    const data = this.data()
    data.micromarkExtensions = [...(data.micromarkExtensions ?? []), boundedConstructs]
  })

/** A section's tree and where its list items start (in the section). */
interface ParsedSection {
  tree: Root
  listItems: {line: number; column: number}[]
}

/** A block's tree (`splitBlocks`) and what it counted of the constructs bounded per section. */
interface ParsedBlock extends SectionCounts {
  tree: Root
}

/**
 * Sections and blocks parsed before, by their limits and text: a bounded cache, oldest entry dropped first.
 * Both kinds of entry hold trees in their own text's coordinates; their keys differ in the first character.
 */
const parsed = new Map<string, ParsedSection | ParsedBlock>()
const MAX_CACHED = 5000

function remember<T extends ParsedSection | ParsedBlock>(key: string, entry: T): T {
  if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!)
  parsed.set(key, entry)
  return entry
}

/**
 * Parse one section of markdown within `limits`. The same text always gives the same tree, and most
 * sections are the same from one run to the next in a process (`check` after `generate`, `diff` of two
 * versions, a test editing one section), as are most blocks of the sections that differ (`splitBlocks`: a
 * doc version that adds a field to a type changes one list of its section): those are parsed once. A copy
 * is returned, so callers may move its positions.
 *
 * A section is parsed block by block, each block's counts of the constructs bounded per section (setext
 * headings, lazy lines) summed; when a block crosses any limit, or their sum does, the whole section is
 * parsed at once, so the error is the one (and at the place) a parse of the section gives.
 *
 * @throws ParseLimitError when the section crosses a limit (its place is in `text`).
 */
function parseMarkdown(text: string, limits: ParseLimits): ParsedSection {
  // Every limit is in the key (the tree is the same, but whether it may be returned depends on them).
  const limitsKey = Object.values(limits).join(',')
  const key = `s${limitsKey}\n${text}`
  let section = parsed.get(key) as ParsedSection | undefined
  if (section === undefined) {
    const tree = parseByBlock(text, limits, limitsKey) ?? withConstructLimits(limits, () => processor.parse(text))
    // Before anything walks it recursively (copyTree, the document walkers).
    section = remember(key, {tree, listItems: checkTreeLimits(tree, limits)})
  }
  return {tree: copyTree(section.tree), listItems: section.listItems}
}

/**
 * The section's tree joined from its blocks' (`splitBlocks`, then `parseBySection` over them), or `null` when
 * it is one block, starts with a byte order mark, or a limit is crossed (the caller then parses it whole).
 * The blocks not parsed before are parsed together, in one parse of their text joined (any of them but the
 * section's last ends with a blank line and each starts a block, so the join splits where they do): the
 * parses stay one per section, of fewer bytes.
 */
function parseByBlock(text: string, limits: ParseLimits, limitsKey: string): Root | null {
  const blocks = splitBlocks(text)
  if (blocks.length < 2 || text.startsWith('\uFEFF')) return null
  const keyOf = (blockText: string) => `b${limitsKey}\n${blockText}`
  const missed = blocks.filter((block) => !parsed.has(keyOf(block.text)))
  if (missed.length > 0 && !parseBlocks(missed, limits, keyOf)) return null
  // By the block's offset: a block parsed again merged with the next (an open fence) replaces its counts.
  const counted = new Map<number, SectionCounts>()
  try {
    const tree = parseBySection(
      text,
      (blockText, block) => {
        const key = keyOf(blockText)
        let entry = parsed.get(key) as ParsedBlock | undefined
        if (entry === undefined) {
          const {value, setextHeadings, lazyLines} = withConstructCounts(limits, () => processor.parse(blockText))
          checkTreeLimits(value, limits)
          entry = remember(key, {tree: value, setextHeadings, lazyLines})
        }
        counted.set(block.offset, entry)
        return copyTree(entry.tree)
      },
      blocks,
    )
    let setextHeadings = 0
    let lazyLines = 0
    for (const counts of counted.values()) {
      setextHeadings += counts.setextHeadings
      lazyLines += counts.lazyLines
    }
    return setextHeadings > limits.maxSetextHeadings || lazyLines > limits.maxLazyLines ? null : tree
  } catch (error) {
    if (error instanceof ParseLimitError) return null
    throw error
  }
}

/**
 * Parse `blocks` (in document order, none starting with a byte order mark) in one parse of their text joined,
 * and cache each block's tree in its own coordinates, as a parse of that block alone gives it, with its
 * counts. False (nothing cached) when a limit is crossed or a node of the joined tree spans two blocks.
 */
function parseBlocks(blocks: readonly Section[], limits: ParseLimits, keyOf: (text: string) => string): boolean {
  const joined = blocks.map((block) => block.text).join('')
  let result: ReturnType<typeof withConstructCounts<Root>>
  try {
    result = withConstructCounts(limits, () => processor.parse(joined))
    checkTreeLimits(result.value, limits)
  } catch (error) {
    if (error instanceof ParseLimitError) return false
    throw error
  }
  // Where each block starts in `joined`: its offset and line.
  const starts: {offset: number; line: number}[] = []
  let offset = 0
  let line = 1
  for (const block of blocks) {
    starts.push({offset, line})
    offset += block.text.length
    line += lineEndings(block.text)
  }
  const children = result.value.children
  const trees: Root[] = []
  let child = 0
  for (const [index, block] of blocks.entries()) {
    const start = starts[index]!
    const end = start.offset + block.text.length
    const own: RootContent[] = []
    while (child < children.length && children[child]!.position!.start.offset! < end) {
      const node = children[child++]!
      if (node.position!.end.offset! > end) return false
      own.push(node)
    }
    const tree: Root = {
      type: 'root',
      children: own,
      position: {start: {line: 1, column: 1, offset: 0}, end: endPoint(block.text)},
    }
    if (start.offset > 0) moveBack(tree, start.line - 1, start.offset)
    trees.push(tree)
  }
  const setext = [...result.setextPlaces]
  const lazy = [...result.lazyLinePlaces]
  for (const [index, block] of blocks.entries()) {
    const {offset: from, line: fromLine} = starts[index]!
    const to = from + block.text.length
    const toLine = starts[index + 1]?.line ?? Number.POSITIVE_INFINITY
    remember(keyOf(block.text), {
      tree: trees[index]!,
      setextHeadings: setext.filter((at) => at > from && at <= to).length,
      lazyLines: lazy.filter((at) => at >= fromLine && at < toLine).length,
    })
  }
  return true
}

/** How many line endings `text` holds, counted as micromark counts them (`\r\n`, `\r`, `\n`). */
function lineEndings(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13) {
      count++
      if (text.charCodeAt(index + 1) === 10) index++
    }
  }
  return count
}

/** The point micromark gives the end of `text` (its root's end): after its last character. */
function endPoint(text: string): {line: number; column: number; offset: number} {
  const last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'))
  return {line: 1 + lineEndings(text), column: text.length - last, offset: text.length}
}

/** Move every position under `tree` (its own included) `lines` lines and `offset` characters back. */
function moveBack(tree: Root, lines: number, offset: number): void {
  const move = (point: {line: number; column: number; offset?: number}) => {
    point.line -= lines
    if (point.offset !== undefined) point.offset -= offset
  }
  const visit = (node: {position?: {start: object; end: object}; children?: unknown[]}) => {
    if (node.position) {
      move(node.position.start as {line: number; column: number; offset?: number})
      move(node.position.end as {line: number; column: number; offset?: number})
    }
    for (const child of node.children ?? []) visit(child as typeof node)
  }
  for (const child of tree.children) visit(child)
}

/**
 * A deep copy of a parsed tree: plain objects and arrays only, no object reached twice (what
 * mdast-util-from-markdown makes), so a recursive copy is the tree `structuredClone` gives, in a third of the
 * time. Its depth is bounded as every walker's is (`checkTreeLimits` ran on it).
 */
function copyTree<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(copyTree) as T
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) copy[key] = copyTree((value as Record<string, unknown>)[key])
  return copy as T
}

/**
 * Parse markdown into mdast, section by section (see `parseBySection`): the tree
 * is the one a whole-document parse gives, every node keeping its line, column
 * and offset, in time linear in the number of sections.
 *
 * @param file the document.
 * @returns its mdast.
 */
export function toMdast(file: VFile): Root {
  return parseBySection(String(file.value), (text) => parseMarkdown(text, UNBOUNDED).tree)
}

/** No bound on what `toMdast` parses (it is for trusted text: tests, benchmarks). */
const UNBOUNDED: Readonly<ParseLimits> = Object.fromEntries(
  Object.keys(DEFAULT_PARSE_LIMITS).map((name) => [name, Number.POSITIVE_INFINITY]),
) as unknown as ParseLimits

/**
 * Parse markdown into mdast after checking `limits` (size, section size, nesting).
 *
 * @param file the document; a limit it breaks is reported on it as a located error.
 * @param limits the bounds.
 * @returns its mdast, or `null` when it breaks a limit (and was not parsed).
 */
export function toBoundedMdast(file: VFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Root | null {
  const text = String(file.value)
  const sections = splitSections(text)
  if (!checkParseLimits(file, sections, limits)) return null
  const listItems = new ListItemCount(limits)
  try {
    return parseBySection(
      text,
      (sectionText, section) => {
        const parsed = parseMarkdown(sectionText, limits)
        listItems.add(section.offset, parsed.listItems)
        return parsed.tree
      },
      sections,
    )
  } catch (error) {
    if (!(error instanceof ParseLimitError)) throw error
    reportError(file, error.message, error.place, error.ruleId)
    return null
  }
}

/**
 * Read the documents into an unchecked schema. Errors are recorded on the vfiles;
 * the caller decides (see `hasErrors`) whether the result can be used.
 *
 * @param documents EVENTS.md, TYPES.md and, optionally, COMMANDS.md.
 * @param limits bounds checked before each document is parsed (a broken one is a located error).
 * @returns the schema as read; parts that had errors are left out of it.
 */
export function parseSpec(documents: SpecDocuments, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Schema {
  const eventsTree = toBoundedMdast(documents.events, limits)
  const typesTree = toBoundedMdast(documents.types, limits)
  const commandsTree = documents.commands ? toBoundedMdast(documents.commands, limits) : undefined
  // A document over a limit is not parsed; its error is on its vfile, so the schema is never used.
  const {categories, events} = eventsTree
    ? parseEventsDocument(eventsTree, documents.events)
    : {categories: [], events: []}
  const types = typesTree ? parseTypesDocument(typesTree, documents.types) : []
  const commands =
    documents.commands && commandsTree
      ? parseCommandsDocument(commandsTree, documents.commands)
      : {categories: [], commands: []}
  return {
    schemaVersion: SCHEMA_VERSION,
    sources: {
      events: describeSource(documents.events),
      types: describeSource(documents.types),
      ...(documents.commands ? {commands: describeSource(documents.commands)} : {}),
    },
    categories,
    events,
    types,
    commandCategories: commands.categories,
    commands: commands.commands,
  }
}

function describeSource(file: VFile): SourceDocument {
  return {
    file: file.basename ?? String(file.path),
    sha256: createHash('sha256').update(file.value).digest('hex'),
  }
}
