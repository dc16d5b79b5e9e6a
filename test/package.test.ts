// The generated package as a consumer sees it: it type-checks strictly, builds (ESM + CJS), packs, passes
// publint and arethetypeswrong, and a throwaway project that installs the tarball type-checks against it and
// decodes a real frame through `import` and through `require`.
//
// Everything runs on a snapshot of generated/ copied to a temporary folder, so the test never writes into
// the working tree and a concurrent `generate` (which swaps generated/ as a whole) cannot pull files away
// mid-build. That generated/ is what the generator emits is checked by generate.test.ts.

import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {publint, type Message} from 'publint'
import {formatMessage} from 'publint/utils'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {CJS_PACKAGE_JSON, packageJson, tsconfigFiles} from '../generator/emit/package-files.js'
import type {SpecInfoData} from '../generator/emit/spec-info.js'
import {runNode, runNpm, type ProcessRun} from './support/processes.js'
import {invitationForNewestDocs} from './support/frames.js'

const root = path.resolve(import.meta.dirname, '..')
const generatedDir = path.join(root, 'generated')
const fixture = path.join(root, 'test', 'fixtures', 'frames', 'complete')
const TSC = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const ATTW = path.join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js')
const BUILD = path.join(root, 'scripts', 'build-generated.mjs')
const NAME = 'simplex-chat-events'

type Run = ProcessRun

const node = runNode
const npm = runNpm

/** `expect(run.code)` with the output in the failure message. */
function expectSuccess(result: Run, what: string): void {
  expect(result.code, `${what} failed:\n${result.stdout}\n${result.stderr}`).toBe(0)
}

// ---------------------------------------------------------------------------------------------------------
// The throwaway consumer: the same runtime checks through `import` and `require`, the same typed code
// checked as ESM and as CommonJS.

/** Body shared by the ESM and CJS runtime checks; `lib`, `entry` and `schemaText` are defined before it. */
const RUNTIME_BODY = `
const frame = (name) => JSON.parse(readFileSync(join(here, name), 'utf8'))
const invitation = lib.decodeChatEvent(frame('receivedGroupInvitation-1.json'))
const items = lib.decodeChatEvent(frame('newChatItems-1.json'), {mode: 'lenient'})
const unknown = lib.decodeChatEvent({type: 'notAnEvent'})
let thrown = null
try {
  lib.assertChatEvent({type: 'newChatItems'})
} catch (error) {
  thrown = error.name + (error instanceof lib.DecodeError ? ' instanceof' : '')
}
// The test kit's subpath: fixtures work as they are; the fake core needs \`ws\`, which this project lacks.
const message = testing.fixtures.textMessage('hi')
testing.createFakeCore().then(() => 'started', (error) => error.message.split(':')[0]).then((fakeCore) => console.log(JSON.stringify({
  entry,
  testing: [message.type, lib.decodeChatEvent(message, {mode: 'strict'}).ok],
  fakeCore,
  invitation: invitation.ok && [invitation.value.type, lib.isReceivedGroupInvitation(invitation.value), invitation.issues.length],
  items: items.ok && [items.value.type, lib.isNewChatItems(items.value), items.value.chatItems.length],
  frame: lib.decodeFrame(JSON.stringify({resp: frame('receivedGroupInvitation-1.json')})).kind,
  unknown: unknown.ok || unknown.error.code,
  thrown,
  schema: JSON.parse(schemaText).$schema,
})))
`

const ESM_RUNTIME = `import {readFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import * as lib from '${NAME}'
import * as testing from '${NAME}/testing'
const here = dirname(fileURLToPath(import.meta.url))
const entry = relative(here, fileURLToPath(import.meta.resolve('${NAME}')))
const schemaText = readFileSync(fileURLToPath(import.meta.resolve('${NAME}/schema.json')), 'utf8')
${RUNTIME_BODY}`

const CJS_RUNTIME = `const {readFileSync} = require('node:fs')
const {join, relative} = require('node:path')
const lib = require('${NAME}')
const testing = require('${NAME}/testing')
const here = __dirname
const entry = relative(here, require.resolve('${NAME}'))
const schemaText = JSON.stringify(require('${NAME}/schema.json'))
${RUNTIME_BODY}`

