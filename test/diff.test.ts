/**
 * `compareSchemas`, `formatChanges` and the `diff` command, on the real docs
 * (2025-09-27, seed-intermediate, newest) and on small hand-made schemas for
 * the classification rules.
 */
import {readFileSync} from 'node:fs'
import {copyFile, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCliCapturing} from './support/run-cli.js'
import {sharedDocsSchema} from './support/shared-builds.js'
import {compareSchemas, type SchemaChange} from '../generator/diff/compare.js'
import {formatChanges} from '../generator/diff/format.js'
import {CHANGE_RULES, formatRulesTable} from '../generator/diff/rules.js'
import {loadSpecDirectory} from '../generator/load/folder.js'
import {buildSchema} from '../generator/pipeline.js'
import {compileSyntaxTemplates} from '../generator/parse/syntax-templates.js'
import {SCHEMA_VERSION} from '../generator/schema/index.js'
import type {
  CommandCategory,
  CommandDefinition,
  EventDefinition,
  Field,
  ResponseDefinition,
  Schema,
  SyntaxBlock,
  TypeDefinition,
  TypeExpression,
} from '../generator/schema/index.js'
import type {CommandTemplate} from '../generator/schema/command-template.js'

const root = path.resolve(import.meta.dirname, '..')
/** The expectations below are 2025-09-27 → 088a33e (the pinned spec before the 2026-newest docs). */
const NEWEST = path.join(root, 'spec/compat/2026-088a33e')
const SEPT_2025 = path.join(root, 'spec/compat/2025-09-27')
/** The newest docs with COMMANDS.md, as pinned, and the fork before them. */
const PINNED = path.join(root, 'spec')
const FORK = path.join(root, 'spec/compat/2026-fork-d94cbb0')

let temp: string
/** seed-intermediate EVENTS.md with the newest TYPES.md (the pairing its curator documents). */
let SEED: string
/** The newest docs without `msgSigned` on `LeftMember`: old → newest is one safe change. */
let WITHOUT_LEFT_MEMBER_SIGNATURE: string
/** The newest TYPES.md with an EVENTS.md that does not parse. */
let BROKEN: string
/** The newest docs without BlockingReason's "content": old → newest is one warning. */
let WITHOUT_BLOCKING_CONTENT: string

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'simplex-events-diff-'))
  SEED = path.join(temp, 'seed-intermediate')
  WITHOUT_LEFT_MEMBER_SIGNATURE = path.join(temp, 'without-left-member-signature')
  BROKEN = path.join(temp, 'broken')
  for (const folder of [SEED, WITHOUT_LEFT_MEMBER_SIGNATURE, BROKEN]) {
    await mkdir(folder)
    await copyFile(path.join(NEWEST, 'TYPES.md'), path.join(folder, 'TYPES.md'))
  }
  await copyFile(path.join(root, 'test/fixtures/docs/seed-intermediate/EVENTS.md'), path.join(SEED, 'EVENTS.md'))
  const newestEvents = readFileSync(path.join(NEWEST, 'EVENTS.md'), 'utf8')
  const leftMember = /(### LeftMember\n[\s\S]*?)- msgSigned: \[MsgSigStatus\]\(\.\/TYPES\.md#msgsigstatus\)\?\n/
  expect(newestEvents).toMatch(leftMember)
  await writeFile(path.join(WITHOUT_LEFT_MEMBER_SIGNATURE, 'EVENTS.md'), newestEvents.replace(leftMember, '$1'))
  await writeFile(path.join(BROKEN, 'EVENTS.md'), '# API Events\n\n### Orphan\n')
  WITHOUT_BLOCKING_CONTENT = path.join(temp, 'without-blocking-content')
  await mkdir(WITHOUT_BLOCKING_CONTENT)
  await copyFile(path.join(NEWEST, 'EVENTS.md'), path.join(WITHOUT_BLOCKING_CONTENT, 'EVENTS.md'))
  const newestTypes = readFileSync(path.join(NEWEST, 'TYPES.md'), 'utf8')
  const blockingContent = '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n'
  expect(newestTypes).toContain(blockingContent)
  await writeFile(
    path.join(WITHOUT_BLOCKING_CONTENT, 'TYPES.md'),
    newestTypes.replace(blockingContent, '## BlockingReason\n\n**Enum type**:\n- "spam"\n'),
  )
})

afterAll(async () => {
  await rm(temp, {recursive: true, force: true})
})

/** A folder's schema: shared by the run for the doc versions of the repository, built here for the others. */
async function schemaOf(folder: string): Promise<Schema> {
  if (!path.relative(root, folder).startsWith('..')) return sharedDocsSchema(path.relative(root, folder))
  const result = buildSchema(await loadSpecDirectory(folder))
  if (!result.ok) expect.fail(`${folder} does not parse`)
  return result.schema
}

const subjects = (changes: SchemaChange[]) => changes.map((change) => change.subject)
const ofKind = (changes: SchemaChange[], kind: SchemaChange['kind']) => changes.filter((change) => change.kind === kind)

