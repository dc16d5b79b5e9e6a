/**
 * `@deprecated` in a compatibility build: an event, type, field, union member, enum value, command or
 * parameter that the newest doc version of its scope dropped is marked, naming the last version that had
 * it; what the newest version has is not. On a hand-made schema over v1 → v2 → v3, and on the pinned build.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {emitCommands} from '../generator/emit/commands.js'
import {deprecationNote} from '../generator/emit/doc-comment.js'
import {emitEvents} from '../generator/emit/events.js'
import {emitTypes} from '../generator/emit/types.js'
import type {Schema} from '../generator/schema/types.js'
import {pinnedTree} from './support/shared-builds.js'
import {
  command,
  enumType,
  event,
  field,
  member,
  printStatements,
  record,
  response,
  schema,
  union,
} from './support/tiny-schema.js'
import {emitModule} from '../generator/emit/module-scope.js'

const VERSIONS = ['v1', 'v2', 'v3']
const all = {versions: VERSIONS}

/** What each kind of node looks like when v3 dropped it, beside one v3 still has. */
function compatSchema(): Schema {
  const base = schema({
    types: [
      {
        ...record('Profile', [
          {...field('name', 'string'), ...all},
          {...field('image', 'string', true), versions: ['v1', 'v2']},
        ]),
        ...all,
      },
      {...record('OldSummary', [{...field('count', 'int'), versions: ['v1']}]), versions: ['v1']},
      {
        ...union('Status', [
          {...member('Ready', 'ready'), ...all},
          {...member('Early', 'early'), versions: ['v1']},
          {...member('Late', 'late'), versions: ['v3']},
        ]),
        ...all,
      },
      {
        ...enumType('Role', ['admin', 'observer', 'owner']),
        values: [
          {value: 'admin', location: {file: 'TYPES.md', line: 1, column: 1}, versions: VERSIONS},
          {value: 'observer', location: {file: 'TYPES.md', line: 1, column: 1}, versions: ['v1', 'v2']},
          {value: 'owner', location: {file: 'TYPES.md', line: 1, column: 1}, versions: ['v3']},
        ],
        ...all,
      },
    ],
    events: [
      {...event('Joined', 'joined', []), ...all},
      {...event('RelaysUpdated', 'relaysUpdated', []), versions: ['v2']},
    ],
    commands: [
      {
        ...command(
          'Connect',
          [
            {...field('link', 'string', true), versions: ['v1']},
            {...field('target', 'string', true), ...all},
          ],
          [response('Ok', 'ok', [])],
        ),
        ...all,
      },
      {...command('OldStart', [], [response('Ok', 'ok', [])]), versions: ['v1', 'v2']},
    ],
  })
  return {...base, versions: VERSIONS.map((label) => ({label, sources: base.sources}))}
}

/** The doc comment right before `declaration` (a line of the printed module). */
function commentBefore(text: string, declaration: string): string {
  const at = text.indexOf(declaration)
  expect(at, declaration).toBeGreaterThan(-1)
  const start = text.lastIndexOf('/**', at)
  const end = text.lastIndexOf('*/', at)
  // Only a comment that ends right before it, whitespace between, is its own.
  return end > start && text.slice(end + 2, at).trim() === '' ? text.slice(start, end + 2) : ''
}

const TAG = (last: string) => `@deprecated Not in doc version v3, the newest; last in ${last}.`

