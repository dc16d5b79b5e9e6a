/**
 * `mergeSchemas` (generator/compat/) on the four real doc versions (2025-09-27, 2026-088a33e, the fork d94cbb0
 * and the pinned newest in spec/); the merge rules on small hand-made schemas are in compat-merge.test.ts.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {mergeSchemas, type VersionedSchema} from '../generator/compat/merge-schemas.js'
import {serializeSchema} from '../generator/schema/index.js'
import type {Schema} from '../generator/schema/types.js'
import {fieldOf, typeNamed} from './support/schema-fields.js'
import {sharedDocsSchema} from './support/shared-builds.js'
import {primitive} from './support/tiny-schema.js'

describe('the real doc versions', () => {
  const FOLDERS = ['spec/compat/2025-09-27', 'spec/compat/2026-088a33e', 'spec/compat/2026-fork-d94cbb0']
  const LABELS = ['2025-09-27', '2026-088a33e', '2026-fork-d94cbb0', 'newest']
  let versions: VersionedSchema[]
  let compat: Schema

  beforeAll(async () => {
    versions = []
    for (const [index, folder] of [...FOLDERS, 'spec'].entries()) {
      // Each version's own schema, as buildSchema makes it: parsed once per run (shared-builds.ts).
      versions.push({label: LABELS[index]!, schema: await sharedDocsSchema(folder)})
    }
    const result = mergeSchemas(versions)
    if (!result.ok) throw new Error(result.conflicts.map((conflict) => conflict.reason).join('\n'))
    compat = result.schema
  }, 120_000) // four versions parsed and checked: seconds each on a loaded machine

  it('holds every event, type and command of every version, each recording its versions', () => {
    for (const {label, schema: version} of versions) {
      for (const name of version.events.map((event) => event.name))
        expect(compat.events.find((event) => event.name === name)?.versions).toContain(label)
      for (const name of version.types.map((type) => type.name))
        expect(typeNamed(compat, name).versions).toContain(label)
      for (const name of version.commands.map((command) => command.name))
        expect(compat.commands.find((command) => command.name === name)?.versions).toContain(label)
    }
    expect(compat.versions?.map((version) => version.label)).toEqual(LABELS)
    // 2026-088a33e has no COMMANDS.md: no command claims it.
    expect(compat.commands.filter((command) => command.versions?.includes('2026-088a33e'))).toEqual([])
  })

  it('makes the User fields older servers omit optional, with the versions that have them', () => {
    expect(fieldOf(compat, 'User', 'autoAcceptGroupInvitations')).toMatchObject({optional: true, versions: ['newest']})
    expect(fieldOf(compat, 'User', 'autoAcceptMemberContacts')).toMatchObject({
      optional: true,
      versions: ['2026-088a33e', '2026-fork-d94cbb0', 'newest'],
    })
    expect(fieldOf(compat, 'User', 'userId')).toMatchObject({optional: false, versions: LABELS})
  })

  it('makes ConnStatus a union whose 2025-09-27 enum strings are its stringValues', () => {
    const status = typeNamed(compat, 'ConnStatus')
    expect(status.kind).toBe('union')
    if (status.kind !== 'union') return
    expect(status.stringValues?.map((value) => value.value)).toEqual([
      'new',
      'prepared',
      'joined',
      'requested',
      'accepted',
      'snd-ready',
      'ready',
      'deleted',
    ])
    expect(new Set(status.stringValues?.flatMap((value) => value.versions))).toEqual(new Set(['2025-09-27']))
    expect(status.members.find((member) => member.tag === 'failed')).toMatchObject({
      versions: ['2026-088a33e', '2026-fork-d94cbb0', 'newest'],
      fields: [{name: 'connError', optional: false, versions: ['2026-088a33e', '2026-fork-d94cbb0', 'newest']}],
    })
  })

  it('takes the union of enum values (ChatFeature gained files and sessions after 2025-09-27)', () => {
    const feature = typeNamed(compat, 'ChatFeature')
    const values = feature.kind === 'enum' ? feature.values : []
    expect(values.find((value) => value.value === 'files')?.versions).toEqual([
      '2026-088a33e',
      '2026-fork-d94cbb0',
      'newest',
    ])
    expect(values.find((value) => value.value === 'voice')?.versions).toEqual(LABELS)
  })

  it('makes a parameter only the newest docs accept optional (APIRejectContact.notify)', () => {
    const reject = compat.commands.find((command) => command.name === 'APIRejectContact')
    expect(reject?.versions).toEqual(['2025-09-27', '2026-fork-d94cbb0', 'newest'])
    expect(reject?.parameters.find((parameter) => parameter.name === 'notify')).toMatchObject({
      optional: true,
      versions: ['newest'],
    })
  })

  it('widens GroupSummary.currentMembers (int, later int64) and keeps groupsList.groups of 2025-09-27', () => {
    expect(fieldOf(compat, 'GroupSummary', 'currentMembers').type).toEqual(primitive('int64'))
    const groups = compat.commands
      .find((command) => command.name === 'APIListGroups')
      ?.responses.find((candidate) => candidate.tag === 'groupsList')
      ?.fields.find((candidate) => candidate.name === 'groups')
    expect(groups?.type).toMatchObject({kind: 'array', element: {kind: 'reference', name: 'GroupInfo'}})
    expect(groups?.alternatives).toMatchObject([
      {type: {kind: 'array', element: {kind: 'reference', name: 'GroupInfoSummary'}}, versions: ['2025-09-27']},
    ])
  })

  it('is deterministic: the same versions give the same schema JSON', () => {
    const again = mergeSchemas(versions)
    expect(again.ok && serializeSchema(again.schema)).toBe(serializeSchema(compat))
  })
})
