/**
 * Contender benchmark of issue 18: our decoder against ajv 8, TypeBox's TypeCompiler, typia and zod 4,
 * all compiled from the same IR (generated/schema.json for ajv and TypeBox, the generated types for
 * typia, the IR itself for zod), on the real-frame classes of `real-inputs.ts`.
 *
 * The parent builds the inputs once and writes them to `.tmp/bench-compare/inputs.json`; each group of
 * rows then runs in a fresh child process (`--child <group>`), so the shapes of one group (the drawn
 * events: every object a different hidden class) never make another group's property reads megamorphic.
 * In a child, every contender first has to agree on every input (valid or not, and where the first error
 * is); a disagreement ends the run with exit code 1. Then the rows are timed: CPU time, contenders
 * interleaved (order rotated every sweep), the best of `SUB_SAMPLES` sweeps per round, medians over the
 * rounds, and each ratio the median of its per-round ratios.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import {decodeChatEvent, decodeChatEventJson} from '../generated/src/index.js'
import type {Schema} from '../generator/schema/types.js'
import {loadSchema} from '../test/support/arbitraries.js'
import {compileAjv, SCHEMA_FILE} from './ajv.js'
import {
  buildCompareInputs,
  isAncestorOrSelf,
  parseOurPath,
  sameSegments,
  type CompareInputs,
  type Segments,
} from './real-inputs.js'
import {isMain, median} from './stats.js'
import {compileTypeBox, typeBoxChecker, typeBoxFirstError} from './typebox.js'
import {loadTypia} from './typia.js'
import {buildZodSchemas} from './zod-schemas.js'

export const CONTENDERS = ['ours', 'ajv', 'TypeBox', 'typia', 'zod'] as const
export type ContenderName = (typeof CONTENDERS)[number] | 'JSON.parse' | 'ours default'
type Kind = 'check' | 'first' | 'all' | 'text' | 'lenient'
type ClassName = Exclude<keyof CompareInputs, 'notes'>

/** One row of the table: a class of inputs and what is timed on it. */
export interface RowSpec {
  id: string
  title: string
  group: string
  inputs: ClassName
  kind: Kind
}

export const ROWS: RowSpec[] = [
  {id: 'a', title: '(a) stable real frame receivedGroupInvitation-1', group: 'stable', inputs: 'stable', kind: 'check'},
  {id: 'h1', title: '(h) text: JSON.parse + check, stable frame', group: 'stable', inputs: 'stable', kind: 'text'},
  {id: 'g1', title: '(g) lenient, stable frame (valid)', group: 'stable', inputs: 'stable', kind: 'lenient'},
  {
    id: 'a2',
    title: '(a) stable real frame newChatItems-1 (2025-05 server)',
    group: 'older',
    inputs: 'older',
    kind: 'check',
  },
  {id: 'b', title: '(b) 200 realistic variants', group: 'variants', inputs: 'variants', kind: 'check'},
  {id: 'g2', title: '(g) lenient, 200 variants (valid)', group: 'variants', inputs: 'variants', kind: 'lenient'},
  {id: 'c', title: '(c) mix of real events', group: 'mix', inputs: 'mix', kind: 'check'},
  {id: 'h2', title: '(h) text: JSON.parse + check, mix', group: 'mix', inputs: 'mix', kind: 'text'},
  {id: 'd', title: '(d) drawn worst cases (301 events)', group: 'drawn', inputs: 'drawn', kind: 'check'},
  {id: 'e1', title: '(e) first error: broken late', group: 'errors', inputs: 'brokenLate', kind: 'first'},
  {id: 'e2', title: '(e) first error: broken early', group: 'errors', inputs: 'brokenEarly', kind: 'first'},
  {id: 'e3', title: '(e) first error: skew (5 missing)', group: 'errors', inputs: 'skew', kind: 'first'},
  {id: 'e4', title: '(e) first error: invalid mix', group: 'errors', inputs: 'invalidMix', kind: 'first'},
  {id: 'f1', title: '(f) all errors: skew (5 missing)', group: 'errors', inputs: 'skew', kind: 'all'},
  {id: 'f2', title: '(f) all errors: invalid mix', group: 'errors', inputs: 'invalidMix', kind: 'all'},
  {
    id: 'g3',
    title: '(g) lenient, skew, all issues (÷ default first error)',
    group: 'errors',
    inputs: 'skew',
    kind: 'lenient',
  },
]

