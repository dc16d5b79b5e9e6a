/**
 * The overlay's entries for what real servers send and no doc version documents: a correction that makes a
 * required field optional, and a response added to `ChatResponse` that answers no command. Generated from
 * the mini spec in memory and run.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {InputError} from '../generator/input-error.js'
import {generateInMemory} from '../generator/pipeline.js'
import {commandsDocument, MINI_COMMANDS} from './support/mini-commands.js'
import {writeMiniSpec} from './support/mini-spec.js'

type Library = typeof import('../generated/src/index.js')

const folders: string[] = []
afterAll(() => {
  for (const folder of folders) rmSync(folder, {recursive: true, force: true})
})

/** The mini spec with its COMMANDS.md (`Send`, answered by `sent`) and `overlay` as overlay.json. */
async function miniSpec(overlay: object | null, commands = MINI_COMMANDS): Promise<string> {
  const spec = await writeMiniSpec()
  folders.push(spec)
  await writeFile(path.join(spec, 'COMMANDS.md'), commandsDocument(commands))
  if (overlay) await writeFile(path.join(spec, 'overlay.json'), JSON.stringify(overlay))
  return spec
}

/** Generate `spec` in memory (unformatted), write it to a temporary folder and import its index. */
async function generateAndImport(spec: string, compat: string[] = []) {
  const {files, schema} = await generateInMemory({spec, compat, format: false})
  const directory = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-overlay-additions-'))
  folders.push(directory)
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    writeFileSync(path.join(directory, name), text)
  }
  const library = (await import(path.join(directory, 'src', 'index.ts'))) as Library
  return {files, schema, library}
}

const seen = (user: Record<string, unknown>) => ({type: 'userSeen', user})

describe('a correction that makes a required field optional', () => {
  const optional = (fields: Record<string, unknown>) => ({
    corrections: [
      {
        target: 'User.userId',
        from: 'int64',
        optional: true,
        reason: 'old cores omit it',
        evidence: 'f.json',
        ...fields,
      },
    ],
  })

  it('makes it optional in the IR, the type, the decoders and schema.json, with a note naming reason and evidence', async () => {
    const {files, schema, library} = await generateAndImport(await miniSpec(optional({})))
    const user = schema.types.find((type) => type.name === 'User')
    expect(user?.kind === 'record' && user.fields[0]).toMatchObject({
      name: 'userId',
      optional: true,
      type: {kind: 'primitive', name: 'int64'},
      correction: {docsType: 'int64', docsRequired: true, reason: 'old cores omit it', evidence: 'f.json'},
    })
    expect(files.get('src/types.ts')).toMatch(
      /Docs say required; the wire may omit it \(spec\/overlay\.json: old cores omit it; evidence: f\.json\)\.[^]*?userId\?: number;\n/,
    )
    const userSchema = JSON.parse(files.get('schema.json')!).$defs['T.User']
    expect(userSchema.required).toEqual(['kind'])
    expect(library.decodeChatEvent(seen({kind: 'small'})).ok).toBe(true)
    // Still checked when present.
    expect(library.decodeChatEvent(seen({userId: 'x', kind: 'small'}))).toMatchObject({
      ok: false,
      error: {path: '$.user.userId'},
    })
  })

  it('without the correction the docs require it (what the overlay changes)', async () => {
    const {library} = await generateAndImport(await miniSpec(null))
    expect(library.decodeChatEvent(seen({kind: 'small'}))).toMatchObject({
      ok: false,
      error: {code: 'missing', path: '$.user.userId'},
    })
  })

  it('with `to` as well: retyped and optional, both in its note', async () => {
    const {files, library} = await generateAndImport(await miniSpec(optional({to: 'string'})))
    expect(files.get('src/types.ts')).toMatch(
      /Docs say required `int64`; the wire sends `string` and may omit it \(spec\/overlay\.json: old cores omit it; evidence: f\.json\)\.[^]*?userId\?: string;\n/,
    )
    expect(library.decodeChatEvent(seen({userId: '1', kind: 'small'})).ok).toBe(true)
    expect(library.decodeChatEvent(seen({kind: 'small'})).ok).toBe(true)
  })
})

