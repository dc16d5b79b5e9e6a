import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {Project, type StatementStructures} from 'ts-morph'
import {emitDecode} from '../../generator/emit/decode.js'
import {emitEvents} from '../../generator/emit/events.js'
import {indexCorrections} from '../../generator/emit/fields.js'
import {TEMPLATE_FILES} from '../../generator/emit/index.js'
import {emitTypes} from '../../generator/emit/types.js'
import {loadSpecDirectory} from '../../generator/load.js'
import {applyOverlay, loadOverlay} from '../../generator/overlay.js'
import {PROJECT_ROOT} from '../../generator/paths.js'
import {buildSchema} from '../../generator/schema/index.js'

/** The decoding part of a generated library (`decode.ts`). */
export type Decoders = typeof import('../../generated/src/decode.js')

/**
 * Generate the decoders of another docs version into a temporary folder and import
 * them, so a test can decode a real frame against the docs of the server that sent
 * it. The modules are the ones `generate` emits, left unformatted (prettier is the
 * slow step and changes no behaviour); only what `decode.ts` imports is written.
 *
 * @param specDirectory a folder holding EVENTS.md and TYPES.md.
 * @param overlayFile an overlay to apply, or `null`.
 * @returns the module's exports and a function that removes the temporary folder.
 */
export async function importDecodersOf(
  specDirectory: string,
  overlayFile: string | null,
): Promise<{decoders: Decoders; cleanup: () => void}> {
  const result = buildSchema(await loadSpecDirectory(specDirectory))
  if (!result.ok)
    throw new Error(`${specDirectory} does not build: ${result.files.flatMap((f) => f.messages).join('; ')}`)
  const {overlay} = await loadOverlay(overlayFile, overlayFile !== null)
  const {schema, applied} = applyOverlay(result.schema, overlay)
  const corrections = indexCorrections(applied)
  const project = new Project({useInMemoryFileSystem: true})
  const modules: [string, StatementStructures[]][] = [
    ['types.ts', emitTypes(schema, corrections)],
    ['events.ts', emitEvents(schema, corrections)],
    ['decode.ts', emitDecode(schema)],
  ]
  const directory = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-decoders-'))
  for (const [name, statements] of modules)
    writeFileSync(path.join(directory, name), project.createSourceFile(`/${name}`, {statements}).getFullText())
  for (const name of TEMPLATE_FILES)
    writeFileSync(path.join(directory, name), await readFile(path.join(PROJECT_ROOT, 'templates', name), 'utf8'))
  const decoders = (await import(path.join(directory, 'decode.ts'))) as Decoders
  return {decoders, cleanup: () => rmSync(directory, {recursive: true, force: true})}
}
