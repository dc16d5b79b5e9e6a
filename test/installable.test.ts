// The generator as a user gets it: `npm pack` of the repository root, installed with production
// dependencies only into an empty folder, gives a working `npx simplex-events` (compiled JavaScript from
// dist/, templates and the pinned spec read from the installed package; no tsx, no typescript).
//
// Everything but the pack (whose `prepare` rebuilds dist/ in the working tree) happens in a temporary
// folder: the package carries its own copy of the spec, and generated/ is snapshotted before the slow steps, so a concurrent
// `generate` in the repository cannot change what this test compares against.

import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {gunzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runNode, runNpm, runNpx, type ProcessRun} from './support/processes.js'
import {ownedFiles} from './support/owned-files.js'
import {BINDING_FILES} from '../generator/emit/index.js'

const root = path.resolve(import.meta.dirname, '..')
const NAME = 'simplex-events'

/** Packages that exist only to run TypeScript during development; none may reach a production install. */
const DEV_ONLY_RUNTIMES = ['tsx', 'typescript', 'vitest', 'esbuild']

type Run = ProcessRun

/** `expect(run.code)` with the output in the failure message. */
function expectExit(result: Run, code: number, what: string): void {
  expect(
    result.code,
    `${what}: expected exit ${code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
  ).toBe(code)
}

/** Every file under `folder`, as `/`-separated paths relative to it, skipping top-level `skip` entries. */
function listFiles(folder: string, skip: ReadonlySet<string> = new Set()): string[] {
  return readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((name) => !skip.has(name.split('/')[0]!))
    .sort()
}

/**
 * The regular-file paths of a .tgz, read directly (ustar names with their prefix, and pax `path` records,
 * which npm's tar writes for long names) rather than trusting npm's own report of what it packed.
 */
function tarballEntries(file: string): string[] {
  const tar = gunzipSync(readFileSync(file))
  const text = (start: number, length: number) => tar.toString('utf8', start, start + length).replace(/\0.*$/s, '')
  const names: string[] = []
  let paxPath: string | undefined
  for (let offset = 0; offset + 512 <= tar.length;) {
    if (tar[offset] === 0) break // end-of-archive block
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8)
    const type = String.fromCharCode(tar[offset + 156] || 0x30)
    const data = offset + 512
    if (type === 'x') {
      const record = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(tar.toString('utf8', data, data + size))
      paxPath = record?.[1]
    } else {
      const prefix = text(offset + 345, 155)
      const name = paxPath ?? (prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100))
      if (type === '0' || type === '\0') names.push(name)
      paxPath = undefined
    }
    offset = data + Math.ceil(size / 512) * 512
  }
  return names.sort()
}

/** Names of every package installed under `nodeModules`, at any depth (`@scope/name` for scoped ones). */
function installedPackages(nodeModules: string): Set<string> {
  const found = new Set<string>()
  const visit = (folder: string) => {
    if (!existsSync(folder)) return
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue
      const scoped = entry.name.startsWith('@')
      for (const name of scoped ? readdirSync(path.join(folder, entry.name)) : [entry.name]) {
        const dir = path.join(folder, scoped ? entry.name : '', name)
        if (!existsSync(path.join(dir, 'package.json'))) continue
        found.add(scoped ? `${entry.name}/${name}` : name)
        visit(path.join(dir, 'node_modules'))
      }
    }
  }
  visit(nodeModules)
  return found
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-installable-'))
const app = path.join(scratch, 'app')
const out = path.join(scratch, 'out')
const installed = path.join(app, 'node_modules', NAME)

/** The repository's generated/ (without build output) at the start of the run: relative path → bytes. */
const committed = new Map<string, Buffer>()
let entries: string[] = []
let installRun: Run
let generateRun: Run
/** `schema` without --spec, run beside `generate` in beforeAll: both read the pinned spec of the package. */
let schemaRun: Promise<Run>
const durations: Record<string, number> = {}

const npx = (...args: string[]) => runNpx(['--no-install', NAME, ...args], app)

beforeAll(async () => {
  // What the generator owns, not a package-lock.json or .tgz left by the package's own install steps.
  for (const name of await ownedFiles(path.join(root, 'generated'))) {
    committed.set(name, readFileSync(path.join(root, 'generated', name)))
  }

  // npm pack runs `prepare` (the build), so the tarball holds a fresh dist/.
  const packs = path.join(scratch, 'packs')
  mkdirSync(packs)
  const pack = await runNpm(['pack', '--pack-destination', packs], root)
  durations.pack = pack.ms
  expectExit(pack, 0, 'npm pack')
  const tarballs = readdirSync(packs).filter((name) => name.endsWith('.tgz'))
  expect(tarballs).toHaveLength(1)
  const tarball = path.join(packs, tarballs[0]!)
  entries = tarballEntries(tarball)

  mkdirSync(app)
  writeFileSync(
    path.join(app, 'package.json'),
    `${JSON.stringify({name: 'installable-check', version: '0.0.0', private: true}, null, 2)}\n`,
  )
  installRun = await runNpm(['install', tarball, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], app)
  durations.install = installRun.ms
  expectExit(installRun, 0, 'npm install <tarball>')

  // The pinned spec shipped in the package: the header then names the same command as the committed tree's.
  schemaRun = npx('schema')
  generateRun = await npx('generate', '--out', out)
  durations.generate = generateRun.ms
}, 300_000)

afterAll(() => {
  console.log(
    `installable: ${Object.entries(durations)
      .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
  )
  rmSync(scratch, {recursive: true, force: true})
})

