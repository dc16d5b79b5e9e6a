/**
 * Generation benchmark: `generate` end to end (load, parse + schema checks,
 * emission, prettier, writing the tree) against prettier alone formatting the
 * same output files, both measured in the same run.
 *
 *     npx tsx bench/generate.ts [--json] [--generate-rounds N]
 *
 * A round runs, in an order rotated each round:
 * - `generateInMemory({spec})` (generator/generate.ts) then `writeTreeAtomically`
 *   (generator/write-tree.ts) into a temporary folder: the total, and the stage
 *   timings `generateInMemory` returns (load, parse = markdown parse + schema
 *   checks + overlay, build = emission with ts-morph, format = prettier) plus writing;
 * - prettier alone: `prettier.format` of every generated `.ts` file's content
 *   with the generator's own `PRETTIER_OPTIONS` (generator/emit/index.ts);
 * - the parse stage split in two: `parseSpec` (markdown → IR) and `checkSchema`
 *   (reference and consistency checks), called separately on fresh documents.
 * Results are medians over the rounds; the first (cold) generation of the
 * process is reported apart, it is what one `npm run generate` pays on top.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import * as prettier from 'prettier'
import * as emit from '../generator/emit/index.js'
import {generateInMemory} from '../generator/pipeline.js'
import {loadSpecDirectory} from '../generator/load/folder.js'
import {hasErrors} from '../generator/diagnostics.js'
import {parseSpec} from '../generator/parse/index.js'
import {PINNED_SPEC} from '../generator/paths.js'
import {checkSchema} from '../generator/schema/check.js'
import {writeTreeAtomically} from '../generator/write/write-tree.js'
import {formatTargets, grouped, isMain, median, parseOptions, table, type Target} from './stats.js'

/**
 * The generator's prettier options, when generator/emit/index.ts exports them
 * (they are not copied here: the comparison must use exactly the generator's).
 */
export function generatorPrettierOptions(): prettier.Options | undefined {
  return (emit as unknown as {PRETTIER_OPTIONS?: prettier.Options}).PRETTIER_OPTIONS
}

/** Milliseconds prettier takes to format every `.ts` file of a generated tree (parser `typescript`). */
export async function formatAlone(files: ReadonlyMap<string, string>, options: prettier.Options): Promise<number> {
  const started = performance.now()
  for (const [name, content] of files)
    if (name.endsWith('.ts')) await prettier.format(content, {...options, parser: 'typescript'})
  return performance.now() - started
}

/** Milliseconds of one round. */
interface RoundTimes {
  total: number
  load: number
  parseAndCheck: number
  build: number
  format: number
  write: number
  prettierAlone: number | null
  markdownParse: number
  schemaChecks: number
}

export interface GenerateBenchResult {
  rounds: number
  /** The first generation of the process (modules and JIT cold), end to end with writing, ms. */
  coldTotalMs: number
  /** Medians over the rounds, ms. */
  medians: RoundTimes
  samples: RoundTimes[]
  files: {typescript: number; typescriptBytes: number; all: number; allBytes: number}
  /** Why prettier alone could not be measured, or null. */
  prettierUnavailable: string | null
  targets: Target[]
}

/** The parse stage split in two by separate calls (so not parts of one `parse` stage time). */
const SPLIT: [keyof RoundTimes, string][] = [
  ['markdownParse', 'markdown → IR (parseSpec)'],
  ['schemaChecks', 'schema checks (checkSchema)'],
]

const STAGES: [keyof RoundTimes, string][] = [
  ['load', 'load (read EVENTS.md, TYPES.md, overlay.json)'],
  ['parseAndCheck', 'parse + schema checks + overlay (generateInMemory `parse`)'],
  ['build', 'emission (ts-morph structures → text)'],
  ['format', 'formatting (prettier, inside generate)'],
  ['write', 'writing (writeTreeAtomically, temp dir)'],
  ['total', 'total: generate end to end + write'],
  ['prettierAlone', 'prettier alone on the same output .ts files'],
]

