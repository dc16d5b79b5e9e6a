/**
 * Decoder benchmark: our generated decoders against JSON.parse, ajv and zod 4,
 * in one process, on the same inputs, interleaved.
 *
 *     npx tsx bench/decode.ts [--json] [--rounds N]
 *     npx tsx bench/decode.ts --only "decode default" --classes valid     # one contender, one class
 *
 * Profile (setup is in the profile too: filter on the decoder's files):
 *
 *     node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/decode.ts --only "decode default" --classes valid --rounds 60
 *     npx tsx bench/profile.ts /tmp/prof/*.cpuprofile --filter generated/src
 *
 * Before measuring, every contender must agree on which inputs are valid (see
 * `checkAgreement`); disagreements are printed and make the run exit with 1.
 *
 * Measuring: each contender runs once over every input of a class (a pass);
 * a sample is a fixed number of passes (chosen at warm-up so a sample lasts
 * ~`SAMPLE_MS`), timed as a whole and divided by the number of decodes. A round
 * takes one sample of every contender on every class, contenders in an order
 * rotated each round; results are medians over the rounds, and ratios are the
 * medians of the per-round ratios (both sides measured within a few ms of each
 * other, so drift on a shared machine cancels).
 */
import {performance} from 'node:perf_hooks'
import {decodeChatEvent, decodeChatEventJson, type DecodeOptions} from '../generated/src/index.js'
import {compileAjv} from './ajv.js'
import {buildInputs, INPUT_CLASSES, textBytes, type BenchInput, type InputClass} from './inputs.js'
import {formatTargets, grouped, isMain, median, parseOptions, spreadPercent, table, type Target} from './stats.js'
import {buildZodSchemas} from './zod-schemas.js'

/** Target length of one sample (a fixed batch of passes), in ms. */
const SAMPLE_MS = 6
/** Warm-up per contender and class: at least this many passes and this long. */
const WARM_UP_PASSES = 4
const WARM_UP_MS = 80
/** Samples per contender and class in each round; the round keeps the fastest. */
const SUB_SAMPLES = 3

const STRICT: DecodeOptions = {mode: 'strict'}
const DEFAULT: DecodeOptions = {mode: 'default'}
const LENIENT: DecodeOptions = {mode: 'lenient'}

/** The inputs of one class as the contenders take them. */
interface Batch {
  values: unknown[]
  texts: string[]
}

/** A contender: one pass over a batch, returning a checksum so nothing is optimized away. */
interface Contender {
  name: string
  input: 'parsed' | 'text'
  what: string
  run(batch: Batch): number
}

type Validate = ReturnType<typeof compileAjv>['validate']
type ZodEvent = ReturnType<typeof buildZodSchemas>['event']

/**
 * Every contender, each its own function (so each call site stays monomorphic).
 * On a failure each reads its first error's path: ours `error.path`, ajv
 * `errors[0].instancePath`, zod `error.issues[0].path`.
 */
