import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {SpecDocuments} from './parse/index.js'

/** File names of the two upstream documents inside a spec folder. */
export const SPEC_FILES = {events: 'EVENTS.md', types: 'TYPES.md'} as const

/**
 * Read EVENTS.md and TYPES.md from a folder.
 *
 * @param directory the spec folder.
 * @returns both documents as vfiles whose path is the real file path.
 */
export async function loadSpecDirectory(directory: string): Promise<SpecDocuments> {
  const [events, types] = await Promise.all(
    [SPEC_FILES.events, SPEC_FILES.types].map(async (name) => {
      const filePath = path.join(directory, name)
      return new VFile({path: filePath, value: await readFile(filePath, 'utf8')})
    }),
  )
  return {events: events!, types: types!}
}
