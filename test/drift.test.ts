/**
 * `simplex-events drift`: on the real frames of test/fixtures/frames against the pinned docs (the done-when
 * case: the `agentUserId` correction is covered by the overlay, the fields older servers omit are skew), and
 * on hand-made docs for each verdict: a proposed correction or addition, an older server, report upstream.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCliCapturing} from './support/run-cli.js'
import {temporaryFolder} from './support/temp-folders.js'
import {command, enumType, event, field, member, record, ref, response, schema, union} from './support/tiny-schema.js'
import {analyseDrift, type DriftReport, type DriftShape} from '../generator/drift/analyse.js'
import {loadDecoders, type FrameDecoders} from '../generator/drift/decoders.js'
import {formatDrift} from '../generator/drift/format.js'
import {readFrames, type ReceivedFrame} from '../generator/drift/frames.js'
import {InputError} from '../generator/input-error.js'
import type {Overlay} from '../generator/overlay/index.js'
import type {Schema} from '../generator/schema/types.js'

const root = path.resolve(import.meta.dirname, '..')
const FRAMES = ['complete', 'responses', 'not-in-current-docs'].map((folder) => `test/fixtures/frames/${folder}`)

const shapeOf = (report: DriftReport, key: string): DriftShape => {
  const shape = report.shapes.find((candidate) => candidate.key === key)
  expect(shape, key).toBeDefined()
  return shape!
}

describe('drift on the real frames against the pinned docs', {timeout: 120_000}, () => {
  let run: {code: number; stdout: string; stderr: string}
  let report: DriftReport

  beforeAll(async () => {
    const {readdirSync} = await import('node:fs')
    const files = FRAMES.flatMap((folder) =>
      readdirSync(path.join(root, folder))
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => `${folder}/${name}`),
    )
    run = await runCliCapturing('drift', ...files, '--format', 'json')
    report = JSON.parse(run.stdout) as DriftReport
  }, 120_000)

  it('decodes by the newest docs and compares with the versions of spec/compat.json', () => {
    expect(report.frames).toBe(22)
    expect(report.docs).toBe('2026-03c8bf5')
    expect(report.range).toEqual(['2025-09-27', '2026-088a33e', '2026-fork-d94cbb0', '2026-03c8bf5'])
  })

  it('finds the agentUserId correction covered by the overlay, in every frame that has a user', () => {
    const shape = shapeOf(report, 'receivedGroupInvitation type $.user.agentUserId (int64 integer)')
    expect(shape.verdict).toEqual({kind: 'covered-by-overlay', entry: 'corrections[0] User.agentUserId'})
    expect(shape.frames).toEqual([
      {
        source: 'test/fixtures/frames/complete/receivedGroupInvitation-1.json',
        path: '$.user.agentUserId',
        found: '"1"',
      },
    ])
    const agentUserId = report.shapes.filter((candidate) => candidate.path.endsWith('.user.agentUserId'))
    expect(agentUserId.length).toBeGreaterThan(5)
    expect(new Set(agentUserId.map((candidate) => candidate.verdict.kind))).toEqual(new Set(['covered-by-overlay']))
  })

  it('classes the User fields a 2025-05 server omits as older-server skew, naming the versions without them', () => {
    expect(shapeOf(report, 'newChatItems missing $.user.autoAcceptMemberContacts (bool)').verdict).toEqual({
      kind: 'older-server',
      versions: ['2025-09-27'],
    })
    expect(shapeOf(report, 'receivedGroupInvitation missing $.user.clientService (bool)').verdict).toEqual({
      kind: 'older-server',
      versions: ['2025-09-27', '2026-088a33e', '2026-fork-d94cbb0'],
    })
    const missing = report.shapes.filter(
      (shape) => shape.code === 'missing' && !shape.path.startsWith('$.contactLink.'),
    )
    expect(missing.length).toBeGreaterThan(20)
    expect(missing.filter((shape) => shape.verdict.kind !== 'older-server')).toEqual([])
  })

  it('finds the 2025-05 UserContactLink and the undocumented responses covered by the overlay', () => {
    expect(shapeOf(report, 'userContactLink missing $.contactLink.userContactLinkId (int64 integer)').verdict).toEqual({
      kind: 'covered-by-overlay',
      entry: 'corrections[1] UserContactLink.userContactLinkId',
    })
    expect(shapeOf(report, 'agentSubs unknown-event $.type (an event of the docs)')).toMatchObject({
      count: 2,
      verdict: {kind: 'covered-by-overlay', entry: 'additions[0] response agentSubs'},
    })
  })

  it('leaves the start-up events no doc version lists to report upstream, and exits 1 for them', () => {
    const open = report.shapes.filter((shape) => shape.verdict.kind === 'report-upstream').map((shape) => shape.tag)
    expect(open).toEqual([
      'contactSubSummary',
      'groupEmpty',
      'memberSubSummary',
      'pendingSubSummary',
      'userContactSubSummary',
    ])
    expect(report.shapes.filter((shape) => shape.verdict.kind === 'proposal')).toEqual([])
    expect([run.code, run.stderr]).toEqual([1, '5 shapes of issue no doc version or overlay entry explains\n'])
  })
})

// Hand-made docs: `Profile.name` is an int64 the wire sends as a string; `Profile.age` is required and
// sometimes absent; `Status` has no member `late`; `Role` has no value "guest".
const DOCS = schema({
  types: [
    record('Profile', [field('name', 'int64'), field('age', 'int'), field('status', ref('Status'))]),
    union('Status', [member('Ready', 'ready', [field('role', ref('Role'))])]),
    enumType('Role', ['admin', 'member']),
  ],
  events: [event('ProfileSeen', 'profileSeen', [field('profile', ref('Profile'))])],
  commands: [command('ShowProfile', [], [response('Profile', 'profile', [field('profile', ref('Profile'))])])],
})

/** A range in which v1, older than the docs (v2), had no `age` and had the member `late`. */
function rangeOf(docs: Schema): Schema {
  const range = structuredClone(docs)
  const versions = ['v1', 'v2']
  const profile = range.types[0]!
  if (profile.kind !== 'record') throw new Error('Profile is a record')
  profile.versions = versions
  profile.fields = profile.fields.map((each) => ({...each, versions: each.name === 'age' ? ['v2'] : versions}))
  const status = range.types[1]!
  if (status.kind !== 'union') throw new Error('Status is a union')
  status.versions = versions
  status.members.push({...member('Late', 'late'), versions: ['v1']})
  return {...range, versions: versions.map((label) => ({label, sources: docs.sources}))}
}