/** Typed use of the package; `@ts-expect-error` lines fail the check (TS2578) if the types were `any`. */
const CONSUMER_TS = `import {createDispatcher, decodeChatEvent, DecodeError, isNewChatItems, isValidUser} from '${NAME}'
import type {CEvt, ChatEvent, DecodeResult, LenientKnown, T} from '${NAME}'
import {fixtures} from '${NAME}/testing'

export const message: CEvt.NewChatItems = fixtures.textMessage('hi', {contactId: 5})
// @ts-expect-error a field newChatItems does not have: overrides are typed
export const wrong = fixtures.newChatItems({chatItem: []})

export function describeEvent(value: unknown): string[] {
  const result: DecodeResult<ChatEvent> = decodeChatEvent(value)
  if (!result.ok) return [result.error.code, result.error.path]
  const event = result.value
  if (!isNewChatItems(event)) {
    // @ts-expect-error narrowed away: not a newChatItems event, so no chatItems
    event.chatItems
    return [event.type]
  }
  const narrowed: CEvt.NewChatItems = event
  const user: T.User = narrowed.user
  const name: T.User['localDisplayName'] = user.localDisplayName
  // @ts-expect-error localDisplayName is a string: the declarations are real, not any
  const wrong: T.User['localDisplayName'] = 42
  const times: string[] = narrowed.chatItems.map(({chatItem}) => chatItem.meta.itemTs)
  return [name, String(wrong), ...times]
}

export function lenientName(value: unknown): string | undefined {
  const result: DecodeResult<LenientKnown<ChatEvent>> = decodeChatEvent(value, {mode: 'lenient'})
  if (!result.ok || result.value.type !== 'newChatItems') return undefined
  // @ts-expect-error lenient: the user may be absent and its name no string
  const unchecked: string = result.value.user.localDisplayName
  // @ts-expect-error a lenient decode is no precise ChatEvent
  const precise: DecodeResult<ChatEvent> = decodeChatEvent(value, {mode: 'lenient'})
  const name = result.value.user?.localDisplayName
  return typeof name === 'string' ? name : String([unchecked, precise])
}

export const countItems = createDispatcher<ChatEvent, number>(
  {
    newChatItems: (event) => event.chatItems.length,
    receivedGroupInvitation: (event) => event.groupInfo.groupId,
    // @ts-expect-error not a tag of ChatEvent
    notAnEvent: () => 0,
  },
  () => -1,
)

export function isUser(value: unknown): value is T.User {
  return isValidUser(value)
}

export function issueCount(error: unknown): number {
  return error instanceof DecodeError ? error.issues.length : 0
}
`

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom'],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
}

interface Consumer {
  dir: string
  install: Run
  esm: Run
  cjs: Run
  typecheck: Run
}

/**
 * A project of the given `type` that installs the tarball, runs the decode as `esm.mjs` and `cjs.cjs`, and
 * type-checks `consumer.ts` (ESM or CJS, after `type`) plus the other format as `.mts`/`.cts`.
 */
async function consumer(scratch: string, type: 'module' | 'commonjs', tarball: string): Promise<Consumer> {
  const dir = path.join(scratch, `consumer-${type}`)
  mkdirSync(dir)
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({name: `consumer-${type}`, version: '0.0.0', private: true, type}, null, 2)}\n`,
  )
  // The v6.5.4.1 invitation lacks what the pinned (newest) docs add: the consumer gets it completed.
  writeFileSync(path.join(dir, 'receivedGroupInvitation-1.json'), JSON.stringify(invitationForNewestDocs()))
  cpSync(path.join(fixture, 'newChatItems-1.json'), path.join(dir, 'newChatItems-1.json'))
  writeFileSync(path.join(dir, 'esm.mjs'), ESM_RUNTIME)
  writeFileSync(path.join(dir, 'cjs.cjs'), CJS_RUNTIME)
  const other = type === 'module' ? 'consumer-other.cts' : 'consumer-other.mts'
  writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER_TS)
  writeFileSync(path.join(dir, other), CONSUMER_TS)
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify({...CONSUMER_TSCONFIG, files: ['consumer.ts', other]}, null, 2)}\n`,
  )
  const install = await npm(['install', tarball, '--offline', '--no-audit', '--no-fund', '--no-package-lock'], dir)
  const failed: Run = {code: null, stdout: '', stderr: 'not run: install failed', ms: 0}
  if (install.code !== 0) return {dir, install, esm: failed, cjs: failed, typecheck: failed}
  const [esm, cjs, typecheck] = await Promise.all([
    node(['esm.mjs'], dir),
    node(['cjs.cjs'], dir),
    node([TSC, '-p', 'tsconfig.json'], dir),
  ])
  return {dir, install, esm, cjs, typecheck}
}