describe('compareSchemas: 2025-09-27 → newest', {timeout: 30_000}, () => {
  let changes: SchemaChange[]
  beforeAll(async () => {
    changes = compareSchemas(await schemaOf(SEPT_2025), await schemaOf(NEWEST))
  })

  it('reports the four added events, safe, in document order', () => {
    const added = ofKind(changes, 'event-added')
    expect(subjects(added)).toEqual([
      'event GroupLinkRelaysUpdated',
      'event HostConnected',
      'event HostDisconnected',
      'event SubscriptionStatus',
    ])
    expect(added.every((change) => change.severity === 'safe')).toBe(true)
  })

  it('reports no event removed, renamed or moved', () => {
    expect(
      changes.filter((change) =>
        ['event-removed', 'event-tag-changed', 'event-moved', 'event-rank-changed'].includes(change.kind),
      ),
    ).toEqual([])
  })

  it('reports the new category "Network connection events"', () => {
    expect(changes.filter((change) => change.kind.startsWith('category-'))).toEqual([
      {
        kind: 'category-added',
        rule: 'category-added',
        subject: 'category "Network connection events"',
        severity: 'safe',
        reason: expect.any(String),
        location: {
          side: 'after',
          file: 'EVENTS.md',
          line: expect.any(Number),
          column: 1,
          anchor: 'network-connection-events',
        },
      },
    ])
  })

  it('reports msgSigned added, optional and safe, to seven events', () => {
    const added = changes.filter(
      (change) =>
        change.kind === 'field-added' &&
        change.subject.endsWith('.msgSigned') &&
        change.subject.startsWith('event field '),
    )
    expect(subjects(added)).toEqual([
      'event field GroupUpdated.msgSigned',
      'event field MemberRole.msgSigned',
      'event field DeletedMember.msgSigned',
      'event field LeftMember.msgSigned',
      'event field DeletedMemberUser.msgSigned',
      'event field GroupDeleted.msgSigned',
      'event field MemberBlockedForAll.msgSigned',
    ])
    expect(added.map((change) => [change.after, change.severity])).toEqual(Array(7).fill(['MsgSigStatus?', 'safe']))
  })

  it('reports fourteen types added', () => {
    expect(subjects(ofKind(changes, 'type-added'))).toEqual(
      [
        'ChatBotCommand',
        'ChatPeerType',
        'ClientNotice',
        'Group',
        'GroupDirectInvitation',
        'GroupKeys',
        'GroupRelay',
        'GroupRootKey',
        'GroupShortLinkInfo',
        'MsgSigStatus',
        'NetworkError',
        'RelayStatus',
        'SubscriptionStatus',
        'UserChatRelay',
      ].map((name) => `type ${name}`),
    )
  })

  it('reports GroupInfoSummary and RcvFileInfo removed, breaking', () => {
    const removed = ofKind(changes, 'type-removed')
    expect(subjects(removed)).toEqual(['type GroupInfoSummary', 'type RcvFileInfo'])
    expect(removed.every((change) => change.severity === 'breaking')).toBe(true)
  })

  it('reports ConnStatus changed from enum to union, breaking', () => {
    expect(changes.find((change) => change.subject === 'type ConnStatus')).toMatchObject({
      kind: 'type-kind-changed',
      severity: 'breaking',
      before: 'enum',
      after: 'union',
    })
  })

  it('reports GroupSummary.currentMembers widened from int to int64, safe', () => {
    expect(changes.find((change) => change.subject === 'field GroupSummary.currentMembers')).toMatchObject({
      kind: 'field-type-changed',
      severity: 'safe',
      before: 'int',
      after: 'int64',
    })
  })

  it('lists categories, then events, then types', () => {
    const section = (change: SchemaChange) =>
      change.subject.startsWith('category ') ? 0 : change.subject.startsWith('event ') ? 1 : 2
    const sections = changes.map(section)
    expect(sections).toEqual([...sections].sort())
    expect(new Set(sections)).toEqual(new Set([0, 1, 2]))
  })
})

describe('compareSchemas: seed-intermediate → newest', () => {
  let changes: SchemaChange[]
  beforeAll(async () => {
    changes = compareSchemas(await schemaOf(SEED), await schemaOf(NEWEST))
  })

  it('reports msgSigned changed from bool to optional MsgSigStatus on six events, breaking', () => {
    const changed = ofKind(changes, 'field-type-changed')
    expect(subjects(changed)).toEqual(
      ['GroupUpdated', 'MemberRole', 'DeletedMember', 'DeletedMemberUser', 'GroupDeleted', 'MemberBlockedForAll'].map(
        (event) => `event field ${event}.msgSigned`,
      ),
    )
    expect(changed.map((change) => [change.before, change.after, change.severity])).toEqual(
      Array(6).fill(['bool', 'MsgSigStatus?', 'breaking']),
    )
  })

  it('reports msgSigned added on LeftMember, safe', () => {
    expect(ofKind(changes, 'field-added')).toEqual([
      {
        kind: 'field-added',
        rule: 'field-added-optional',
        subject: 'event field LeftMember.msgSigned',
        severity: 'safe',
        after: 'MsgSigStatus?',
        reason: expect.any(String),
        location: {
          side: 'after',
          file: 'EVENTS.md',
          line: expect.any(Number),
          column: expect.any(Number),
          anchor: 'leftmember',
        },
      },
    ])
  })

  it('reports nothing else', () => {
    expect(changes).toHaveLength(7)
  })
})

describe('compareSchemas: a version against itself', () => {
  it('is empty', async () => {
    expect(compareSchemas(await schemaOf(NEWEST), await schemaOf(NEWEST))).toEqual([])
  })
})

