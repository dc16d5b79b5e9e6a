/**
 * The decoders on one stable shape, in a fresh process: the real
 * receivedGroupInvitation-1 frame (254 keys), parsed 200 times so every object
 * has the same hidden class, decoded by our default mode and by ajv, interleaved.
 * This is what a bot talking to one server mostly sees; `decode.ts` runs every
 * contender and input class in one process, where the drawn events' many shapes
 * leave every property access megamorphic.
 *
 *     npx tsx bench/stable-shape.ts [--rounds 15]
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {decodeChatEvent} from '../generated/src/index.js'
import {compileAjv} from './ajv.js'
import {median, table} from './stats.js'

const FRAME = path.resolve(
  import.meta.dirname,
  '..',
  'test',
  'fixtures',
  'frames',
  'complete',
  'receivedGroupInvitation-1.json',
)
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15
const text = readFileSync(FRAME, 'utf8')
const values = Array.from({length: 200}, () => JSON.parse(text) as unknown)
const {validate} = compileAjv()

const contenders: Record<string, (value: unknown) => boolean> = {
  'decode default': (value) => decodeChatEvent(value).ok,
  ajv: (value) => validate(value),
}

/** ns per call of `run` over `iterations` values. */
function sample(run: (value: unknown) => boolean, iterations: number): number {
  let accepted = 0
  const started = process.hrtime.bigint()
  for (let index = 0; index < iterations; index++) if (run(values[index % values.length])) accepted++
  const elapsed = Number(process.hrtime.bigint() - started)
  if (accepted !== iterations) throw new Error('a contender rejected the real frame')
  return elapsed / iterations
}

for (const run of Object.values(contenders)) sample(run, 20_000) // warm-up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]))
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(contenders)) samples[name]!.push(sample(run, 5_000))
}
const nsPerOp = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
console.log(`# one stable shape: real receivedGroupInvitation-1, fresh process, median of ${rounds} rounds`)
console.log(
  table(
    ['contender', 'ns/op'],
    Object.entries(nsPerOp).map(([name, value]) => [name, value.toFixed(0)]),
  ),
)
console.log(`ajv ÷ decode default: ${(nsPerOp.ajv! / nsPerOp['decode default']!).toFixed(2)}`)
