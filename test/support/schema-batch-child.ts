// Child process for the hostile-docs property: runs `schema --spec DIR` on each folder it is given,
// one after another, and prints one JSON line per folder (exit code, milliseconds, stderr), then
// its peak resident memory. A throw out of the CLI (a crash: it exits 2 for every input error) is
// printed as `crashed`; a process that dies prints no line for its folder, and the test says so.
import {performance} from 'node:perf_hooks'
import {runCli} from '../../generator/cli.js'

// `schema` loads the pipeline (TypeScript, unified) on first use: loaded here, before any clock starts, each
// folder's time is what its document costs, not the first one's module loading too.
await import('../../generator/pipeline.js')

for (const folder of process.argv.slice(2)) {
  let stderr = ''
  const start = performance.now()
  let line: Record<string, unknown>
  try {
    const code = await runCli(['schema', '--spec', folder], {
      stdout: () => undefined,
      stderr: (text) => void (stderr += text),
      color: false,
    })
    line = {folder, code, ms: Math.round(performance.now() - start), stderr: stderr.slice(0, 4000)}
  } catch (error) {
    line = {folder, crashed: String((error as Error)?.stack ?? error).slice(0, 4000), ms: performance.now() - start}
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}
// maxRSS is in KiB on every platform Node supports.
process.stdout.write(`${JSON.stringify({peakRssKiB: process.resourceUsage().maxRSS})}\n`)
