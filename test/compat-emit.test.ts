/**
 * The emitters on a hand-made compatibility schema: a field whose type differs by version
 * (`Field.alternatives`), a union older versions had as an enum (`UnionType.stringValues`), and the
 * doc-version notes. Emitted in memory, unformatted; the decoders are imported from a temporary folder.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {emitLibrary} from '../generator/emit/index.js'
import {emitJsonSchema} from '../generator/emit/json-schema.js'
import type {Schema} from '../generator/schema/types.js'
import type {Decoders} from './support/decoders-of.js'
import {array, event, field, member, record, ref, schema, union} from './support/tiny-schema.js'

const VERSIONS = ['v1', 'v2']

/** `Group.members` is `[MemberSummary]` in v1 and `[Member]` in v2; `Status` was an enum in v1. */
function compatSchema(): Schema {
  const members = {
    ...field('members', array(ref('Member'))),
    versions: VERSIONS,
    alternatives: [{type: array(ref('MemberSummary')), versions: ['v1']}],
  }
  const status = union('Status', [{...member('Ready', 'ready', [field('since', 'UTCTime')]), versions: ['v2']}])
  status.stringValues = [{value: 'snd-ready', location: status.location, versions: ['v1']}]
  status.versions = VERSIONS
  const base = schema({
    types: [
      record('Member', [field('memberId', 'int64'), field('role', 'string')]),
      record('MemberSummary', [field('count', 'int64')]),
      status,
      record('Group', [members, field('status', ref('Status'))]),
    ],
    events: [
      {...event('GroupSeen', 'groupSeen', [field('group', ref('Group'))]), versions: VERSIONS},
      {...event('GroupLeft', 'groupLeft', []), versions: ['v2']},
    ],
  })
  return {
    ...base,
    versions: VERSIONS.map((label) => ({label, sources: base.sources})),
  }
}

let files: Map<string, string>
let decoders: Decoders
let folder: string

beforeAll(async () => {
  files = await emitLibrary({schema: compatSchema(), overlaySha256: null, generatorVersion: '0', format: false})
  folder = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-compat-emit-'))
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(folder, name)), {recursive: true})
    writeFileSync(path.join(folder, name), text)
  }
  decoders = (await import(path.join(folder, 'src', 'decode.ts'))) as Decoders
})

afterAll(() => rmSync(folder, {recursive: true, force: true}))

const group = (members: unknown, status: unknown = {type: 'ready', since: '2025-01-01T00:00:00Z'}) => ({
  type: 'groupSeen',
  group: {members, status},
})

describe('a field whose type differs by version (Field.alternatives)', () => {
  it('is typed as the union of its types', () => {
    expect(files.get('src/types.ts')).toMatch(/members: Member\[\] \| MemberSummary\[\]/)
  })

  it('decodes a value of any of its types, and only those, in every mode', () => {
    const ofNewest = group([{memberId: 1, role: 'admin'}])
    const ofOldest = group([{count: 3}])
    for (const mode of ['strict', 'default', 'lenient'] as const) {
      expect(decoders.decodeChatEvent(ofNewest, {mode}).ok).toBe(true)
      expect(decoders.decodeChatEvent(ofOldest, {mode})).toMatchObject({ok: true, issues: []})
    }
    const neither = decoders.decodeChatEvent(group([{memberId: 'x'}]), {allErrors: true})
    // The newest type's issues, at their paths: no issue of a type tried and left is kept.
    expect(!neither.ok && neither.issues.map((issue) => issue.message)).toEqual([
      '$.group.members[0].role: missing (expected string)',
      '$.group.members[0].memberId: expected int64 integer, got "x"',
    ])
  })

  it('is anyOf its types in the JSON Schema', () => {
    const defs = emitJsonSchema(compatSchema(), '').$defs as Record<string, {properties: Record<string, unknown>}>
    expect(defs['T.Group']!.properties.members).toEqual({
      anyOf: [
        {type: 'array', items: {$ref: '#/$defs/T.Member'}},
        {type: 'array', items: {$ref: '#/$defs/T.MemberSummary'}},
      ],
    })
  })
})

describe('a union older versions had as an enum (UnionType.stringValues)', () => {
  it('is typed as its members or those strings', () => {
    expect(files.get('src/types.ts')).toMatch(/export type Status = Status\.Ready \| "snd-ready"/)
  })

  it('decodes those strings and its members; another string is an unknown-enum issue', () => {
    expect(decoders.decodeChatEvent(group([], 'snd-ready'), {mode: 'strict'}).ok).toBe(true)
    expect(decoders.decodeChatEvent(group([])).ok).toBe(true)
    const other = decoders.decodeChatEvent(group([], 'ready'))
    expect(!other.ok && other.error).toMatchObject({code: 'unknown-enum', path: '$.group.status'})
    expect(decoders.decodeChatEvent(group([], 3)).ok).toBe(false)
  })

  it('is anyOf those strings and its tagged union in the JSON Schema', () => {
    const defs = emitJsonSchema(compatSchema(), '').$defs as Record<string, {anyOf?: unknown[]}>
    expect(defs['T.Status']!.anyOf?.[0]).toEqual({type: 'string', enum: ['snd-ready']})
    expect(defs['T.Status']!.anyOf?.[1]).toMatchObject({oneOf: [{$ref: '#/$defs/T.Status.Ready'}]})
  })
})

describe('doc-version notes', () => {
  it('name the versions of a node its scope does not have in all of them, and the other types of a field', () => {
    const types = files.get('src/types.ts')!
    expect(types).toMatch(/`Status` member `Ready`: `type: "ready"`\.\s+\*\s+\s+\* In doc versions: v2\./)
    expect(types).toMatch(/In doc versions v1: `\[MemberSummary\]`\.\s+\*\/\s+members:/)
    expect(types).toContain('In doc versions v1, an enum: a string instead, one of `"snd-ready"`.')
    const events = files.get('src/events.ts')!
    expect(events).toMatch(/Event `groupLeft` \(Users, main event\)\.\s+\*\s+\* In doc versions: v2\./)
    // In every version: no note.
    expect(events).not.toMatch(/Event `groupSeen`[^/]*In doc versions/)
  })
})
