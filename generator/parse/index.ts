import {createHash} from 'node:crypto'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {SCHEMA_VERSION, type Schema, type SourceDocument} from '../schema/types.js'
import {parseCommandsDocument} from './commands-document.js'
import {parseEventsDocument} from './events-document.js'
import {parseTypesDocument} from './types-document.js'

/** The upstream documents, as vfiles (their `basename` names them in messages). */
export interface SpecDocuments {
  events: VFile
  types: VFile
  /** COMMANDS.md, when there is one: without it the schema has no commands. */
  commands?: VFile
}

const processor = unified().use(remarkParse)

/** Parse markdown into mdast; every node keeps its line, column and offset. */
export function toMdast(file: VFile): Root {
  return processor.parse(file)
}

/**
 * Read the documents into an unchecked schema. Errors are recorded on the vfiles;
 * the caller decides (see `hasErrors`) whether the result can be used.
 *
 * @param documents EVENTS.md, TYPES.md and, optionally, COMMANDS.md.
 * @returns the schema as read; parts that had errors are left out of it.
 */
export function parseSpec(documents: SpecDocuments): Schema {
  const {categories, events} = parseEventsDocument(toMdast(documents.events), documents.events)
  const types = parseTypesDocument(toMdast(documents.types), documents.types)
  const commands = documents.commands
    ? parseCommandsDocument(toMdast(documents.commands), documents.commands)
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