describe('compareSchemas: fork → newest (COMMANDS.md)', {timeout: 30_000}, () => {
  let changes: SchemaChange[]
  beforeAll(async () => {
    changes = compareSchemas(await schemaOf(FORK), await schemaOf(PINNED))
  })

  it('reports the seven commands only in the newest docs, safe, in document order', () => {
    const added = ofKind(changes, 'command-added')
    expect(subjects(added)).toEqual(
      [
        'APIShareMyAddress',
        'APIShareChatMsgContent',
        'APIVerifyGroupDomain',
        'APISetUserAutoAcceptGroupInvitations',
        'APISendServiceResponse',
        'ConnectRemoteCtrl',
        'VerifyRemoteCtrlSession',
      ].map((name) => `command ${name}`),
    )
    expect(added.every((change) => change.severity === 'safe')).toBe(true)
    expect(ofKind(changes, 'command-removed')).toEqual([])
  })

  it('reports the APIConnectPlan parameter renames as removed + added, breaking', () => {
    const connectPlan = changes.filter((change) => change.subject.startsWith('parameter APIConnectPlan.'))
    expect(
      connectPlan.map(({rule, subject, severity, before, after}) => ({rule, subject, severity, before, after})),
    ).toEqual([
      {
        rule: 'parameter-added-optional',
        subject: 'parameter APIConnectPlan.connectTarget',
        severity: 'safe',
        before: undefined,
        after: 'string?',
      },
      {
        rule: 'parameter-added-required',
        subject: 'parameter APIConnectPlan.resolveMode',
        severity: 'breaking',
        before: undefined,
        after: 'PlanResolveMode',
      },
      {
        rule: 'parameter-removed',
        subject: 'parameter APIConnectPlan.connectionLink',
        severity: 'breaking',
        before: 'string?',
        after: undefined,
      },
      {
        rule: 'parameter-removed',
        subject: 'parameter APIConnectPlan.resolveKnown',
        severity: 'breaking',
        before: 'bool',
        after: undefined,
      },
    ])
  })

  it('does not report the APIConnectPlan string as changed: only its parameter was renamed', () => {
    expect(changes.find((change) => change.subject === 'command APIConnectPlan')).toBeUndefined()
  })

  it('reports StartChat syntax changed (the fork has only the grammar /_start), breaking', () => {
    expect(changes.find((change) => change.subject === 'command StartChat')).toMatchObject({
      kind: 'command-syntax-changed',
      severity: 'breaking',
      before: '/_start',
      after: expect.stringMatching(/^'\/_start main=' \+ /),
    })
  })

  it('does not report a syntax change for a new optional flag the old calls never set', () => {
    // APICreateMyAddress gained `(typeof pqRatchet == 'boolean' ? ... : '')` and nothing else.
    expect(subjects(changes).filter((subject) => subject.includes('APICreateMyAddress'))).toEqual([
      'parameter APICreateMyAddress.pqRatchet',
    ])
  })

  it('reports the two new command categories, safe, and new responses of Connect, a warning', () => {
    expect(subjects(ofKind(changes, 'command-category-added'))).toEqual([
      'command category "Service commands"',
      'command category "Remote control commands"',
    ])
    expect(subjects(ofKind(changes, 'response-added'))).toContain('response Connect.connectionPlan')
    expect(ofKind(changes, 'response-added').every((change) => change.severity === 'warning')).toBe(true)
    expect(ofKind(changes, 'command-category-added').every((change) => change.severity === 'safe')).toBe(true)
  })

  it('reports the fields of a response tag once, with its tag as subject', () => {
    expect(changes.filter((change) => change.subject.startsWith('response field '))).toMatchObject([
      {rule: 'field-added-optional', subject: 'response field connectionPlan.planSimplexName', severity: 'safe'},
      {rule: 'field-added-optional', subject: 'response field connectionPlan.otherSimplexName', severity: 'safe'},
      {rule: 'field-added-required', subject: 'response field groupDeletedUser.localDeletion', severity: 'breaking'},
    ])
  })

  it('markdown and json include the command changes', () => {
    const markdown = formatChanges(changes, 'markdown', false)
    expect(markdown).toContain('| added | `command APIShareMyAddress` |  | `Message commands` |')
    expect(markdown).toContain('| removed | `parameter APIConnectPlan.connectionLink` | `string?` |  |')
    const json = JSON.parse(formatChanges(changes, 'json', false)) as {changes: SchemaChange[]}
    expect(json.changes).toContainEqual(
      expect.objectContaining({kind: 'parameter-removed', subject: 'parameter APIConnectPlan.resolveKnown'}),
    )
  })

  it('reports the ChatType syntax change of 2025-09-27 → fork ("contact" became "direct")', async () => {
    const older = compareSchemas(await schemaOf(SEPT_2025), await schemaOf(FORK))
    expect(older.find((change) => change.subject === 'type ChatType')).toMatchObject({
      kind: 'type-syntax-changed',
      severity: 'breaking',
      before: expect.stringContaining("self == 'contact'"),
      after: expect.stringContaining("self == 'direct'"),
    })
  })
})

// Small hand-made schemas, one rule each.

const at = {file: 'TYPES.md', line: 1, column: 1}
const primitive = (name: 'int' | 'int64' | 'word32' | 'double' | 'string' | 'bool'): TypeExpression => ({
  kind: 'primitive',
  name,
})
const field = (name: string, type: TypeExpression, optional = false): Field => ({
  name,
  wireName: name,
  optional,
  type,
  location: at,
})
const record = (name: string, fields: Field[]): TypeDefinition => ({
  kind: 'record',
  name,
  description: [],
  syntax: [],
  location: at,
  fields,
})
const event = (name: string, overrides: Partial<EventDefinition> = {}): EventDefinition => ({
  name,
  tag: name[0]!.toLowerCase() + name.slice(1),
  category: 'Group events',
  rank: 'main',
  description: [],
  fields: [],
  location: at,
  ...overrides,
})
/** A schema as the pipeline hands it to `compareSchemas`: its syntax blocks compiled (`compileSyntaxTemplates`). */
const compiled = (schema: Schema): Schema => ({
  ...schema,
  ...compileSyntaxTemplates(schema.types, schema.commands, new Map()),
})
const schema = (types: TypeDefinition[], events: EventDefinition[] = []): Schema =>
  compiled({
    schemaVersion: SCHEMA_VERSION,
    sources: {events: {file: 'EVENTS.md', sha256: ''}, types: {file: 'TYPES.md', sha256: ''}},
    categories: [],
    events,
    types,
    commandCategories: [],
    commands: [],
  })
/** The single change between two versions of one record's field. */
const fieldChange = (before: Field, after: Field) => {
  const changes = compareSchemas(schema([record('R', [before])]), schema([record('R', [after])]))
  expect(changes).toHaveLength(1)
  return changes[0]!
}

