/** The overlay's failure paths: each is a one-line input error (exit 2), and nothing is generated. */
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {generateInMemory} from '../generator/pipeline.js'
import {runCliCapturing} from './support/run-cli.js'
import {writeMiniSpec} from './support/mini-spec.js'

/** Generate the mini spec with `overlay` (an object, or raw text) as its overlay.json. */
async function generateWith(overlay: unknown) {
  const spec = await writeMiniSpec()
  await writeFile(path.join(spec, 'overlay.json'), typeof overlay === 'string' ? overlay : JSON.stringify(overlay))
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'simplex-events-overlay-')), 'generated')
  return runCliCapturing('generate', '--spec', spec, '--out', out)
}

const correction = (fields: Record<string, string>) => ({
  corrections: [{target: 'User.userId', from: 'int64', to: 'string', reason: 'r', evidence: 'e', ...fields}],
})

describe('overlay', () => {
  it('applies a correction: the field gets the wire type and a doc comment naming the docs type and reason', async () => {
    const spec = await writeMiniSpec()
    await writeFile(path.join(spec, 'overlay.json'), JSON.stringify(correction({reason: 'ids are strings'})))
    const {files, schema} = await generateInMemory({spec})
    const user = schema.types.find((type) => type.name === 'User')
    expect(user?.kind === 'record' && user.fields[0]).toMatchObject({
      type: {kind: 'primitive', name: 'string'},
      correction: {docsType: 'int64', reason: 'ids are strings', evidence: 'e'},
    })
    expect(files.get('src/types.ts')).toContain(
      '/** Docs say `int64`; the wire sends `string` (spec/overlay.json: ids are strings). */\n  userId: string\n',
    )
  })

  it('a stale `from` (the docs changed) is refused', async () => {
    const {code, stderr} = await generateWith(correction({from: 'int'}))
    expect(code).toBe(2)
    expect(stderr).toBe(
      'simplex-events: overlay: User.userId is `int64` in the docs, not `int`; the correction no longer applies (update or remove it in spec/overlay.json)\n',
    )
  })

  it('an unknown target is refused', async () => {
    const {code, stderr} = await generateWith(correction({target: 'User.nope'}))
    expect(code).toBe(2)
    expect(stderr).toBe('simplex-events: overlay: no field User.nope in the docs\n')
  })

  it('an overlay that is not JSON is refused', async () => {
    const {code, stderr} = await generateWith('{"corrections": [')
    expect(code).toBe(2)
    expect(stderr).toMatch(/^simplex-events: .*overlay\.json: not valid JSON: /)
  })

  it('a `to` that is not a primitive is refused', async () => {
    const {code, stderr} = await generateWith(correction({to: 'User'}))
    expect(code).toBe(2)
    expect(stderr).toMatch(/overlay\.json: corrections\[0\]\.to: expected one of bool, string, int, int64, word32/)
  })

  it('a correction missing its evidence is refused', async () => {
    const {code, stderr} = await generateWith({
      corrections: [{target: 'User.userId', from: 'int64', to: 'string', reason: 'r'}],
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/corrections\[0\]\.evidence: expected a string/)
  })
})
