import {realpath} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {InputError} from '../input-error.js'
import type {SpecDocuments} from './spec-documents.js'
import {readBoundedFile} from './bounded-file.js'

/** File names of the upstream documents inside a spec folder (COMMANDS.md is optional). */
export const SPEC_FILES = {events: 'EVENTS.md', types: 'TYPES.md', commands: 'COMMANDS.md'} as const

/** The largest document read from a folder or downloaded, unless told otherwise (`--max-bytes`). */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024

/** Options of `loadSpecDirectory`. */
export interface LoadDirectoryOptions {
  /** Refuse a file larger than this many bytes (default 8 MiB). */
  maxBytes?: number
}

/**
 * Read EVENTS.md, TYPES.md and, when there is one, COMMANDS.md from a folder.
 * The folder is untrusted input, so each file must be a regular file no larger than `maxBytes`, inside the folder:
 * a symbolic link is followed only when it resolves to a file in the spec folder
 * (a folder of symlinks into a checkout is a normal setup; a link to
 * `~/.ssh/id_rsa` or `/dev/zero` is not). Each file is opened without blocking
 * and checked on the open handle (`fstat`), so what is read is what was checked.
 *
 * @param directory the spec folder.
 * @param options the size limit.
 * @returns the documents as vfiles whose path is the path in the folder.
 * @throws InputError naming the file when it is missing, not a regular file,
 *   a link out of the folder, or too large.
 */
export async function loadSpecDirectory(directory: string, options: LoadDirectoryOptions = {}): Promise<SpecDocuments> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const folder = await realpath(directory).catch(() => {
    throw new InputError(`spec folder ${directory} does not exist`)
  })
  const [events, types] = await Promise.all(
    [SPEC_FILES.events, SPEC_FILES.types].map(async (name) => {
      const filePath = path.join(directory, name)
      const value = await readSpecFile(filePath, folder, maxBytes)
      if (value === null) throw new InputError(`spec folder ${directory} has no ${name}`)
      return new VFile({path: filePath, value})
    }),
  )
  const commandsPath = path.join(directory, SPEC_FILES.commands)
  // COMMANDS.md is optional (older spec folders have only the other two).
  const commands = await readSpecFile(commandsPath, folder, maxBytes)
  return {
    events: events!,
    types: types!,
    ...(commands === null ? {} : {commands: new VFile({path: commandsPath, value: commands})}),
  }
}

/**
 * Read `name` from the spec folder under the rules of `loadSpecDirectory` (regular file, inside the folder,
 * at most `maxBytes`): every file read from an untrusted spec folder goes through here, documents and
 * `overlay.json` alike.
 *
 * @param directory the spec folder.
 * @returns the text, or `null` when the folder has no `name`.
 * @throws InputError naming the file when it is not a regular file, a link out of the folder, or too large.
 */
export async function readSpecFolderFile(directory: string, name: string, maxBytes: number): Promise<string | null> {
  const folder = await realpath(directory).catch(() => {
    throw new InputError(`spec folder ${directory} does not exist`)
  })
  return readSpecFile(path.join(directory, name), folder, maxBytes)
}

/** Read one spec file of the folder whose real path is `folder`; `null` when it does not exist. */
async function readSpecFile(filePath: string, folder: string, maxBytes: number): Promise<string | null> {
  const fail = (detail: string) => new InputError(`spec file ${filePath}: ${detail}`)
  const target = await realpath(filePath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw fail(error.code ?? error.message)
  })
  if (target === null) return null
  if (!target.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`))
    throw fail(`a symbolic link to ${target}, outside the spec folder`)
  return readBoundedFile(target, {maxBytes, followLinks: false, fail})
}