describe('compareSchemas: field rules', () => {
  it('treats int → double as a safe widening', () => {
    expect(fieldChange(field('n', primitive('int')), field('n', primitive('double'))).severity).toBe('safe')
  })

  it('treats int64 → int as breaking (a narrowing)', () => {
    expect(fieldChange(field('n', primitive('int64')), field('n', primitive('int'))).severity).toBe('breaking')
  })

  it('treats a widening inside an array as safe', () => {
    expect(
      fieldChange(
        field('n', {kind: 'array', element: primitive('int')}),
        field('n', {kind: 'array', element: primitive('int64')}),
      ).severity,
    ).toBe('safe')
  })

  it('treats a widening that also makes the field optional as a warning, as made optional alone is', () => {
    expect(fieldChange(field('n', primitive('int')), field('n', primitive('int64'), true))).toMatchObject({
      rule: 'field-type-widened',
      severity: 'warning',
      reason: expect.stringMatching(/; now optional, so code reading it gets T \| undefined$/),
    })
  })

  it('treats a type change that also makes the field optional as breaking: the more severe of the two', () => {
    expect(fieldChange(field('n', primitive('string')), field('n', primitive('bool'), true)).severity).toBe('breaking')
  })

  it('treats string → bool as breaking', () => {
    expect(fieldChange(field('s', primitive('string')), field('s', primitive('bool'))).severity).toBe('breaking')
  })

  it('ignores a reference whose link target changed', () => {
    const before = field('u', {kind: 'reference', name: 'User', href: './TYPES.md#user'})
    const after = field('u', {kind: 'reference', name: 'User', href: '#user'})
    expect(compareSchemas(schema([record('R', [before])]), schema([record('R', [after])]))).toEqual([])
  })

  it('treats required → optional as a warning: frames still decode, code reading it gets T | undefined', () => {
    expect(fieldChange(field('s', primitive('string')), field('s', primitive('string'), true))).toMatchObject({
      kind: 'field-made-optional',
      severity: 'warning',
    })
  })

  it('treats optional → required as breaking', () => {
    expect(fieldChange(field('s', primitive('string'), true), field('s', primitive('string')))).toMatchObject({
      kind: 'field-made-required',
      severity: 'breaking',
    })
  })

  it('treats an added required field as breaking and an added optional one as safe', () => {
    const changes = compareSchemas(
      schema([record('R', [])]),
      schema([record('R', [field('a', primitive('string')), field('b', primitive('string'), true)])]),
    )
    expect(changes.map((change) => [change.subject, change.severity])).toEqual([
      ['field R.a', 'breaking'],
      ['field R.b', 'safe'],
    ])
  })

  it('treats a removed optional field as breaking', () => {
    const changes = compareSchemas(
      schema([record('R', [field('a', primitive('string'), true)])]),
      schema([record('R', [])]),
    )
    expect(changes).toMatchObject([
      {kind: 'field-removed', subject: 'field R.a', severity: 'breaking', before: 'string?'},
    ])
  })
})

describe('compareSchemas: events, unions and enums', () => {
  it('treats an event tag change as breaking', () => {
    const changes = compareSchemas(schema([], [event('A')]), schema([], [event('A', {tag: 'renamed'})]))
    expect(changes).toMatchObject([
      {kind: 'event-tag-changed', severity: 'breaking', before: '"a"', after: '"renamed"'},
    ])
  })

  it('treats an event moved to another category as safe', () => {
    const changes = compareSchemas(schema([], [event('A')]), schema([], [event('A', {category: 'Other'})]))
    expect(changes).toMatchObject([{kind: 'event-moved', severity: 'safe', before: 'Group events', after: 'Other'}])
  })

  it('treats a removed event as breaking', () => {
    expect(compareSchemas(schema([], [event('A')]), schema([], []))).toMatchObject([
      {kind: 'event-removed', subject: 'event A', severity: 'breaking'},
    ])
  })

  it('treats a union member added as a warning, removed or retagged as breaking', () => {
    const union = (members: [string, string][]): TypeDefinition => ({
      kind: 'union',
      name: 'U',
      description: [],
      syntax: [],
      location: at,
      members: members.map(([name, tag]) => ({name, tag, fields: [], location: at})),
    })
    const changes = compareSchemas(
      schema([
        union([
          ['A', 'a'],
          ['B', 'b'],
        ]),
      ]),
      schema([
        union([
          ['A', 'x'],
          ['C', 'c'],
        ]),
      ]),
    )
    expect(changes.map((change) => [change.kind, change.subject, change.severity])).toEqual([
      ['member-tag-changed', 'member U.A', 'breaking'],
      ['member-added', 'member U.C', 'warning'],
      ['member-removed', 'member U.B', 'breaking'],
    ])
  })

  it('treats an enum value added as a warning and removed as breaking', () => {
    const enumType = (values: string[]): TypeDefinition => ({
      kind: 'enum',
      name: 'E',
      description: [],
      syntax: [],
      location: at,
      values: values.map((value) => ({value, location: at})),
    })
    const changes = compareSchemas(schema([enumType(['a', 'b'])]), schema([enumType(['a', 'c'])]))
    expect(changes.map((change) => [change.subject, change.severity])).toEqual([
      ['enum value E."c"', 'warning'],
      ['enum value E."b"', 'breaking'],
    ])
  })
})

// Hand-made schemas with COMMANDS.md, one command rule each.

const commandAt = {file: 'COMMANDS.md', line: 1, column: 1}
const javascript = (code: string): SyntaxBlock => ({
  lang: 'javascript',
  code: `${code} // JavaScript`,
  location: commandAt,
})
const grammar = (code: string): SyntaxBlock => ({lang: null, code, location: commandAt})
const response = (name: string, fields: Field[] = []): ResponseDefinition => ({
  name,
  description: '',
  tag: name[0]!.toLowerCase() + name.slice(1),
  fields,
  location: commandAt,
})
const command = (name: string, overrides: Partial<CommandDefinition> = {}): CommandDefinition => ({
  name,
  category: 'Chat commands',
  description: [],
  networkUsage: null,
  parameters: [],
  syntax: [javascript(`'/${name}'`)],
  responses: [response('CmdOk')],
  errors: [],
  location: commandAt,
  ...overrides,
})
const category = (name: string, commands: string[] = []): CommandCategory => ({
  name,
  description: [],
  commands,
  location: commandAt,
})
/** A schema read with a COMMANDS.md holding `commands` (and `types`, for syntax types). */
const withCommands = (
  commands: CommandDefinition[],
  categories: CommandCategory[] = [],
  types: TypeDefinition[] = [],
): Schema =>
  compiled({
    ...schema(types),
    sources: {...schema([]).sources, commands: {file: 'COMMANDS.md', sha256: ''}},
    commandCategories: categories,
    commands,
  })
