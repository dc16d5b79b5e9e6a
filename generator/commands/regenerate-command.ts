import {existsSync} from 'node:fs'
import path from 'node:path'
import {INSTALLED, PROJECT_ROOT} from '../paths.js'
import {generationArguments, type GenerationOptions} from './generation-options.js'

/**
 * The commands that regenerate what `check` compared, exact for the folder it ran in: `generate` with
 * `check`'s options, in the same folder, so relative paths still mean what they meant.
 *
 * `npx simplex-events` finds the binary only where the nearest package.json is the package that has it
 * (this repository, or the project that installed the generator); below another package (`generated/`
 * is one) npx asks the registry instead. There the command names the package with `npm --prefix`, which
 * keeps the current folder.
 *
 * @param options the options `check` ran with.
 * @param cwd the folder the command runs in.
 * @returns the commands, best first (`npm run generate` too when the arguments are the defaults).
 */
export function regenerateCommands(options: GenerationOptions, cwd: string = process.cwd()): string[] {
  const args = ['generate', ...generationArguments(options)].map(shellQuote).join(' ')
  const home = binaryHome()
  if (home === undefined || nearestPackage(cwd) === home) {
    const npmRun = !INSTALLED && args === 'generate' ? ['npm run generate'] : []
    return [`npx simplex-events ${args}`, ...npmRun]
  }
  const prefix = path.relative(cwd, home) || '.'
  return [`npm --prefix ${shellQuote(prefix)} exec -- simplex-events ${args}`]
}

/** The package whose node_modules/.bin holds the binary; undefined for npx's own cache (npx fetches it again). */
function binaryHome(): string | undefined {
  if (!INSTALLED) return PROJECT_ROOT
  const parts = PROJECT_ROOT.split(path.sep)
  const last = parts.lastIndexOf('node_modules')
  if (parts.includes('_npx')) return undefined
  return parts.slice(0, last).join(path.sep) || path.sep
}

function nearestPackage(folder: string): string | undefined {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) return undefined
  }
}

/** A word as a POSIX shell reads it: kept as it is when plain, else single-quoted. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}
