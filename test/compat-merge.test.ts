/**
 * `mergeSchemas` (generator/compat/): the merge rules on small hand-made schemas. The four real doc versions
 * are merged in compat-merge-real.test.ts (integration).
 */
import {describe, expect, it} from 'vitest'
import {mergeSchemas} from '../generator/compat/merge-schemas.js'
import type {Field, Schema} from '../generator/schema/types.js'
import {
  array,
  command,
  enumType,
  event,
  field,
  map,
  member,
  primitive,
  record,
  ref,
  response,
  schema,
  union,
} from './support/tiny-schema.js'
import {fieldOf, typeNamed} from './support/schema-fields.js'

/** Merge hand-made versions, oldest first, and fail the test on a conflict. */
function merged(...versions: [string, Schema][]): Schema {
  const result = mergeSchemas(versions.map(([label, schema]) => ({label, schema})))
  if (!result.ok) throw new Error(result.conflicts.map((conflict) => conflict.reason).join('\n'))
  return result.schema
}

/** `field` read from `line` of TYPES.md, so messages can name where. */
const fieldAt = (line: number, ...args: Parameters<typeof field>): Field => ({
  ...field(...args),
  location: {file: 'TYPES.md', line, column: 3},
})

describe('merge rules', () => {
  it('keeps the type and requiredness of a field every version has, and records the versions', () => {
    const old = schema({types: [record('User', [field('userId', 'int64')])]})
    const result = merged(['v1', old], ['v2', old])
    expect(fieldOf(result, 'User', 'userId')).toMatchObject({optional: false, versions: ['v1', 'v2']})
    expect(typeNamed(result, 'User').versions).toEqual(['v1', 'v2'])
    expect(result.versions?.map((version) => version.label)).toEqual(['v1', 'v2'])
  })

  it('makes a field only some versions have optional, with the versions that have it', () => {
    const result = merged(
      ['v1', schema({types: [record('User', [field('userId', 'int64')])]})],
      ['v2', schema({types: [record('User', [field('userId', 'int64'), field('clientService', 'bool')])]})],
    )
    expect(fieldOf(result, 'User', 'clientService')).toMatchObject({optional: true, versions: ['v2']})
    expect(fieldOf(result, 'User', 'userId').optional).toBe(false)
  })

  it('makes a field optional when any version marks it optional', () => {
    const result = merged(
      ['v1', schema({types: [record('Badge', [field('expiry', 'UTCTime', true)])]})],
      ['v2', schema({types: [record('Badge', [field('expiry', 'UTCTime')])]})],
    )
    expect(fieldOf(result, 'Badge', 'expiry')).toMatchObject({optional: true, versions: ['v1', 'v2']})
  })

  it('widens a field to the type holding both where one holds the other', () => {
    const at = (count: 'int' | 'int64' | 'double', time: 'string' | 'UTCTime') =>
      schema({
        types: [
          record('Summary', [
            field('count', count),
            field('counts', array(count)),
            field('byName', map(count)),
            field('at', time),
          ]),
        ],
      })
    const result = merged(['v1', at('int', 'UTCTime')], ['v2', at('int64', 'string')], ['v3', at('int64', 'string')])
    expect(fieldOf(result, 'Summary', 'count').type).toEqual(primitive('int64'))
    expect(fieldOf(result, 'Summary', 'counts').type).toEqual(array('int64'))
    expect(fieldOf(result, 'Summary', 'byName').type).toEqual(map('int64'))
    expect(fieldOf(result, 'Summary', 'at').type).toEqual(primitive('string'))
    expect(
      fieldOf(merged(['v1', at('double', 'string')], ['v2', at('int', 'string')]), 'Summary', 'count').type,
    ).toEqual(primitive('double'))
  })

  it('keeps other referenced types of the same JSON shape as alternatives, each with its versions', () => {
    const types = (element: string) => [
      record('GroupInfo', [field('groupId', 'int64')]),
      record('GroupInfoSummary', [field('groupInfo', ref('GroupInfo'))]),
      record('Groups', [field('groups', array(ref(element)))]),
    ]
    const result = merged(
      ['v1', schema({types: types('GroupInfoSummary')})],
      ['v2', schema({types: types('GroupInfo')})],
      ['v3', schema({types: types('GroupInfo')})],
    )
    const groups = fieldOf(result, 'Groups', 'groups')
    expect(groups.type).toEqual(array(ref('GroupInfo')))
    expect(groups.alternatives).toEqual([{type: array(ref('GroupInfoSummary')), versions: ['v1']}])
    expect(groups.versions).toEqual(['v1', 'v2', 'v3'])
  })

  it('refuses `[T]` in one version and `T` in another: a located error naming both versions and places', () => {
    const result = mergeSchemas([
      {label: 'v1', schema: schema({types: [record('Chat', [fieldAt(12, 'items', ref('Item'))]), record('Item', [])]})},
      {
        label: 'v2',
        schema: schema({types: [record('Chat', [fieldAt(40, 'items', array(ref('Item')))]), record('Item', [])]}),
      },
    ])
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.conflicts).toEqual([
      {
        reason:
          'Chat.items is [Item] in v2 (TYPES.md:40:3) and Item in v1 (TYPES.md:12:3): not one type, as the JSON shape differs',
        label: 'v2',
        location: {file: 'TYPES.md', line: 40, column: 3},
        ruleId: 'compat-type',
      },
    ])
  })

  it('refuses a string in one version and a number in another, and an enum in place of a record', () => {
    const version = (type: Field['type']) =>
      schema({types: [record('Meta', [field('itemTs', type)]), enumType('Status', ['ok']), record('Ts', [])]})
    for (const [older, newer] of [
      [primitive('UTCTime'), primitive('int64')],
      [ref('Status'), ref('Ts')],
    ] as const) {
      const result = mergeSchemas([
        {label: 'old', schema: version(older)},
        {label: 'new', schema: version(newer)},
      ])
      expect(result.ok ? [] : result.conflicts.map((conflict) => conflict.ruleId)).toEqual(['compat-type'])
    }
  })

  it('takes the union of enum values and union members, newest order first, each with its versions', () => {
    const result = merged(
      ['v1', schema({types: [enumType('Feature', ['voice', 'calls']), union('Content', [member('Text', 'text')])]})],
      [
        'v2',
        schema({
          types: [
            enumType('Feature', ['files', 'voice']),
            union('Content', [member('Text', 'text', [field('text', 'string')]), member('Link', 'link')]),
          ],
        }),
      ],
    )
    const feature = typeNamed(result, 'Feature')
    expect(feature.kind === 'enum' && feature.values.map(({value, versions}) => [value, versions])).toEqual([
      ['files', ['v2']],
      ['voice', ['v1', 'v2']],
      ['calls', ['v1']],
    ])
    const content = typeNamed(result, 'Content')
    expect(content.kind === 'union' && content.members.map(({tag, versions}) => [tag, versions])).toEqual([
      ['text', ['v1', 'v2']],
      ['link', ['v2']],
    ])
    // A member's field only v2 documents is optional: v1's `text` member has no fields.
    expect(content.kind === 'union' && content.members[0]?.fields[0]).toMatchObject({optional: true, versions: ['v2']})
  })

  it('makes a type that was an enum and became a union a union, keeping the old strings as stringValues', () => {
    const result = merged(
      ['v1', schema({types: [enumType('ConnStatus', ['new', 'snd-ready'])]})],
      ['v2', schema({types: [union('ConnStatus', [member('New', 'new'), member('SndReady', 'sndReady')])]})],
    )
    const status = typeNamed(result, 'ConnStatus')
    expect(status.kind).toBe('union')
    if (status.kind !== 'union') return
    expect(status.versions).toEqual(['v1', 'v2'])
    expect(status.members.map(({tag, versions}) => [tag, versions])).toEqual([
      ['new', ['v2']],
      ['sndReady', ['v2']],
    ])
    expect(status.stringValues?.map(({value, versions}) => [value, versions])).toEqual([
      ['new', ['v1']],
      ['snd-ready', ['v1']],
    ])
  })

  it('refuses a record that is a union in another version (compat-kind)', () => {
    const result = mergeSchemas([
      {label: 'v1', schema: schema({types: [record('Link', [field('uri', 'string')])]})},
      {label: 'v2', schema: schema({types: [union('Link', [member('Full', 'full')])]})},
    ])
    expect(result.ok ? [] : result.conflicts.map(({ruleId, reason}) => [ruleId, reason])).toEqual([
      [
        'compat-kind',
        'Link is a union in v2 (TYPES.md:1:1) and a record in v1 (TYPES.md:1:1): only an enum may become a union',
      ],
    ])
  })

  it('merges commands over the versions with COMMANDS.md: a parameter only newer versions accept is optional', () => {
    const ok = response('CmdOk', 'cmdOk', [])
    const result = merged(
      ['v1', schema({commands: [command('APIRejectContact', [field('contactReqId', 'int64')], [ok])]})],
      ['v2', schema({types: [record('Unrelated', [])]})],
      [
        'v3',
        schema({
          commands: [command('APIRejectContact', [field('contactReqId', 'int64'), field('notify', 'bool')], [ok])],
        }),
      ],
    )
    const [reject] = result.commands
    expect(reject?.versions).toEqual(['v1', 'v3'])
    expect(reject?.parameters.map(({name, optional, versions}) => [name, optional, versions])).toEqual([
      ['contactReqId', false, ['v1', 'v3']],
      ['notify', true, ['v3']],
    ])
    expect(reject?.responses.map(({tag, versions}) => [tag, versions])).toEqual([['cmdOk', ['v1', 'v3']]])
    expect(result.commandCategories).toEqual([{...schema({commands: [reject!]}).commandCategories[0]}])
  })

  // The superset property: ChatResponse decodes a tag by one definition (the first command's), so a response is
  // merged over every version that has its tag, under whichever command: here v1's `userContactLink` lacks
  // `addressSettings` and only the older command answers with it, yet the newer command comes first.
  it('merges a response tag over every version that has it, under any command, the same under each command', () => {
    const link = (...fields: Field[]) =>
      response('UserContactLink', 'userContactLink', [field('link', 'string'), ...fields])
    const result = merged(
      ['v1', schema({commands: [command('APIShowMyAddress', [], [link()])]})],
      [
        'v2',
        schema({
          commands: [
            command('APISetAddressSettings', [], [link(field('addressSettings', 'string'))]),
            command('APIShowMyAddress', [], [link(field('addressSettings', 'string'))]),
          ],
        }),
      ],
    )
    const fieldsUnder = (name: string) =>
      result.commands
        .find((candidate) => candidate.name === name)!
        .responses[0]!.fields.map(({name, optional, versions}) => [name, optional, versions])
    const expected = [
      ['link', false, ['v1', 'v2']],
      ['addressSettings', true, ['v2']],
    ]
    expect(fieldsUnder('APISetAddressSettings')).toEqual(expected)
    expect(fieldsUnder('APIShowMyAddress')).toEqual(expected)
    // Which commands list the tag, and in which versions, stays per command.
    expect(result.commands.map((command) => [command.name, command.responses[0]!.versions])).toEqual([
      ['APISetAddressSettings', ['v2']],
      ['APIShowMyAddress', ['v1', 'v2']],
    ])
  })

  it('keeps events only older versions have, in their category, and the newest sources', () => {
    const v1 = schema({events: [event('Old', 'old', []), event('Kept', 'kept', [field('user', 'string')])]})
    const v2 = schema({events: [event('Kept', 'kept', [field('user', 'string')]), event('New', 'new', [])]})
    v2.sources.events.sha256 = 'f'.repeat(64)
    const result = merged(['v1', v1], ['v2', v2])
    expect(result.events.map(({name, versions}) => [name, versions])).toEqual([
      ['Kept', ['v1', 'v2']],
      ['New', ['v2']],
      ['Old', ['v1']],
    ])
    expect(result.categories.map(({name, events}) => [name, events])).toEqual([['Users', ['Kept', 'New', 'Old']]])
    expect(result.sources.events.sha256).toBe('f'.repeat(64))
    expect(result.versions).toEqual([
      {label: 'v1', sources: v1.sources},
      {label: 'v2', sources: v2.sources},
    ])
  })

  it('refuses two wire keys that end up with one name (compat-name)', () => {
    const result = mergeSchemas([
      {label: 'v1', schema: schema({events: [event('Joined', 'joined', [])]})},
      {label: 'v2', schema: schema({events: [event('Joined', 'memberJoined', [])]})},
    ])
    expect(result.ok ? [] : result.conflicts.map(({ruleId, reason, label}) => [ruleId, reason, label])).toEqual([
      [
        'compat-name',
        'two events are named Joined: in v2 (EVENTS.md:1:1) and in v1 (EVENTS.md:1:1), with different wire keys',
        'v1',
      ],
    ])
  })

  it('refuses no versions and two versions with one label', () => {
    const one = schema({})
    expect(() => mergeSchemas([])).toThrow(/at least one version/)
    expect(() =>
      mergeSchemas([
        {label: 'spec', schema: one},
        {label: 'spec', schema: one},
      ]),
    ).toThrow(/its own label/)
  })
})