function contenders(validate: Validate, zodEvent: ZodEvent): Contender[] {
  return [
    {
      name: 'JSON.parse',
      input: 'text',
      what: 'JSON.parse alone (floor for text input)',
      run(batch) {
        const texts = batch.texts
        let sink = 0
        for (let index = 0; index < texts.length; index++) if (JSON.parse(texts[index]!) !== null) sink++
        return sink
      },
    },
    {
      name: 'decode strict',
      input: 'parsed',
      what: "decodeChatEvent(value, {mode: 'strict'})",
      run(batch) {
        const values = batch.values
        let sink = 0
        for (let index = 0; index < values.length; index++) {
          const result = decodeChatEvent(values[index], STRICT)
          sink += result.ok ? 1 : result.error.path.length
        }
        return sink
      },
    },
    {
      name: 'decode default',
      input: 'parsed',
      what: "decodeChatEvent(value, {mode: 'default'})",
      run(batch) {
        const values = batch.values
        let sink = 0
        for (let index = 0; index < values.length; index++) {
          const result = decodeChatEvent(values[index], DEFAULT)
          sink += result.ok ? 1 : result.error.path.length
        }
        return sink
      },
    },
    {
      name: 'decode lenient',
      input: 'parsed',
      what: "decodeChatEvent(value, {mode: 'lenient'})",
      run(batch) {
        const values = batch.values
        let sink = 0
        for (let index = 0; index < values.length; index++) {
          const result = decodeChatEvent(values[index], LENIENT)
          sink += result.ok ? 1 + result.issues.length : result.error.path.length
        }
        return sink
      },
    },
    {
      name: 'decodeJson strict',
      input: 'text',
      what: "decodeChatEventJson(text, {mode: 'strict'})",
      run(batch) {
        const texts = batch.texts
        let sink = 0
        for (let index = 0; index < texts.length; index++) {
          const result = decodeChatEventJson(texts[index]!, STRICT)
          sink += result.ok ? 1 : result.error.path.length
        }
        return sink
      },
    },
    {
      name: 'decodeJson default',
      input: 'text',
      what: "decodeChatEventJson(text, {mode: 'default'})",
      run(batch) {
        const texts = batch.texts
        let sink = 0
        for (let index = 0; index < texts.length; index++) {
          const result = decodeChatEventJson(texts[index]!, DEFAULT)
          sink += result.ok ? 1 : result.error.path.length
        }
        return sink
      },
    },
    {
      name: 'decodeJson lenient',
      input: 'text',
      what: "decodeChatEventJson(text, {mode: 'lenient'})",
      run(batch) {
        const texts = batch.texts
        let sink = 0
        for (let index = 0; index < texts.length; index++) {
          const result = decodeChatEventJson(texts[index]!, LENIENT)
          sink += result.ok ? 1 + result.issues.length : result.error.path.length
        }
        return sink
      },
    },
    {
      name: 'ajv',
      input: 'parsed',
      what: 'ajv 8 validate(value) from generated/schema.json; on failure errors[0].instancePath',
      run(batch) {
        const values = batch.values
        let sink = 0
        for (let index = 0; index < values.length; index++) {
          if (validate(values[index])) sink++
          else sink += validate.errors![0]!.instancePath.length
        }
        return sink
      },
    },
    {
      name: 'JSON.parse + ajv',
      input: 'text',
      what: 'validate(JSON.parse(text)); on failure errors[0].instancePath',
      run(batch) {
        const texts = batch.texts
        let sink = 0
        for (let index = 0; index < texts.length; index++) {
          if (validate(JSON.parse(texts[index]!))) sink++
          else sink += validate.errors![0]!.instancePath.length
        }
        return sink
      },
    },
    {
      name: 'zod',
      input: 'parsed',
      what: 'zod 4 safeParse(value), schemas built from the IR; on failure error.issues[0].path',
      run(batch) {
        const values = batch.values
        let sink = 0
        for (let index = 0; index < values.length; index++) {
          const result = zodEvent.safeParse(values[index])
          sink += result.success ? 1 : result.error.issues[0]!.path.length
        }
        return sink
      },
    },
  ]
}

// ---------------------------------------------------------------------------
// Agreement

/** One input on which the contenders (or a mode and its expectation) disagree. */
export interface Disagreement {
  class: InputClass
  input: string
  /** What was expected, what each said. */
  detail: string
}

/**
 * Check, before measuring, that every contender agrees with the class of every
 * input: valid inputs pass our default mode, ajv and zod; invalid and unknown
 * ones fail all three. Also: text and parsed decoding agree; a mutation is
 * reported at its own path with its own code; strict mode passes the drawn
 * valid events (no undocumented fields) and fails every invalid input; lenient
 * mode keeps exactly the inputs whose issues are not fatal.
 */
