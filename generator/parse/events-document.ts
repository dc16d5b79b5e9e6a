import type {Heading, List, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {slug} from 'github-slugger'
import type {VFile} from 'vfile'
import type {EventCategory, EventDefinition, EventRank} from '../schema/types.js'
import {describeBlock, locationOf, markerOf, readFieldList, soleLinkOf, sourceOf} from './blocks.js'
import {reportError} from '../diagnostics.js'
import {readCategorySections} from './category-sections.js'
import {matchTableOfContents, readTableOfContents, tocKey, type TocEntry} from './table-of-contents.js'

/** What EVENTS.md holds. */
export interface EventsDocument {
  categories: EventCategory[]
  events: EventDefinition[]
}

/** An event linked in the table of contents, with the group it is listed in. */
interface RankedEntry extends TocEntry {
  rank: EventRank
}

/** Group labels of the table of contents; a `Map`, so a label such as `constructor` finds nothing inherited. */
const RANKS: ReadonlyMap<string, EventRank> = new Map([
  ['Main event', 'main'],
  ['Main events', 'main'],
  ['Other events', 'other'],
])

/**
 * Read EVENTS.md: the table of contents (categories, main and other events), then
 * each `## Category` with its description and each `### Event` with its record.
 * Every block is consumed or reported on `file`.
 *
 * @param tree the document's mdast.
 * @param file the document; errors go on it.
 */
export function parseEventsDocument(tree: Root, file: VFile): EventsDocument {
  const blocks = tree.children
  const start = readTitle(blocks, file, 'API Events')
  const {toc, index} = readTableOfContents(blocks, start, file, {
    items: 'events',
    readList: (list) => readTocList(list, file),
  })

  const read = readCategorySections(blocks, index, file, {
    document: 'EVENTS.md',
    item: 'Event',
    orphanRule: 'event-category',
    descriptionBlocks: ['list', 'code'],
    startItem: (heading, category) => new EventBuilder(heading, category, file),
  })
  const categories: EventCategory[] = read.categories.map(({name, description, items, location}) => ({
    name,
    description,
    events: items,
    location,
  }))
  const listed = matchTableOfContents(
    toc,
    categories.map((category) => ({...category, items: category.events})),
    read.items,
    'Event',
    file,
  )
  // An event's rank is the group the table of contents lists it in (`Main events`, `Other events`).
  const events: EventDefinition[] = read.items.map((event) => {
    const entry = listed.get(tocKey(event.category, event.name))
    return entry ? {...event, rank: entry.rank} : event
  })
  return {categories, events}
}

/**
 * Consume the `# Title` heading and the intro paragraphs after it.
 *
 * @returns the index of the first block after the intro.
 */
export function readTitle(blocks: RootContent[], file: VFile, title: string): number {
  const first = blocks[0]
  if (first?.type !== 'heading' || first.depth !== 1 || toString(first) !== title) {
    reportError(file, `Expected the title \`# ${title}\` first`, first, 'title')
    return 0
  }
  let index = 1
  while (blocks[index]?.type === 'paragraph' && !soleLinkOf(blocks[index] as never)) index++
  return index
}

function readTocList(list: List, file: VFile): RankedEntry[] {
  const entries: RankedEntry[] = []
  for (const item of list.children) {
    const link = soleLinkOf(item)
    if (link) {
      entries.push({name: link.text, rank: 'unranked', node: item})
      checkAnchor(link, item, file)
      continue
    }
    const [label, nested, ...rest] = item.children
    const rank = label?.type === 'paragraph' ? RANKS.get(toString(label)) : undefined
    if (!rank || nested?.type !== 'list' || rest.length > 0) {
      reportError(
        file,
        'Expected an event link or a `Main events` / `Other events` group in the table of contents',
        item,
        'toc',
      )
      continue
    }
    for (const eventItem of nested.children) {
      const eventLink = soleLinkOf(eventItem)
      if (!eventLink) {
        reportError(file, 'Expected an event link in the table of contents', eventItem, 'toc')
        continue
      }
      checkAnchor(eventLink, eventItem, file)
      entries.push({name: eventLink.text, rank, node: eventItem})
    }
  }
  return entries
}

/** A table-of-contents link must point at its heading's anchor. */
export function checkAnchor(
  link: {text: string; url: string},
  node: RootContent | List['children'][number],
  file: VFile,
): void {
  const expected = `#${slug(link.text)}`
  if (link.url !== expected) {
    reportError(file, `Link \`${link.text}\` points at \`${link.url}\`, expected \`${expected}\``, node, 'anchor')
  }
}

/** Collects one `### Event` section: description, then `**Record type**:` and its list. */
class EventBuilder {
  private state: 'description' | 'fields' | 'done' = 'description'
  private readonly event: EventDefinition

  constructor(
    private readonly heading: Heading,
    category: string,
    private readonly file: VFile,
  ) {
    this.event = {
      name: toString(heading),
      tag: '',
      category,
      rank: 'unranked',
      description: [],
      fields: [],
      location: locationOf(file, heading),
    }
  }

  add(node: RootContent): void {
    const marker = markerOf(node)
    if (this.state === 'description' && marker === 'Record type') {
      this.state = 'fields'
    } else if (this.state === 'description' && node.type === 'paragraph' && marker === null) {
      this.event.description.push(sourceOf(this.file, node))
    } else if (this.state === 'fields' && node.type === 'list') {
      const {tag, fields} = readFieldList(node, this.file, true, `event \`${this.event.name}\``)
      this.event.tag = tag ?? ''
      this.event.fields = fields
      this.state = 'done'
    } else if (node.type === 'thematicBreak') {
      // The separator after an event; an event cut short is reported once, by `finish`.
    } else {
      const where = this.state === 'done' ? 'after the fields of' : 'in'
      reportError(
        this.file,
        `Unexpected ${describeBlock(node)} ${where} event \`${this.event.name}\``,
        node,
        'unexpected-block',
      )
    }
  }

  finish(): EventDefinition {
    if (this.state !== 'done') {
      reportError(
        this.file,
        `Event \`${this.event.name}\` has no \`**Record type**:\` field list`,
        this.heading,
        'event-record',
      )
    }
    return this.event
  }
}