// ---------------------------------------------------------------------------------------------------------

interface PackedFile {
  path: string
}

let scratch = ''
let pkgDir = ''
let strictCheck: Run
let build: Run
let pack: Run
let tarball = ''
let packedFiles: string[] = []
let publintMessages: Message[] = []
let publintPkg: Record<string, unknown> = {}
let attw: Run
let consumers: Record<'module' | 'commonjs', Consumer> | undefined

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-package-'))
  pkgDir = path.join(scratch, 'pkg')
  // Snapshot of the generated sources, without build output.
  cpSync(generatedDir, pkgDir, {
    recursive: true,
    filter: (source) => !['dist', 'node_modules'].includes(path.relative(generatedDir, source).split(path.sep)[0]!),
  })

  // (a) and the build, side by side. The flags are repeated on the command line so the check holds even if
  // tsconfig.json lost them.
  ;[strictCheck, build] = await Promise.all([
    node(
      [TSC, '-p', 'tsconfig.json', '--noEmit', '--strict', '--erasableSyntaxOnly', '--verbatimModuleSyntax'],
      pkgDir,
    ),
    node([BUILD, pkgDir], root),
  ])
  if (build.code !== 0) return

  const packDir = path.join(scratch, 'pack')
  mkdirSync(packDir)
  // Built already: `--ignore-scripts` skips `prepack`, which needs a TypeScript install of the package's own.
  pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], pkgDir)
  if (pack.code !== 0) return
  const [packed] = JSON.parse(pack.stdout) as [{filename: string; files: PackedFile[]}]
  tarball = path.join(packDir, packed.filename)
  packedFiles = packed.files.map((file) => file.path).sort()

  const tarballData = readFileSync(tarball)
  const [lint, types, esmConsumer, cjsConsumer] = await Promise.all([
    // Lints the tarball itself (root folder inside it: `package`), as published.
    publint({
      level: 'suggestion',
      pack: {
        tarball: tarballData.buffer.slice(tarballData.byteOffset, tarballData.byteOffset + tarballData.byteLength),
      },
    }),
    node([ATTW, tarball, '--format', 'json', '--no-definitely-typed', '--no-color'], root),
    consumer(scratch, 'module', tarball),
    consumer(scratch, 'commonjs', tarball),
  ])
  publintMessages = lint.messages
  publintPkg = lint.pkg
  attw = types
  consumers = {module: esmConsumer, commonjs: cjsConsumer}
}, 240_000)

/** The consumer run of `type`; absent when the build or the pack failed (their own tests say why). */
function consumerOf(type: 'module' | 'commonjs'): Consumer {
  if (!consumers) throw new Error('no consumer run: the build or npm pack failed, see those tests')
  return consumers[type]
}

afterAll(() => {
  if (scratch) rmSync(scratch, {recursive: true, force: true})
})