export function checkAgreement(
  classes: Record<InputClass, BenchInput[]>,
  validate: Validate,
  zodEvent: ZodEvent,
): {checked: number; disagreements: Disagreement[]; notes: string[]} {
  const disagreements: Disagreement[] = []
  const notes: string[] = []
  let checked = 0
  for (const inputClass of ['valid', 'invalid', 'unknown'] as const) {
    const expected = inputClass === 'valid'
    for (const input of classes[inputClass]) {
      checked++
      const ours = decodeChatEvent(input.value, DEFAULT)
      const fromText = decodeChatEventJson(input.text, DEFAULT)
      const ajv = validate(input.value)
      const ajvError = ajv ? '' : ` (${validate.errors?.[0]?.instancePath || '/'} ${validate.errors?.[0]?.message})`
      const zod = zodEvent.safeParse(input.value)
      const zodError = zod.success
        ? ''
        : ` (${formatZodPath(zod.error.issues[0]!.path)} ${zod.error.issues[0]!.message})`
      const add = (detail: string) => disagreements.push({class: inputClass, input: input.label, detail})
      if (ours.ok !== expected || ajv !== expected || zod.success !== expected) {
        add(
          `expected ${expected ? 'valid' : 'invalid'}: decoder ${ours.ok ? 'valid' : `invalid (${ours.error.message})`}, ` +
            `ajv ${ajv ? 'valid' : `invalid${ajvError}`}, zod ${zod.success ? 'valid' : `invalid${zodError}`}`,
        )
      }
      if (fromText.ok !== ours.ok) add(`decodeChatEventJson says ${fromText.ok}, decodeChatEvent says ${ours.ok}`)
      if (
        input.mutation &&
        !ours.ok &&
        (ours.error.path !== input.mutation.path || ours.error.code !== input.mutation.code)
      ) {
        add(
          `mutation expects ${input.mutation.code} at ${input.mutation.path}; decoder reports ${ours.error.code} at ${ours.error.path}`,
        )
      }
      const strict = decodeChatEvent(input.value, STRICT)
      const isRealValid = input === classes['real-valid'][0]
      if (strict.ok !== expected && !isRealValid)
        add(`strict mode says ${strict.ok ? 'valid' : `invalid (${strict.error.message})`}`)
      if (isRealValid && !strict.ok)
        notes.push(`strict mode rejects the real ${input.label} as designed: ${strict.error.message}`)
      const lenient = decodeChatEvent(input.value, LENIENT)
      const lenientExpected = expected || (input.mutation ? !input.mutation.fatal : inputClass === 'invalid')
      if (lenient.ok !== lenientExpected)
        add(
          `lenient mode says ${lenient.ok ? 'kept' : `failed (${lenient.error.message})`}, expected ${lenientExpected ? 'kept' : 'failed'}`,
        )
    }
  }
  return {checked, disagreements, notes}
}

function formatZodPath(path: readonly PropertyKey[]): string {
  return `$${path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('')}`
}

// ---------------------------------------------------------------------------
// Measuring

/** Which clock a sample is read from. */
export type Clock = 'cpu' | 'wall'

export interface ContenderResult {
  contender: string
  input: 'parsed' | 'text'
  class: InputClass
  /** Median over rounds, on the run's clock. */
  nsPerOp: number
  opsPerSec: number
  /** Interquartile range over the median, %. */
  spreadPercent: number
  /** Median over rounds on the other clock (wall when the run's clock is cpu). */
  otherClockNsPerOp: number
  /** Decodes per sample. */
  opsPerSample: number
  /** ns/op of every round (the fastest of its sub-samples), on the run's clock. */
  samples: number[]
  /** The same on the other clock. */
  otherClockSamples: number[]
}

export interface Ratio {
  class: InputClass
  name: string
  numerator: string
  denominator: string
  /** Median of the per-round ratios. */
  ratio: number
}

export interface DecodeBenchResult {
  node: string
  clock: Clock
  rounds: number
  subSamples: number
  sampleMs: number
  setup: {schemaAndInputsMs: number; ajvCompileMs: number; zodBuildMs: number; warmUpMs: number}
  inputs: {class: InputClass; count: number; bytes: number; description: string}[]
  contenders: {name: string; input: 'parsed' | 'text'; what: string}[]
  agreement: {checked: number; disagreements: Disagreement[]; notes: string[]}
  results: ContenderResult[]
  ratios: Ratio[]
  targets: Target[]
  elapsedMs: number
}

