/**
 * `compat.json` in a spec folder: the older doc versions `generate`, `check` and `schema` merge without
 * `--compat`; `--compat` replaces the list and `--no-compat` ignores it. The file is untrusted like the
 * documents, so every entry must be a folder inside the spec folder.
 */
import {cp, mkdir, rm, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readCompatConfig} from '../generator/load/compat-config.js'
import {runCliCapturing} from './support/run-cli.js'
import {MINI_TYPES, writeMiniSpec, type MiniType} from './support/mini-spec.js'
import type {Schema} from '../generator/schema/types.js'

const withUser = (...lines: string[]): MiniType[] =>
  MINI_TYPES.map((type) => (type.name === 'User' ? {name: 'User', body: ['**Record type**:', ...lines]} : type))

const folders: string[] = []
/** A spec whose `compat/old/` is an older version without `User.nickname`. */
let spec: string
/** A version outside `spec`. */
let outside: string

const writeConfig = (folder: string, value: unknown) =>
  writeFile(path.join(folder, 'compat.json'), typeof value === 'string' ? value : JSON.stringify(value))

beforeAll(async () => {
  spec = await writeMiniSpec(withUser('- userId: int64', '- kind: [Kind](#kind)', '- nickname: string'))
  outside = await writeMiniSpec(withUser('- userId: int64', '- kind: [Kind](#kind)'))
  await mkdir(path.join(spec, 'compat'))
  await cp(outside, path.join(spec, 'compat', 'old'), {recursive: true})
  await writeConfig(spec, {$comment: 'test', label: 'new', compat: ['compat/old']})
  folders.push(spec, outside)
})

afterAll(async () => {
  for (const folder of folders) await rm(folder, {recursive: true, force: true})
})

const versionsOf = (stdout: string) => (JSON.parse(stdout) as Schema).versions?.map((version) => version.label)

describe('compat.json', () => {
  it('is the default list: the spec labelled as it says, the older version by its folder name', async () => {
    const run = await runCliCapturing('schema', '--spec', spec)
    expect(run.stderr).toBe('')
    expect(versionsOf(run.stdout)).toEqual(['old', 'new'])
    const user = (JSON.parse(run.stdout) as Schema).types.find((type) => type.name === 'User')
    expect(user?.kind === 'record' && user.fields.find((field) => field.name === 'nickname')?.optional).toBe(true)
  })

  it('is ignored with --no-compat, and replaced by --compat', async () => {
    const alone = await runCliCapturing('schema', '--spec', spec, '--no-compat')
    expect(alone.code).toBe(0)
    expect(versionsOf(alone.stdout)).toBeUndefined()
    const given = await runCliCapturing('schema', '--spec', spec, '--compat', outside)
    expect(given.code).toBe(0)
    // The label is the config's, which applies to the spec folder however the older versions are chosen.
    expect(versionsOf(given.stdout)).toEqual([path.basename(outside), path.basename(spec)])
  })

  it('is what generate builds from: specInfo lists both versions', async () => {
    const out = path.join(spec, '..', `${path.basename(spec)}-out`)
    folders.push(out)
    const run = await runCliCapturing('generate', '--spec', spec, '--out', out)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const {readFile} = await import('node:fs/promises')
    const manifest = JSON.parse(await readFile(path.join(out, 'package.json'), 'utf8'))
    expect(manifest.specInfo.versions.map((version: {label: string}) => version.label)).toEqual(['old', 'new'])
    expect((await runCliCapturing('check', '--spec', spec, '--out', out)).code).toBe(0)
    // The single-version build differs, so check sees the list too.
    expect((await runCliCapturing('check', '--spec', spec, '--out', out, '--no-compat')).code).toBe(1)
  })

  it('is optional', async () => {
    expect(await readCompatConfig(outside, 1 << 20)).toBeNull()
    expect(await readCompatConfig(spec, 1 << 20)).toEqual({compat: [path.join(spec, 'compat/old')], label: 'new'})
  })

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['not an object', '[]', 'expected {"compat": ["folder", ...], "label"?: "name"}'],
    ['an unknown key', {compat: [], comapt: []}, 'unknown key "comapt"'],
    ['a non-list', {compat: 'compat/old'}, 'expected {"compat"'],
    [
      'a URL',
      {compat: ['https://example.com/api/']},
      'compat[0]: "https://example.com/api/" is not a relative folder path',
    ],
    ['an absolute path', {compat: ['/etc']}, 'compat[0]: "/etc" is not a relative folder path'],
    [
      'a path out of the folder',
      {compat: ['compat/../..']},
      'compat[0]: "compat/../.." is not a folder inside the spec folder',
    ],
    ['the spec folder itself', {compat: ['.']}, 'compat[0]: "." is not a folder inside the spec folder'],
    ['a missing folder', {compat: ['compat/none']}, 'compat[0]: "compat/none" does not exist'],
    ['a file', {compat: ['TYPES.md']}, 'compat[0]: "TYPES.md" is not a folder'],
    ['the same folder twice', {compat: ['compat/old', 'compat/./old']}, 'compat[1]: "compat/./old" is listed twice'],
    ['a bad label', {compat: [], label: 'a b'}, 'label: expected a short name'],
    ['too many', {compat: Array.from({length: 17}, () => 'compat/old')}, 'compat: at most 16 doc versions'],
  ])('refuses %s, naming the file (exit 2)', async (_, config, message) => {
    const folder = await writeMiniSpec()
    folders.push(folder)
    await cp(outside, path.join(folder, 'compat', 'old'), {recursive: true})
    await writeConfig(folder, config)
    const run = await runCliCapturing('schema', '--spec', folder)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`${path.join(folder, 'compat.json')}: `)
    expect(run.stderr).toContain(message)
  })

  it('refuses a link that leads out of the spec folder', async () => {
    const folder = await writeMiniSpec()
    folders.push(folder)
    await mkdir(path.join(folder, 'compat'))
    await symlink(outside, path.join(folder, 'compat', 'linked'))
    await writeConfig(folder, {compat: ['compat/linked']})
    const run = await runCliCapturing('schema', '--spec', folder)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('compat[0]: "compat/linked" is not a folder inside the spec folder')
  })

  it('is refused when it is a link out of the folder, under the rules of every spec folder file', async () => {
    const folder = await writeMiniSpec()
    folders.push(folder)
    await writeFile(path.join(outside, 'secret.json'), JSON.stringify({compat: []}))
    await symlink(path.join(outside, 'secret.json'), path.join(folder, 'compat.json'))
    const run = await runCliCapturing('schema', '--spec', folder)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('compat.json')
  })
})
