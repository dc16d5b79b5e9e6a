/**
 * The builds the suites share in one run (test/support/shared-builds.ts): the `generated/src` imports resolve
 * to this run's build of the generator, and each build is made once however many processes ask for it.
 */
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {describe, expect, it} from 'vitest'
import {specInfo} from '../generated/src/spec-info.js'
import {pinnedSource} from './support/run-folder.js'
import {once, pinnedTree, runFolder} from './support/shared-builds.js'

describe('the shared pinned build', () => {
  it("is what the suites' generated/src imports resolve to, not the committed generated/", async () => {
    const direct = (await import(path.join(pinnedSource(runFolder()), 'spec-info.ts'))) as {specInfo: unknown}
    expect(direct.specInfo).toBe(specInfo)
    expect(pinnedSource(runFolder())).toBe(path.join(await pinnedTree(), 'src'))
    expect(path.relative(path.resolve(import.meta.dirname, '..', 'generated'), await pinnedTree())).toMatch(/^\.\./)
  })

  it("is the compatibility build of the pinned spec's four doc versions", () => {
    expect(specInfo.versions.map((version) => version.label)).toEqual([
      '2025-09-27',
      '2026-088a33e',
      '2026-fork-d94cbb0',
      '2026-03c8bf5',
    ])
  })
})

describe('once', () => {
  const scratch = (name: string) => path.join(runFolder(), 'once-test', name)

  it('makes a folder once when several callers ask for it at the same time', async () => {
    const folder = scratch('concurrent')
    let made = 0
    const make = async (into: string) => {
      made++
      await sleep(100)
      writeFileSync(path.join(into, 'made'), 'yes')
    }
    await Promise.all([once(folder, make), once(folder, make), once(folder, make)])
    expect(made).toBe(1)
    expect(readdirSync(folder)).toEqual(['made'])
    // Only the folder is left: no lock, no partial folder.
    expect(readdirSync(path.dirname(folder))).toEqual(['concurrent'])
  })

  it('a failing maker releases the lock, leaves nothing, and the next caller makes the folder', async () => {
    const folder = scratch('failing')
    await expect(
      once(folder, async () => {
        throw new Error('the generator failed')
      }),
    ).rejects.toThrow('the generator failed')
    expect(readdirSync(path.dirname(folder)).filter((name) => name.startsWith('failing'))).toEqual([])
    await once(folder, async (into) => mkdirSync(path.join(into, 'tree')))
    expect(readdirSync(folder)).toEqual(['tree'])
  })
})
