import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {SpecDocuments} from './parse/index.js'

/** File names of the upstream documents inside a spec folder (COMMANDS.md is optional). */
export const SPEC_FILES = {events: 'EVENTS.md', types: 'TYPES.md', commands: 'COMMANDS.md'} as const

/**
 * Read EVENTS.md, TYPES.md and, when there is one, COMMANDS.md from a folder.
 *
 * @param directory the spec folder.
 * @returns the documents as vfiles whose path is the real file path.
 */
export async function loadSpecDirectory(directory: string): Promise<SpecDocuments> {
  const [events, types] = await Promise.all(
    [SPEC_FILES.events, SPEC_FILES.types].map(async (name) => {
      const filePath = path.join(directory, name)
      return new VFile({path: filePath, value: await readFile(filePath, 'utf8')})
    }),
  )
  const commandsPath = path.join(directory, SPEC_FILES.commands)
  const commands = await readFile(commandsPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  return {
    events: events!,
    types: types!,
    ...(commands === null ? {} : {commands: new VFile({path: commandsPath, value: commands})}),
  }
}
