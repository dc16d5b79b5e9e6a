/**
 * What the parser reads from COMMANDS.md: the newest pinned docs (spec/), the fork
 * d94cbb0 and 2025-09-27; the warnings the checks give on the real inconsistencies
 * of each; the plain syntax grammar reader on its own.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {runCliCapturing} from './support/run-cli.js'
import {loadSpecDirectory} from '../generator/load/folder.js'
import {identifiersOfExpression, readSyntaxGrammar} from '../generator/schema/syntax-grammar.js'
import {buildSchema} from '../generator/pipeline.js'
import type {CommandDefinition, Schema} from '../generator/schema/index.js'

const root = path.resolve(import.meta.dirname, '..')
const FOLDERS = {
  newest: 'spec',
  fork: 'spec/compat/2026-fork-d94cbb0',
  sept2025: 'spec/compat/2025-09-27',
} as const

interface Built {
  schema: Schema
  /** Every message, as `line:column rule fatal`. */
  messages: string[]
}

const built = new Map<string, Built>()
/** Build the three documents of a folder once; fail the test with every error when they do not build. */
function build(folder: string): Built {
  const cached = built.get(folder)
  if (cached) return cached
  const file = (name: string) => new VFile({path: name, value: readFileSync(path.join(root, folder, name), 'utf8')})
  const result = buildSchema({events: file('EVENTS.md'), types: file('TYPES.md'), commands: file('COMMANDS.md')})
  const messages = result.files.flatMap((vfile) =>
    vfile.messages.map(
      (message) =>
        `${vfile.path}:${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.ruleId} ${message.reason}`,
    ),
  )
  if (!result.ok) expect.fail(`${folder} does not build:\n${messages.join('\n')}`)
  const entry = {schema: result.schema, messages}
  built.set(folder, entry)
  return entry
}

function commandNamed(schema: Schema, name: string): CommandDefinition {
  const command = schema.commands.find((candidate) => candidate.name === name)
  if (!command) expect.fail(`no command ${name}`)
  return command
}

const responsesOf = (schema: Schema) => schema.commands.flatMap((command) => command.responses)

describe.each([
  {label: 'newest (spec/)', folder: FOLDERS.newest, counts: [11, 59, 124, 131, 63]},
  {label: 'fork d94cbb0', folder: FOLDERS.fork, counts: [9, 52, 108, 115, 55]},
  {label: '2025-09-27', folder: FOLDERS.sept2025, counts: [8, 37, 76, 48, 40]},
])('$label', ({folder, counts}) => {
  it(`has ${counts.join(' / ')} categories / commands / parameters / responses listed / distinct response tags`, () => {
    const {schema} = build(folder)
    const responses = responsesOf(schema)
    expect([
      schema.commandCategories.length,
      schema.commands.length,
      schema.commands.reduce((sum, command) => sum + command.parameters.length, 0),
      responses.length,
      new Set(responses.map((response) => response.tag)).size,
    ]).toEqual(counts)
  })

  it('files every command under exactly one category, in document order', () => {
    const {schema} = build(folder)
    expect(schema.commandCategories.flatMap((category) => category.commands)).toEqual(
      schema.commands.map((command) => command.name),
    )
    expect(schema.commands.every((command) => command.category !== '')).toBe(true)
  })

  it('reads a network usage and a plain grammar block for every command', () => {
    const {schema} = build(folder)
    expect(new Set(schema.commands.map((command) => command.networkUsage))).toEqual(
      new Set(['interactive', 'background', 'no']),
    )
    expect(schema.commands.filter((command) => command.syntax[0]?.lang !== null)).toEqual([])
  })
})