/** The changes between two versions of one command `C`. */
const commandChanges = (before: Partial<CommandDefinition>, after: Partial<CommandDefinition>) =>
  compareSchemas(withCommands([command('C', before)]), withCommands([command('C', after)]))
const brief = (changes: SchemaChange[]) => changes.map(({rule, subject, severity}) => [rule, subject, severity])
/** The single change between two versions of parameter `p` of `C`. */
const parameterChange = (before: Field, after: Field) => {
  const changes = commandChanges({parameters: [before]}, {parameters: [after]})
  expect(changes).toHaveLength(1)
  return changes[0]!
}

describe('compareSchemas: command rules', () => {
  it('treats a command added as safe and removed as breaking', () => {
    const changes = compareSchemas(
      withCommands([command('A'), command('B')]),
      withCommands([command('A'), command('C')]),
    )
    expect(brief(changes)).toEqual([
      ['command-added', 'command C', 'safe'],
      ['command-removed', 'command B', 'breaking'],
    ])
  })

  it('treats command categories added or removed, and a command moved, as safe', () => {
    const changes = compareSchemas(
      withCommands([command('A')], [category('Chat commands'), category('Old')]),
      withCommands([command('A', {category: 'New'})], [category('Chat commands'), category('New')]),
    )
    expect(brief(changes)).toEqual([
      ['command-category-added', 'command category "New"', 'safe'],
      ['command-category-removed', 'command category "Old"', 'safe'],
      ['command-moved', 'command A', 'safe'],
    ])
  })

  it('compares no commands when one version has no COMMANDS.md', () => {
    const without = {...withCommands([]), sources: schema([]).sources}
    expect(compareSchemas(without, withCommands([command('A')]))).toEqual([])
    expect(compareSchemas(withCommands([command('A')]), without)).toEqual([])
  })

  it('treats an added optional parameter as safe and an added required one as breaking', () => {
    const changes = commandChanges(
      {},
      {parameters: [field('a', primitive('string')), field('b', primitive('string'), true)]},
    )
    expect(changes.map(({rule, subject, severity, after}) => [rule, subject, severity, after])).toEqual([
      ['parameter-added-required', 'parameter C.a', 'breaking', 'string'],
      ['parameter-added-optional', 'parameter C.b', 'safe', 'string?'],
    ])
  })

  it('treats a removed parameter, even optional, as breaking', () => {
    expect(commandChanges({parameters: [field('a', primitive('string'), true)]}, {})).toMatchObject([
      {kind: 'parameter-removed', subject: 'parameter C.a', severity: 'breaking', before: 'string?'},
    ])
  })

  it('treats a parameter widened (int → int64) as safe: an input', () => {
    expect(parameterChange(field('n', primitive('int')), field('n', primitive('int64')))).toMatchObject({
      rule: 'parameter-type-widened',
      kind: 'parameter-type-changed',
      severity: 'safe',
      before: 'int',
      after: 'int64',
    })
  })

  it('treats a parameter narrowed (int64 → int) or retyped (string → bool) as breaking', () => {
    for (const [before, after] of [
      [primitive('int64'), primitive('int')],
      [primitive('string'), primitive('bool')],
    ] as const) {
      expect(parameterChange(field('n', before), field('n', after))).toMatchObject({
        rule: 'parameter-type-changed',
        severity: 'breaking',
      })
    }
  })

  it('treats a parameter made optional as safe and made required as breaking (the reverse of fields)', () => {
    expect(parameterChange(field('s', primitive('string')), field('s', primitive('string'), true))).toMatchObject({
      kind: 'parameter-made-optional',
      severity: 'safe',
    })
    expect(parameterChange(field('s', primitive('string'), true), field('s', primitive('string')))).toMatchObject({
      kind: 'parameter-made-required',
      severity: 'breaking',
    })
  })

  it('treats a parameter widened and made optional as safe, widened and made required as breaking', () => {
    expect(parameterChange(field('n', primitive('int')), field('n', primitive('int64'), true)).severity).toBe('safe')
    const required = parameterChange(field('n', primitive('int'), true), field('n', primitive('int64')))
    expect(required).toMatchObject({rule: 'parameter-type-widened', severity: 'breaking'})
    expect(required.reason).toContain('now required, so calls that omit it stop compiling')
  })

  it('treats a response added to a command as a warning and removed as breaking', () => {
    const changes = commandChanges(
      {responses: [response('CmdOk'), response('ChatCmdError')]},
      {responses: [response('CmdOk'), response('NewChatItems')]},
    )
    expect(
      changes.map(({rule, subject, severity, before, after}) => [rule, subject, severity, before ?? after]),
    ).toEqual([
      ['response-added', 'response C.newChatItems', 'warning', 'NewChatItems'],
      ['response-removed', 'response C.chatCmdError', 'breaking', 'ChatCmdError'],
    ])
  })

  it('compares the fields of a response tag once, whatever the number of commands listing it, with the field rules', () => {
    const before = [field('user', primitive('string')), field('old', primitive('int'))]
    const after = [field('user', primitive('string'), true), field('added', primitive('bool'))]
    const changes = compareSchemas(
      withCommands([
        command('A', {responses: [response('Done', before)]}),
        command('B', {responses: [response('Done', before)]}),
      ]),
      withCommands([
        command('A', {responses: [response('Done', after)]}),
        command('B', {responses: [response('Done', after)]}),
      ]),
    )
    expect(brief(changes)).toEqual([
      ['field-made-optional', 'response field done.user', 'warning'],
      ['field-added-required', 'response field done.added', 'breaking'],
      ['field-removed', 'response field done.old', 'breaking'],
    ])
  })

  it('treats a response tag whose name changed as breaking', () => {
    const renamed = {...response('Done'), name: 'Finished'}
    expect(commandChanges({responses: [response('Done')]}, {responses: [renamed]})).toMatchObject([
      {
        kind: 'response-name-changed',
        subject: 'response done',
        severity: 'breaking',
        before: 'Done',
        after: 'Finished',
      },
    ])
  })
})

