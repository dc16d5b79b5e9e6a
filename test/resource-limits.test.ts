/**
 * Untrusted docs cannot make the CLI use unbounded memory or time: each case runs
 * `simplex-events` in a child process against a local server or a folder made here
 * and asserts exit 2, a one-line message naming the input and the limit, and a
 * peak resident set under 500 MB. Time is bounded by each test's timeout (no
 * wall-clock assertion).
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {createGzip} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const child = path.join(root, 'test', 'support', 'cli-peak-rss.ts')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-limits-'))
const PEAK_RSS_LIMIT_MB = 500
const TIMEOUT_MS = 30_000

interface ChildRun {
  code: number | null
  stderr: string
  peakRssMb: number
}

/** Run the CLI in a child process (`node --import tsx`), with its peak RSS. */
function runCliChild(...argv: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const process = spawn(globalThis.process.execPath, ['--import', 'tsx', child, ...argv], {
      cwd: root,
      env: {...globalThis.process.env, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    process.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    process.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    process.on('error', reject)
    process.on('close', (code) => {
      const kib = /peak-rss-kib (\d+)/.exec(stdout)?.[1]
      resolve({code, stderr, peakRssMb: kib ? Number(kib) / 1024 : Number.NaN})
    })
  })
}

/** Serves `/endless/*` (text that never ends) and `/bomb/*` (a gzip of zeros that inflates to 256 MiB). */
let server: Server
let base: string
let bomb: Buffer

beforeAll(async () => {
  bomb = await gzipOfZeros(256 * 1024 * 1024)
  server = createServer((request, response) => {
    const folder = (request.url ?? '').split('/')[1]
    if (folder === 'endless') {
      response.writeHead(200, {'content-type': 'text/plain'})
      const line = Buffer.from('# API Events\n' + '- x: int\n'.repeat(7000))
      const write = () => {
        while (response.write(line));
      }
      response.on('drain', write)
      write()
    } else if (folder === 'bomb') {
      response.writeHead(200, {'content-type': 'text/plain', 'content-encoding': 'gzip'}).end(bomb)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, TIMEOUT_MS)

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(scratch, {recursive: true, force: true})
})

/** gzip of `size` zero bytes, made from a stream so the zeros never sit in memory at once (size / 1000). */
function gzipOfZeros(size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({level: 9})
    const chunks: Buffer[] = []
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk))
    gzip.on('end', () => resolve(Buffer.concat(chunks)))
    gzip.on('error', reject)
    const zeros = Buffer.alloc(1024 * 1024)
    let left = size / zeros.length
    const write = () => {
      while (left > 0) {
        left--
        if (!gzip.write(zeros)) return void gzip.once('drain', write)
      }
      gzip.end()
    }
    write()
  })
}

describe('--spec URL: a size limit on each body, while streaming', () => {
  it(
    'an endless streamed body fails with exit 2 naming the URL and the limit, in bounded memory',
    async () => {
      // An --out that exists: check reports a missing one before it reads the spec.
      const run = await runCliChild('check', '--spec', `${base}/endless/`, '--out', scratch)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(
        new RegExp(
          `^simplex-events: GET ${base}/endless/(EVENTS|TYPES|COMMANDS)\\.md: body larger than the limit of 8 MiB \\(--max-bytes 8388608\\)\\n$`,
        ),
      )
      expect(run.peakRssMb).toBeLessThan(PEAK_RSS_LIMIT_MB)
    },
    TIMEOUT_MS,
  )

  it(
    'a gzip bomb is counted after decompression and fails with exit 2 in bounded memory',
    async () => {
      expect(bomb.length).toBeLessThan(512 * 1024)
      const run = await runCliChild('check', '--spec', `${base}/bomb/`)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(
        /^simplex-events: GET http:\/\/127\.0\.0\.1:\d+\/bomb\/(EVENTS|TYPES|COMMANDS)\.md: body larger than the limit of 8 MiB \(--max-bytes 8388608\)\n$/,
      )
      expect(run.peakRssMb).toBeLessThan(PEAK_RSS_LIMIT_MB)
    },
    TIMEOUT_MS,
  )
})

describe('parsing: size and nesting limits before remark-parse', () => {
  const folder = (name: string, events: string) => {
    const directory = path.join(scratch, name)
    mkdirSync(directory)
    writeFileSync(path.join(directory, 'EVENTS.md'), events)
    writeFileSync(path.join(directory, 'TYPES.md'), '# API Types\n')
    return directory
  }

  it(
    '32 KB of nested "- - - ..." is a located too-deep error (exit 2), not minutes of parsing',
    async () => {
      const directory = folder('deep', `# API Events\n\n${'- '.repeat(16 * 1024)}x\n`)
      const run = await runCliChild('schema', '--spec', directory)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toContain('EVENTS.md\n3:33')
      expect(run.stderr).toMatch(/More than 16 lists or block quotes opened on one line\s+too-deep/)
      expect(run.peakRssMb).toBeLessThan(PEAK_RSS_LIMIT_MB)
    },
    TIMEOUT_MS,
  )

  it(
    'about 1 MB of types with many lists is a located too-large error (exit 2)',
    async () => {
      const type = (index: number) => `## Type${index}\n\n**Record type**:\n- a: int\n- b: string\n\n---\n\n`
      const types = '# API Types\n\n' + Array.from({length: 20_000}, (_, index) => type(index)).join('')
      expect(types.length).toBeGreaterThan(1_000_000)
      const directory = folder('many-lists', '# API Events\n')
      writeFileSync(path.join(directory, 'TYPES.md'), types)
      const run = await runCliChild('schema', '--spec', directory)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(
        /TYPES\.md\n1:1\s+error\s+Document is 1(\.\d)? MiB, more than the limit of 1 MiB\s+too-large/,
      )
      expect(run.peakRssMb).toBeLessThan(PEAK_RSS_LIMIT_MB)
    },
    TIMEOUT_MS,
  )
})
