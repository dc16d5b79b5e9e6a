// Whether dist/ was compiled from the sources in this checkout, so the CLI may run it instead of the TypeScript.
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

/** Where `npm run build` records the hash of the sources it compiled (outside what the package ships). */
export const STAMP_FILE = path.join('dist', 'source-hash.txt')

/** What the build reads: every file of these folders and these files (more than tsc compiles, never less). */
const SOURCE_FOLDERS = ['generator', 'templates']
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json']

/**
 * The sha256 of every build input under `root`, with its path: any edit, addition, removal or rename changes it.
 *
 * @param {string} root the repository root.
 * @returns {string} hex digest.
 */
export function sourceHash(root) {
  const hash = createHash('sha256')
  const add = (relative) => {
    hash.update(`${relative}\0`)
    hash.update(readFileSync(path.join(root, relative)))
    hash.update('\0')
  }
  for (const folder of SOURCE_FOLDERS) {
    const entries = readdirSync(path.join(root, folder), {recursive: true, withFileTypes: true})
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort()
    for (const file of files) add(file)
  }
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) add(file)
  return hash.digest('hex')
}

/**
 * True when `root/dist` may be run: it is an installed package (no `generator/` sources beside `dist/`), or a
 * checkout whose build stamp is the hash of its sources as they are now. A stale or half-built dist is never run.
 *
 * @param {string} root the package root (this repository, or the installed package).
 * @returns {boolean}
 */
export function distIsCurrent(root) {
  if (!existsSync(path.join(root, 'generator'))) return true
  const stamp = path.join(root, STAMP_FILE)
  if (!existsSync(stamp)) return false
  return readFileSync(stamp, 'utf8').trim() === sourceHash(root)
}