/** Pairs whose ratio is reported for every class: [name, numerator, denominator]. */
const RATIOS: [string, string, string][] = [
  ['ajv ÷ decode default (parsed)', 'ajv', 'decode default'],
  ['zod ÷ decode default (parsed)', 'zod', 'decode default'],
  ['decode strict ÷ decode default', 'decode strict', 'decode default'],
  ['decode lenient ÷ decode default', 'decode lenient', 'decode default'],
  ['decodeJson default ÷ JSON.parse', 'decodeJson default', 'JSON.parse'],
  ['JSON.parse + ajv ÷ JSON.parse', 'JSON.parse + ajv', 'JSON.parse'],
]

export interface DecodeBenchOptions {
  rounds: number
  /** Measure only these input classes. */
  classes?: readonly string[]
  /** Run only these contenders (by name), e.g. to profile one. */
  only?: readonly string[]
  /** `cpu` (default): CPU time of the process, which a descheduled or stolen vCPU does not count; `wall`: elapsed time. */
  clock?: Clock
  log?: (line: string) => void
}

export async function runDecodeBench(options: DecodeBenchOptions): Promise<DecodeBenchResult> {
  const log = options.log ?? (() => {})
  const clock = options.clock ?? 'cpu'
  const started = performance.now()
  const inputs = await buildInputs()
  const schemaAndInputsMs = performance.now() - started
  const {validate, compileMs: ajvCompileMs} = compileAjv()
  let mark = performance.now()
  const zod = buildZodSchemas(inputs.schema)
  const zodBuildMs = performance.now() - mark
  const all = contenders(validate, zod.event).filter(
    (contender) => !options.only || options.only.includes(contender.name),
  )
  if (all.length === 0)
    throw new Error(
      `--only: no such contender (contenders: ${contenders(validate, zod.event)
        .map((contender) => contender.name)
        .join(', ')})`,
    )
  log(
    `decode: inputs ready in ${schemaAndInputsMs.toFixed(0)} ms, ajv compiled in ${ajvCompileMs.toFixed(0)} ms, zod built in ${zodBuildMs.toFixed(0)} ms`,
  )

  const agreement = checkAgreement(inputs.classes, validate, zod.event)
  log(`decode: agreement checked on ${agreement.checked} inputs: ${agreement.disagreements.length} disagreement(s)`)

  const batches = Object.fromEntries(
    INPUT_CLASSES.map((inputClass) => [
      inputClass,
      {
        values: inputs.classes[inputClass].map((input) => input.value),
        texts: inputs.classes[inputClass].map((input) => input.text),
      },
    ]),
  ) as Record<InputClass, Batch>

  const classes = INPUT_CLASSES.filter((inputClass) => !options.classes || options.classes.includes(inputClass))
  if (classes.length === 0) throw new Error(`--classes: none of ${INPUT_CLASSES.join(', ')}`)

  // Warm up every contender on every class, and fix each sample's batch of passes.
  mark = performance.now()
  const passes = new Map<string, number>()
  const key = (contender: Contender, inputClass: InputClass) => `${contender.name}\u0000${inputClass}`
  let sink = 0
  for (const inputClass of classes) {
    for (const contender of all) {
      const batch = batches[inputClass]
      const times: number[] = []
      const warmStart = performance.now()
      while (times.length < WARM_UP_PASSES || performance.now() - warmStart < WARM_UP_MS) {
        const passStart = performance.now()
        sink += contender.run(batch)
        times.push(performance.now() - passStart)
      }
      passes.set(
        key(contender, inputClass),
        Math.max(1, Math.round(SAMPLE_MS / Math.min(...times.slice(-WARM_UP_PASSES)))),
      )
    }
  }
  const warmUpMs = performance.now() - mark
  log(`decode: warm-up ${warmUpMs.toFixed(0)} ms`)

  // Each round: SUB_SAMPLES sweeps over every class and contender (rotated order);
  // a contender's value for the round is its fastest sub-sample (interruptions only ever add time).
  const samples = new Map<string, {cpu: number[]; wall: number[]}>()
  for (const inputClass of classes)
    for (const contender of all) samples.set(key(contender, inputClass), {cpu: [], wall: []})
  const gc = (globalThis as {gc?: () => void}).gc
  for (let round = 0; round < options.rounds; round++) {
    gc?.()
    const best = new Map<string, {cpu: number; wall: number}>()
    for (let sweep = 0; sweep < SUB_SAMPLES; sweep++) {
      for (const inputClass of classes) {
        const batch = batches[inputClass]
        for (let offset = 0; offset < all.length; offset++) {
          const contender = all[(offset + round * SUB_SAMPLES + sweep) % all.length]!
          const count = passes.get(key(contender, inputClass))!
          const cpuStart = process.cpuUsage()
          const wallStart = performance.now()
          for (let pass = 0; pass < count; pass++) sink += contender.run(batch)
          const wallMs = performance.now() - wallStart
          const cpu = process.cpuUsage(cpuStart)
          const ops = count * batch.values.length
          const sample = {cpu: ((cpu.user + cpu.system) * 1e3) / ops, wall: (wallMs * 1e6) / ops}
          const previous = best.get(key(contender, inputClass))
          best.set(
            key(contender, inputClass),
            previous ? {cpu: Math.min(previous.cpu, sample.cpu), wall: Math.min(previous.wall, sample.wall)} : sample,
          )
        }
      }
    }
    for (const [name, value] of best) {
      const list = samples.get(name)!
      list.cpu.push(value.cpu)
      list.wall.push(value.wall)
    }
    log(`decode: round ${round + 1}/${options.rounds} done`)
  }
  if (sink === 0) throw new Error('no work was done')

  const other: Clock = clock === 'cpu' ? 'wall' : 'cpu'
  const results: ContenderResult[] = []
  for (const inputClass of classes) {
    for (const contender of all) {
      const list = samples.get(key(contender, inputClass))!
      const nsPerOp = median(list[clock])
      results.push({
        contender: contender.name,
        input: contender.input,
        class: inputClass,
        nsPerOp,
        opsPerSec: 1e9 / nsPerOp,
        spreadPercent: spreadPercent(list[clock]),
        otherClockNsPerOp: median(list[other]),
        opsPerSample: passes.get(key(contender, inputClass))! * batches[inputClass].values.length,
        samples: list[clock],
        otherClockSamples: list[other],
      })
    }
  }
  const ratioOf = (inputClass: InputClass, numerator: string, denominator: string): number | null => {
    const top = results.find((result) => result.class === inputClass && result.contender === numerator)?.samples
    const bottom = results.find((result) => result.class === inputClass && result.contender === denominator)?.samples
    return top && bottom ? median(top.map((value, round) => value / bottom[round]!)) : null
  }
  const ratios: Ratio[] = classes.flatMap((inputClass) =>
    RATIOS.flatMap(([name, numerator, denominator]) => {
      const ratio = ratioOf(inputClass, numerator, denominator)
      return ratio === null ? [] : [{class: inputClass, name, numerator, denominator, ratio}]
    }),
  )
  const targets: Target[] = [
    {
      name: 'valid events, parsed input: decode default ≥ 1.5× faster than ajv',
      kind: 'min',
      bound: 1.5,
      ratio: ratioOf('valid', 'ajv', 'decode default'),
      formula: 'ajv ns/op ÷ decode default ns/op, class valid',
    },
    {
      name: 'valid events, parsed input: decode default ≥ 15× faster than zod 4',
      kind: 'min',
      bound: 15,
      ratio: ratioOf('valid', 'zod', 'decode default'),
      formula: 'zod ns/op ÷ decode default ns/op, class valid',
    },
    {
      name: 'valid events, text input: JSON.parse + decode ≤ 1.10× JSON.parse alone',
      kind: 'max',
      bound: 1.1,
      ratio: ratioOf('valid', 'decodeJson default', 'JSON.parse'),
      formula: 'decodeJson default ns/op ÷ JSON.parse ns/op, class valid',
    },
    {
      name: 'invalid input: first error with its path at least as fast as ajv',
      kind: 'min',
      bound: 1,
      ratio: ratioOf('invalid', 'ajv', 'decode default'),
      formula: 'ajv (validate + errors[0].instancePath) ÷ decode default (error.path), class invalid',
    },
  ]
  return {
    node: process.version,
    clock,
    rounds: options.rounds,
    subSamples: SUB_SAMPLES,
    sampleMs: SAMPLE_MS,
    setup: {schemaAndInputsMs, ajvCompileMs, zodBuildMs, warmUpMs},
    inputs: INPUT_CLASSES.map((inputClass) => ({
      class: inputClass,
      count: inputs.classes[inputClass].length,
      bytes: textBytes(inputs.classes[inputClass]),
      description: inputs.description[inputClass],
    })),
    contenders: all.map(({name, input, what}) => ({name, input, what})),
    agreement,
    results,
    ratios,
    targets,
    elapsedMs: performance.now() - started,
  }
}