describe('newest docs (spec/)', () => {
  const schema = () => build(FOLDERS.newest).schema

  it('names the 11 categories as the ## headings', () => {
    expect(schema().commandCategories.map((category) => category.name)).toEqual([
      'Address commands',
      'Message commands',
      'File commands',
      'Group commands',
      'Group link commands',
      'Connection commands',
      'Chat commands',
      'User profile commands',
      'Service commands',
      'Chat management',
      'Remote control commands',
    ])
  })

  it("keeps a category's description paragraph", () => {
    expect(schema().commandCategories[0]!.description).toEqual([
      'Bots can use these commands to automatically check and create address when initialized',
    ])
  })

  it('reads APICreateMyAddress whole: description, network usage, parameters, syntax, responses', () => {
    const command = commandNamed(schema(), 'APICreateMyAddress')
    expect({
      ...command,
      parameters: command.parameters.map(({name, optional, type}) => ({name, optional, type})),
      responses: command.responses.map(({name, description, tag, fields}) => ({
        name,
        description,
        tag,
        fields: fields.map((field) => field.name),
      })),
    }).toEqual({
      name: 'APICreateMyAddress',
      category: 'Address commands',
      description: ['Create bot address.'],
      networkUsage: 'interactive',
      parameters: [
        {name: 'userId', optional: false, type: {kind: 'primitive', name: 'int64'}},
        {name: 'pqRatchet', optional: true, type: {kind: 'primitive', name: 'bool'}},
      ],
      syntax: [
        {lang: null, code: '/_address <userId>[ pq_ratchet=on|off]', location: at(106)},
        {
          lang: 'javascript',
          code: "'/_address ' + userId + (typeof pqRatchet == 'boolean' ? ' pq_ratchet=' + (pqRatchet ? 'on' : 'off') : '') // JavaScript",
          location: at(110),
        },
        {
          lang: 'python',
          code: "'/_address ' + str(userId) + ((' pq_ratchet=' + ('on' if pqRatchet else 'off')) if pqRatchet is not None else '') # Python",
          location: at(114),
        },
      ],
      responses: [
        {
          name: 'UserContactLinkCreated',
          description: 'User contact address created.',
          tag: 'userContactLinkCreated',
          fields: ['user', 'connLinkContact'],
        },
        {
          name: 'ChatCmdError',
          description: 'Command error (only used in WebSockets API).',
          tag: 'chatCmdError',
          fields: ['chatError'],
        },
      ],
      errors: [],
      // The javascript block compiled (generator/parse/syntax-templates.ts): what the generated function computes.
      template: {
        subject: 'fields',
        unguardedOptionals: [],
        expression: {
          kind: 'concat',
          parts: [
            {kind: 'literal', value: '/_address '},
            {kind: 'param', name: 'userId', render: 'plain'},
            {
              kind: 'conditional',
              test: {kind: 'typeof', name: 'pqRatchet', value: 'boolean', negate: false},
              then: {
                kind: 'concat',
                parts: [
                  {kind: 'literal', value: ' pq_ratchet='},
                  {
                    kind: 'conditional',
                    test: {kind: 'truthy', name: 'pqRatchet'},
                    then: {kind: 'literal', value: 'on'},
                    else: {kind: 'literal', value: 'off'},
                  },
                ],
              },
              else: {kind: 'literal', value: ''},
            },
          ],
        },
      },
      location: at(94),
    })
  })

  it('reads `**Response**:` (one response) like `**Responses**:`, and a syntax with only the plain grammar (APIStopChat)', () => {
    const command = commandNamed(schema(), 'APIStopChat')
    expect(command.parameters).toEqual([])
    expect(command.syntax.map(({lang, code}) => ({lang, code}))).toEqual([{lang: null, code: '/_stop'}])
    // No javascript block: the literal grammar is the template.
    expect(command.template).toEqual({
      subject: 'fields',
      unguardedOptionals: [],
      expression: {kind: 'literal', value: '/_stop'},
    })
    expect(command.responses.map((response) => [response.name, response.tag, response.fields])).toEqual([
      ['ChatStopped', 'chatStopped', []],
    ])
  })

  it("keeps a response description's markdown (inline code) verbatim", () => {
    const [accepted] = commandNamed(schema(), 'APISendServiceResponse').responses
    expect(accepted!.description).toBe(
      'Service reply accepted for delivery. `connectionId` correlates the reply delivery event..',
    )
  })

  it('reads `**Errors**:` items as name and description, located at their lines', () => {
    expect(commandNamed(schema(), 'CreateActiveUser').errors).toEqual([
      {name: 'UserExists', description: 'User or contact with this name already exists.', location: at(2113)},
      {name: 'InvalidDisplayName', description: 'Invalid user display name.', location: at(2114)},
    ])
    expect(schema().commands.flatMap((command) => command.errors.map((error) => error.name))).toEqual([
      'InvalidChatItemUpdate',
      'FileCancel',
      'GroupMemberNotActive',
      'GroupMemberNotFound',
      'UserExists',
      'InvalidDisplayName',
      'ChatNotStarted',
    ])
  })

  it('locates each response at its name line and each field at its own line', () => {
    const lines = readFileSync(path.join(root, 'spec/COMMANDS.md'), 'utf8').split('\n')
    const misplaced = responsesOf(schema()).filter(
      (response) =>
        !lines[response.location.line - 1]!.startsWith(`${response.name}:`) ||
        lines[response.location.line]! !== `- type: "${response.tag}"`,
    )
    expect(misplaced).toEqual([])
  })

  it('reads chatCmdError under 54 commands, each time with the same fields', () => {
    const errors = responsesOf(schema()).filter((response) => response.tag === 'chatCmdError')
    expect(errors).toHaveLength(54)
    const shapes = new Set(
      errors.map((response) => JSON.stringify(response.fields.map(({name, type}) => [name, type]))),
    )
    expect([...shapes]).toEqual([
      JSON.stringify([['chatError', {kind: 'reference', name: 'ChatError', href: './TYPES.md#chaterror'}]]),
    ])
  })

  it('keeps the response groupUpdated (msgSigned: bool) and the event groupUpdated (msgSigned: MsgSigStatus?) apart', () => {
    const response = responsesOf(schema()).find((candidate) => candidate.tag === 'groupUpdated')!
    const event = schema().events.find((candidate) => candidate.tag === 'groupUpdated')!
    const msgSigned = (fields: typeof event.fields) => fields.find((field) => field.name === 'msgSigned')
    expect(msgSigned(response.fields)).toMatchObject({optional: false, type: {kind: 'primitive', name: 'bool'}})
    expect(msgSigned(event.fields)).toMatchObject({
      optional: true,
      type: {kind: 'reference', name: 'MsgSigStatus'},
    })
  })
})

