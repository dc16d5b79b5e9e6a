/**
 * The upstream workflow example (examples/upstream-workflow/): the README shows the workflow as the file holds
 * it, and a dry run of its script against a local stand-in for upstream regenerates the library, writes the
 * CHANGELOG section the pull request gets, annotates the run, and prints the git and gh commands it would run.
 */
import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument, writeMiniSpec} from './support/mini-spec.js'
import {runCliCapturing} from './support/run-cli.js'
import {temporaryFolder} from './support/temp-folders.js'

const root = path.resolve(import.meta.dirname, '..')
const WORKFLOW = path.join(root, 'examples/upstream-workflow/upstream.yml')
const SCRIPT = path.join(root, 'examples/upstream-workflow/update-from-upstream.sh')

/** Upstream's newer docs: the mini spec with one more event, `UserLeft`. */
const upstreamDocuments: Record<string, string> = {
  'EVENTS.md': eventsDocument([...MINI_EVENTS, {name: 'UserLeft', tag: 'userLeft', fields: ['- userId: int64']}]),
  'TYPES.md': typesDocument(MINI_TYPES),
}

let server: Server
let base: string
beforeAll(async () => {
  server = createServer((request, response) => {
    const [, folder, name = ''] = (request.url ?? '').split('/')
    const documents = folder === 'newer' ? upstreamDocuments : folder === 'same' ? pinnedDocuments : {}
    if (documents[name]) response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end(documents[name])
    else response.writeHead(404, {'content-type': 'text/plain'}).end('Not Found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const pinnedDocuments: Record<string, string> = {
  'EVENTS.md': eventsDocument(MINI_EVENTS),
  'TYPES.md': typesDocument(MINI_TYPES),
}

/** Run the workflow's script as its step does, in dry-run mode, with the CLI of this checkout. */
async function dryRun(
  upstream: string,
  pinned?: string,
): Promise<{code: number; stdout: string; stderr: string; work: string}> {
  const work = await temporaryFolder('upstream-')
  const spec = pinned ?? (await writeMiniSpec())
  const env = {
    ...process.env,
    UPSTREAM: upstream,
    SPEC: spec,
    OUT: path.join(work, 'generated'),
    CHANGES: path.join(work, 'upstream-changes.md'),
    DRY_RUN: '1',
    SIMPLEX_EVENTS: `${process.execPath} --import tsx ${path.join(root, 'generator/cli.ts')}`,
    NO_COLOR: '1',
  }
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT], {cwd: root, env})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr, work}))
  })
}

describe('the upstream workflow example', () => {
  it('is shown in the README as examples/upstream-workflow/upstream.yml holds it', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const shown = /<!-- upstream-workflow:start -->\n```yaml\n([\s\S]*?)```\n<!-- upstream-workflow:end -->/.exec(
      readme,
    )?.[1]
    expect(shown).toBe(readFileSync(WORKFLOW, 'utf8'))
  })

  it('runs weekly and on demand, may push and open pull requests, and runs the script', () => {
    const workflow = readFileSync(WORKFLOW, 'utf8')
    expect(workflow).toMatch(/^on:\n {2}schedule:\n {4}- cron: '[^']+'/m)
    expect(workflow).toContain('  workflow_dispatch:\n')
    expect(workflow).toContain('permissions:\n  contents: write\n  pull-requests: write\n')
    expect(workflow).toContain('UPSTREAM: https://raw.githubusercontent.com/simplex-chat/simplex-chat/stable/bots/api/')
    expect(workflow).toContain('bash examples/upstream-workflow/update-from-upstream.sh')
    // An example: it must not run in this repository's own CI.
    expect(existsSync(path.join(root, '.github/workflows/upstream.yml'))).toBe(false)
  })
})

describe('a dry run of its script against a local upstream', {timeout: 120_000}, () => {
  it('regenerates, writes the changelog the pull request gets, annotates the run, and prints the PR commands', async () => {
    const run = await dryRun(`${base}/newer/`)
    expect(run.code, run.stderr).toBe(0)
    const changes = readFileSync(path.join(run.work, 'upstream-changes.md'), 'utf8')
    // A plain URL (not raw.githubusercontent.com) is linked as it is.
    expect(changes).toContain(
      `### Added\n\n- [\`event UserLeft\`](${base}/newer/EVENTS.md#userleft) added: \`"userLeft"\` — `,
    )
    // Added upstream: a URL, so no file to annotate; the summary closes the annotations.
    expect(run.stdout).toMatch(
      /^::notice title=simplex-events diff::.* → .*: 1 change: 0 breaking, 0 warnings, 1 safe$/m,
    )
    expect(run.stdout).toMatch(/^::notice title=event-added \(safe\)::event UserLeft added/m)
    expect(readFileSync(path.join(run.work, 'generated/src/events.ts'), 'utf8')).toContain('export interface UserLeft')
    const branch = `upstream/${new Date().toISOString().slice(0, 10)}`
    const dry = run.stdout.split('\n').filter((line) => line.startsWith('dry run:'))
    expect(dry).toEqual([
      `dry run: git switch -c ${branch}`,
      `dry run: git add -- ${path.join(run.work, 'generated')}`,
      expect.stringMatching(/^dry run: git commit -m Regenerate\\ from\\ upstream.*1\\ change:\\ 0\\ breaking/),
      `dry run: git push --force origin ${branch}`,
      expect.stringMatching(
        new RegExp(
          `^dry run: gh pr create --base main --head ${branch} --title .* --body-file ${run.work}/upstream-changes\\.md$`,
        ),
      ),
    ])
  })

  it('writes the same changelog as `diff --format changelog`', async () => {
    const spec = await writeMiniSpec()
    const run = await dryRun(`${base}/newer/`, spec)
    const diff = await runCliCapturing('diff', spec, `${base}/newer/`, '--format', 'changelog', '--fail-on', 'none')
    expect(readFileSync(path.join(run.work, 'upstream-changes.md'), 'utf8')).toBe(diff.stdout)
  })

  it('does nothing when upstream has the pinned docs: no generate, no pull request', async () => {
    const run = await dryRun(`${base}/same/`)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain("upstream's docs are the pinned ones: nothing to do\n")
    expect(run.stdout).not.toContain('dry run:')
    expect(existsSync(path.join(run.work, 'generated'))).toBe(false)
  })

  it('fails (exit 2) when upstream cannot be read, before any pull request', async () => {
    const run = await dryRun(`${base}/missing/`)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`GET ${base}/missing/EVENTS.md: HTTP 404 Not Found`)
    expect(run.stdout).not.toContain('dry run:')
  })
})