// ---------------------------------------------------------------------------
// Report

export function formatDecode(result: DecodeBenchResult): string {
  const lines: string[] = []
  const otherClock = result.clock === 'cpu' ? 'wall' : 'cpu'
  lines.push(
    `## Decoders (node ${result.node}; ${result.clock === 'cpu' ? 'process CPU time' : 'wall-clock time'}; median over ${result.rounds} rounds of the best of ${result.subSamples} interleaved samples of ~${result.sampleMs} ms)`,
  )
  lines.push('')
  lines.push(
    table(
      ['class', 'inputs', 'JSON bytes', 'what'],
      result.inputs.map((input) => [input.class, input.count, grouped(input.bytes), input.description]),
    ),
  )
  lines.push('')
  lines.push(
    `setup: inputs ${result.setup.schemaAndInputsMs.toFixed(0)} ms, ajv compile ${result.setup.ajvCompileMs.toFixed(0)} ms, zod build ${result.setup.zodBuildMs.toFixed(0)} ms, warm-up ${result.setup.warmUpMs.toFixed(0)} ms`,
  )
  const {agreement} = result
  lines.push(
    agreement.disagreements.length === 0
      ? `agreement: decoder (default, text and parsed), ajv and zod agree on all ${agreement.checked} inputs; strict/lenient as expected; every mutation reported at its path`
      : `agreement: ${agreement.disagreements.length} DISAGREEMENT(S) on ${agreement.checked} inputs:`,
  )
  for (const disagreement of agreement.disagreements)
    lines.push(`  [${disagreement.class}] ${disagreement.input}: ${disagreement.detail}`)
  for (const note of agreement.notes) lines.push(`  note: ${note}`)
  const measured = INPUT_CLASSES.filter((inputClass) => result.results.some((row) => row.class === inputClass))
  for (const inputClass of measured) {
    const rows = result.results.filter((row) => row.class === inputClass)
    const floor = rows.find((row) => row.contender === 'decode default')?.nsPerOp ?? Number.NaN
    lines.push('')
    lines.push(`### ${inputClass}`)
    lines.push(
      table(
        ['contender', 'input', 'ops/s', 'ns/op', '± IQR %', '× decode default', `${otherClock} ns/op`],
        rows.map((row) => [
          row.contender,
          row.input,
          grouped(row.opsPerSec),
          grouped(row.nsPerOp),
          row.spreadPercent.toFixed(1),
          (row.nsPerOp / floor).toFixed(2),
          grouped(row.otherClockNsPerOp),
        ]),
      ),
    )
  }
  lines.push('')
  lines.push('### Ratios (median of per-round ratios of ns/op; > 1 means the denominator is faster)')
  const classes = measured
  lines.push(
    table(
      ['ratio', ...classes],
      RATIOS.filter(([name]) => result.ratios.some((ratio) => ratio.name === name)).map(([name]) => [
        name,
        ...classes.map(
          (inputClass) =>
            result.ratios.find((ratio) => ratio.class === inputClass && ratio.name === name)?.ratio.toFixed(2) ?? 'n/a',
        ),
      ]),
    ),
  )
  lines.push('')
  lines.push(...formatTargets(result.targets))
  return lines.join('\n')
}

if (isMain(import.meta)) {
  const options = parseOptions(process.argv.slice(2))
  const result = await runDecodeBench({
    rounds: options.rounds,
    clock: options.clock,
    only: options.only,
    classes: options.classes,
    log: options.json ? undefined : (line) => console.error(line),
  })
  console.log(options.json ? JSON.stringify(result, null, 2) : formatDecode(result))
  if (result.agreement.disagreements.length > 0) process.exitCode = 1
}
