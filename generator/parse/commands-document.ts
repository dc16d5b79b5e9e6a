import type {Heading, List, ListItem, Paragraph, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {
  CommandCategory,
  CommandDefinition,
  CommandError,
  ResponseDefinition,
  SyntaxBlock,
} from '../schema/types.js'
import {describeBlock, locationOf, markerOf, onlyParagraph, readFieldList, soleLinkOf, sourceOf} from './blocks.js'
import {reportError} from '../diagnostics.js'
import {readCategorySections} from './category-sections.js'
import {checkAnchor, readTitle} from './events-document.js'
import {readSyntaxBlock} from './syntax-blocks.js'
import {matchTableOfContents, readTableOfContents, type TocEntry} from './table-of-contents.js'

/** What COMMANDS.md holds. */
export interface CommandsDocument {
  categories: CommandCategory[]
  commands: CommandDefinition[]
}

/** The title of COMMANDS.md. */
export const COMMANDS_TITLE = 'API Commands and Responses'

/**
 * Read COMMANDS.md: the table of contents (categories and their commands), then
 * each `## Category` with its description and each `### Command` with its
 * description, network usage, parameters, syntax blocks, responses and errors.
 * Every block is consumed or reported on `file`.
 *
 * @param tree the document's mdast.
 * @param file the document; errors go on it.
 */
export function parseCommandsDocument(tree: Root, file: VFile): CommandsDocument {
  const blocks = tree.children
  const start = readTitle(blocks, file, COMMANDS_TITLE)
  const {toc, index} = readTableOfContents(blocks, start, file, {
    items: 'commands',
    readList: (list) => readTocList(list, file),
    checkCategoryLink: (link, node) => checkAnchor(link, node, file),
  })

  const read = readCategorySections(blocks, index, file, {
    document: 'COMMANDS.md',
    item: 'Command',
    orphanRule: 'command-category',
    descriptionBlocks: [],
    startItem: (heading, category) => new CommandBuilder(heading, category, file),
  })
  const categories: CommandCategory[] = read.categories.map(({name, description, items, location}) => ({
    name,
    description,
    commands: items,
    location,
  }))
  const commands: CommandDefinition[] = read.items

  matchTableOfContents(
    toc,
    categories.map((category) => ({...category, items: category.commands})),
    commands,
    'Command',
    file,
  )
  return {categories, commands}
}

function readTocList(list: List, file: VFile): TocEntry[] {
  const entries: TocEntry[] = []
  for (const item of list.children) {
    const link = soleLinkOf(item)
    if (!link) {
      reportError(file, 'Expected a command link in the table of contents', item, 'toc')
      continue
    }
    checkAnchor(link, item, file)
    entries.push({name: link.text, node: item})
  }
  return entries
}

/** The sections of a command, in the order the docs write them. */
const SECTIONS = ['description', 'network', 'parameters', 'syntax', 'responses', 'errors'] as const
type Section = (typeof SECTIONS)[number]

/** Section markers (`**Parameters**:`) and the section each opens; a `Map`, so `**constructor**:` opens none. */
const MARKERS: ReadonlyMap<string, Section> = new Map([
  ['Parameters', 'parameters'],
  ['Syntax', 'syntax'],
  ['Response', 'responses'],
  ['Responses', 'responses'],
  ['Errors', 'errors'],
])

/** `Name: description` (a response's name paragraph, an error item); the description may be empty. */
const NAMED_DESCRIPTION = /^(\w+):(?:[ \t]+([\s\S]*))?$/

/** Collects one `### Command` section. */
class CommandBuilder {
  private section: Section = 'description'
  /** A marker was read and its list (parameters, errors) has not come yet. */
  private awaitingList: 'parameters' | 'errors' | null = null
  private readonly command: CommandDefinition
  private readonly owner: string
  /** A response's name paragraph, waiting for its list. */
  private pendingResponse: {name: string; description: string; node: Paragraph} | null = null

  constructor(
    private readonly heading: Heading,
    category: string,
    private readonly file: VFile,
  ) {
    this.command = {
      name: toString(heading),
      category,
      description: [],
      networkUsage: null,
      parameters: [],
      syntax: [],
      responses: [],
      errors: [],
      location: locationOf(file, heading),
    }
    this.owner = `command \`${this.command.name}\``
  }

  add(node: RootContent): void {
    const marker = markerOf(node)
    const opens = marker === null ? undefined : MARKERS.get(marker)
    if (this.awaitingList && node.type === 'list') {
      this.readList(this.awaitingList, node)
      this.awaitingList = null
    } else if (this.awaitingList) {
      this.unexpected(node)
    } else if (opens && this.isAfter(opens)) {
      this.closeResponse()
      this.section = opens
      if (opens === 'parameters' || opens === 'errors') this.awaitingList = opens
    } else if (marker !== null && !opens) {
      reportError(
        this.file,
        `Unknown section \`**${marker}**:\` in ${this.owner} (expected Parameters, Syntax, Response, Responses or Errors)`,
        node,
        'unknown-section',
      )
    } else if (node.type === 'paragraph' && isNetworkUsage(node) && this.isAfter('network')) {
      this.readNetworkUsage(node)
      this.section = 'network'
    } else if (node.type === 'paragraph' && this.section === 'description' && marker === null) {
      this.command.description.push(sourceOf(this.file, node))
    } else if (node.type === 'code' && this.section === 'syntax') {
      const block = readSyntaxBlock(node, this.file, this.owner, this.command.syntax)
      if (block) this.command.syntax.push(block)
    } else if (this.section === 'responses' && this.addResponse(node)) {
      // Consumed as a response name or a response's list.
    } else if (node.type === 'thematicBreak') {
      // The separator after a command; a command cut short is reported once, by `finish`.
    } else {
      this.unexpected(node)
    }
  }

  finish(): CommandDefinition {
    this.closeResponse()
    const {name} = this.command
    if (this.awaitingList) {
      const marker = this.awaitingList === 'parameters' ? 'Parameters' : 'Errors'
      reportError(
        this.file,
        `Command \`${name}\` has \`**${marker}**:\` but no list after it`,
        this.heading,
        'command-section',
      )
    }
    if (this.command.syntax.length === 0) {
      reportError(this.file, `Command \`${name}\` has no \`**Syntax**:\` block`, this.heading, 'command-syntax')
    } else if (!this.command.syntax.some((block: SyntaxBlock) => block.lang === null)) {
      reportError(
        this.file,
        `Command \`${name}\` has no plain grammar block in its syntax`,
        this.heading,
        'command-syntax',
      )
    }
    if (this.command.responses.length === 0) {
      reportError(this.file, `Command \`${name}\` has no \`**Responses**:\``, this.heading, 'command-responses')
    }
    return this.command
  }

  /** Whether `section` may start now: sections come in the order of `SECTIONS`, each at most once. */
  private isAfter(section: Section): boolean {
    return SECTIONS.indexOf(section) > SECTIONS.indexOf(this.section)
  }

  private readList(section: 'parameters' | 'errors', list: List): void {
    if (section === 'parameters') {
      this.command.parameters = readFieldList(list, this.file, false, this.owner).fields
      return
    }
    for (const item of list.children) {
      const error = this.readError(item)
      if (error) this.command.errors.push(error)
    }
  }

  private readError(item: ListItem): CommandError | null {
    const paragraph = onlyParagraph(item)
    const match = paragraph && NAMED_DESCRIPTION.exec(sourceOf(this.file, paragraph))
    if (!match?.[2]) {
      reportError(this.file, `Expected an error as \`Name: description\` in ${this.owner}`, item, 'command-error')
      return null
    }
    return {name: match[1]!, description: match[2], location: locationOf(this.file, item)}
  }

  private readNetworkUsage(node: Paragraph): void {
    const [, rest] = node.children
    const match = node.children.length === 2 && rest?.type === 'text' ? /^: (\S.*)\.$/.exec(rest.value) : null
    if (!match) {
      reportError(this.file, `Expected \`*Network usage*: VALUE.\` in ${this.owner}`, node, 'network-usage')
      return
    }
    this.command.networkUsage = match[1]!
  }

  /** @returns whether `node` was a response's name paragraph or its list. */
  private addResponse(node: RootContent): boolean {
    if (node.type === 'paragraph') {
      const match = node.children[0]?.type === 'text' ? NAMED_DESCRIPTION.exec(sourceOf(this.file, node)) : null
      if (!match) return false
      this.closeResponse()
      this.pendingResponse = {name: match[1]!, description: match[2] ?? '', node}
      return true
    }
    if (node.type !== 'list') return false
    if (!this.pendingResponse) {
      reportError(
        this.file,
        `Response list without a response name (\`Name: description\`) in ${this.owner}`,
        node,
        'response',
      )
      return true
    }
    const {name, description} = this.pendingResponse
    const {tag, fields} = readFieldList(node, this.file, true, `response \`${name}\` of ${this.owner}`)
    if (tag !== null) {
      const location = locationOf(this.file, this.pendingResponse.node)
      this.command.responses.push({name, description, tag, fields, location} satisfies ResponseDefinition)
    }
    this.pendingResponse = null
    return true
  }

  private closeResponse(): void {
    if (!this.pendingResponse) return
    reportError(
      this.file,
      `Response \`${this.pendingResponse.name}\` of ${this.owner} has no field list (expected \`- type: "..."\`)`,
      this.pendingResponse.node,
      'response',
    )
    this.pendingResponse = null
  }

  private unexpected(node: RootContent): void {
    reportError(this.file, `Unexpected ${describeBlock(node)} in ${this.owner}`, node, 'unexpected-block')
  }
}

/** `*Network usage*: ...`: a paragraph opening with that emphasis. */
function isNetworkUsage(node: Paragraph): boolean {
  const [first] = node.children
  return first?.type === 'emphasis' && toString(first) === 'Network usage'
}