describe('@deprecated on what the newest doc version dropped', () => {
  it('marks a type, a field, a union member and an event, naming the last version that had them', async () => {
    const types = await printStatements(emitModule('types.ts', (scope) => emitTypes(compatSchema(), scope)))
    expect(commentBefore(types, 'export interface OldSummary')).toContain(TAG('v1'))
    expect(commentBefore(types, '  image?: string')).toContain(TAG('v2'))
    expect(commentBefore(types, '  export interface Early')).toContain(TAG('v1'))
    const events = await printStatements(emitModule('events.ts', (scope) => emitEvents(compatSchema(), scope)))
    expect(commentBefore(events, 'export interface RelaysUpdated')).toContain(TAG('v2'))
  })

  it('marks a command and a parameter over the versions with COMMANDS.md', async () => {
    const commands = await printStatements(emitModule('commands.ts', (scope) => emitCommands(compatSchema(), scope)))
    expect(commentBefore(commands, 'export interface OldStart')).toContain(TAG('v2'))
    expect(commentBefore(commands, '  link?: string')).toContain(TAG('v1'))
  })

  it('names the dropped values of an enum in its comment: a literal of a union cannot carry a tag', async () => {
    const types = await printStatements(emitModule('types.ts', (scope) => emitTypes(compatSchema(), scope)))
    expect(commentBefore(types, 'export type Role')).toContain(
      'Deprecated values, not in doc version v3, the newest: `"observer"` (last in v2).',
    )
  })

  it('leaves alone what the newest version has, also what only it has, and a field of a dropped type', async () => {
    const types = await printStatements(emitModule('types.ts', (scope) => emitTypes(compatSchema(), scope)))
    for (const declaration of [
      'export interface Profile',
      '  name: string',
      '  export interface Ready',
      '  export interface Late',
      '  count: number',
    ])
      expect(commentBefore(types, declaration), declaration).not.toContain('@deprecated')
    const events = await printStatements(emitModule('events.ts', (scope) => emitEvents(compatSchema(), scope)))
    expect(commentBefore(events, 'export interface Joined')).not.toContain('@deprecated')
    const commands = await printStatements(emitModule('commands.ts', (scope) => emitCommands(compatSchema(), scope)))
    expect(commentBefore(commands, 'export interface Connect')).not.toContain('@deprecated')
    expect(commentBefore(commands, '  target?: string')).not.toContain('@deprecated')
  })

  it('says nothing in a single-version schema', () => {
    expect(deprecationNote(undefined, undefined)).toBeNull()
    expect(deprecationNote(['v1'], undefined)).toBeNull()
    expect(deprecationNote(['v1', 'v2'], ['v1', 'v2'])).toBeNull()
    expect(deprecationNote(['v1'], ['v1', 'v2'])).toBe('Not in doc version v2, the newest; last in v1.')
  })

  it('escapes a version label, which is a folder name or a URL: it cannot close the comment or start a tag', async () => {
    const hostile = compatSchema()
    const label = 'v3*/ @internal'
    hostile.versions = hostile.versions!.map((version) => (version.label === 'v3' ? {...version, label} : version))
    for (const type of hostile.types) type.versions = type.versions?.map((v) => (v === 'v3' ? label : v))
    const types = await printStatements(emitModule('types.ts', (scope) => emitTypes(hostile, scope)))
    expect(commentBefore(types, 'export interface OldSummary')).toContain(
      '@deprecated Not in doc version v3*\\/ \\@internal, the newest; last in v1.',
    )
  })
})

describe('the pinned compatibility build', () => {
  it('marks GroupInfoSummary (2025-09-27 only) and the APIConnectPlan parameters the newest docs renamed', async () => {
    const tree = await pinnedTree()
    const types = readFileSync(path.join(tree, 'src/types.ts'), 'utf8')
    expect(commentBefore(types, 'export interface GroupInfoSummary')).toContain(
      '@deprecated Not in doc version 2026-03c8bf5, the newest; last in 2025-09-27.',
    )
    expect(commentBefore(types, 'export interface User ')).not.toContain('@deprecated')
    const commands = readFileSync(path.join(tree, 'src/commands.ts'), 'utf8')
    const connectPlan = commands.slice(commands.indexOf('export interface APIConnectPlan'))
    expect(commentBefore(connectPlan, '  resolveKnown?: boolean')).toContain(
      '@deprecated Not in doc version 2026-03c8bf5, the newest; last in 2026-fork-d94cbb0.',
    )
  })
})