describe('compareSchemas: command syntax', () => {
  const userId = field('userId', primitive('int64'))
  const flag = field('flag', primitive('bool'), true)
  const syntaxChanges = (before: Partial<CommandDefinition>, after: Partial<CommandDefinition>) =>
    ofKind(commandChanges(before, after), 'command-syntax-changed')

  it('treats another command string for the same parameters as breaking, showing both expressions', () => {
    expect(
      syntaxChanges(
        {parameters: [userId], syntax: [javascript("'/_address ' + userId")]},
        {parameters: [userId], syntax: [javascript("'/_address  user=' +\n  userId")]},
      ),
    ).toMatchObject([
      {
        subject: 'command C',
        severity: 'breaking',
        before: "'/_address ' + userId",
        after: "'/_address user=' + userId",
      },
    ])
  })

  it('ignores spacing, parentheses and quote style: the compiled templates are equal', () => {
    expect(
      syntaxChanges(
        {parameters: [userId], syntax: [javascript("'/_address ' + userId")]},
        {parameters: [userId], syntax: [javascript('("/_address " +   (userId))')]},
      ),
    ).toEqual([])
  })

  it('does not count a renamed parameter in the same place as a new string', () => {
    const link = field('connectionLink', primitive('string'), true)
    const target = field('connectTarget', primitive('string'), true)
    const changes = commandChanges(
      {parameters: [userId, link], syntax: [javascript("'/_connect plan ' + userId + ' ' + connectionLink")]},
      {parameters: [userId, target], syntax: [javascript("'/_connect plan ' + userId + ' ' + connectTarget")]},
    )
    expect(brief(changes)).toEqual([
      ['parameter-added-optional', 'parameter C.connectTarget', 'safe'],
      ['parameter-removed', 'parameter C.connectionLink', 'breaking'],
    ])
  })

  it('counts two kept parameters that swap places as a new string', () => {
    const a = field('a', primitive('string'))
    const b = field('b', primitive('string'))
    expect(
      syntaxChanges(
        {parameters: [a, b], syntax: [javascript("'/x ' + a + ' ' + b")]},
        {parameters: [a, b], syntax: [javascript("'/x ' + b + ' ' + a")]},
      ),
    ).toHaveLength(1)
  })

  it('does not count a new optional flag that gives nothing when absent', () => {
    expect(
      syntaxChanges(
        {parameters: [userId], syntax: [javascript("'/_address ' + userId")]},
        {
          parameters: [userId, flag],
          syntax: [
            javascript("'/_address ' + userId + (typeof flag == 'boolean' ? ' flag=' + (flag ? 'on' : 'off') : '')"),
          ],
        },
      ),
    ).toEqual([])
  })

  it('treats a new required bool whose false keeps the command string as a warning (a flag with a default)', () => {
    const notify = field('notify', primitive('bool'))
    const changes = commandChanges(
      {parameters: [userId], syntax: [javascript("'/_reject ' + userId")]},
      {parameters: [userId, notify], syntax: [javascript("'/_reject ' + userId + (notify ? ' notify=on' : '')")]},
    )
    expect(brief(changes)).toEqual([['parameter-added-required-flag', 'parameter C.notify', 'warning']])
  })

  it('treats a new required bool that changes the command string when false as breaking', () => {
    const notify = field('notify', primitive('bool'))
    const changes = commandChanges(
      {parameters: [userId], syntax: [javascript("'/_reject ' + userId")]},
      {
        parameters: [userId, notify],
        syntax: [javascript("'/_reject ' + userId + ' notify=' + (notify ? 'on' : 'off')")],
      },
    )
    expect(brief(changes)).toEqual([
      ['parameter-added-required', 'parameter C.notify', 'breaking'],
      ['command-syntax-changed', 'command C', 'breaking'],
    ])
  })

  it('treats a new required parameter of another type as breaking, even where the string is kept', () => {
    const mode = field('mode', primitive('string'))
    const changes = commandChanges(
      {parameters: [userId], syntax: [javascript("'/_reject ' + userId")]},
      {parameters: [userId, mode], syntax: [javascript("'/_reject ' + userId + (mode ? ' mode=' + mode : '')")]},
    )
    expect(brief(changes)).toEqual([['parameter-added-required', 'parameter C.mode', 'breaking']])
  })

  it('keeps JavaScript + semantics: an empty string between two numbers still makes a concatenation', () => {
    const [a, b] = [field('a', primitive('int')), field('b', primitive('int'))]
    // `a + b` adds; `a + '' + b` concatenates: dropping the absent flag's '' would hide that.
    expect(
      syntaxChanges(
        {parameters: [a, b], syntax: [javascript('a + b')]},
        {parameters: [a, b, flag], syntax: [javascript("a + (flag ? ' f' : '') + b")]},
      ),
    ).toHaveLength(1)
  })

  it('counts a new flag that changes the string when absent', () => {
    expect(
      syntaxChanges(
        {parameters: [userId], syntax: [javascript("'/_address ' + userId")]},
        {parameters: [userId, flag], syntax: [javascript("'/_address ' + userId + (!flag ? ' flag=off' : '')")]},
      ),
    ).toHaveLength(1)
  })

  it('counts a new parameter read unconditionally (the docs give "undefined" without it)', () => {
    expect(
      syntaxChanges(
        {parameters: [userId], syntax: [javascript("'/_address ' + userId")]},
        {parameters: [userId, flag], syntax: [javascript("'/_address ' + userId + ' ' + flag")]},
      ),
    ).toHaveLength(1)
  })

  it('treats a grammar-only syntax replaced by a javascript one as a new string', () => {
    expect(
      syntaxChanges(
        {syntax: [grammar('/_start')]},
        {syntax: [grammar('/_start main=on'), javascript("'/_start main=on'")]},
      ),
    ).toMatchObject([{before: '/_start', after: "'/_start main=on'"}])
    expect(syntaxChanges({syntax: [grammar('/user')]}, {syntax: [grammar(' /user\n')]})).toEqual([])
  })

  it('compares the templates the pipeline compiled, without compiling the blocks again', () => {
    const syntax = [javascript("'/_address ' + userId")]
    const before = withCommands([command('C', {parameters: [userId], syntax})])
    const recompiled: CommandTemplate = {
      subject: 'fields',
      expression: {kind: 'literal', value: '/other'},
      unguardedOptionals: [],
    }
    const after = {...before, commands: [{...before.commands[0]!, template: recompiled}]}
    expect(ofKind(compareSchemas(before, after), 'command-syntax-changed')).toHaveLength(1)
    expect(compareSchemas(before, before)).toEqual([])
  })

  it('compares a block the compiler rejects as whitespace-normalised text', () => {
    const chatRef = field('chatRef', {kind: 'reference', name: 'ChatRef', href: './TYPES.md#chatref'})
    const old = {parameters: [chatRef], syntax: [javascript("'/_delete ' + chatRef.toString()")]}
    expect(syntaxChanges(old, {...old, syntax: [javascript("'/_delete '  +  chatRef.toString()")]})).toEqual([])
    expect(syntaxChanges(old, {...old, syntax: [javascript("'/_delete ' + chatRef.toText()")]})).toHaveLength(1)
  })

  it('treats a changed TYPES.md syntax as breaking', () => {
    const chatType = (javascriptCode: string): TypeDefinition => ({
      kind: 'enum',
      name: 'ChatType',
      description: [],
      syntax: [javascript(javascriptCode)],
      location: at,
      values: [{value: 'direct', location: at}],
    })
    const changes = compareSchemas(
      schema([chatType("self == 'contact' ? '@' : '#'")]),
      schema([chatType("self == 'direct' ? '@' : '#'")]),
    )
    expect(changes).toMatchObject([{kind: 'type-syntax-changed', subject: 'type ChatType', severity: 'breaking'}])
    expect(
      compareSchemas(schema([chatType("self == 'direct' ? '@' : '#'")]), schema([chatType("self=='direct'?'@':'#'")])),
    ).toEqual([])
  })
})

