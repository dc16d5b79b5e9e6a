import {constants} from 'node:fs'
import {open, realpath} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {InputError} from '../cli-io.js'
import {formatBytes} from '../parse/limits.js'
import type {SpecDocuments} from '../parse/index.js'

/** File names of the upstream documents inside a spec folder (COMMANDS.md is optional). */
export const SPEC_FILES = {events: 'EVENTS.md', types: 'TYPES.md', commands: 'COMMANDS.md'} as const

/** The largest document read from a folder or downloaded, unless told otherwise (`--max-bytes`). */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024

/** Options of `loadSpecDirectory`. */
export interface LoadDirectoryOptions {
  /** Refuse a file larger than this many bytes (default 8 MiB). */
  maxBytes?: number
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer; O_NOFOLLOW: the path
// opened is the resolved one, so a link put in its place after the check is refused.
// Both are 0 (absent) on Windows, which has neither FIFOs nor this race.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)

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
      const value = await readSpecFile(filePath, folder, maxBytes, () => `spec folder ${directory} has no ${name}`)
      return new VFile({path: filePath, value})
    }),
  )
  const commandsPath = path.join(directory, SPEC_FILES.commands)
  // COMMANDS.md is optional (older spec folders have only the other two); absent reads as `null`.
  const commands = await readSpecFile(commandsPath, folder, maxBytes, () => 'absent').catch((error: unknown) => {
    if (error instanceof InputError && error.message === 'absent') return null
    throw error
  })
  return {
    events: events!,
    types: types!,
    ...(commands === null ? {} : {commands: new VFile({path: commandsPath, value: commands})}),
  }
}

/** Read one spec file under the rules of `loadSpecDirectory`. */
async function readSpecFile(
  filePath: string,
  folder: string,
  maxBytes: number,
  missing: () => string,
): Promise<string> {
  const fail = (detail: string) => new InputError(`spec file ${filePath}: ${detail}`)
  const target = await realpath(filePath).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new InputError(missing()) : fail(error.code ?? error.message)
  })
  if (!target.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`))
    throw fail(`a symbolic link to ${target}, outside the spec folder`)
  const handle = await open(target, OPEN_FLAGS).catch((error: NodeJS.ErrnoException) => {
    throw fail(`cannot open (${error.code ?? error.message})`)
  })
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw fail(`not a regular file (${kindOf(info)})`)
    const tooLarge = () => fail(`larger than the limit of ${formatBytes(maxBytes)} (--max-bytes ${maxBytes})`)
    if (info.size > maxBytes) throw tooLarge()
    // The file may grow after fstat: read to its end, but never past one byte over the limit.
    let buffer = Buffer.alloc(info.size + 1)
    let length = 0
    for (;;) {
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > maxBytes) throw tooLarge()
      if (length === buffer.length)
        buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(length, maxBytes + 1 - length))])
    }
    // As `readFile(path, 'utf8')` did: a byte order mark stays in the text (and in its sha256).
    return buffer.toString('utf8', 0, length)
  } finally {
    await handle.close()
  }
}

function kindOf(info: {isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean}): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice()) return 'a device'
  return 'not a file'
}