describe('generated package manifest', () => {
  const manifest = JSON.parse(readFileSync(path.join(generatedDir, 'package.json'), 'utf8')) as Record<string, unknown>

  it('generated/package.json is what packageJson() emits', () => {
    expect(manifest['//']).toMatch(/^Generated by simplex-events .* EVENTS\.md sha256 [0-9a-f]{64}/)
    expect(manifest).toEqual(JSON.parse(packageJson(manifest['//'] as string, manifest.specInfo as SpecInfoData)))
  })

  it('has zero runtime dependencies and no side effects', () => {
    expect(manifest.name).toBe(NAME)
    for (const key of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'bundleDependencies',
      'bundledDependencies',
    ]) {
      expect(manifest, key).not.toHaveProperty(key)
    }
    expect(manifest.sideEffects).toBe(false)
  })

  it('the ESM build config is strict, erasable-only and verbatim', () => {
    const {compilerOptions} = JSON.parse(tsconfigFiles()['tsconfig.json']!) as {
      compilerOptions: Record<string, unknown>
    }
    expect(compilerOptions).toMatchObject({strict: true, erasableSyntaxOnly: true, verbatimModuleSyntax: true})
  })
})

describe('generated package build', () => {
  it('tsc --noEmit --strict --erasableSyntaxOnly --verbatimModuleSyntax passes on generated/', () => {
    expectSuccess(strictCheck, 'tsc --noEmit')
  })

  it('builds dist/esm and dist/cjs, marking dist/cjs CommonJS', () => {
    expectSuccess(build, 'scripts/build-generated.mjs')
    const sources = readdirSync(path.join(pkgDir, 'src')).filter((name) => name.endsWith('.ts'))
    expect(sources).toContain('index.ts')
    for (const format of ['esm', 'cjs']) {
      for (const source of sources) {
        const base = source.replace(/\.ts$/, '')
        for (const output of [`${base}.js`, `${base}.d.ts`, `${base}.d.ts.map`]) {
          expect(existsSync(path.join(pkgDir, 'dist', format, output)), `dist/${format}/${output}`).toBe(true)
        }
      }
    }
    expect(readFileSync(path.join(pkgDir, 'dist', 'cjs', 'package.json'), 'utf8')).toBe(CJS_PACKAGE_JSON)
    expect(readFileSync(path.join(pkgDir, 'dist', 'cjs', 'index.js'), 'utf8')).toMatch(/\brequire\("\.\/decode\.js"\)/)
    expect(readFileSync(path.join(pkgDir, 'dist', 'esm', 'index.js'), 'utf8')).toMatch(
      /^export \{.*\} from '\.\/decode\.js'/m,
    )
  })

  it('builds idempotently, replacing a stale dist/ (on a one-file package with the same tsconfigs)', async () => {
    // A second build of the full package would cost another ~10 s; the script does not depend on the sources.
    const tiny = path.join(scratch, 'tiny')
    mkdirSync(path.join(tiny, 'src'), {recursive: true})
    writeFileSync(path.join(tiny, 'package.json'), '{"name": "tiny", "type": "module"}\n')
    for (const [name, text] of Object.entries(tsconfigFiles())) writeFileSync(path.join(tiny, name), text)
    writeFileSync(path.join(tiny, 'src', 'index.ts'), 'export const answer: number = 42\n')
    expectSuccess(await node([BUILD, tiny], root), 'first build')
    const stale = path.join(tiny, 'dist', 'esm', 'stale.js')
    writeFileSync(stale, 'export {}\n')
    writeFileSync(path.join(tiny, 'dist', 'cjs', 'package.json'), '{}\n')
    expectSuccess(await node([BUILD, tiny], root), 'second build')
    expect(existsSync(stale)).toBe(false)
    expect(readFileSync(path.join(tiny, 'dist', 'cjs', 'package.json'), 'utf8')).toBe(CJS_PACKAGE_JSON)
    const cjs = await node(
      ['-p', `require(${JSON.stringify(path.join(tiny, 'dist', 'cjs', 'index.js'))}).answer`],
      tiny,
    )
    expect(cjs.stdout.trim()).toBe('42')
  })
})

