/**
 * How long parse+check of the pinned docs takes.
 *
 *     npx tsx bench/parse.ts [runs]
 *
 * Reads spec/EVENTS.md and spec/TYPES.md once, then builds the checked schema
 * (`buildSchema`: markdown parse, IR, reference checks) 3 times to warm up and
 * `runs` times (default 20) measured; prints the median and the minimum.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {VFile} from 'vfile'
import {buildSchema} from '../generator/pipeline.js'

const WARM_UPS = 3
const DEFAULT_RUNS = 20

const spec = path.resolve(import.meta.dirname, '..', 'spec')
const events = readFileSync(path.join(spec, 'EVENTS.md'), 'utf8')
const types = readFileSync(path.join(spec, 'TYPES.md'), 'utf8')

const runs = Number(process.argv[2] ?? DEFAULT_RUNS)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`usage: npx tsx bench/parse.ts [runs]   (runs: a positive integer, default ${DEFAULT_RUNS})`)
  process.exit(2)
}

/** One parse+check from fresh vfiles (messages live on the vfile, so each run gets its own). */
function parseAndCheck(): number {
  const start = performance.now()
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: events}),
    types: new VFile({path: 'TYPES.md', value: types}),
  })
  const elapsed = performance.now() - start
  if (!result.ok) throw new Error('spec/ does not parse: run `npx tsx generator/cli.ts schema` to see why')
  return elapsed
}

for (let i = 0; i < WARM_UPS; i++) parseAndCheck()
const times = Array.from({length: runs}, parseAndCheck).sort((a, b) => a - b)
const middle = Math.floor(times.length / 2)
const median = times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2
const min = times[0]!

console.log(
  `parse+check of spec/ (EVENTS.md + TYPES.md): median ${median.toFixed(1)} ms over ${runs} runs (min ${min.toFixed(1)} ms, ${WARM_UPS} warm-ups)`,
)
