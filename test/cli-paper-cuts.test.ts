/** A maintainer's and a user's paper cuts: --version, --out resolved like --spec, check --stat, progress. */
import {existsSync} from 'node:fs'
import {cp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {createHash} from 'node:crypto'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {runCli} from '../generator/cli.js'
import {runNode, runNpm, runProcess} from './support/processes.js'
import {runCliCapturing} from './support/run-cli.js'
import {writeMiniSpec} from './support/mini-spec.js'
import {commandsDocument} from './support/mini-commands.js'
import {temporaryFolder} from './support/temp-folders.js'

const root = path.resolve(import.meta.dirname, '..')
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('paper cuts', () => {
  it('--version prints the generator version and the sha256 of each pinned document', async () => {
    const {code, stdout} = await runCliCapturing('--version')
    expect(code).toBe(0)
    const {version} = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {version: string}
    expect(stdout.split('\n')[0]).toBe(`simplex-events ${version}`)
    const sha = createHash('sha256')
      .update(await readFile(path.join(root, 'spec', 'TYPES.md')))
      .digest('hex')
    expect(stdout).toContain(`TYPES.md sha256 ${sha}`)
    expect(stdout).not.toContain('SOURCE.md')
  })

  it('--out defaults to the repository generated/ from any folder of a checkout, like --spec', async () => {
    // `cd generator && npx tsx cli.ts check` used to compare generator/generated (absent): a 52,241-line diff.
    const script = "import('./paths.ts').then((paths) => console.log(paths.DEFAULT_OUT, paths.INSTALLED))"
    const run = await runNode(['--import', 'tsx', '--input-type=module', '-e', script], path.join(root, 'generator'))
    expect(run.stderr).toBe('')
    expect(run.stdout.trim()).toBe(`${path.join('..', 'generated')} false`)
  })

  it('check --stat prints one line per stale file instead of the diff', async () => {
    const spec = await writeMiniSpec()
    const out = path.join(await temporaryFolder('stat-'), 'generated')
    expect((await runCliCapturing('generate', '--spec', spec, '--out', out)).code).toBe(0)
    const events = path.join(out, 'src', 'events.ts')
    await writeFile(events, `${await readFile(events, 'utf8')}// a hand edit\n// another\n`)
    const copy = `${out}-copy`
    await cp(out, copy, {recursive: true})
    const {code, stdout, stderr} = await runCliCapturing('check', '--spec', spec, '--out', out, '--stat')
    expect(code).toBe(1)
    expect(stdout).toBe('src/events.ts | +0 -2\n')
    expect(stderr).toMatch(/^1 stale file in .*: src\/events\.ts\n/)
    const full = await runCliCapturing('check', '--spec', spec, '--out', copy)
    expect(full.stdout).toContain('-// a hand edit')
  })

  it('generate shows a progress line on a terminal, and nothing on a pipe', async () => {
    const spec = await writeMiniSpec()
    const out = path.join(await temporaryFolder('progress-'), 'generated')
    const progress: string[] = []
    let stderr = ''
    const io = {stdout: () => {}, stderr: (text: string) => void (stderr += text), color: false}
    expect(
      await runCli(['generate', '--spec', spec, '--out', out], {...io, progress: (text) => progress.push(text)}),
    ).toBe(0)
    expect(progress).toContain('generate: parsing and checking...')
    expect(progress).toContain('generate: formatting src/decode.ts...')
    expect(progress.at(-1)).toBe('')
    expect(stderr).toBe('')
  })

  it('--help of the CLI and of each command loads neither TypeScript, ts-morph nor prettier', async () => {
    const hooks = pathToFileURL(path.join(root, 'test', 'support', 'resolve-log-hooks.mjs')).href
    const register = `data:text/javascript,import {register} from 'node:module'; register(${JSON.stringify(hooks)})`
    for (const command of [[], ['generate'], ['check'], ['schema'], ['diff'], ['drift']]) {
      const cli = ['--import', 'tsx', '--import', register, path.join(root, 'generator', 'cli.ts'), ...command]
      const run = await runNode([...cli, '--help'], root)
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Usage: simplex-events')
      const loaded = run.stderr.split('\n').filter((line) => line.startsWith('resolved '))
      // The hook sees the CLI's own modules (so it ran), and none of the heavy ones.
      expect(loaded).toContain(`resolved ${pathToFileURL(path.join(root, 'generator', 'cli-io.ts')).href}`)
      expect(loaded.filter((line) => /\/node_modules\/(typescript|ts-morph|prettier)\//.test(line))).toEqual([])
    }
  })

  it('check of a missing output folder is one line, exit 1, before reading the spec', async () => {
    // A spec that does not exist either: the missing --out is reported first, without generating anything.
    const result = await runCliCapturing('check', '--spec', '/a/no-spec', '--out', '/a/typo')
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '/a/typo does not exist; check --out, or run `npx simplex-events generate --spec /a/no-spec --out /a/typo`\n',
    })
  })

  it("check's Fix: line is a command that works in the folder check ran in (inside generated/, no npx)", async () => {
    const scratch = await temporaryFolder('fix-')
    try {
      const spec = path.join(scratch, 'spec')
      await cp(await writeMiniSpec(), spec, {recursive: true})
      const out = path.join(scratch, 'out')
      expect((await runCliCapturing('generate', '--spec', spec, '--out', out)).code).toBe(0)
      await writeFile(path.join(out, 'src', 'events.ts'), '// stale\n')
      const inside = path.join(root, 'generated', 'src')
      const cli = ['--import', 'tsx', path.join(root, 'generator', 'cli.ts'), 'check', '--spec', spec, '--out', out]
      const stale = await runNode([...cli, '--stat'], inside)
      expect(stale.code).toBe(1)
      const fix = `npm --prefix ../.. exec -- simplex-events generate --spec ${spec} --out ${out}`
      expect(stale.stderr).toBe(`1 stale file in ${out}: src/events.ts\nFix: run \`${fix}\` and commit the result.\n`)
      // The installed binary runs the compiled generator: build it when this checkout has not.
      if (!existsSync(path.join(root, 'dist', 'generator', 'cli.js')))
        expect((await runNpm(['run', 'build'], root)).code).toBe(0)
      const fixed = await runProcess('sh', ['-c', fix], inside)
      expect(fixed.code, fixed.stderr).toBe(0)
      expect((await runNode(cli, inside)).code).toBe(0)
    } finally {
      await rm(scratch, {recursive: true, force: true})
    }
  })

  it('check shows the same progress line on a terminal, cleared before its result', async () => {
    const spec = await writeMiniSpec()
    const out = path.join(await temporaryFolder('progress-'), 'generated')
    expect((await runCliCapturing('generate', '--spec', spec, '--out', out)).code).toBe(0)
    const written: string[] = []
    const io = {stdout: (text: string) => void written.push(`stdout ${text}`), stderr: () => {}, color: false}
    const progress = (text: string) => void written.push(`progress ${text}`)
    expect(await runCli(['check', '--spec', spec, '--out', out], {...io, progress})).toBe(0)
    expect(written).toContain('progress check: parsing and checking...')
    expect(written).toContain('progress check: formatting src/decode.ts...')
    expect(written.at(-2)).toBe('progress ')
    expect(written.at(-1)).toMatch(/^stdout .* is up to date \(\d+ files\)\.\n$/)
  })

  it('diff says in its output that it compared no commands when one side has no COMMANDS.md', async () => {
    const scratch = await temporaryFolder('diff-')
    try {
      const [old, current] = [path.join(scratch, 'old'), path.join(scratch, 'new')]
      await cp(await writeMiniSpec(), old, {recursive: true})
      await cp(old, current, {recursive: true})
      await writeFile(path.join(current, 'COMMANDS.md'), commandsDocument())
      const text = await runCliCapturing('diff', old, current)
      expect(text).toEqual({
        code: 0,
        stdout: `No changes.\nnote: commands not compared: ${old} has no COMMANDS.md\n`,
        stderr: '',
      })
      const json = await runCliCapturing('diff', current, old, '--format', 'json')
      expect(JSON.parse(json.stdout)).toMatchObject({notes: [`commands not compared: ${old} has no COMMANDS.md`]})
      const markdown = await runCliCapturing('diff', old, old, '--format', 'markdown')
      expect(markdown.stdout).toContain(`\n> Note: commands not compared: neither ${old} nor ${old} has COMMANDS.md\n`)
      const both = await runCliCapturing('diff', current, current)
      expect(both.stdout).toBe('No changes.\n')
    } finally {
      await rm(scratch, {recursive: true, force: true})
    }
  })

  it('npm run pack:generated builds and packs the package into a tarball, leaving generated/ as it was', async () => {
    const generated = path.join(root, 'generated')
    const snapshot = async () => {
      const entries = await readdir(generated, {recursive: true, withFileTypes: true})
      const files = entries.filter((entry) => !entry.isDirectory()).map((e) => path.join(e.parentPath, e.name))
      return new Map(await Promise.all(files.map(async (file) => [file, sha256(await readFile(file))] as const)))
    }
    const before = await snapshot()
    const destination = await temporaryFolder('packed-')
    try {
      const script = path.join(root, 'scripts', 'pack-generated.mjs')
      const run = await runNode([script, generated, destination], root)
      expect(run.code, run.stderr).toBe(0)
      const [tarball, ...others] = await readdir(destination)
      expect(others).toEqual([])
      expect(tarball).toMatch(/^simplex-chat-events-\d+\.\d+\.\d+\.tgz$/)
      const listing = await runProcess('tar', ['tzf', path.join(destination, tarball!)], root)
      const packed = listing.stdout.split('\n')
      for (const entry of ['package/package.json', 'package/dist/esm/index.js', 'package/dist/cjs/index.d.ts'])
        expect(packed).toContain(entry)
      expect(await snapshot()).toEqual(before)
    } finally {
      await rm(destination, {recursive: true, force: true})
    }
  })
})
