import {VFile} from 'vfile'
import {hasErrors} from '../parse/diagnostics.js'
import {parseSpec, type SpecDocuments} from '../parse/index.js'
import {compileSyntaxTemplates} from '../parse/syntax-templates.js'
import {checkSchema} from './check.js'
import type {Schema} from './types.js'

export type * from './types.js'
export {SCHEMA_VERSION, PRIMITIVES} from './types.js'

/** A schema read and checked, or the documents with their error messages. */
export type SchemaResult = {ok: true; schema: Schema; files: VFile[]} | {ok: false; files: VFile[]}

/**
 * Parse the documents, check the result, and compile the syntax blocks into
 * command templates (`compileSyntaxTemplates`).
 *
 * @param documents EVENTS.md, TYPES.md and, optionally, COMMANDS.md as vfiles.
 * @returns the schema when neither document has an error; otherwise the files,
 *   whose messages say what is wrong where (print them with vfile-reporter).
 */
export function buildSchema(documents: SpecDocuments): SchemaResult {
  const files = [documents.events, documents.types, ...(documents.commands ? [documents.commands] : [])]
  const schema = parseSpec(documents)
  const byName = new Map(files.map((file) => [file.basename ?? String(file.path), file]))
  if (!hasErrors(files)) checkSchema(schema, byName)
  // Last, on a schema without errors: a dropped parameter or a duplicate command would only add follow-on errors.
  if (!hasErrors(files)) compileSyntaxTemplates(schema.types, schema.commands, byName)
  return hasErrors(files) ? {ok: false, files} : {ok: true, schema, files}
}

/** The schema as JSON text: stable (document order), two-space indented, newline-terminated. */
export function serializeSchema(schema: Schema): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}
