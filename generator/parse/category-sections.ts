import type {Heading, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {SourceLocation} from '../schema/types.js'
import {reportError, type RuleId} from '../diagnostics.js'
import {describeBlock, locationOf, sourceOf} from './blocks.js'

/** A `### Item` being read: it takes the blocks up to the next heading, then gives its definition. */
export interface SectionItem<T> {
  add(node: RootContent): void
  finish(): T
}

/** A `## Category` as the walk reads it: its description and the names of its items, in order. */
export interface CategorySection {
  name: string
  description: string[]
  items: string[]
  location: SourceLocation
}

/** How EVENTS.md or COMMANDS.md differ in the walk. */
export interface CategorySectionOptions<T> {
  /** The document, for messages: `EVENTS.md`. */
  document: string
  /** What an item is, for messages: `Event`. */
  item: string
  /** The rule of an item before any category heading. */
  orphanRule: RuleId
  /** Blocks a category's description may hold besides its paragraphs. */
  descriptionBlocks: readonly RootContent['type'][]
  /** Start reading the item under `heading`, in the category named `category`. */
  startItem(heading: Heading, category: string): SectionItem<T>
}

/**
 * Read the body of EVENTS.md or COMMANDS.md from `blocks[start]` on: `## Category` headings, each with
 * description blocks, and `### Item` sections under them, each read by its own `SectionItem`. `---`
 * separators carry nothing; any other block is reported on `file`.
 *
 * @returns the categories and the items, in document order.
 */
export function readCategorySections<T>(
  blocks: readonly RootContent[],
  start: number,
  file: VFile,
  options: CategorySectionOptions<T>,
): {categories: CategorySection[]; items: T[]} {
  const categories: CategorySection[] = []
  const items: T[] = []
  let category: CategorySection | null = null
  let item: SectionItem<T> | null = null
  const finishItem = () => {
    if (item) items.push(item.finish())
    item = null
  }

  for (const node of blocks.slice(start)) {
    if (node.type === 'heading' && node.depth === 2) {
      finishItem()
      category = {name: toString(node), description: [], items: [], location: locationOf(file, node)}
      categories.push(category)
    } else if (node.type === 'heading' && node.depth === 3) {
      finishItem()
      if (!category) {
        const reason = `${options.item} \`${toString(node)}\` is not under a category heading (\`## ...\`)`
        reportError(file, reason, node, options.orphanRule)
        continue
      }
      category.items.push(toString(node))
      item = options.startItem(node, category.name)
    } else if (item) {
      ;(item as SectionItem<T>).add(node)
    } else if (node.type === 'thematicBreak') {
      // Separators between sections carry nothing.
    } else if (category && (node.type === 'paragraph' || options.descriptionBlocks.includes(node.type))) {
      category.description.push(sourceOf(file, node))
    } else {
      reportError(file, `Unexpected ${describeBlock(node)} in ${options.document}`, node, 'unexpected-block')
    }
  }
  finishItem()
  return {categories, items}
}