const SAMPLE: SchemaChange[] = [
  {
    kind: 'field-added',
    rule: 'field-added-optional',
    subject: 'field R.b',
    severity: 'safe',
    after: 'string?',
    reason: 'optional',
  },
  {
    kind: 'field-type-changed',
    rule: 'field-type-changed',
    subject: 'field R.a',
    severity: 'breaking',
    before: 'string',
    after: 'bool',
    reason: 'gets T | undefined',
  },
  {
    kind: 'enum-value-added',
    rule: 'enum-value-added',
    subject: 'enum value E."c"',
    severity: 'warning',
    reason: 'a new case',
  },
]

describe('formatChanges', () => {
  it('text: a summary line, then breaking changes first, then warnings', () => {
    const lines = formatChanges(SAMPLE, 'text', false).trimEnd().split('\n')
    expect(lines).toEqual([
      '3 changes: 1 breaking, 1 warning, 1 safe',
      'BREAKING  field R.a type changed: string → bool — gets T | undefined',
      'WARNING   enum value E."c" added — a new case',
      'safe      field R.b added: string? — optional',
    ])
  })

  it('text: colours breaking changes red and warnings yellow only when asked', () => {
    expect(formatChanges(SAMPLE, 'text', true)).toContain('\u001b[31mBREAKING')
    expect(formatChanges(SAMPLE, 'text', true)).toContain('\u001b[33mWARNING ')
    expect(formatChanges(SAMPLE, 'text', false)).not.toContain('\u001b[')
  })

  it('markdown: a table per severity with pipes escaped', () => {
    const markdown = formatChanges(SAMPLE, 'markdown', true)
    expect(markdown).toContain(
      '### Breaking changes (1)\n\n| Change | Subject | Before | After | Why |\n| --- | --- | --- | --- | --- |\n| type changed | `field R.a` | `string` | `bool` | gets T \\| undefined |',
    )
    expect(markdown).toContain('### Warnings (1)')
    expect(markdown).toContain('### Safe changes (1)')
    expect(markdown).not.toContain('\u001b[')
  })

  it('json: a summary and the changes', () => {
    expect(JSON.parse(formatChanges(SAMPLE, 'json', true))).toEqual({
      summary: {breaking: 1, warning: 1, safe: 1},
      changes: SAMPLE,
    })
  })

  it('says "No changes." for an empty list in text and markdown', () => {
    expect(formatChanges([], 'text', false)).toBe('No changes.\n')
    expect(formatChanges([], 'markdown', false)).toContain('\nNo changes.\n')
  })

  it('json: an empty list of changes for no changes', () => {
    expect(JSON.parse(formatChanges([], 'json', false))).toEqual({
      summary: {breaking: 0, warning: 0, safe: 0},
      changes: [],
    })
  })
})

const run = runCliCapturing