/** A location in spec/COMMANDS.md. */
function at(line: number, column = 1) {
  return {file: 'COMMANDS.md', line, column}
}

describe('warnings on the real inconsistencies of the docs (the schema still builds)', () => {
  it('newest: connectTarget is optional but used unconditionally; five parameters the syntax never uses', () => {
    expect(build(FOLDERS.newest).messages).toEqual([
      'COMMANDS.md:1498:25 warning syntax-optional Parameter `connectTarget` of command `APIConnectPlan` is optional (`string?`) but its syntax uses it outside `[...]`',
      'COMMANDS.md:1492:1 warning unused-parameter Parameter `resolveMode` of command `APIConnectPlan` is never used by its syntax',
      'COMMANDS.md:1493:1 warning unused-parameter Parameter `linkOwnerSig` of command `APIConnectPlan` is never used by its syntax',
      'COMMANDS.md:1534:1 warning unused-parameter Parameter `incognito` of command `APIConnect` is never used by its syntax',
      'COMMANDS.md:1584:1 warning unused-parameter Parameter `incognito` of command `Connect` is never used by its syntax',
      'COMMANDS.md:1699:1 warning unused-parameter Parameter `notify` of command `APIRejectContact` is never used by its syntax',
    ])
  })

  it('fork: the same, with the old parameter names, and StartChat whose syntax `/_start` uses neither parameter', () => {
    const messages = build(FOLDERS.fork).messages
    expect(
      messages.map((message) => message.split(' ').slice(0, 3).join(' ') + ' ' + /`\w+`/.exec(message)![0]),
    ).toEqual([
      'COMMANDS.md:1379:25 warning syntax-optional `connectionLink`',
      'COMMANDS.md:1373:1 warning unused-parameter `resolveKnown`',
      'COMMANDS.md:1374:1 warning unused-parameter `linkOwnerSig`',
      'COMMANDS.md:1413:1 warning unused-parameter `incognito`',
      'COMMANDS.md:1463:1 warning unused-parameter `incognito`',
      'COMMANDS.md:2130:1 warning unused-parameter `mainApp`',
      'COMMANDS.md:2131:1 warning unused-parameter `enableSndFiles`',
    ])
  })

  it("2025-09-27: `sendRef.toString()` on a syntax type compiles as that type's cmdString (the grammar's `<str(sendRef)>`)", () => {
    const {schema} = build(FOLDERS.sept2025)
    const send = commandNamed(schema, 'APISendMessages').template?.expression
    expect(send?.kind === 'concat' && send.parts[1]).toEqual({
      kind: 'param',
      name: 'sendRef',
      render: 'cmdString',
      type: 'ChatRef',
    })
    expect(schema.commands.every((command) => command.template)).toBe(true)
  })

  it('2025-09-27: connectionLink and connLink_ optional but used unconditionally; APIConnect.incognito unused', () => {
    expect(build(FOLDERS.sept2025).messages).toEqual([
      'COMMANDS.md:993:25 warning syntax-optional Parameter `connectionLink` of command `APIConnectPlan` is optional (`string?`) but its syntax uses it outside `[...]`',
      'COMMANDS.md:1029:20 warning syntax-optional Parameter `connLink_` of command `APIConnect` is optional (`CreatedConnLink?`) but its syntax uses it outside `[...]`',
      'COMMANDS.md:1023:1 warning unused-parameter Parameter `incognito` of command `APIConnect` is never used by its syntax',
    ])
  })
})

