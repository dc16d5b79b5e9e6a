import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {generateInMemory} from '../../generator/pipeline.js'
import type {Schema} from '../../generator/schema/types.js'

/** The decoding part of a generated library (`decode.ts`). */
export type Decoders = typeof import('../../generated/src/decode.js')

/**
 * Generate the library of another docs version into a temporary folder and import its
 * decoders, so a test can decode a real frame against the docs of the server that sent
 * it. The pipeline is `generate`'s, without prettier (the slow step, which changes no
 * behaviour).
 *
 * @param specDirectory a folder holding EVENTS.md and TYPES.md.
 * @param overlayFile an overlay to apply, or `null`.
 * @param compat older doc versions (folders), newest first: a compatibility build over them and `specDirectory`;
 *   `'declared'` for those the folder's compat.json lists, as `generate` reads it by default.
 * @returns the module's exports, the schema they were generated from (overlay applied) and a function that
 *   removes the temporary folder.
 */
export async function importDecodersOf(
  specDirectory: string,
  overlayFile: string | null,
  compat: readonly string[] | 'declared' = [],
): Promise<{decoders: Decoders; schema: Schema; cleanup: () => void}> {
  const {files, schema} = await generateInMemory({
    spec: specDirectory,
    overlay: overlayFile ?? false,
    ...(compat === 'declared' ? {} : {compat}),
    format: false,
  })
  const directory = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-decoders-'))
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    writeFileSync(path.join(directory, name), text)
  }
  const decoders = (await import(path.join(directory, 'src', 'decode.ts'))) as Decoders
  return {decoders, schema, cleanup: () => rmSync(directory, {recursive: true, force: true})}
}