const frame = (resp: unknown, corrId?: string): ReceivedFrame => ({
  source: `frame-${JSON.stringify(resp).length}`,
  frame: corrId === undefined ? {resp} : {corrId, resp},
})
const profile = (fields: object) => ({name: 1, age: 30, status: {type: 'ready', role: 'admin'}, ...fields})

describe('drift verdicts on hand-made docs', {timeout: 60_000}, () => {
  let decoders: FrameDecoders
  beforeAll(async () => {
    decoders = await loadDecoders(DOCS)
  }, 60_000)
  const analyse = (frames: ReceivedFrame[], overlay: Overlay = {corrections: []}, range = rangeOf(DOCS)) =>
    analyseDrift(frames, {docs: DOCS, decoders, range, overlay})

  it('proposes a correction to the primitive the wire sends, with the evidence frame', () => {
    const report = analyse([frame({type: 'profileSeen', profile: profile({name: 'ann'})})])
    expect(report.shapes).toMatchObject([
      {
        key: 'profileSeen type $.profile.name (int64 integer)',
        verdict: {
          kind: 'proposal',
          entry: {
            corrections: [
              {
                target: 'Profile.name',
                from: 'int64',
                to: 'string',
                evidence: expect.stringMatching(/: \$\.profile\.name is "ann"$/),
              },
            ],
          },
        },
      },
    ])
  })

  it('calls a field only the docs have, and older servers omit, older-server skew', () => {
    const report = analyse([frame({type: 'profileSeen', profile: {name: 1, status: {type: 'ready', role: 'admin'}}})])
    expect(report.shapes).toMatchObject([
      {key: 'profileSeen missing $.profile.age (int integer)', verdict: {kind: 'older-server', versions: ['v1']}},
    ])
  })

  it('proposes making a required field optional when no version explains its absence', () => {
    const report = analyse(
      [frame({type: 'profileSeen', profile: {name: 1, age: 3}})],
      {corrections: []},
      {...DOCS, versions: [{label: 'v2', sources: DOCS.sources}]},
    )
    expect(report.shapes[0]!.verdict).toEqual({
      kind: 'proposal',
      entry: {
        corrections: [
          {
            target: 'Profile.status',
            from: 'Status',
            optional: true,
            reason: 'the wire omits it: 1 frame lacks it',
            evidence: expect.stringMatching(/: \$\.profile\.status is missing$/),
          },
        ],
      },
    })
  })

  it('says covered by overlay when the pinned overlay already corrects the field', () => {
    const overlay = {
      corrections: [{target: 'Profile.name', from: 'int64', to: 'string' as const, reason: 'r', evidence: 'e'}],
    }
    const report = analyse([frame({type: 'profileSeen', profile: profile({name: 'ann'})})], overlay)
    expect(report.shapes[0]!.verdict).toEqual({kind: 'covered-by-overlay', entry: 'corrections[0] Profile.name'})
  })

  it('calls a union member an older version has older-server skew, and an unknown enum value report upstream', () => {
    const report = analyse([
      frame({type: 'profileSeen', profile: profile({status: {type: 'late'}})}),
      frame({type: 'profileSeen', profile: profile({status: {type: 'ready', role: 'guest'}})}),
    ])
    expect(report.shapes.map((shape) => [shape.code, shape.path, shape.verdict.kind])).toEqual([
      ['unknown-tag', '$.profile.status.type', 'older-server'],
      ['unknown-enum', '$.profile.status.role', 'report-upstream'],
    ])
  })

  it('proposes an addition for a reply with a tag no version lists, its fields read from the frame', () => {
    const report = analyse([frame({type: 'profileStats', seen: 3, names: ['a'], byServer: {s: 1}}, '7')])
    expect(report.shapes[0]).toMatchObject({
      code: 'unknown-response',
      verdict: {
        kind: 'proposal',
        entry: {
          additions: [
            {response: 'profileStats', fields: ['seen: int64', 'names: [string]', 'byServer: {string : int64}']},
          ],
        },
      },
    })
  })

  it('groups one shape across frames and array positions, counting each and listing each frame once', () => {
    const frames = [1, 2, 3].map((n) => ({
      source: `log.jsonl:${n}`,
      frame: {resp: {type: 'profileSeen', profile: profile({name: `p${n}`})}},
    }))
    const [shape] = analyse(frames).shapes
    expect(shape).toMatchObject({
      count: 3,
      frames: [{source: 'log.jsonl:1'}, {source: 'log.jsonl:2'}, {source: 'log.jsonl:3'}],
    })
  })

  it('markdown drafts the upstream report: each difference with the docs, the wire, the evidence and the entry', () => {
    const report = analyse([
      frame({type: 'profileSeen', profile: profile({name: 'ann'})}),
      frame({type: 'profileSeen', profile: {name: 1, status: {type: 'ready', role: 'admin'}}}),
    ])
    const markdown = formatDrift(report, 'markdown')
    expect(markdown).toContain('## Bot API docs and the wire: 1 difference\n')
    expect(markdown).toContain('### `profileSeen` type `$.profile.name`\n\n- The docs say: `int64 integer`.\n')
    expect(markdown).toContain('```json\n{\n  "corrections": [\n    {\n      "target": "Profile.name",')
    expect(markdown).toContain(
      '| older server | `profileSeen missing $.profile.age (int integer)` | 1 | as doc version v1 says |',
    )
  })
})

