/**
 * parse+check of the newest docs stays fast enough to run on every `generate` and
 * `check`: under a second, after one warm-up run. `npx tsx bench/parse.ts` measures it.
 *
 * The time asserted is the fastest of a few runs: other test files run in parallel
 * workers on the same cores, and one unlucky run measures them, not the parser.
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

const BUDGET_MS = 1000
const MEASURED_RUNS = 3

/** Milliseconds one parse+check takes; fails the test if the docs do not parse. */
function timeParseAndCheck(): number {
  const start = performance.now()
  const ok = parseAndCheck()
  const elapsed = performance.now() - start
  expect(ok).toBe(true)
  return elapsed
}

it(`parses and checks spec/ in under ${BUDGET_MS} ms (after one warm-up)`, () => {
  expect(parseAndCheck()).toBe(true)
  const times = Array.from({length: MEASURED_RUNS}, timeParseAndCheck)
  expect(Math.min(...times), `runs took ${times.map((time) => time.toFixed(0)).join(', ')} ms`).toBeLessThan(BUDGET_MS)
})
