/**
 * Generation time and peak memory, each generation in a fresh child process (`--child <spec> <out>`,
 * which reports its wall time and `process.resourceUsage().maxRSS`):
 *
 * - the pinned docs as `npm run generate` builds them (the compat build of spec/compat.json);
 * - 1× and 4× synthetic docs: the pinned newest docs alone, and grown 4× (every `## Type` of TYPES.md and
 *   every `### Event` of EVENTS.md copied three more times, renamed `Name2`…`Name4`, event tags `tag2`…),
 *   so the 4× ratios compare the same pipeline on docs four times the size.
 *
 *     npx tsx bench/generation-scaling.ts [--rounds N]
 */
import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {generateInMemory} from '../generator/pipeline.js'
import {writeTreeAtomically} from '../generator/write/write-tree.js'
import {isMain, median} from './stats.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const WORK = path.join(ROOT, '.tmp', 'bench-generation')

export interface GenerationRun {
  name: string
  ms: number
  maxRssMb: number
  msSamples: number[]
}

export interface GenerationScaling {
  runs: GenerationRun[]
  /** 4× ÷ 1× (synthetic, no compat), medians. */
  timeRatio: number
  memoryRatio: number
}

/**
 * `text` with every section that `heading` starts (up to the next heading of the same or a higher level)
 * followed by `factor - 1` renamed copies, and each table-of-contents line `- [Name](#name)` by its
 * copies' lines (adjacent, so alphabetical order and categories hold).
 */
function grow(text: string, level: '##' | '###', factor: number, renameTag: boolean): string {
  const copies = (copy: number, section: string) => {
    let renamed = section.replace(new RegExp(`^${level} (\\S+)`), `${level} $1${copy}`)
    if (renameTag) renamed = renamed.replace(/^- type: "([^"]+)"/m, `- type: "$1${copy}"`)
    return renamed
  }
  const parts = text.split(level === '##' ? /^(?=## )/m : /^(?=#{2,3} )/m)
  let out = ''
  for (const part of parts) {
    out += part
    if (!part.startsWith(`${level} `)) continue
    const ending = part.endsWith('\n\n') ? '' : '\n'
    for (let copy = 2; copy <= factor; copy++) out += ending + copies(copy, part)
  }
  return out.replace(/^(\s*)- \[(\w+)\]\(#(\w+)\)$/gm, (line, indent: string, name: string, anchor: string) => {
    let lines = line
    for (let copy = 2; copy <= factor; copy++) lines += `\n${indent}- [${name}${copy}](#${anchor}${copy})`
    return lines
  })
}

/** Docs grown `factor` times (copies renamed), in a folder of their own (no compat.json). */
export function syntheticSpec(factor: number): string {
  const folder = path.join(WORK, `spec-${factor}x`)
  rmSync(folder, {recursive: true, force: true})
  mkdirSync(folder, {recursive: true})
  for (const name of ['COMMANDS.md', 'overlay.json', 'SOURCE.md'])
    copyFileSync(path.join(ROOT, 'spec', name), path.join(folder, name))
  const read = (name: string) => readFileSync(path.join(ROOT, 'spec', name), 'utf8')
  writeFileSync(path.join(folder, 'TYPES.md'), grow(read('TYPES.md'), '##', factor, false))
  writeFileSync(path.join(folder, 'EVENTS.md'), grow(read('EVENTS.md'), '###', factor, true))
  return folder
}

function once(spec: string, out: string): {ms: number; maxRssMb: number} {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'generation-scaling.ts'), '--child', spec, out],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return JSON.parse(output) as {ms: number; maxRssMb: number}
}

export function runGenerationScaling(rounds: number, log: (line: string) => void = () => {}): GenerationScaling {
  const specs: [string, string][] = [
    ['pinned docs, compat build (npm run generate)', path.join(ROOT, 'spec')],
    ['1× synthetic (newest docs alone)', syntheticSpec(1)],
    ['4× synthetic (renamed copies)', syntheticSpec(4)],
  ]
  const samples = specs.map(() => ({ms: [] as number[], rss: [] as number[]}))
  for (let round = 0; round < rounds; round++) {
    specs.forEach(([name, spec], index) => {
      log(`generation: ${name}, round ${round + 1}/${rounds}`)
      const result = once(spec, path.join(WORK, `out-${index}`))
      samples[index]!.ms.push(result.ms)
      samples[index]!.rss.push(result.maxRssMb)
    })
  }
  const runs = specs.map(([name], index) => ({
    name,
    ms: median(samples[index]!.ms),
    maxRssMb: median(samples[index]!.rss),
    msSamples: samples[index]!.ms,
  }))
  return {runs, timeRatio: runs[2]!.ms / runs[1]!.ms, memoryRatio: runs[2]!.maxRssMb / runs[1]!.maxRssMb}
}

if (isMain(import.meta)) {
  const argv = process.argv.slice(2)
  if (argv[0] === '--child') {
    const [, spec, out] = argv as [string, string, string]
    const started = performance.now()
    const result = await generateInMemory({spec, out})
    await writeTreeAtomically(out, result.files)
    process.stdout.write(
      JSON.stringify({ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024}),
    )
  } else {
    const at = argv.indexOf('--rounds')
    console.log(
      JSON.stringify(
        runGenerationScaling(at >= 0 ? Number(argv[at + 1]) : 1, (line) => console.error(line)),
        null,
        2,
      ),
    )
  }
}
