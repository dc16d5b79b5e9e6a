/**
 * Summarize a V8 CPU profile: the functions with the most self time, and self
 * time by file.
 *
 *     node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/decode.ts --only "decode default" --classes valid --rounds 60
 *     npx tsx bench/profile.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--filter generated/src]
 *
 * `--filter` keeps only functions whose file path contains the text (percentages
 * are then of the filtered time), e.g. the decoder without the benchmark's setup.
 */
import {readFileSync} from 'node:fs'
import {table} from './stats.js'

interface ProfileNode {
  id: number
  callFrame: {functionName: string; url: string; lineNumber: number}
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

function shortUrl(url: string): string {
  const at = url.lastIndexOf('/work/')
  const trimmed = url.replace(/^file:\/\//, '')
  const root = process.cwd()
  if (trimmed.startsWith(root)) return trimmed.slice(root.length + 1)
  return at >= 0 ? trimmed : trimmed || '(native)'
}

export function summarize(profile: Profile, top = 25, filter?: string): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMicros = new Map<number, number>()
  profile.samples.forEach((id, index) =>
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
  )
  const all = [...selfMicros.values()].reduce((sum, value) => sum + value, 0)
  if (filter)
    for (const id of selfMicros.keys()) if (!byId.get(id)!.callFrame.url.includes(filter)) selfMicros.delete(id)
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0)
  const functions = new Map<string, number>()
  const files = new Map<string, number>()
  for (const [id, micros] of selfMicros) {
    const {functionName, url, lineNumber} = byId.get(id)!.callFrame
    const file = shortUrl(url)
    const name = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`
    functions.set(name, (functions.get(name) ?? 0) + micros)
    files.set(file, (files.get(file) ?? 0) + micros)
  }
  const rows = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => [name, (micros / 1000).toFixed(0), ((micros / total) * 100).toFixed(1)])
  return [
    `total sampled: ${(all / 1000).toFixed(0)} ms${filter ? `; in files matching "${filter}": ${(total / 1000).toFixed(0)} ms (percentages of that)` : ''}`,
    '',
    table(['function (self time)', 'ms', '%'], rows(functions, top)),
    '',
    table(['file (self time)', 'ms', '%'], rows(files, 12)),
  ].join('\n')
}

const [file, ...rest] = process.argv.slice(2)
if (!file) {
  console.error('usage: npx tsx bench/profile.ts FILE.cpuprofile [--top N] [--filter TEXT]')
  process.exit(2)
}
const option = (name: string) => {
  const index = rest.indexOf(name)
  return index >= 0 ? rest[index + 1] : undefined
}
console.log(
  summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(option('--top') ?? 25), option('--filter')),
)
