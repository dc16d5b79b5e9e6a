/**
 * The whole benchmark: bundle sizes, decoders, generation, the client, in that order, then
 * every target with PASS/MISS and the ratio measured in this run.
 *
 *     npm run bench                      # tables on stdout, progress on stderr
 *     npm run bench -- --json            # one JSON object on stdout
 *     npm run bench -- --rounds 15 --generate-rounds 7 --clock wall
 *
 * Exit code 1 when the contenders disagree on an input or tree-shaking fails
 * (findings, not speed); a missed speed target does not fail the run.
 */
import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {formatDecode, runDecodeBench} from './decode.js'
import {formatGenerate, runGenerateBench} from './generate.js'
import {formatSize, runSizeBench} from './size.js'
import {formatTarget, parseOptions, targetStatus} from './stats.js'

const options = parseOptions(process.argv.slice(2))
const log = (line: string) => console.error(line)
const started = performance.now()

log('size: bundling with esbuild')
const size = await runSizeBench()
const decode = await runDecodeBench({rounds: options.rounds, clock: options.clock, log})
const generate = await runGenerateBench({rounds: options.generateRounds, log})
log('stable shape: one real frame in a fresh process')
// A child process: this one has seen the drawn events' many shapes, which would leave its property accesses megamorphic.
const stableShape = execFileSync(
  process.execPath,
  ['--import', 'tsx', path.join(import.meta.dirname, 'stable-shape.ts')],
  {encoding: 'utf8'},
)
log('client: events and commands through the WebSocket client (loopback)')
// A child process too: its sockets and timers must not share the event loop with the decoder runs.
const client = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'client.ts')], {
  encoding: 'utf8',
})
const targets = [...decode.targets, ...generate.targets, ...size.targets]
const elapsedMs = performance.now() - started

if (options.json) {
  console.log(
    JSON.stringify(
      {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        elapsedMs,
        targets: targets.map((target) => ({...target, status: targetStatus(target)})),
        decode,
        generate,
        size,
        stableShape,
        client,
      },
      null,
      2,
    ),
  )
} else {
  console.log(
    `# simplex-events benchmark (node ${process.version}, ${process.platform} ${process.arch}, ${(elapsedMs / 1000).toFixed(0)} s)\n`,
  )
  console.log(formatDecode(decode))
  console.log('')
  console.log(stableShape)
  console.log(formatGenerate(generate))
  console.log('')
  console.log(formatSize(size))
  console.log('')
  console.log(client)
  console.log('## All targets (ratios from this run)')
  for (const target of targets) console.log(formatTarget(target))
}
if (decode.agreement.disagreements.length > 0 || size.guardShare >= size.targets[0]!.bound) process.exitCode = 1
