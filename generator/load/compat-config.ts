import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {InputError} from '../input-error.js'
import {printable} from '../sanitize.js'
import {readSpecFolderFile} from './folder.js'

/** File name of a spec folder's compatibility list (optional). */
export const COMPAT_FILE = 'compat.json'

/** More doc versions than any real range needs: each is parsed and merged in full. */
export const MAX_COMPAT_VERSIONS = 16

/** What `compat.json` declares. */
export interface CompatConfig {
  /** The older doc versions, resolved against the spec folder, newest first. */
  compat: string[]
  /** How doc comments and messages name the spec folder's own docs (default: the folder's name). */
  label?: string
}

/** A label is shown in doc comments and messages: a short name, no markup. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/**
 * The older doc versions a spec folder declares in `compat.json` (`{"compat": ["compat/2025-09-27", ...]}`,
 * newest first), for a compatibility build that `generate` and `check` make without `--compat`, and the
 * label of the folder's own docs (`"label": "2026-03c8bf5"`).
 *
 * The file is untrusted like the documents: read under the folder's rules, and every entry must be a relative
 * path to a folder inside the spec folder (its real path, links resolved), never a URL, so a spec folder can
 * neither make us read files elsewhere nor make requests.
 *
 * @param specFolder the spec folder (not a URL: a URL spec has no compatibility list).
 * @returns the folders, resolved against the spec folder, and the label; `null` when the folder has no `compat.json`.
 * @throws InputError naming the file and the entry when the file is not a valid list.
 */
export async function readCompatConfig(specFolder: string, maxBytes: number): Promise<CompatConfig | null> {
  const text = await readSpecFolderFile(specFolder, COMPAT_FILE, maxBytes)
  if (text === null) return null
  const file = path.join(specFolder, COMPAT_FILE)
  const fail = (detail: string) => new InputError(`${file}: ${detail}`)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    // Not quoted: the file may not be a list at all.
    throw fail('not valid JSON')
  }
  const shape = 'expected {"compat": ["folder", ...], "label"?: "name"} (folders inside the spec folder, newest first)'
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail(shape)
  for (const key of Object.keys(data)) {
    if (key !== 'compat' && key !== 'label' && !key.startsWith('$'))
      throw fail(`unknown key ${printable(JSON.stringify(key))}; ${shape}`)
  }
  const entries = (data as {compat?: unknown}).compat
  if (!Array.isArray(entries)) throw fail(shape)
  if (entries.length > MAX_COMPAT_VERSIONS) throw fail(`compat: at most ${MAX_COMPAT_VERSIONS} doc versions`)
  const label = (data as {label?: unknown}).label
  if (label !== undefined && (typeof label !== 'string' || !LABEL.test(label)))
    throw fail('label: expected a short name (letters, digits, ".", "_", "-"; at most 64)')
  const root = await realpath(specFolder)
  const folders: string[] = []
  const seen = new Set<string>()
  for (const [index, entry] of entries.entries()) {
    const where = `compat[${index}]`
    if (typeof entry !== 'string' || entry.trim() === '') throw fail(`${where}: expected a folder name`)
    const shown = printable(JSON.stringify(entry))
    if (/^[a-z][a-z0-9+.-]*:/i.test(entry) || path.isAbsolute(entry) || /^[\\/]/.test(entry))
      throw fail(`${where}: ${shown} is not a relative folder path (a URL or an absolute path is given with --compat)`)
    const folder = path.join(specFolder, entry)
    const real = await realpath(folder).catch(() => null)
    if (real === null) throw fail(`${where}: ${shown} does not exist`)
    if (real === root || !real.startsWith(root + path.sep))
      throw fail(`${where}: ${shown} is not a folder inside the spec folder`)
    if (!(await stat(real)).isDirectory()) throw fail(`${where}: ${shown} is not a folder`)
    if (seen.has(real)) throw fail(`${where}: ${shown} is listed twice`)
    seen.add(real)
    folders.push(folder)
  }
  return {compat: folders, ...(label === undefined ? {} : {label})}
}