/** Measured result of one contender on one row. */
export interface Cell {
  contender: ContenderName
  nsPerOp: number
  samples: number[]
}

export interface RowResult extends RowSpec {
  cells: Cell[]
  /** Median per-round ratios: `ours ÷ <contender>` (for text: `<contender> ÷ JSON.parse`; lenient: lenient ÷ default). */
  ratios: Record<string, number>
}

export interface CompareOptions {
  rounds: number
  quick: boolean
  /** Only these groups (all when absent). */
  groups?: string[]
  /** Only these contenders besides ours (all when absent). */
  contenders?: string[]
  log?: (line: string) => void
}

export interface CompareResult {
  rows: RowResult[]
  notes: string[]
  disagreements: string[]
  setup: Record<string, number>
}

/** How many parsed copies of a one-frame class a pass decodes. */
const STABLE_COPIES = 200
/** Warm-up of each contender on each row (a third of it in quick mode): big validators tier up late. */
const WARM_UP_MS = 300

const WORK = path.resolve(import.meta.dirname, '..', '.tmp', 'bench-compare')

interface InputsFile {
  schema: Schema | null
  classes: Record<ClassName, {label: string; text: string; broken?: Segments[]}[]>
  notes: string[]
}

/** Build the inputs, then run each group in its own child process. */
export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const log = options.log ?? (() => {})
  const groups = [...new Set(ROWS.map((row) => row.group))].filter(
    (group) => !options.groups || options.groups.includes(group),
  )
  const wanted = (name: string) => !options.contenders || options.contenders.includes(name)
  let started = performance.now()
  // The IR (about 10 s: four doc versions) only for zod and the drawn events.
  const schema = wanted('zod') || groups.includes('drawn') ? await loadSchema() : null
  const schemaMs = performance.now() - started
  started = performance.now()
  const inputs = buildCompareInputs(schema)
  const inputsMs = performance.now() - started
  log(`compare: IR in ${schemaMs.toFixed(0)} ms, inputs in ${inputsMs.toFixed(0)} ms`)
  const typiaGenerateMs = wanted('typia') ? (await loadTypia(log)).generateMs : 0
  const {notes, ...classes} = inputs
  const file: InputsFile = {
    schema,
    notes,
    classes: Object.fromEntries(
      Object.entries(classes).map(([name, list]) => [
        name,
        list.map(({label, text, broken}) => ({label, text, broken})),
      ]),
    ) as InputsFile['classes'],
  }
  mkdirSync(WORK, {recursive: true})
  // One file per run: concurrent runs (the smoke test beside a full run) must not share it.
  const inputsFile = path.join(WORK, `inputs-${process.pid}.json`)
  writeFileSync(inputsFile, JSON.stringify(file))
  const rows: RowResult[] = []
  const disagreements: string[] = []
  for (const group of groups) {
    log(`compare: group ${group} in a fresh process`)
    const output = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'compare.ts'),
        '--child',
        group,
        '--inputs',
        inputsFile,
        '--rounds',
        String(options.rounds),
        ...(options.quick ? ['--quick'] : []),
        ...(options.contenders ? ['--contenders', options.contenders.join(',')] : []),
      ],
      {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024},
    )
    const result = JSON.parse(output) as {rows: RowResult[]; disagreements: string[]}
    rows.push(...result.rows)
    disagreements.push(...result.disagreements)
  }
  rmSync(inputsFile, {force: true})
  return {rows, notes, disagreements, setup: {schemaMs, inputsMs, typiaGenerateMs}}
}

// ---------------------------------------------------------------------------
// Child: the contenders of one group

interface Input {
  label: string
  text: string
  value: unknown
  broken?: Segments[]
}

/** A contender of one kind: one pass over a batch, returning a checksum so nothing is optimized away. */
type Pass = (batch: Input[]) => number

interface Verdict {
  valid: boolean
  /** First error path, segments (first kind). */
  path?: Segments
  /** Issues reported (all kind). */
  count?: number
}

