/**
 * `bin/simplex-events.js` runs dist/ only while the stamp `npm run build` wrote (`scripts/build.mjs`) is the
 * hash of the sources as they are: any edit, new file or rename makes dist/ stale, and the sources run instead.
 */
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {distIsCurrent, sourceHash, STAMP_FILE} from '../bin/dist-freshness.js'
import {temporaryFolder} from './support/temp-folders.js'

/** A checkout with one generator source, one template and the build's configuration files. */
async function checkout(): Promise<string> {
  const root = await temporaryFolder('dist-freshness-')
  mkdirSync(path.join(root, 'generator', 'emit'), {recursive: true})
  mkdirSync(path.join(root, 'templates'), {recursive: true})
  writeFileSync(path.join(root, 'generator', 'emit', 'a.ts'), 'export const a = 1\n')
  writeFileSync(path.join(root, 'templates', 'b.ts'), 'export const b = 2\n')
  for (const name of ['package.json', 'tsconfig.json', 'tsconfig.build.json'])
    writeFileSync(path.join(root, name), '{}\n')
  return root
}

function stamp(root: string): void {
  mkdirSync(path.join(root, 'dist'), {recursive: true})
  writeFileSync(path.join(root, STAMP_FILE), `${sourceHash(root)}\n`)
}

describe('whether dist/ is the build of the sources beside it', () => {
  it('is current after a stamp of the sources, stale after an edit, a new file, a rename or a config change', async () => {
    const edits: [string, (root: string) => void][] = [
      ['edit', (root) => writeFileSync(path.join(root, 'generator', 'emit', 'a.ts'), 'export const a = 3\n')],
      ['new file', (root) => writeFileSync(path.join(root, 'generator', 'c.ts'), '')],
      ['rename', (root) => renameSync(path.join(root, 'templates', 'b.ts'), path.join(root, 'templates', 'b2.ts'))],
      ['config', (root) => writeFileSync(path.join(root, 'tsconfig.build.json'), '{"x": 1}\n')],
    ]
    for (const [what, edit] of edits) {
      const root = await checkout()
      expect(distIsCurrent(root), `${what}: no stamp`).toBe(false)
      stamp(root)
      expect(distIsCurrent(root), `${what}: stamped`).toBe(true)
      edit(root)
      expect(distIsCurrent(root), `${what}: after the change`).toBe(false)
    }
  })

  it('the hash does not depend on the order files were written in', async () => {
    const [one, two] = [await checkout(), await checkout()]
    writeFileSync(path.join(two, 'generator', 'z.ts'), 'z')
    writeFileSync(path.join(two, 'generator', 'y.ts'), 'y')
    writeFileSync(path.join(one, 'generator', 'y.ts'), 'y')
    writeFileSync(path.join(one, 'generator', 'z.ts'), 'z')
    expect(sourceHash(one)).toBe(sourceHash(two))
  })

  it('an installed package (no generator/ sources) runs its dist/', async () => {
    const root = await temporaryFolder('dist-installed-')
    expect(distIsCurrent(root)).toBe(true)
  })
})
