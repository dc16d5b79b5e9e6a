import {createHash} from 'node:crypto'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {reportError} from '../diagnostics.js'
import {SCHEMA_VERSION, type Schema, type SourceDocument} from '../schema/types.js'
import {parseCommandsDocument} from './commands-document.js'
import {parseEventsDocument} from './events-document.js'
import {boundedConstructs, ParseLimitError, withConstructLimits} from './bounded-constructs.js'
import {checkParseLimits, checkTreeLimits, DEFAULT_PARSE_LIMITS, ListItemCount, type ParseLimits} from './limits.js'
import {parseBySection, splitSections} from './sections.js'
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

/** Sections parsed before, by their limits and text: a bounded cache, oldest entry dropped first. */
const parsedSections = new Map<string, ParsedSection>()
const MAX_CACHED_SECTIONS = 5000

/**
 * Parse one section of markdown within `limits`. The same section text always gives the
 * same tree, and most sections are the same from one run to the next in a process (`check`
 * after `generate`, `diff` of two versions, a test editing one section): those are parsed
 * once. A copy is returned, so callers may move its positions.
 *
 * @throws ParseLimitError when the section crosses a limit (its place is in `text`).
 */
function parseMarkdown(text: string, limits: ParseLimits): ParsedSection {
  // Every limit is in the key (the tree is the same, but whether it may be returned depends on them).
  const key = `${Object.values(limits).join(',')}\n${text}`
  let parsed = parsedSections.get(key)
  if (parsed === undefined) {
    const tree = withConstructLimits(limits, () => processor.parse(text))
    // Before anything walks it recursively (copyTree, the document walkers).
    parsed = {tree, listItems: checkTreeLimits(tree, limits)}
    if (parsedSections.size >= MAX_CACHED_SECTIONS) parsedSections.delete(parsedSections.keys().next().value!)
    parsedSections.set(key, parsed)
  }
  return {tree: copyTree(parsed.tree), listItems: parsed.listItems}
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