async function child(
  inputsFile: string,
  group: string,
  rounds: number,
  quick: boolean,
  only: string[] | undefined,
): Promise<{rows: RowResult[]; disagreements: string[]}> {
  const file = JSON.parse(readFileSync(inputsFile, 'utf8')) as InputsFile
  const specs = ROWS.filter((row) => row.group === group)
  const kinds = new Set(specs.map((row) => row.kind))
  const {validate} = compileAjv()
  const ajvAll = kinds.has('all')
    ? new Ajv2020.default({discriminator: true, allErrors: true, strict: false}).compile(
        JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object,
      )
    : validate
  const wanted = (name: string) => !only || only.includes(name)
  const typebox = wanted('TypeBox') ? compileTypeBox() : (null as never)
  const typia = wanted('typia') ? await loadTypia() : (null as never)
  const zod = wanted('zod') ? buildZodSchemas(file.schema!).event : (null as never)
  const ALL = {allErrors: true} as const
  const LENIENT = {mode: 'lenient'} as const

  const passes: Record<Kind, Partial<Record<ContenderName, Pass>>> = {
    check: {
      ours: (batch) => count(batch, (input) => (decodeChatEvent(input.value).ok ? 1 : 0)),
      ajv: (batch) => count(batch, (input) => (validate(input.value) ? 1 : 0)),
      TypeBox: (batch) => count(batch, (input) => (typeBoxChecker(typebox, input.value).Check(input.value) ? 1 : 0)),
      typia: (batch) => count(batch, (input) => (typia.is(input.value) ? 1 : 0)),
      zod: (batch) => count(batch, (input) => (zod.safeParse(input.value).success ? 1 : 0)),
    },
    first: {
      ours: (batch) =>
        count(batch, (input) => {
          const result = decodeChatEvent(input.value)
          return result.ok ? 1 : result.error.path.length
        }),
      ajv: (batch) => count(batch, (input) => (validate(input.value) ? 1 : validate.errors![0]!.instancePath.length)),
      TypeBox: (batch) => count(batch, (input) => typeBoxFirstError(typebox, input.value)?.length ?? 1),
      typia: (batch) =>
        count(batch, (input) => {
          try {
            typia.assert(input.value)
            return 1
          } catch (error) {
            return (error as {path: string}).path.length
          }
        }),
      zod: (batch) =>
        count(batch, (input) => {
          const result = zod.safeParse(input.value)
          return result.success ? 1 : result.error.issues[0]!.path.length
        }),
    },
    all: {
      ours: (batch) => count(batch, (input) => decodeChatEvent(input.value, ALL).issues.length),
      ajv: (batch) => count(batch, (input) => (ajvAll(input.value) ? 0 : ajvAll.errors!.length)),
      TypeBox: (batch) =>
        count(batch, (input) => {
          const checker = typeBoxChecker(typebox, input.value)
          return checker.Check(input.value) ? 0 : [...checker.Errors(input.value)].length
        }),
      typia: (batch) =>
        count(batch, (input) => {
          const result = typia.validate(input.value)
          return result.success ? 0 : result.errors.length
        }),
      zod: (batch) =>
        count(batch, (input) => {
          const result = zod.safeParse(input.value)
          return result.success ? 0 : result.error.issues.length
        }),
    },
    text: {
      'JSON.parse': (batch) => count(batch, (input) => (JSON.parse(input.text) === null ? 0 : 1)),
      ours: (batch) => count(batch, (input) => (decodeChatEventJson(input.text).ok ? 1 : 0)),
      ajv: (batch) => count(batch, (input) => (validate(JSON.parse(input.text)) ? 1 : 0)),
      TypeBox: (batch) =>
        count(batch, (input) => {
          const value: unknown = JSON.parse(input.text)
          return typeBoxChecker(typebox, value).Check(value) ? 1 : 0
        }),
      typia: (batch) => count(batch, (input) => (typia.is(JSON.parse(input.text)) ? 1 : 0)),
      zod: (batch) => count(batch, (input) => (zod.safeParse(JSON.parse(input.text)).success ? 1 : 0)),
    },
    lenient: {
      'ours default': (batch) =>
        count(batch, (input) => {
          const result = decodeChatEvent(input.value)
          return result.ok ? 1 : result.error.path.length
        }),
      ours: (batch) =>
        count(batch, (input) => {
          const result = decodeChatEvent(input.value, LENIENT)
          return result.issues.length + (result.ok ? 1 : 0)
        }),
    },
  }

  for (const kind of Object.values(passes))
    for (const name of CONTENDERS) if (name !== 'ours' && !wanted(name)) delete kind[name]

  // Agreement, before anything is timed.
  const verdicts: Record<ContenderName, (input: Input, kind: Kind) => Verdict> = {
    ours: (input, kind) => {
      const result =
        kind === 'lenient'
          ? decodeChatEvent(input.value, LENIENT)
          : decodeChatEvent(input.value, kind === 'all' ? ALL : undefined)
      if (kind === 'text') return {valid: decodeChatEventJson(input.text).ok}
      if (kind === 'lenient') return {valid: result.ok, count: result.issues.length}
      return result.ok
        ? {valid: true}
        : {valid: false, path: parseOurPath(result.error.path), count: result.issues.length}
    },
    'ours default': (input) => ({valid: decodeChatEvent(input.value).ok}),
    'JSON.parse': () => ({valid: true}),
    ajv: (input, kind) => {
      const check = kind === 'all' ? ajvAll : validate
      if (check(input.value)) return {valid: true}
      const error = check.errors![0]!
      const at: Segments = error.instancePath
        .split('/')
        .slice(1)
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      if (error.keyword === 'required') at.push((error.params as {missingProperty: string}).missingProperty)
      return {valid: false, path: at, count: check.errors!.length}
    },
    TypeBox: (input) => {
      const at = typeBoxFirstError(typebox, input.value)
      if (at === null) return {valid: true}
      const checker = typeBoxChecker(typebox, input.value)
      return {valid: false, path: at.split('/').slice(1), count: [...checker.Errors(input.value)].length}
    },
    typia: (input) => {
      if (typia.is(input.value)) return {valid: true}
      let at = ''
      try {
        typia.assert(input.value)
      } catch (error) {
        at = (error as {path: string}).path
      }
      return {
        valid: false,
        path: parseOurPath(at.replace(/^\$input/, '$')),
        count: (typia.validate(input.value) as {errors: unknown[]}).errors.length,
      }
    },
    zod: (input) => {
      const result = zod.safeParse(input.value)
      return result.success
        ? {valid: true}
        : {valid: false, path: result.error.issues[0]!.path as Segments, count: result.error.issues.length}
    },
  }
  const disagreements: string[] = []
  const batches = new Map<ClassName, Input[]>()
  for (const spec of specs) {
    // A class of one frame is that frame parsed STABLE_COPIES times: distinct objects of one hidden class,
    // as a bot gets them from one server.
    const list = file.classes[spec.inputs]
    const copies = list.length === 1 ? Array.from({length: STABLE_COPIES}, () => list[0]!) : list
    const batch = copies.map((input) => ({...input, value: JSON.parse(input.text) as unknown}))
    batches.set(spec.inputs, batches.get(spec.inputs) ?? batch)
    const broken = spec.kind === 'first' || spec.kind === 'all'
    for (const input of batches.get(spec.inputs)!) {
      for (const name of Object.keys(passes[spec.kind]) as ContenderName[]) {
        const verdict = verdicts[name](input, spec.kind)
        const say = (what: string) => disagreements.push(`[${spec.id} ${spec.title}] ${input.label}: ${name} ${what}`)
        if (spec.kind === 'lenient') {
          if (name !== 'ours') continue
          if (!verdict.valid) say('fails in lenient mode')
          if (input.broken && (verdict.count ?? 0) < input.broken.length)
            say(`lists ${verdict.count} issues, ${input.broken.length} expected`)
          continue
        }
        if (verdict.valid !== !broken)
          say(`says ${verdict.valid ? 'valid' : 'invalid'}, expected ${broken ? 'invalid' : 'valid'}`)
        if (!broken || verdict.valid) continue
        const at = verdict.path ?? []
        const shown = `$/${at.join('/')}`
        if (name === 'ours' && spec.kind === 'first' && !input.broken!.some((expected) => sameSegments(expected, at)))
          say(`reports its first error at ${shown}, which is none of the broken fields`)
        if (!input.broken!.some((expected) => isAncestorOrSelf(at, expected)))
          say(`reports its first error at ${shown}, neither a broken field nor an ancestor of one`)
        if (name === 'ours' && spec.kind === 'all' && (verdict.count ?? 0) < input.broken!.length)
          say(`lists ${verdict.count} issues with allErrors, ${input.broken!.length} expected`)
      }
    }
  }
  if (disagreements.length > 0) return {rows: [], disagreements}

  // Timing.
  const sampleMs = quick ? 3 : 6
  const subSamples = quick ? 2 : 3
  const perSample = new Map<string, number>()
  let sink = 0
  for (const spec of specs) {
    const batch = batches.get(spec.inputs)!
    for (const [name, pass] of Object.entries(passes[spec.kind])) {
      const times: number[] = []
      const warmStart = performance.now()
      while (times.length < 4 || performance.now() - warmStart < (quick ? WARM_UP_MS / 3 : WARM_UP_MS)) {
        const start = performance.now()
        sink += pass!(batch)
        times.push(performance.now() - start)
      }
      perSample.set(`${spec.id}/${name}`, Math.max(1, Math.round(sampleMs / Math.min(...times.slice(-4)))))
    }
  }
  const samples = new Map<string, number[]>()
  for (let round = 0; round < rounds; round++) {
    for (const spec of specs) {
      const batch = batches.get(spec.inputs)!
      const entries = Object.entries(passes[spec.kind])
      const best = new Map<string, number>()
      for (let sweep = 0; sweep < subSamples; sweep++) {
        for (let offset = 0; offset < entries.length; offset++) {
          const [name, pass] = entries[(offset + round * subSamples + sweep) % entries.length]!
          const count = perSample.get(`${spec.id}/${name}`)!
          const cpu = process.cpuUsage()
          for (let index = 0; index < count; index++) sink += pass!(batch)
          const used = process.cpuUsage(cpu)
          const ns = ((used.user + used.system) * 1e3) / (count * batch.length)
          best.set(name, Math.min(best.get(name) ?? Infinity, ns))
        }
      }
      for (const [name, ns] of best) {
        const key = `${spec.id}/${name}`
        samples.set(key, [...(samples.get(key) ?? []), ns])
      }
    }
  }
  if (sink === 0) throw new Error('no work was done')
  const rows = specs.map((spec): RowResult => {
    const names = Object.keys(passes[spec.kind]) as ContenderName[]
    const cells = names.map((contender) => {
      const list = samples.get(`${spec.id}/${contender}`)!
      return {contender, nsPerOp: median(list), samples: list}
    })
    const of = (name: string) => cells.find((cell) => cell.contender === name)?.samples
    const ratio = (top: number[], bottom: number[]) => median(top.map((value, round) => value / bottom[round]!))
    const ratios: Record<string, number> = {}
    if (spec.kind === 'text') for (const cell of cells) ratios[cell.contender] = ratio(cell.samples, of('JSON.parse')!)
    else if (spec.kind === 'lenient') ratios['lenient ÷ default'] = ratio(of('ours')!, of('ours default')!)
    else
      for (const cell of cells) if (cell.contender !== 'ours') ratios[cell.contender] = ratio(of('ours')!, cell.samples)
    return {...spec, cells, ratios}
  })
  return {rows, disagreements}
}

function count(batch: Input[], one: (input: Input) => number): number {
  let sink = 0
  for (let index = 0; index < batch.length; index++) sink += one(batch[index]!)
  return sink
}

if (isMain(import.meta)) {
  const argv = process.argv.slice(2)
  const at = argv.indexOf('--child')
  const rounds = Number(argv[argv.indexOf('--rounds') + 1] ?? 11)
  if (at >= 0) {
    const contenders = argv.indexOf('--contenders')
    const only = contenders >= 0 ? argv[contenders + 1]!.split(',') : undefined
    process.stdout.write(
      JSON.stringify(
        await child(argv[argv.indexOf('--inputs') + 1]!, argv[at + 1]!, rounds, argv.includes('--quick'), only),
      ),
    )
  } else {
    const result = await runCompare({
      rounds: argv.includes('--rounds') ? rounds : 11,
      quick: argv.includes('--quick'),
      log: (line) => console.error(line),
    })
    console.log(JSON.stringify(result, null, 2))
    if (result.disagreements.length > 0) process.exitCode = 1
  }
}