describe('packed tarball', () => {
  it('npm pack works and ships dist, src, schema.json, package.json and README.md only', () => {
    expectSuccess(pack, 'npm pack')
    for (const file of [
      'package.json',
      'README.md',
      'schema.json',
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/cjs/index.js',
      'dist/cjs/index.d.ts',
      'dist/cjs/package.json',
      'dist/esm/testing/index.js',
      'dist/cjs/testing/index.d.ts',
      'src/index.ts',
      'src/testing/fixtures.ts',
    ]) {
      expect(packedFiles, file).toContain(file)
    }
    const unexpected = packedFiles.filter(
      (file) =>
        !/^(package\.json|README\.md|schema\.json|dist\/(esm|cjs)\/(testing\/)?[^/]+|src\/(testing\/)?[^/]+\.ts)$/.test(
          file,
        ),
    )
    expect(unexpected).toEqual([])
    expect(packedFiles.filter((file) => /node_modules|\.test\.|(^|\/)test\/|\.tgz$|tsconfig/.test(file))).toEqual([])
  })

  it('publint reports nothing, not even suggestions', () => {
    expect(
      publintMessages.map((message) => `${message.type}: ${formatMessage(message, publintPkg) ?? message.code}`),
    ).toEqual([])
  })

  it('arethetypeswrong reports no problem, and each resolution gets the declarations of its format', () => {
    const report = JSON.parse(attw.stdout) as {
      problems: Record<string, unknown[]>
      analysis: {
        problems: unknown[]
        entrypoints: Record<string, {resolutions: Record<string, {resolution?: {fileName: string}}>}>
      }
    }
    expect(report.problems, attw.stdout.slice(0, 2000)).toEqual({})
    expect(report.analysis.problems).toEqual([])
    expect(attw.code).toBe(0)
    const resolved = Object.fromEntries(
      Object.entries(report.analysis.entrypoints['.']!.resolutions).map(([kind, {resolution}]) => [
        kind,
        resolution?.fileName.replace(`/node_modules/${NAME}/`, ''),
      ]),
    )
    const testing = Object.fromEntries(
      Object.entries(report.analysis.entrypoints['./testing']!.resolutions).map(([kind, {resolution}]) => [
        kind,
        resolution?.fileName.replace(`/node_modules/${NAME}/`, ''),
      ]),
    )
    expect(testing).toMatchObject({
      'node16-cjs': 'dist/cjs/testing/index.d.ts',
      'node16-esm': 'dist/esm/testing/index.d.ts',
    })
    expect(resolved).toEqual({
      node10: 'dist/cjs/index.d.ts',
      'node16-cjs': 'dist/cjs/index.d.ts',
      'node16-esm': 'dist/esm/index.d.ts',
      bundler: 'dist/esm/index.d.ts',
    })
  })
})

describe.each(['module', 'commonjs'] as const)('consumer project with "type": "%s"', (type) => {
  const expected = {
    invitation: ['receivedGroupInvitation', true, 0],
    items: ['newChatItems', true, 0], // lenient: the fixture lacks fields the docs list; it has no items
    frame: 'event',
    unknown: 'unknown-event',
    thrown: 'DecodeError instanceof',
    schema: 'https://json-schema.org/draft/2020-12/schema',
    testing: ['newChatItems', true],
    fakeCore: 'createFakeCore needs a WebSocket server',
  }

  it('installs the tarball offline, with nothing else', () => {
    const {install, dir} = consumerOf(type)
    expectSuccess(install, 'npm install <tarball>')
    expect(readdirSync(path.join(dir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([NAME])
  })

  it('decodes a real frame through import (dist/esm)', () => {
    const {esm} = consumerOf(type)
    expectSuccess(esm, 'node esm.mjs')
    expect(JSON.parse(esm.stdout)).toEqual({...expected, entry: `node_modules/${NAME}/dist/esm/index.js`})
  })

  it('decodes a real frame through require (dist/cjs)', () => {
    const {cjs} = consumerOf(type)
    expectSuccess(cjs, 'node cjs.cjs')
    expect(JSON.parse(cjs.stdout)).toEqual({...expected, entry: `node_modules/${NAME}/dist/cjs/index.js`})
  })

  it('type-checks typed use as ESM and as CommonJS (tsc --module nodenext --strict)', () => {
    expectSuccess(consumerOf(type).typecheck, 'tsc on the consumer')
  })
})
