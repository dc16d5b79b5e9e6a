/**
 * The table of contents of EVENTS.md and COMMANDS.md: a paragraph linking each category, then the list of
 * its items (events, commands), matched against the `## Category` and `### Item` sections that follow.
 */
import type {List, ListItem, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import type {SourceLocation} from '../schema/types.js'
import {soleLinkOf} from './blocks.js'
import {reportError} from '../diagnostics.js'

/** A node of the table of contents that an error can point at. */
export type TocNode = RootContent | ListItem

/** One category of the table of contents and the entries listed under it. */
export interface TocCategory<Entry extends TocEntry> {
  name: string
  node: TocNode
  entries: Entry[]
}

/** One item linked in the table of contents. */
export interface TocEntry {
  name: string
  node: TocNode
}

/** What the table of contents lists, and how one category's list reads. */
export interface TocOptions<Entry extends TocEntry> {
  /** `events`, `commands`: for the message of a category without a list. */
  items: string
  /** Read the list under one category, reporting what is not an entry. */
  readList: (list: List) => Entry[]
  /** Check a category link's anchor (see `checkAnchor`), or leave it (EVENTS.md). */
  checkCategoryLink?: (link: {text: string; url: string}, node: TocNode) => void
}

/**
 * Read the table of contents: each paragraph holding one link names a category, and the list after it
 * holds its entries. A category without a list is an error (`toc`).
 *
 * @param blocks the document's top-level blocks.
 * @param start the index of the first block after the title and intro.
 * @param file the document; errors go on it.
 * @returns the categories, and the index of the first block after the table of contents.
 */
export function readTableOfContents<Entry extends TocEntry>(
  blocks: readonly RootContent[],
  start: number,
  file: VFile,
  options: TocOptions<Entry>,
): {toc: TocCategory<Entry>[]; index: number} {
  const toc: TocCategory<Entry>[] = []
  let index = start
  while (index < blocks.length) {
    const node = blocks[index]!
    const link = node.type === 'paragraph' ? soleLinkOf(node) : null
    if (!link) break
    options.checkCategoryLink?.(link, node)
    const list = blocks[index + 1]
    if (list?.type !== 'list') {
      reportError(file, `Expected the list of ${options.items} of category \`${link.text}\``, list ?? node, 'toc')
      index++
      continue
    }
    toc.push({name: link.text, node, entries: options.readList(list)})
    index += 2
  }
  return {toc, index}
}

/** A section the table of contents should list: a category (`## C`) or an item (`### I` under its category). */
interface Section {
  name: string
  location: SourceLocation
}

/**
 * Match the table of contents against the sections, both ways: every category and entry listed has its
 * section (an entry under its own category), and every section is listed. Each miss is an error (`toc`).
 *
 * @param toc the table of contents (`readTableOfContents`).
 * @param categories the `## Category` sections, each with the names of its items.
 * @param items the item sections, each with its category.
 * @param what `Event`, `Command`: how a message names an item.
 * @param file the document; errors go on it.
 * @returns each entry listed under its own category, by `category\nname`.
 */
export function matchTableOfContents<Entry extends TocEntry>(
  toc: readonly TocCategory<Entry>[],
  categories: readonly (Section & {items: readonly string[]})[],
  items: readonly (Section & {category: string})[],
  what: string,
  file: VFile,
): Map<string, Entry> {
  // A category given two sections is one in the table of contents (the check reports `duplicate-category`).
  const sections = new Map<string, {name: string; items: string[]}>()
  for (const {name, items} of categories) {
    const section = sections.get(name) ?? {name, items: []}
    section.items.push(...items)
    sections.set(name, section)
  }
  const listed = new Map<string, Entry>()
  for (const tocCategory of toc) {
    const section = sections.get(tocCategory.name)
    if (!section) {
      const reason = `Category \`${tocCategory.name}\` is in the table of contents but has no section`
      reportError(file, reason, tocCategory.node, 'toc')
      continue
    }
    for (const entry of tocCategory.entries) {
      if (!section.items.includes(entry.name)) {
        const reason = `${what} \`${entry.name}\` is listed under \`${section.name}\` but has no section there`
        reportError(file, reason, entry.node, 'toc')
        continue
      }
      listed.set(tocKey(section.name, entry.name), entry)
    }
  }
  const tocNames = new Set(toc.map((category) => category.name))
  for (const category of categories) {
    if (!tocNames.has(category.name))
      reportError(file, `Category \`${category.name}\` is missing from the table of contents`, category.location, 'toc')
  }
  for (const item of items) {
    if (!listed.has(tocKey(item.category, item.name)))
      reportError(file, `${what} \`${item.name}\` is missing from the table of contents`, item.location, 'toc')
  }
  return listed
}

/** How `matchTableOfContents` keys an entry: its category and name. */
export function tocKey(category: string, name: string): string {
  return `${category}\n${name}`
}
