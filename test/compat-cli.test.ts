/**
 * `--compat DIR|URL` (repeatable) on `schema`, `generate` and `check`: small spec folders merged through
 * the pipeline (`readSchema`), conflicts as located errors, in this process.
 */
import {rm} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCliCapturing} from './support/run-cli.js'
import {MINI_EVENTS, MINI_TYPES, writeMiniSpec, type MiniType} from './support/mini-spec.js'
import type {Schema} from '../generator/schema/types.js'

/** MINI_TYPES with `User` written as `lines`. */
const withUser = (...lines: string[]): MiniType[] =>
  MINI_TYPES.map((type) => (type.name === 'User' ? {name: 'User', body: ['**Record type**:', ...lines]} : type))

const folders: string[] = []
let older: string
let newer: string
/** The oldest of three versions: as `older`. */
let oldest: string
/** `User.userId` is `[int64]` here, `int64` in `newer`. */
let arrayIds: string

beforeAll(async () => {
  older = await writeMiniSpec(withUser('- userId: int', '- kind: [Kind](#kind)'))
  newer = await writeMiniSpec(withUser('- userId: int64', '- kind: [Kind](#kind)', '- nickname: string'))
  oldest = await writeMiniSpec(withUser('- userId: int', '- kind: [Kind](#kind)'))
  arrayIds = await writeMiniSpec(withUser('- userId: [int64]', '- kind: [Kind](#kind)'), MINI_EVENTS)
  folders.push(older, newer, oldest, arrayIds)
})

afterAll(async () => {
  for (const folder of folders) await rm(folder, {recursive: true, force: true})
})

describe('--compat', () => {
  it('merges the older versions into the schema: every node records its versions, oldest first', async () => {
    const run = await runCliCapturing('schema', '--spec', newer, '--compat', older)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const schema = JSON.parse(run.stdout) as Schema
    const labels = [path.basename(older), path.basename(newer)]
    expect(schema.versions?.map((version) => version.label)).toEqual(labels)
    const user = schema.types.find((type) => type.name === 'User')
    expect(
      user?.kind === 'record' &&
        user.fields.map(({name, optional, type, versions}) => [name, optional, type, versions]),
    ).toEqual([
      ['userId', false, {kind: 'primitive', name: 'int64'}, labels],
      ['kind', false, {kind: 'reference', name: 'Kind', href: '#kind'}, labels],
      ['nickname', true, {kind: 'primitive', name: 'string'}, [path.basename(newer)]],
    ])
  })

  it('takes several, newest first', async () => {
    const run = await runCliCapturing('schema', '--spec', newer, '--compat', older, '--compat', oldest)
    expect(run.code).toBe(0)
    const labels = (JSON.parse(run.stdout) as Schema).versions?.map((version) => version.label)
    expect(labels).toEqual([oldest, older, newer].map((folder) => path.basename(folder)))
  })

  it('fails with exit 2 and a located error naming both versions when a field is [T] in one and T in another', async () => {
    const run = await runCliCapturing('schema', '--spec', newer, '--compat', arrayIds)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const [first, second] = [path.basename(newer), path.basename(arrayIds)]
    expect(run.stderr).toContain(path.join(newer, 'TYPES.md'))
    expect(run.stderr).toMatch(
      new RegExp(
        String.raw`\d+:\d+\s+error\s+User\.userId is int64 in ${first} \(TYPES\.md:\d+:\d+\) and \[int64\] in ` +
          String.raw`${second} \(TYPES\.md:\d+:\d+\): not one type, as the JSON shape differs\s+compat-type`,
      ),
    )
  })

  it('refuses one folder given twice (exit 2)', async () => {
    const run = await runCliCapturing('schema', '--spec', newer, '--compat', newer)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('is given twice as a doc version')
  })

  it('is an option of generate and check', async () => {
    for (const command of ['generate', 'check']) {
      const run = await runCliCapturing(command, '--help')
      expect(run.stdout).toMatch(/--compat <dir\|url>/)
    }
  })
})
