/**
 * Builds of the generator shared by every suite of one test run: each library (a spec folder, its overlay, its
 * doc versions) is generated once per run, by whichever process needs it first, into the run folder that
 * `generation-setup.ts` creates and removes. Always made by the generator as it is in this checkout, so a
 * test never runs on a stale `generated/` (`npm run check` guards that the committed tree is up to date).
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createHash} from 'node:crypto'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {generateInMemory, readSchema} from '../../generator/pipeline.js'
import type {Schema} from '../../generator/schema/types.js'
import {withManifest} from '../../generator/write/manifest.js'

import {PINNED_BUILD, runFolder} from './run-folder.js'

export {runFolder}

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/** What a build is generated from: `generateInMemory`'s options, with folders relative to the repository. */
export interface BuildSource {
  spec: string
  /** An overlay file, or `false` for none. */
  overlay: string | false
  /** Older doc versions, newest first; `'declared'` for those the folder's compat.json lists. */
  compat: readonly string[] | 'declared'
}

/** The pinned spec as `generate` reads it by default: compat.json's versions and the overlay. */
export const PINNED_SOURCE: BuildSource = {spec: 'spec', overlay: 'spec/overlay.json', compat: 'declared'}

/** The folder of a build in the run folder, named by what it is generated from. */
export function buildFolder(source: BuildSource, name = buildName(source)): string {
  return path.join(runFolder(), 'builds', name)
}

function buildName(source: BuildSource): string {
  if (sameSource(source, PINNED_SOURCE)) return PINNED_BUILD
  return createHash('sha256').update(JSON.stringify(source)).digest('hex').slice(0, 16)
}

const sameSource = (a: BuildSource, b: BuildSource) => JSON.stringify(a) === JSON.stringify(b)

const options = (source: BuildSource) => ({
  spec: path.join(ROOT, source.spec),
  overlay: source.overlay === false ? (false as const) : path.join(ROOT, source.overlay),
  ...(source.compat === 'declared' ? {} : {compat: source.compat.map((folder) => path.join(ROOT, folder))}),
})

/**
 * The folder of the build of `source`: `tree/`, the generated tree (`src/`, `schema.json`, `README.md`, ...),
 * and `ir.json`, the schema it was generated from; generated now if no process of this run has made it yet.
 * Unformatted: prettier is the slow step and changes no behaviour (`check` compares the formatted tree).
 */
export async function sharedBuild(source: BuildSource): Promise<string> {
  const folder = buildFolder(source)
  await once(folder, async (into) => {
    const {files, schema} = await generateInMemory({...options(source), format: false})
    // With its manifest, as `generate` writes it: tests tell the generator's files by it (owned-files.ts).
    for (const [name, text] of withManifest(files)) {
      mkdirSync(path.dirname(path.join(into, 'tree', name)), {recursive: true})
      writeFileSync(path.join(into, 'tree', name), text)
    }
    writeFileSync(path.join(into, 'ir.json'), JSON.stringify(schema))
  })
  return folder
}

/** The generated tree of this run's pinned build: what `generated/` holds once formatted. */
export const pinnedTree = async (): Promise<string> => path.join(await sharedBuild(PINNED_SOURCE), 'tree')

/** The schema a build was generated from (`ir.json` of a `sharedBuild` folder). */
export const sharedSchemaOf = (folder: string): Schema =>
  JSON.parse(readFileSync(path.join(folder, 'ir.json'), 'utf8')) as Schema

/** The schema of `source` as `readSchema` returns it, read now: for a process outside a test run (`npm run bench`). */
export async function readSourceSchema(source: BuildSource): Promise<Schema> {
  return (await readSchema(options(source))).schema
}

/** The schema of `source` as `readSchema` returns it (overlay applied), parsed once per run. */
export async function sharedSchema(source: BuildSource): Promise<Schema> {
  const folder = path.join(runFolder(), 'schemas', buildName(source))
  await once(folder, async (into) => {
    const {schema} = await readSchema(options(source))
    writeFileSync(path.join(into, 'ir.json'), JSON.stringify(schema))
  })
  return sharedSchemaOf(folder)
}

/**
 * The schema of one doc version's documents alone, as `buildSchema(loadSpecDirectory(folder))` builds it (no
 * overlay, no other version): parsed once per run. `folder` is relative to the repository.
 */
export const sharedDocsSchema = (folder: string): Promise<Schema> =>
  sharedSchema({spec: folder, overlay: false, compat: []})

/**
 * Make `folder` once across the processes of the run: the first takes a lock (an exclusive mkdir), fills a
 * temporary folder and renames it into place; the others wait for the folder to appear. A lock whose maker
 * failed is removed, so a waiter tries itself and reports the error in its own suite.
 */
export async function once(folder: string, make: (into: string) => Promise<void>): Promise<void> {
  const lock = `${folder}.lock`
  mkdirSync(path.dirname(folder), {recursive: true})
  while (!existsSync(folder)) {
    try {
      mkdirSync(lock)
    } catch {
      await sleep(50)
      continue
    }
    const into = `${folder}.${process.pid}.partial`
    try {
      rmSync(into, {recursive: true, force: true})
      mkdirSync(into)
      await make(into)
      renameSync(into, folder)
    } finally {
      rmSync(into, {recursive: true, force: true})
      rmSync(lock, {recursive: true, force: true})
    }
  }
  if (!statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder`)
}
