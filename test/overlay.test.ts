/** The overlay's failure paths: each is a one-line input error (exit 2), and nothing is generated. */
import {execFileSync} from 'node:child_process'
import {mkdir, symlink, truncate, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../generator/input-error.js'
import {generateInMemory, readSchema} from '../generator/pipeline.js'
import type {Schema} from '../generator/schema/types.js'
import {runCliCapturing} from './support/run-cli.js'
import {writeMiniSpec} from './support/mini-spec.js'
import {commandsDocument} from './support/mini-commands.js'
import {temporaryFolder} from './support/temp-folders.js'

/** Generate the mini spec (with the mini COMMANDS.md) with `overlay` (an object, or raw text) as its overlay.json. */
async function generateWith(overlay: unknown) {
  const spec = await writeMiniSpec()
  await writeFile(path.join(spec, 'COMMANDS.md'), commandsDocument())
  await writeFile(path.join(spec, 'overlay.json'), typeof overlay === 'string' ? overlay : JSON.stringify(overlay))
  const out = path.join(await temporaryFolder('overlay-'), 'generated')
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
      '/** Docs say `int64`; the wire sends `string` (spec/overlay.json: ids are strings; evidence: e). */\n  userId: string\n',
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
    expect(stderr).toMatch(/^simplex-events: .*overlay\.json: not valid JSON \(it ends too early\)\n$/)
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

const addition = (fields: Record<string, unknown>) => ({
  additions: [{response: 'pinged', fields: ['counts: {string : int}'], reason: 'r', evidence: 'e', ...fields}],
})

/**
 * Every rule an overlay entry must keep, and the one line each breach prints (after `simplex-events: `,
 * exit 2): by the entry's path in the file when its shape is wrong, by what it targets when it no longer
 * fits the docs.
 */
const RULES: [string, unknown, string | RegExp][] = [
  [
    'a file with neither list (its keys are not printed)',
    {correction: []},
    /overlay\.json: expected \{"corrections": \[\.\.\.\], "additions": \[\.\.\.\]\}, not other keys/,
  ],
  [
    'an unknown key beside the lists',
    {corrections: [], addition: []},
    /overlay\.json: unknown key "addition" \(expected corrections, additions; keys starting with \$ are comments\)/,
  ],
  ['a list that is not an array', {corrections: {}}, /overlay\.json: corrections: expected an array/],
  [
    'an entry that is not an object',
    {corrections: ['User.userId']},
    /overlay\.json: corrections\[0\]: expected an object/,
  ],
  [
    'a misspelt key in a correction',
    correction({optinal: 'true'}),
    /overlay\.json: corrections\[0\]: unknown key "optinal" \(expected target, from, to, optional, reason, evidence; keys starting with \$ are comments\)/,
  ],
  [
    'a correction with neither `to` nor `optional`',
    {corrections: [{target: 'User.userId', from: 'int64', reason: 'r', evidence: 'e'}]},
    /overlay\.json: corrections\[0\]: expected `to` \(the primitive the wire sends\), `optional: true` \(the wire may omit it\), or both/,
  ],
  [
    'an `optional` that is not `true`',
    {corrections: [{target: 'User.userId', from: 'int64', optional: false, reason: 'r', evidence: 'e'}]},
    /overlay\.json: corrections\[0\]\.optional: expected true \(leave it out for a field the wire always sends\)/,
  ],
  [
    'a `to` equal to `from`',
    correction({to: 'int64'}),
    /overlay\.json: corrections\[0\]\.to: the same as `from`, so it corrects nothing/,
  ],
  [
    'making optional a field the docs have optional already',
    {corrections: [{target: 'User.shape', from: 'Shape', optional: true, reason: 'r', evidence: 'e'}]},
    'overlay: User.shape is optional in the docs (`Shape?`) already; the correction no longer applies (update or remove it in spec/overlay.json)',
  ],
  [
    'an addition without its tag',
    {additions: [{fields: [], reason: 'r', evidence: 'e'}]},
    /overlay\.json: additions\[0\]\.response: expected a string/,
  ],
  [
    'an empty tag',
    addition({response: ''}),
    /overlay\.json: additions\[0\]\.response: expected the response's tag, not an empty string/,
  ],
  [
    'a tag whose name is no identifier',
    addition({response: 'ping-ed'}),
    /overlay\.json: additions\[0\]\.response: `ping-ed` names the response `Ping-ed`, not a TypeScript identifier: only ASCII letters, digits and `_` are allowed, not starting with a digit/,
  ],
  [
    'a misspelt key in an addition',
    addition({field: []}),
    /overlay\.json: additions\[0\]: unknown key "field" \(expected response, fields, reason, evidence; keys starting with \$ are comments\)/,
  ],
  [
    'an addition without evidence',
    addition({evidence: undefined}),
    /overlay\.json: additions\[0\]\.evidence: expected a string/,
  ],
  [
    'fields that are not a list',
    addition({fields: 'counts: int'}),
    /overlay\.json: additions\[0\]\.fields: expected an array of field lines \(`name: type`\)/,
  ],
  [
    'a field line that is not a string',
    addition({fields: [{counts: 'int'}]}),
    /overlay\.json: additions\[0\]\.fields\[0\]: expected a field line as a string \(`name: type`\)/,
  ],
  [
    'a field line that does not parse, placed by its column',
    addition({fields: ['user: User', 'counts: {string int}']}),
    /overlay\.json: additions\[0\]\.fields\[1\], column 17: Expected `:` between the key and value types of a map/,
  ],
  [
    'an unnamed field',
    addition({fields: [': int']}),
    /overlay\.json: additions\[0\]\.fields\[0\]: expected a field name before `:`/,
  ],
  [
    'a field named `type`',
    addition({fields: ['type: string']}),
    /overlay\.json: additions\[0\]\.fields\[0\]: `type` is the tag of the response, not a field/,
  ],
  [
    'a field listed twice',
    addition({fields: ['counts: int', 'counts: int64']}),
    /overlay\.json: additions\[0\]\.fields\[1\]: field `counts` is listed twice/,
  ],
  [
    'a tag added twice',
    {additions: [addition({}).additions[0], addition({}).additions[0]]},
    /overlay\.json: additions\[1\]\.response: response `pinged` is added by additions\[0\] already/,
  ],
  [
    'a tag the docs list (they cover it now)',
    addition({response: 'sent'}),
    'overlay: response `sent` is in the docs now (a response of Send in COMMANDS.md); the addition no longer applies (remove it from spec/overlay.json)',
  ],
  [
    'a field naming no type of TYPES.md',
    addition({fields: ['user: Usr']}),
    'overlay: added response `pinged`: field `user` names `Usr`, which is not a type of TYPES.md',
  ],
  [
    'a tag whose name the generator takes',
    addition({response: 'chatResponse'}),
    "overlay: `ChatResponse`, generated in responses.ts for the added response `ChatResponse` (tag `chatResponse`), is already taken by the generator's own code; the addition cannot apply (spec/overlay.json)",
  ],
]

describe('overlay entries: each rule is one located line, exit 2, and nothing is generated', () => {
  it.each(RULES)('refuses %s', async (_, overlay, message) => {
    const {code, stdout, stderr} = await generateWith(overlay)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    if (typeof message === 'string') expect(stderr).toBe(`simplex-events: ${message}\n`)
    else expect(stderr).toMatch(new RegExp(`^simplex-events: .*${message.source}\n$`))
  })

  it('accepts every entry kind of the rules above when it is well-formed', async () => {
    const {code, stderr} = await generateWith({
      $comment: 'comments are allowed',
      corrections: [{target: 'User.userId', from: 'int64', optional: true, reason: 'r', evidence: 'e'}],
      additions: [
        {
          response: 'pinged',
          fields: ['counts: {string : int}', 'user: User', 'note: string?'],
          reason: 'r',
          evidence: 'e',
        },
      ],
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})

/** The message of the InputError `promise` rejects with. */
async function inputErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => expect.fail('expected the overlay to be refused'),
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(InputError)
  return (error as InputError).message
}

const SECRET = 'API_KEY=hunter2\n'
const VALID = JSON.stringify(correction({}))
/** A valid overlay of 5000 bytes: over a `--max-bytes` of 4096 that the mini spec's documents are under. */
const LARGE = VALID.padEnd(5000, ' ')

/** A scratch folder holding `secrets.txt` (outside any spec folder) and a valid overlay `elsewhere.json`. */
async function scratchFolder(): Promise<string> {
  const scratch = await temporaryFolder('overlay-rules-')
  await writeFile(path.join(scratch, 'secrets.txt'), SECRET)
  await writeFile(path.join(scratch, 'elsewhere.json'), VALID)
  return scratch
}

describe('overlay.json of a spec folder: the rules of every other spec file', () => {
  const cases: [string, (overlay: string, scratch: string) => Promise<void>, RegExp][] = [
    [
      'a symlink to a file outside the folder',
      (overlay, scratch) => symlink(path.join(scratch, 'secrets.txt'), overlay),
      /: a symbolic link to .*secrets\.txt, outside the spec folder$/,
    ],
    [
      'a symlink to /dev/zero',
      (overlay) => symlink('/dev/zero', overlay),
      /: a symbolic link to \/dev\/zero, outside the spec folder$/,
    ],
    [
      'a FIFO (which would block forever, holding the output lock)',
      async (overlay) => void execFileSync('mkfifo', [overlay]),
      /: not a regular file \(a FIFO\)$/,
    ],
    ['a directory', (overlay) => mkdir(overlay), /: not a regular file \(a directory\)$/],
    [
      'a file over --max-bytes',
      async (overlay) => {
        await writeFile(overlay, VALID)
        await truncate(overlay, 8 * 1024 * 1024 + 1) // sparse: nothing is written (the old code read it whole)
      },
      /: larger than the limit of 8 MiB \(--max-bytes 8388608\)$/,
    ],
  ]

  it.each(cases)('refuses %s, naming the file and printing none of its bytes', async (_, make, detail) => {
    const scratch = await scratchFolder()
    const spec = await writeMiniSpec()
    const overlay = path.join(spec, 'overlay.json')
    await make(overlay, scratch)
    const message = await inputErrorOf(readSchema({spec}))
    expect(message).toMatch(new RegExp(`^spec file ${escape(overlay)}${detail.source}`))
    expect(message).not.toContain('hunter2')
  })

  it('follows a symlink that stays inside the spec folder', async () => {
    const spec = await writeMiniSpec()
    await mkdir(path.join(spec, 'corrections'))
    await writeFile(path.join(spec, 'corrections', 'v1.json'), VALID)
    await symlink(path.join('corrections', 'v1.json'), path.join(spec, 'overlay.json'))
    expect(userIdType(await readSchema({spec}))).toBe('string')
  })

  it('applies --max-bytes to overlay.json as to the documents', async () => {
    const spec = await writeMiniSpec()
    await writeFile(path.join(spec, 'overlay.json'), LARGE)
    expect(await inputErrorOf(readSchema({spec, maxBytes: 4096}))).toBe(
      `spec file ${path.join(spec, 'overlay.json')}: larger than the limit of 4 KiB (--max-bytes 4096)`,
    )
  })
})

describe("--overlay FILE: the user's own choice, but never a FIFO or a device, and size-limited", () => {
  /** Read the mini spec with `overlay` as `--overlay`. */
  const withOverlay = async (overlay: string, maxBytes?: number) =>
    readSchema({spec: await writeMiniSpec(), overlay, ...(maxBytes ? {maxBytes} : {})})

  it('follows a symlink the user named, wherever it points', async () => {
    const scratch = await scratchFolder()
    const link = path.join(scratch, 'link.json')
    await symlink(path.join(scratch, 'elsewhere.json'), link)
    expect(userIdType(await withOverlay(link))).toBe('string')
  })

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = path.join(await scratchFolder(), 'overlay.fifo')
    execFileSync('mkfifo', [fifo])
    expect(await inputErrorOf(withOverlay(fifo))).toBe(`overlay file ${fifo}: not a regular file (a FIFO)`)
  })

  it('refuses a device (/dev/zero never ends)', async () => {
    expect(await inputErrorOf(withOverlay('/dev/zero'))).toBe('overlay file /dev/zero: not a regular file (a device)')
  })

  it('refuses a file over --max-bytes', async () => {
    const file = path.join(await scratchFolder(), 'large.json')
    await writeFile(file, LARGE)
    expect(await inputErrorOf(withOverlay(file, 4096))).toBe(
      `overlay file ${file}: larger than the limit of 4 KiB (--max-bytes 4096)`,
    )
  })

  it('a file that is not JSON is refused without quoting it', async () => {
    const file = path.join(await scratchFolder(), 'secrets.txt')
    expect(await inputErrorOf(withOverlay(file))).toBe(`${file}: not valid JSON`)
  })

  it('a JSON error is placed by line and column, not quoted', async () => {
    const file = path.join(await scratchFolder(), 'broken.json')
    await writeFile(file, '{"corrections": [],\n  hunter2}')
    expect(await inputErrorOf(withOverlay(file))).toBe(`${file}: not valid JSON at line 2, column 3`)
  })

  it('a named file that does not exist is refused', async () => {
    const file = path.join(await scratchFolder(), 'nope.json')
    expect(await inputErrorOf(withOverlay(file))).toBe(`overlay file ${file} does not exist`)
  })
})

/** The type `User.userId` has in a schema: `string` once the overlay's correction is applied. */
function userIdType({schema}: {schema: Schema}): string | undefined {
  const user = schema.types.find((type) => type.name === 'User')
  const field = user?.kind === 'record' ? user.fields.find((candidate) => candidate.name === 'userId') : undefined
  return field?.type.kind === 'primitive' ? field.type.name : undefined
}

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
