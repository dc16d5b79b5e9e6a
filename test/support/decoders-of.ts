import path from 'node:path'
import type {Schema} from '../../generator/schema/types.js'
import {sharedBuild, sharedSchemaOf} from './shared-builds.js'

/** The decoding part of a generated library (`decode.ts`). */
export type Decoders = typeof import('../../generated/src/decode.js')

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/**
 * Import the decoders of the library generated from one docs version of this repository, so a test can
 * decode a real frame against the docs of the server that sent it. Generated once per test run and shared
 * by every suite that asks for the same build (`shared-builds.ts`); the pipeline is `generate`'s, without
 * prettier (the slow step, which changes no behaviour).
 *
 * @param specDirectory a folder of this repository holding EVENTS.md and TYPES.md.
 * @param overlayFile an overlay to apply, or `null`.
 * @param compat older doc versions (folders), newest first: a compatibility build over them and `specDirectory`;
 *   `'declared'` for those the folder's compat.json lists, as `generate` reads it by default.
 * @returns the module's exports and the schema they were generated from (overlay applied).
 */
export async function importDecodersOf(
  specDirectory: string,
  overlayFile: string | null,
  compat: readonly string[] | 'declared' = [],
): Promise<{decoders: Decoders; schema: Schema}> {
  const inRepository = (folder: string) => {
    const relative = path.relative(ROOT, path.resolve(folder))
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${folder} is not in the repository`)
    return relative.split(path.sep).join('/')
  }
  const source = {
    spec: inRepository(specDirectory),
    overlay: overlayFile === null ? (false as const) : inRepository(overlayFile),
    compat: compat === 'declared' ? compat : compat.map(inRepository),
  }
  const folder = await sharedBuild(source)
  const decoders = (await import(path.join(folder, 'tree', 'src', 'decode.ts'))) as Decoders
  return {decoders, schema: sharedSchemaOf(folder)}
}
