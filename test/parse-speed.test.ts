/**
 * parse+check of the newest docs stays fast enough to run on every `generate` and
 * `check`: under a second, after one warm-up run. `npx tsx bench/parse.ts` measures it.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {VFile} from 'vfile'
import {expect, it} from 'vitest'
import {buildSchema} from '../generator/schema/index.js'

const spec = path.resolve(import.meta.dirname, '..', 'spec')
const events = readFileSync(path.join(spec, 'EVENTS.md'), 'utf8')
const types = readFileSync(path.join(spec, 'TYPES.md'), 'utf8')

function parseAndCheck(): boolean {
  return buildSchema({
    events: new VFile({path: 'EVENTS.md', value: events}),
    types: new VFile({path: 'TYPES.md', value: types}),
  }).ok
}

it('parses and checks spec/ in under 1000 ms (after one warm-up)', () => {
  expect(parseAndCheck()).toBe(true)
  const start = performance.now()
  const ok = parseAndCheck()
  const elapsed = performance.now() - start
  expect(ok).toBe(true)
  expect(elapsed).toBeLessThan(1000)
})