describe('npm pack of the repository root', () => {
  it('holds the CLI entry, the compiled generator, the templates and the pinned spec', () => {
    for (const file of [
      'package/package.json',
      'package/bin/simplex-events.js',
      'package/dist/generator/cli.js',
      'package/dist/generator/paths.js',
      'package/templates/runtime.ts',
      'package/templates/dispatch.ts',
      'package/templates/primitives.ts',
      'package/spec/EVENTS.md',
      'package/spec/TYPES.md',
      'package/spec/overlay.json',
    ]) {
      expect(entries, file).toContain(file)
    }
  })

  it('holds no tests, generated output, dependencies, benchmarks, or TypeScript under dist/', () => {
    const unwanted = entries.filter(
      (name) =>
        /^package\/(test|generated|node_modules|bench|examples|scripts|\.tmp)\//.test(name) ||
        /(^|\/)node_modules\//.test(name) ||
        (name.startsWith('package/dist/') && /\.[cm]?ts$/.test(name)) ||
        name.endsWith('.tgz'),
    )
    expect(unwanted).toEqual([])
  })

  it('ships the bindings as the sources the generator copies', () => {
    for (const name of BINDING_FILES) expect(entries).toContain(`package/templates/bindings/${name}`)
  })

  it('ships a compiled module for every generator and template source, and nothing stale', () => {
    const sources = [
      ...listFiles(path.join(root, 'generator')).map((name) => `generator/${name}`),
      ...listFiles(path.join(root, 'templates')).map((name) => `templates/${name}`),
    ]
      // Bindings import the output's modules: shipped as text (templates/ is in files), never compiled.
      .filter((name) => name.endsWith('.ts') && !name.startsWith('templates/bindings/'))
      .map((name) => `package/dist/${name.replace(/\.ts$/, '.js')}`)
      .sort()
    const compiled = entries.filter((name) => name.startsWith('package/dist/'))
    expect(
      sources.filter((name) => !compiled.includes(name)),
      'sources missing from the package',
    ).toEqual([])
    expect(
      compiled.filter((name) => !sources.includes(name)),
      'stale build output without a source (the build does not clean dist/: delete it and pack again)',
    ).toEqual([])
  })
})

describe('installed from the tarball with production dependencies only', () => {
  it('installs no TypeScript runtime or compiler (ts-morph carries its own copy)', () => {
    const packages = installedPackages(path.join(app, 'node_modules'))
    expect(packages.has(NAME)).toBe(true)
    expect(DEV_ONLY_RUNTIMES.filter((name) => packages.has(name))).toEqual([])
    expect(existsSync(path.join(app, 'node_modules', 'tsx'))).toBe(false)
    expect(existsSync(path.join(app, 'node_modules', 'typescript'))).toBe(false)
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
    }
    expect(DEV_ONLY_RUNTIMES.filter((name) => name in (manifest.dependencies ?? {}))).toEqual([])
  })

  it('every compiled module loads with only those dependencies', async () => {
    const modules = listFiles(path.join(installed, 'dist')).filter((name) => name.endsWith('.js'))
    expect(modules.length).toBeGreaterThan(10)
    const script = `for (const file of ${JSON.stringify(modules)}) await import('./dist/' + file)`
    const result = await runNode(['--input-type=module', '-e', script], installed)
    expectExit(result, 0, 'importing every module of dist/')
  })

  it('`generate --out DIR` (the pinned spec in the package) writes exactly the committed generated/ files', () => {
    expectExit(generateRun, 0, 'simplex-events generate')
    expect(generateRun.stdout.startsWith('Generated '), generateRun.stdout).toBe(true)
    expect(committed.size).toBeGreaterThan(0)
    expect(listFiles(out)).toEqual([...committed.keys()])
    for (const [name, bytes] of committed) {
      expect(readFileSync(path.join(out, name)).equals(bytes), `${name} differs from generated/${name}`).toBe(true)
    }
  })

  it('`check` finds the generated folder up to date', async () => {
    const result = await npx('check', '--out', out)
    expectExit(result, 0, 'simplex-events check')
  })

  it('`--help` lists every command', async () => {
    const result = await npx('--help')
    expectExit(result, 0, 'simplex-events --help')
    for (const command of ['generate', 'check', 'diff', 'drift', 'schema'])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'))
  })

  it('`schema` on a missing spec folder is an input error (exit 2)', async () => {
    const result = await npx('schema', '--spec', path.join(scratch, 'no-such-spec'))
    expectExit(result, 2, 'simplex-events schema --spec <missing>')
    expect(result.stderr).toMatch(/^simplex-events: /)
  })

  it('`schema` without --spec reads the pinned spec shipped in the package', async () => {
    const result = await schemaRun
    expectExit(result, 0, 'simplex-events schema')
    const schema = JSON.parse(result.stdout) as {events: unknown[]; types: unknown[]}
    expect(schema.events.length).toBeGreaterThan(0)
    expect(schema.types.length).toBeGreaterThan(0)
  })
})