describe('without COMMANDS.md (the two-document API)', () => {
  it('builds a schema with no commands and no commands source', () => {
    const file = (name: string) =>
      new VFile({path: name, value: readFileSync(path.join(root, 'spec/compat/2026-088a33e', name), 'utf8')})
    const result = buildSchema({events: file('EVENTS.md'), types: file('TYPES.md')})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect({
      commands: result.schema.commands,
      commandCategories: result.schema.commandCategories,
      sources: Object.keys(result.schema.sources),
      events: result.schema.events.length,
    }).toEqual({commands: [], commandCategories: [], sources: ['events', 'types'], events: 49})
  })

  it('loads COMMANDS.md from a spec folder only when it is there', async () => {
    expect((await loadSpecDirectory(path.join(root, 'spec/compat/2026-088a33e'))).commands).toBeUndefined()
    const withCommands = await loadSpecDirectory(path.join(root, 'spec'))
    expect(withCommands.commands?.basename).toBe('COMMANDS.md')
    expect(String(withCommands.commands?.value)).toMatch(/^# API Commands and Responses\n/)
  })
})

describe('`schema --spec spec`', () => {
  it('prints the commands with the rest of the schema', async () => {
    const {code, stdout, stderr} = await runCliCapturing('schema', '--spec', path.join(root, 'spec'))
    expect({code, stderr}).toEqual({code: 0, stderr: ''})
    const printed = JSON.parse(stdout) as Schema
    expect(printed.commands).toHaveLength(59)
    expect(printed.commandCategories).toHaveLength(11)
    expect(printed.sources.commands?.file).toBe('COMMANDS.md')
  })
})

describe('readSyntaxGrammar', () => {
  it('reads placeholders of every form, and whether each sits inside `[...]`', () => {
    const reading = readSyntaxGrammar('/_send <str(sendRef)>[ live=on][ ttl=<ttl>] json <json(composedMessages)>')
    expect(reading).toEqual({
      ok: true,
      placeholders: [
        {name: 'sendRef', form: 'str', index: null, optional: false, line: 0, column: 7},
        {name: 'ttl', form: 'plain', index: null, optional: true, line: 0, column: 37},
        {name: 'composedMessages', form: 'json', index: null, optional: false, line: 0, column: 49},
      ],
    })
  })

  it('reads `<ids[0]>[,<ids[1]>...]` as the first element required, the next optional', () => {
    const reading = readSyntaxGrammar('/_block #<groupId> <groupMemberIds[0]>[,<groupMemberIds[1]>...] blocked=on|off')
    expect(reading.ok && reading.placeholders.map(({name, index, optional}) => [name, index, optional])).toEqual([
      ['groupId', null, false],
      ['groupMemberIds', 0, false],
      ['groupMemberIds', 1, true],
    ])
  })

  it('counts a placeholder inside nested brackets as optional, and one after them as required', () => {
    const reading = readSyntaxGrammar('/x[ a[ <b>]] <c>')
    expect(reading.ok && reading.placeholders.map(({name, optional}) => [name, optional])).toEqual([
      ['b', true],
      ['c', false],
    ])
  })

  it.each([
    ['/_address <userId>[ pq_ratchet=on|off', 'Expected `]` to close the optional part `[`', 18],
    ['/_address <userId>] x', 'Unexpected `]` without an opening `[`', 18],
    ['/_address <userId', 'Expected `>` to close the placeholder `<`', 10],
    [
      '/_address <user id>',
      'Unreadable placeholder `<user id>` (expected `<name>`, `<str(name)>`, `<json(name)>` or `<name[i]>`)',
      10,
    ],
  ])('reports %j: %s at column %i (0-based)', (code, message, column) => {
    expect(readSyntaxGrammar(code)).toEqual({ok: false, message, line: 0, column})
  })
})

describe('identifiersOfExpression', () => {
  it('names the identifiers of a javascript syntax expression, not its strings or comment', () => {
    const code =
      "'/_reaction ' + ChatRef.cmdString(chatRef) + ' ' + chatItemId + ' ' + (add ? 'on' : 'off') + ' ' + JSON.stringify(reaction) // JavaScript"
    expect([...identifiersOfExpression(code)]).toEqual([
      'ChatRef',
      'cmdString',
      'chatRef',
      'chatItemId',
      'add',
      'JSON',
      'stringify',
      'reaction',
    ])
  })
})