describe('a response the wire sends and no doc version documents', () => {
  const pinged = {
    response: 'pinged',
    fields: ['counts: {string : int}', 'users: [User]', 'note: string?'],
    reason: 'the reply to an undocumented /ping',
    evidence: 'test/fixtures/frames/x.json',
  }
  const value = {type: 'pinged', counts: {a: 1}, users: [{userId: 1, kind: 'small'}]}
  let generated: Awaited<ReturnType<typeof generateAndImport>>
  const library = () => generated.library

  it('joins ChatResponse after the docs’ responses, decoded with the fields it lists', async () => {
    generated = await generateAndImport(await miniSpec({corrections: [], additions: [pinged]}))
    expect(generated.schema.addedResponses).toMatchObject([
      {name: 'Pinged', tag: 'pinged', description: '', addition: {reason: pinged.reason, evidence: pinged.evidence}},
    ])
    expect(library().chatResponseTags).toEqual(['sent', 'pinged'])
    expect(library().decodeChatResponse(value)).toEqual({ok: true, value, issues: [], truncated: 0})
    expect(library().decodeChatResponse({...value, counts: {a: 'one'}})).toMatchObject({
      ok: false,
      error: {path: '$.counts.a', expected: 'int integer'},
    })
    expect(library().decodeChatResponse({...value, users: [{kind: 'small'}]})).toMatchObject({
      ok: false,
      error: {code: 'missing', path: '$.users[0].userId'},
    })
    expect(library().isValidChatResponse(value)).toBe(true)
    const guard = (library() as unknown as Record<string, (response: unknown) => boolean>).isPingedResponse!
    expect([guard(value), guard({type: 'sent'})]).toEqual([true, false])
  })

  it('is the response of a frame, with a corrId or without (no event has its tag)', () => {
    const resp = JSON.parse(JSON.stringify(value))
    expect(library().decodeFrame(JSON.stringify({corrId: '7', resp}))).toMatchObject({
      kind: 'response',
      corrId: '7',
      response: resp,
    })
    expect(library().decodeFrame(JSON.stringify({resp}))).toMatchObject({kind: 'response', corrId: undefined})
  })

  it('answers no command: decodeChatResponse takes it, decodeCommandResponse refuses it for every command', () => {
    expect(library().decodeChatResponse(value).ok).toBe(true)
    for (const command of MINI_COMMANDS) {
      expect(library().decodeCommandResponse(command.name as never, value)).toMatchObject({
        ok: false,
        error: {code: 'unknown-response', expected: `a response of "${command.name}" ("sent")`},
      })
    }
  })

  it('says where it comes from: undocumented, the reason and the evidence, in TSDoc and schema.json', () => {
    const note =
      'Undocumented: no doc version lists response `pinged`, and no command of the docs answers with it; ' +
      'spec/overlay.json adds it (the reply to an undocumented /ping; evidence: test/fixtures/frames/x.json).'
    expect(generated.files.get('src/responses.ts')).toContain(`/** ${note} */\nexport interface Pinged {`)
    const schema = JSON.parse(generated.files.get('schema.json')!)
    expect(schema.$defs['CR.Pinged']).toMatchObject({description: note, required: ['type', 'counts', 'users']})
    expect(schema.$defs.ChatResponse.oneOf).toContainEqual({$ref: '#/$defs/CR.Pinged'})
    // The command's own responses are the docs' alone.
    expect(generated.files.get('src/commands.ts')).not.toContain('Pinged')
  })

  it('in a compatibility build, a tag only an older version lists is refused (the merge is what it is checked on)', async () => {
    const older = await miniSpec(null, [
      {...MINI_COMMANDS[0]!, responses: [...MINI_COMMANDS[0]!.responses!, {name: 'Pinged', tag: 'pinged'}]},
    ])
    const spec = await miniSpec({additions: [pinged]})
    // The newest docs alone do not list it: the addition applies.
    await expect(generateInMemory({spec, format: false})).resolves.toBeTruthy()
    const error = await generateInMemory({spec, compat: [older], format: false}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toBe(
      `overlay: response \`pinged\` is in the docs now (a response of Send in doc versions ${path.basename(older)}); ` +
        'the addition no longer applies (remove it from spec/overlay.json)',
    )
  })
})
