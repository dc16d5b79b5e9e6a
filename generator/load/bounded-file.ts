import {constants, type Stats} from 'node:fs'
import {open} from 'node:fs/promises'
import {formatBytes} from '../format-bytes.js'

/** Options of `readBoundedFile`. */
export interface BoundedReadOptions {
  /** Refuse a file larger than this many bytes. */
  maxBytes: number
  /** Open a symbolic link's target (`true`) or refuse to open a link at all (`false`: the path is already resolved). */
  followLinks: boolean
  /** The error to throw, given what is wrong (`not a regular file (a FIFO)`). */
  fail: (detail: string) => Error
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. O_NOFOLLOW (when links are not followed):
// the path opened is the resolved one, so a link put in its place after the check is refused.
// Both are 0 (absent) on Windows, which has neither FIFOs nor this race.
const NONBLOCKING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
const NOFOLLOW = constants.O_NOFOLLOW ?? 0

/**
 * Read a file as UTF-8 text, only if it is a regular file of at most `maxBytes`: a FIFO, a device or a
 * directory is refused without reading a byte (a FIFO would block, `/dev/zero` never ends). The file is
 * opened without blocking and checked on the open handle (`fstat`), so what is read is what was checked.
 *
 * @param file the path to open.
 * @returns the text, or `null` when there is no file at `file`.
 * @throws what `options.fail` makes, when the file cannot be opened, is not a regular file or is too large.
 */
export async function readBoundedFile(file: string, options: BoundedReadOptions): Promise<string | null> {
  const {maxBytes, fail} = options
  const flags = options.followLinks ? NONBLOCKING : NONBLOCKING | NOFOLLOW
  const handle = await open(file, flags).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw fail(`cannot open (${error.code ?? error.message})`)
  })
  if (handle === null) return null
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

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'not a file'
}