// Each run parses two full versions of the docs: allow for a busy machine.
describe('simplex-events diff', {timeout: 30_000}, () => {
  it('prints "No changes." and exits 0 for a version against itself', async () => {
    // This version has no COMMANDS.md: the output says so.
    expect(await run('diff', NEWEST, NEWEST)).toEqual({
      code: 0,
      stdout: `No changes.\nnote: commands not compared: neither ${NEWEST} nor ${NEWEST} has COMMANDS.md\n`,
      stderr: '',
    })
  })

  // spec/ is a compatibility build's folder (compat.json): diff compares the docs of each side, never the merged IR.
  it('compares a compat folder by its own docs: the same as a copy of them without compat.json', async () => {
    const alone = path.join(temp, 'pinned-alone')
    await mkdir(alone)
    for (const name of ['EVENTS.md', 'TYPES.md', 'COMMANDS.md'])
      await copyFile(path.join(PINNED, name), path.join(alone, name))
    const fromCompatFolder = await run('diff', FORK, PINNED, '--format', 'json')
    expect(fromCompatFolder.code).toBe(1)
    expect(fromCompatFolder).toEqual(await run('diff', FORK, alone, '--format', 'json'))
    expect(await run('diff', PINNED, PINNED)).toEqual({code: 0, stdout: 'No changes.\n', stderr: ''})
  })

  it('exits 1 on breaking changes by default, saying how many', async () => {
    const breaking = compareSchemas(await schemaOf(SEPT_2025), await schemaOf(NEWEST)).filter(
      (change) => change.severity === 'breaking',
    ).length
    const result = await run('diff', SEPT_2025, NEWEST)
    expect(breaking).toBeGreaterThan(0)
    expect([result.code, result.stderr]).toEqual([1, `${breaking} breaking changes (--fail-on breaking)\n`])
  })

  it('exits 0 with --fail-on none despite breaking changes', async () => {
    const result = await run('diff', SEPT_2025, NEWEST, '--fail-on', 'none')
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toMatch(/^\d+ changes: \d+ breaking, \d+ warnings, \d+ safe\n/)
  })

  it('exits 1 with --fail-on any on breaking changes', async () => {
    expect((await run('diff', SEPT_2025, NEWEST, '--fail-on', 'any')).code).toBe(1)
  })

  it('passes a warning with --fail-on breaking and fails on it with --fail-on warning', async () => {
    const passed = await run('diff', WITHOUT_BLOCKING_CONTENT, NEWEST)
    expect([passed.code, passed.stderr]).toEqual([0, ''])
    expect(passed.stdout).toMatch(/^1 change: 0 breaking, 1 warning, 0 safe\n/)
    expect(passed.stdout).toContain('WARNING   enum value BlockingReason."content" added')
    const failed = await run('diff', WITHOUT_BLOCKING_CONTENT, NEWEST, '--fail-on', 'warning')
    expect([failed.code, failed.stderr]).toEqual([1, '1 change breaking or warning (0 breaking) (--fail-on warning)\n'])
  })

  it('fails on breaking changes with --fail-on warning, counting both', async () => {
    const changes = compareSchemas(await schemaOf(SEPT_2025), await schemaOf(NEWEST))
    const counted = changes.filter((change) => change.severity !== 'safe')
    const breaking = changes.filter((change) => change.severity === 'breaking')
    expect(counted.length).toBeGreaterThan(breaking.length)
    const result = await run('diff', SEPT_2025, NEWEST, '--fail-on', 'warning')
    expect([result.code, result.stderr]).toEqual([
      1,
      `${counted.length} changes breaking or warning (${breaking.length} breaking) (--fail-on warning)\n`,
    ])
  })

  it('passes only safe changes with --fail-on warning', async () => {
    expect((await run('diff', WITHOUT_LEFT_MEMBER_SIGNATURE, NEWEST, '--fail-on', 'warning')).code).toBe(0)
  })

  it('passes only safe changes with --fail-on breaking', async () => {
    const result = await run('diff', WITHOUT_LEFT_MEMBER_SIGNATURE, NEWEST)
    expect([result.code, result.stdout]).toEqual([
      0,
      expect.stringMatching(
        /^1 change: 0 breaking, 0 warnings, 1 safe\nnote: commands not compared: .*\nsafe {6}event field LeftMember\.msgSigned added/,
      ),
    ])
  })

  it('fails on only safe changes with --fail-on any', async () => {
    const result = await run('diff', WITHOUT_LEFT_MEMBER_SIGNATURE, NEWEST, '--fail-on', 'any')
    expect([result.code, result.stderr]).toEqual([1, '1 change (--fail-on any)\n'])
  })

  it('prints json with the summary', async () => {
    const result = await run('diff', SEED, NEWEST, '--format', 'json')
    expect(JSON.parse(result.stdout).summary).toEqual({breaking: 6, warning: 0, safe: 1})
  })

  it('prints a markdown table', async () => {
    const result = await run('diff', SEED, NEWEST, '--format', 'markdown')
    expect(result.stdout).toContain(
      '| type changed | `event field GroupUpdated.msgSigned` | `bool` | `MsgSigStatus?` |',
    )
  })

  it('rejects an unknown --format as a usage error', async () => {
    const result = await run('diff', NEWEST, NEWEST, '--format', 'xml')
    expect([result.code, result.stdout]).toEqual([2, ''])
    expect(result.stderr).toContain("argument 'xml' is invalid")
  })

  it('rejects an unknown --fail-on as a usage error', async () => {
    expect((await run('diff', NEWEST, NEWEST, '--fail-on', 'some')).code).toBe(2)
  })

  it('exits 2 naming a missing folder', async () => {
    const missing = path.join(temp, 'missing')
    expect(await run('diff', missing, NEWEST)).toEqual({
      code: 2,
      stdout: '',
      stderr: `simplex-events: spec folder ${missing} does not exist\n`,
    })
  })

  it('exits 2 with located errors when a version does not parse', async () => {
    const result = await run('diff', BROKEN, NEWEST)
    expect([result.code, result.stdout]).toEqual([2, ''])
    expect(result.stderr).toContain(`${path.join(BROKEN, 'EVENTS.md')}\n3:1`)
  })
})

describe('the rules table', () => {
  it('the README shows exactly the rules of generator/diff/rules.ts', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8')
    const shown = /<!-- diff-rules:start -->\n([\s\S]*?)<!-- diff-rules:end -->/.exec(readme)?.[1]
    expect(shown).toBe(formatRulesTable())
  })

  it('a change kind with several rules has at most one rule of each severity', () => {
    const kinds = Object.values(CHANGE_RULES).map((rule) => rule.kind)
    for (const kind of new Set(kinds)) {
      const severities = Object.values(CHANGE_RULES)
        .filter((rule) => rule.kind === kind)
        .map((rule) => rule.severity)
      expect(new Set(severities).size, kind).toBe(severities.length)
    }
  })
})