describe('readFrames', () => {
  it('reads a file of one frame, a bare resp, and a JSONL log, one frame a line', async () => {
    const folder = await temporaryFolder('drift-')
    const one = path.join(folder, 'one.json')
    const log = path.join(folder, 'log.jsonl')
    await writeFile(one, JSON.stringify({type: 'profileSeen'}, null, 2))
    await writeFile(log, '{"corrId":"1","resp":{"type":"a"}}\n\n{"resp":{"type":"b"}}\n')
    expect(await readFrames([one, log], 1 << 20)).toEqual([
      {source: one, frame: {resp: {type: 'profileSeen'}}},
      {source: `${log}:1`, frame: {corrId: '1', resp: {type: 'a'}}},
      {source: `${log}:3`, frame: {resp: {type: 'b'}}},
    ])
  })

  it('names the file and line of a line that is not JSON, and a missing or empty file', async () => {
    const folder = await temporaryFolder('drift-')
    const log = path.join(folder, 'log.jsonl')
    const empty = path.join(folder, 'empty.jsonl')
    await writeFile(log, '{"resp":{}}\n{"resp":\n')
    await writeFile(empty, '\n')
    await expect(readFrames([log], 1 << 20)).rejects.toThrow(new RegExp(`^frames file ${log}:2: not JSON`))
    await expect(readFrames([empty], 1 << 20)).rejects.toThrow(`frames file ${empty}: no frame in it`)
    await expect(readFrames([path.join(folder, 'none')], 1 << 20)).rejects.toBeInstanceOf(InputError)
  })

  it('is exit 2 from the CLI, with one line naming the file', async () => {
    const folder = await temporaryFolder('drift-')
    const log = path.join(folder, 'log.jsonl')
    await writeFile(log, 'not json\n')
    const result = await runCliCapturing('drift', log)
    expect([result.code, result.stdout]).toEqual([2, ''])
    expect(result.stderr).toMatch(new RegExp(`^simplex-events: frames file ${log}:1: not JSON`))
  })
})