export async function runGenerateBench(options: {
  rounds: number
  log?: (line: string) => void
}): Promise<GenerateBenchResult> {
  const log = options.log ?? (() => {})
  const prettierOptions = generatorPrettierOptions()
  const prettierUnavailable = prettierOptions
    ? null
    : 'generator/emit/index.ts does not export PRETTIER_OPTIONS (needed, not copied: `export const PRETTIER_OPTIONS`)'
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'simplex-events-bench-'))
  const out = path.join(temporary, 'generated')
  try {
    const generateAndWrite = async () => {
      const started = performance.now()
      const generation = await generateInMemory({spec: PINNED_SPEC})
      const written = performance.now()
      await writeTreeAtomically(out, generation.files)
      const ended = performance.now()
      return {generation, total: ended - started, write: ended - written}
    }
    const prettierAlone = async (files: ReadonlyMap<string, string>) =>
      prettierOptions ? formatAlone(files, prettierOptions) : null
    const parseThenCheck = async () => {
      const documents = await loadSpecDirectory(PINNED_SPEC)
      const started = performance.now()
      const schema = parseSpec(documents)
      const parsed = performance.now()
      const files = [documents.events, documents.types]
      checkSchema(schema, new Map(files.map((file) => [file.basename ?? String(file.path), file])))
      const checked = performance.now()
      if (hasErrors(files))
        throw new Error('spec/ does not parse or check: run `npx tsx generator/cli.ts schema` to see why')
      return {markdownParse: parsed - started, schemaChecks: checked - parsed}
    }

    log('generate: cold run')
    const cold = await generateAndWrite()
    const files = cold.generation.files
    // Warm up prettier alone and the split parse once too (not measured).
    await prettierAlone(files)
    await parseThenCheck()

    const samples: RoundTimes[] = []
    for (let round = 0; round < options.rounds; round++) {
      let generated: Awaited<ReturnType<typeof generateAndWrite>> | undefined
      let alone: number | null = null
      let split: Awaited<ReturnType<typeof parseThenCheck>> | undefined
      const tasks = [
        async () => void (generated = await generateAndWrite()),
        async () => void (alone = await prettierAlone(files)),
        async () => void (split = await parseThenCheck()),
      ]
      for (let index = 0; index < tasks.length; index++) await tasks[(index + round) % tasks.length]!()
      const {timings} = generated!.generation
      samples.push({
        total: generated!.total,
        load: timings.load,
        parseAndCheck: timings.parse,
        build: timings.build,
        format: timings.format,
        write: generated!.write,
        prettierAlone: alone,
        markdownParse: split!.markdownParse,
        schemaChecks: split!.schemaChecks,
      })
      log(
        `generate: round ${round + 1}/${options.rounds}: total ${generated!.total.toFixed(0)} ms, prettier alone ${alone === null ? 'n/a' : `${(alone as number).toFixed(0)} ms`}`,
      )
    }

    const medians = Object.fromEntries(
      [...STAGES, ...SPLIT].map(([key]) => {
        const values = samples.map((sample) => sample[key]).filter((value): value is number => value !== null)
        return [key, values.length ? median(values) : null]
      }),
    ) as unknown as RoundTimes
    const ratio = prettierOptions ? median(samples.map((sample) => sample.total / sample.prettierAlone!)) : null
    const typescript = [...files].filter(([name]) => name.endsWith('.ts'))
    return {
      rounds: options.rounds,
      coldTotalMs: cold.total,
      medians,
      samples,
      files: {
        typescript: typescript.length,
        typescriptBytes: typescript.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0),
        all: files.size,
        allBytes: [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0),
      },
      prettierUnavailable,
      targets: [
        {
          name: 'generation: total ≤ 2.5× prettier alone on the same output',
          kind: 'max',
          bound: 2.5,
          ratio,
          formula: 'generate end to end + write ÷ prettier alone, median of per-round ratios',
          ...(prettierUnavailable ? {reason: prettierUnavailable} : {}),
        },
      ],
    }
  } finally {
    await rm(temporary, {recursive: true, force: true})
  }
}

export function formatGenerate(result: GenerateBenchResult): string {
  const {medians} = result
  const lines: string[] = []
  lines.push(
    `## Generation (median of ${result.rounds} rounds, ms; output: ${result.files.all} files, ${grouped(result.files.allBytes)} bytes, of which ${result.files.typescript} .ts files, ${grouped(result.files.typescriptBytes)} bytes)`,
  )
  lines.push('')
  lines.push(
    table(
      ['stage', 'ms', '% of total'],
      STAGES.map(([key, label]) => {
        const value = medians[key]
        return [
          label,
          value === null ? 'n/a' : value.toFixed(0),
          value === null ? '' : ((value / medians.total) * 100).toFixed(1),
        ]
      }),
    ),
  )
  lines.push(
    `parse stage split, separate calls in the same rounds: ${SPLIT.map(([key, label]) => `${label} ${medians[key]!.toFixed(0)} ms`).join(', ')}`,
  )
  lines.push(`first (cold) generation in this process: ${result.coldTotalMs.toFixed(0)} ms`)
  if (result.prettierUnavailable) {
    lines.push(`prettier alone: not measured — ${result.prettierUnavailable}`)
    lines.push(
      `  (for orientation only: total ÷ the in-pipeline formatting stage = ${(medians.total / medians.format).toFixed(2)})`,
    )
  }
  lines.push('')
  lines.push(...formatTargets(result.targets))
  return lines.join('\n')
}

if (isMain(import.meta)) {
  const options = parseOptions(process.argv.slice(2))
  const result = await runGenerateBench({rounds: options.generateRounds, log: (line) => console.error(line)})
  console.log(options.json ? JSON.stringify(result, null, 2) : formatGenerate(result))
}
