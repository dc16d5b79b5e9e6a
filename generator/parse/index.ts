import {createHash} from 'node:crypto'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {SCHEMA_VERSION, type Schema, type SourceDocument} from '../schema/types.js'
import {parseCommandsDocument} from './commands-document.js'
import {parseEventsDocument} from './events-document.js'
import {checkParseLimits, DEFAULT_PARSE_LIMITS, type ParseLimits} from './limits.js'
import {parseBySection, splitSections} from './sections.js'
import {parseTypesDocument} from './types-document.js'

export {DEFAULT_PARSE_LIMITS, type ParseLimits} from './limits.js'

/** The upstream documents, as vfiles (their `basename` names them in messages). */
export interface SpecDocuments {
  events: VFile
  types: VFile
  /** COMMANDS.md, when there is one: without it the schema has no commands. */
  commands?: VFile
}

const processor = unified().use(remarkParse)
const parseMarkdown = (text: string): Root => processor.parse(text)

/**
 * Parse markdown into mdast, section by section (see `parseBySection`): the tree
 * is the one a whole-document parse gives, every node keeping its line, column
 * and offset, in time linear in the number of sections.
 *
 * @param file the document.
 * @returns its mdast.
 */
export function toMdast(file: VFile): Root {
  return parseBySection(String(file.value), parseMarkdown)
}

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
  return parseBySection(text, parseMarkdown, sections)
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
