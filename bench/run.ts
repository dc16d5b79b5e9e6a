/**
 * The benchmark of issue 18, one command: every decoder contender on every input class (compare.ts, each
 * group in a fresh process), bundle sizes and cold import (size-compare.ts, size.ts), generation time and
 * memory (generation-scaling.ts); then one markdown table, also written to bench/results/latest.md, and
 * every target of issue 18 marked met / not met.
 *
 *     npm run bench                                # full: 15 rounds, generation 1 round
 *     npm run bench -- --quick                     # 5 rounds, shorter samples, no generation (< 2 min idle)
 *     npm run bench -- --rounds 25 --generate-rounds 3 --json
 *     npm run bench -- --quick --groups stable,errors --no-generate --no-write
 *
 * Exit code 1 only for a finding: contenders disagree on an input (printed), or tree-shaking fails; a
 * crash is non-zero too. An unmet target is reported, never failed.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import * as prettier from 'prettier'
import {CONTENDERS, runCompare, type RowResult} from './compare.js'
import {runGenerationScaling, type GenerationScaling} from './generation-scaling.js'
import {runSizeCompare} from './size-compare.js'
import {runSizeBench} from './size.js'
import {grouped} from './stats.js'

interface RunOptions {
  quick: boolean
  rounds: number
  generateRounds: number
  generate: boolean
  write: boolean
  json: boolean
  groups?: string[]
  contenders?: string[]
  size: boolean
}

function parseRunOptions(argv: readonly string[]): RunOptions {
  const options: RunOptions = {
    quick: false,
    rounds: 0,
    generateRounds: 1,
    generate: true,
    write: true,
    json: false,
    size: true,
  }
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!
    const number = () => {
      const value = Number(argv[++index])
      if (!Number.isInteger(value) || value < 1) throw new Error(`${argument}: expected a positive integer`)
      return value
    }
    if (argument === '--quick') options.quick = true
    else if (argument === '--rounds') options.rounds = number()
    else if (argument === '--generate-rounds') options.generateRounds = number()
    else if (argument === '--no-generate') options.generate = false
    else if (argument === '--no-write') options.write = false
    else if (argument === '--json') options.json = true
    else if (argument === '--groups') options.groups = (argv[++index] ?? '').split(',')
    else if (argument === '--contenders') options.contenders = (argv[++index] ?? '').split(',')
    else if (argument === '--no-size') options.size = false
    else
      throw new Error(
        `unknown option ${argument} (--quick, --rounds N, --generate-rounds N, --no-generate, --no-write, --json, --groups stable,older,variants,mix,drawn,errors, --contenders ajv,TypeBox,typia,zod, --no-size)`,
      )
  }
  if (options.rounds === 0) options.rounds = options.quick ? 5 : 15
  if (options.quick) options.generate = false
  return options
}

const options = parseRunOptions(process.argv.slice(2))
const log = (line: string) => console.error(line)
const started = performance.now()

if (options.size) log('size: esbuild min+gzip, cold import')
const tree = options.size ? await runSizeBench() : null
const size = options.size ? await runSizeCompare(options.quick ? 3 : 7) : null
const compare = await runCompare({
  rounds: options.rounds,
  quick: options.quick,
  groups: options.groups,
  contenders: options.contenders,
  log,
})
const generation: GenerationScaling | null = options.generate ? runGenerationScaling(options.generateRounds, log) : null
const elapsedS = (performance.now() - started) / 1000

// ---------------------------------------------------------------------------
// Targets of issue 18

interface Goal {
  name: string
  measured: string
  met: boolean | null
}

const row = (id: string) => compare.rows.find((candidate) => candidate.id === id)
const ratio = (id: string, name: string) => row(id)?.ratios[name] ?? null
const goal = (
  name: string,
  value: number | null,
  ok: (value: number) => boolean,
  show: (value: number) => string,
): Goal => ({
  name,
  measured: value === null ? 'not measured' : show(value),
  met: value === null ? null : ok(value),
})
const ours = (value: number) => `ours ÷ contender ${value.toFixed(2)}`
const goals: Goal[] = [
  goal('stable frame ≥ 2.5× faster than ajv (ours ÷ ajv ≤ 0.40)', ratio('a', 'ajv'), (v) => v <= 0.4, ours),
  goal('stable frame faster than TypeBox (ours ÷ TypeBox < 1)', ratio('a', 'TypeBox'), (v) => v < 1, ours),
]
for (const [id, label] of [
  ['b', 'variants'],
  ['c', 'mix'],
] as const)
  for (const contender of CONTENDERS.slice(1))
    goals.push(
      goal(
        `${label} ≥ 2× faster than ${contender} (ours ÷ ${contender} ≤ 0.50)`,
        ratio(id, contender),
        (v) => v <= 0.5,
        ours,
      ),
    )
for (const [id, label] of [
  ['e1', 'broken late'],
  ['e2', 'broken early'],
  ['e3', 'skew (5 missing)'],
  ['e4', 'invalid mix'],
] as const)
  goals.push(
    goal(`first error, ${label}: at least as fast as ajv (ours ÷ ajv ≤ 1)`, ratio(id, 'ajv'), (v) => v <= 1, ours),
  )
for (const [id, label] of [
  ['h1', 'stable frame'],
  ['h2', 'mix'],
] as const)
  goals.push(
    goal(
      `text, ${label}: (JSON.parse + decode) ÷ JSON.parse ≤ 1.10`,
      ratio(id, 'ours'),
      (v) => v <= 1.1,
      (v) => v.toFixed(2),
    ),
  )
goals.push(
  goal(
    'lenient ÷ default on valid input (stable frame) ≤ 1.1',
    ratio('g1', 'lenient ÷ default'),
    (v) => v <= 1.1,
    (v) => v.toFixed(2),
  ),
)
goals.push(
  goal(
    'lenient ÷ default on valid input (variants) ≤ 1.1',
    ratio('g2', 'lenient ÷ default'),
    (v) => v <= 1.1,
    (v) => v.toFixed(2),
  ),
)
goals.push(
  goal(
    'lenient (all issues) ÷ default (first error) on skewed frames ≤ 2',
    ratio('g3', 'lenient ÷ default'),
    (v) => v <= 2,
    (v) => v.toFixed(2),
  ),
)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
goals.push(goal('decodeChatEvent alone ≤ 15 KB min+gzip', size?.sizes[0]!.gzipped ?? null, (v) => v <= 15 * 1024, kb))
goals.push(goal('whole package ≤ 40 KB min+gzip', size?.sizes[1]!.gzipped ?? null, (v) => v <= 40 * 1024, kb))
goals.push({
  name: 'cold import of the package ≤ ajv standalone',
  measured: !size
    ? 'not measured (--no-size)'
    : size.importMs.package === null
      ? 'not measured (generated/dist missing)'
      : `${size.importMs.package.toFixed(1)} ms vs ${size.importMs.ajvStandalone.toFixed(1)} ms`,
  met: !size || size.importMs.package === null ? null : size.importMs.package <= size.importMs.ajvStandalone,
})
const pinned = generation?.runs[0]?.ms ?? null
goals.push(
  goal(
    'generation ≤ 2 s on the newest docs (compat build)',
    pinned,
    (v) => v <= 2000,
    (v) => `${(v / 1000).toFixed(1)} s`,
  ),
)
goals.push(
  goal(
    '4× docs ≤ 4.5× the time of 1×',
    generation?.timeRatio ?? null,
    (v) => v <= 4.5,
    (v) => `${v.toFixed(2)}×`,
  ),
)
goals.push(
  goal(
    '4× docs ≤ 2× the peak memory of 1×',
    generation?.memoryRatio ?? null,
    (v) => v <= 2,
    (v) => `${v.toFixed(2)}×`,
  ),
)

// ---------------------------------------------------------------------------
// Report

const ns = (value: number | undefined) => (value === undefined ? '–' : grouped(value))
function cellsOf(result: RowResult): string[] {
  const at = (name: string) => result.cells.find((cell) => cell.contender === name)?.nsPerOp
  if (result.kind === 'lenient')
    return [
      ns(at('ours')),
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
      `default ${ns(at('ours default'))} ns; lenient ÷ default ${result.ratios['lenient ÷ default']!.toFixed(2)}`,
    ]
  const values = CONTENDERS.map((name) => ns(at(name)))
  if (result.kind === 'text') {
    const over = CONTENDERS.filter((name) => result.ratios[name] !== undefined)
      .map((name) => `${name} ${result.ratios[name]!.toFixed(2)}`)
      .join(', ')
    const relative = CONTENDERS.slice(1).map((name) => (at(name) ? (at('ours')! / at(name)!).toFixed(2) : '–'))
    return [...values, ...relative, `JSON.parse ${ns(at('JSON.parse'))} ns; (parse + X) ÷ JSON.parse: ${over}`]
  }
  return [...values, ...CONTENDERS.slice(1).map((name) => result.ratios[name]?.toFixed(2) ?? '–'), '']
}
const header = [
  'class',
  ...CONTENDERS.map((name) => `${name} ns/op`),
  ...CONTENDERS.slice(1).map((name) => `ours ÷ ${name}`),
  'notes',
]
const lines: string[] = []
lines.push(`# simplex-events benchmark (issue 18)`)
lines.push('')
lines.push(
  `node ${process.version}, ${process.platform} ${process.arch}; ${options.quick ? 'QUICK mode (indicative only); ' : ''}${options.rounds} rounds, CPU time, contenders interleaved, medians; ratios are medians of per-round ratios (< 1: ours faster); ${elapsedS.toFixed(0)} s.`,
)
lines.push('')
lines.push(`| ${header.join(' | ')} |`)
lines.push(`|${header.map(() => '---').join('|')}|`)
for (const result of compare.rows) lines.push(`| ${[result.title, ...cellsOf(result)].join(' | ')} |`)
lines.push('')
if (size && tree) {
  lines.push('| size / start | min | min+gzip |')
  lines.push('|---|---|---|')
  for (const entry of size.sizes) lines.push(`| ${entry.name} | ${kb(entry.minified)} | ${kb(entry.gzipped)} |`)
  lines.push(
    `| cold import (fresh process, median): package ${size.importMs.package?.toFixed(1) ?? '–'} ms, ajv standalone ${size.importMs.ajvStandalone.toFixed(1)} ms | | |`,
  )
  lines.push(
    `| tree-shaking: one guard = ${(tree.guardShare * 100).toFixed(2)}% of the whole (minified; must be < 5%) | | |`,
  )
} else lines.push('sizes: not measured (--no-size)')
lines.push('')
if (generation) {
  lines.push('| generation (fresh process each, median) | wall ms | peak RSS MB |')
  lines.push('|---|---|---|')
  for (const run of generation.runs) lines.push(`| ${run.name} | ${grouped(run.ms)} | ${grouped(run.maxRssMb)} |`)
  lines.push(`| 4× ÷ 1× | ${generation.timeRatio.toFixed(2)}× | ${generation.memoryRatio.toFixed(2)}× |`)
} else lines.push('generation: not measured (--quick or --no-generate)')
lines.push('')
lines.push('## Targets of issue 18 (reported, not enforced)')
for (const entry of goals)
  lines.push(`- ${entry.met === null ? 'N/A    ' : entry.met ? 'met    ' : 'NOT MET'} ${entry.name}: ${entry.measured}`)
lines.push('')
lines.push('## Inputs')
for (const note of compare.notes) lines.push(`- ${note}`)
lines.push(
  '- contenders: ours = decodeChatEvent default mode (first rows: error.path; all: allErrors issues); ajv 8 (2020, discriminator) from generated/schema.json (all errors: a second compile with allErrors); TypeBox 0.34 TypeCompiler from schema.json converted, dispatched on the event tag (first error: Errors().First()); typia 12 createIs / createAssert (first error) / createValidate (all) of the generated ChatEvent type; zod 4 from the IR (safeParse: zod has no first-error mode, it always collects every issue)',
)
if (compare.disagreements.length > 0) {
  lines.push('')
  lines.push(`## DISAGREEMENTS (${compare.disagreements.length}): nothing was timed in their groups`)
  for (const disagreement of compare.disagreements) lines.push(`- ${disagreement}`)
}
const report = lines.join('\n')
if (options.write) {
  mkdirSync(path.join(import.meta.dirname, 'results'), {recursive: true})
  // Formatted as `npm run format:check` expects of every file under bench/.
  const formatted = await prettier.format(report, {parser: 'markdown', filepath: 'latest.md'})
  writeFileSync(path.join(import.meta.dirname, 'results', 'latest.md'), formatted)
}
console.log(options.json ? JSON.stringify({goals, compare, size, tree, generation, elapsedS}, null, 2) : report)
if (compare.disagreements.length > 0 || (tree !== null && tree.guardShare >= 0.05)) process.exitCode = 1
