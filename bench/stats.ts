/** Small helpers shared by the benchmarks: statistics, tables, targets, options. */
import {pathToFileURL} from 'node:url'

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Spread of samples around their median: (q3 - q1) / median, as a percentage. */
export function spreadPercent(values: readonly number[]): number {
  if (values.length < 2) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => {
    const position = (sorted.length - 1) * q
    const low = Math.floor(position)
    const high = Math.ceil(position)
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
  }
  const middle = median(sorted)
  return middle === 0 ? 0 : ((at(0.75) - at(0.25)) / middle) * 100
}

/** A benchmark target: a ratio measured in this run against its bound. */
export interface Target {
  name: string
  /** `ratio >= bound` (`min`) or `ratio <= bound` (`max`). */
  kind: 'min' | 'max'
  bound: number
  /** `null` when the run could not measure it (`reason` says why). */
  ratio: number | null
  /** How the ratio is computed. */
  formula: string
  reason?: string
  /** Show ratio and bound as percentages. */
  percent?: boolean
}

export type TargetStatus = 'PASS' | 'MISS' | 'N/A'

export function targetStatus(target: Target): TargetStatus {
  if (target.ratio === null || !Number.isFinite(target.ratio)) return 'N/A'
  return (target.kind === 'min' ? target.ratio >= target.bound : target.ratio <= target.bound) ? 'PASS' : 'MISS'
}

export function formatTarget(target: Target): string {
  const status = targetStatus(target)
  const show = (value: number) => (target.percent ? `${(value * 100).toFixed(2)}%` : value.toFixed(2))
  const bound = `${target.kind === 'min' ? '≥' : '≤'} ${target.percent ? show(target.bound) : target.bound}`
  const measured = target.ratio === null ? 'not measured' : show(target.ratio)
  const reason = target.reason ? ` — ${target.reason}` : ''
  return `  ${status.padEnd(4)} ${target.name}: ${measured} (target ${bound}; ${target.formula})${reason}`
}

/** Render rows as an aligned text table; numbers right-aligned. */
/** The `### Targets` section of a report: its heading, then one line per target. */
export function formatTargets(targets: readonly Target[]): string[] {
  return ['### Targets', ...targets.map(formatTarget)]
}

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => String(cell)))
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)))
  const numeric = header.map((_, column) =>
    rows.every((row) => typeof row[column] === 'number' || /^[\d.,×%-]+$/.test(String(row[column]))),
  )
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

/** `12,345` style (thousands separators). */
export function grouped(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits})
}

/** Whether `meta` (an `import.meta`) is the module node was started with. */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1]
  return entry !== undefined && pathToFileURL(entry).href === meta.url
}

/** Command-line options common to the benchmarks. */
export interface BenchOptions {
  json: boolean
  /** Measured rounds (decoders); at least 7. */
  rounds: number
  /** Measured rounds of generation. */
  generateRounds: number
  /** Clock of the decoder samples. */
  clock: 'cpu' | 'wall'
  /** Decoder contenders to run (all when absent). */
  only?: string[]
  /** Decoder input classes to measure (all when absent). */
  classes?: string[]
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {json: false, rounds: 11, generateRounds: 5, clock: 'cpu'}
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!
    const number = (name: string) => {
      const value = Number(argv[++index])
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: expected a positive integer`)
      return value
    }
    if (argument === '--json') options.json = true
    else if (argument === '--rounds') options.rounds = Math.max(7, number('--rounds'))
    else if (argument === '--generate-rounds') options.generateRounds = number('--generate-rounds')
    else if (argument === '--clock') {
      const clock = argv[++index]
      if (clock !== 'cpu' && clock !== 'wall') throw new Error('--clock: expected cpu or wall')
      options.clock = clock
    } else if (argument === '--classes') {
      const names = argv[++index]
      if (!names) throw new Error('--classes: expected class names, comma-separated')
      options.classes = names.split(',').map((name) => name.trim())
    } else if (argument === '--only') {
      const names = argv[++index]
      if (!names) throw new Error('--only: expected contender names, comma-separated')
      options.only = names.split(',').map((name) => name.trim())
    } else
      throw new Error(
        `unknown option ${argument} (options: --json, --rounds N (≥ 7), --generate-rounds N, --clock cpu|wall, --only name,name, --classes name,name)`,
      )
  }
  return options
}
