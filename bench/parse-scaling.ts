/**
 * Does parsing stay linear in the size of the docs? Parses the pinned TYPES.md
 * grown 1x, 2x, 4x and 8x (each copy renames every type section: `## User` becomes
 * `## User2`) and prints milliseconds per KiB for each; flat numbers mean linear.
 *
 *     npx tsx bench/parse-scaling.ts [--whole] [runs]
 *
 * `toMdast` (section by section, as `generate` parses) is measured `runs` times
 * (default 3) after one warm-up; the median is printed. `--whole` also times one
 * whole-document remark-parse per size for comparison (quadratic: minutes at 8x).
 * The limits checked before parsing are not applied here (8x is past the list-item limit).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {toMdast} from '../generator/parse/index.js'
import {parseTypesDocument} from '../generator/parse/types-document.js'

const FACTORS = [1, 2, 4, 8]
const args = process.argv.slice(2)
const whole = args.includes('--whole')
const runs = Number(args.find((arg) => arg !== '--whole') ?? 3)
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npx tsx bench/parse-scaling.ts [--whole] [runs]   (runs: a positive integer, default 3)')
  process.exit(2)
}

const types = readFileSync(path.resolve(import.meta.dirname, '..', 'spec', 'TYPES.md'), 'utf8')
const [title, ...sections] = types.split(/^(?=## )/m)

/** TYPES.md with every type section repeated `factor` times, copy n renamed `## Name<n>`. */
function grown(factor: number): string {
  let text = title!
  for (let copy = 1; copy <= factor; copy++) {
    for (const section of sections) text += copy === 1 ? section : section.replace(/^## (\S+)/, `## $1${copy}`)
  }
  return text
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Milliseconds to parse `text` into the types of the IR with `parse`. */
function time(text: string, parse: (file: VFile) => ReturnType<typeof toMdast>): number {
  const file = new VFile({path: 'TYPES.md', value: text})
  const start = performance.now()
  const count = parseTypesDocument(parse(file), file).length
  const elapsed = performance.now() - start
  if (count < sections.length) throw new Error(`expected at least ${sections.length} types, read ${count}`)
  return elapsed
}

const remark = unified().use(remarkParse)
time(grown(1), toMdast)
console.log(`size      sections   section by section${whole ? '   whole document' : ''}`)
for (const factor of FACTORS) {
  const text = grown(factor)
  const kib = Buffer.byteLength(text) / 1024
  const sectioned = median(Array.from({length: runs}, () => time(text, toMdast)))
  let line = `${factor}x ${kib.toFixed(0).padStart(5)} KiB ${String(factor * sections.length).padStart(6)}   ${(sectioned / kib).toFixed(2).padStart(8)} ms/KiB (${sectioned.toFixed(0)} ms)`
  if (whole) {
    const once = time(text, (file) => remark.parse(file))
    line += `   ${(once / kib).toFixed(2).padStart(8)} ms/KiB (${once.toFixed(0)} ms)`
  }
  console.log(line)
}
