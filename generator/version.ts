import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {PINNED_SPEC, PROJECT_ROOT} from './paths.js'

/** The generator's own version, from its package.json (the installed package's, when installed). */
export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {version: string}
).version

/**
 * What `--version` prints: the generator's version, then each document of the pinned spec
 * with its sha256 (what `generate` uses when no `--spec` is given).
 */
export function versionText(): string {
  const present = new Set(readdirSync(PINNED_SPEC))
  const documents = ['EVENTS.md', 'TYPES.md', 'COMMANDS.md'].filter((name) => present.has(name))
  const lines = documents.map((name) => {
    const sha256 = createHash('sha256')
      .update(readFileSync(path.join(PINNED_SPEC, name)))
      .digest('hex')
    return `  ${name} sha256 ${sha256}`
  })
  return [`simplex-events ${GENERATOR_VERSION}`, `pinned spec (${PINNED_SPEC}):`, ...lines].join('\n')
}
