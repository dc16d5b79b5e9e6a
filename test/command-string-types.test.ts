/**
 * The whitelist of command syntax expressions accepts `text.join(',')` whatever `text` is; the
 * generated package would then fail to compile. Each compiled template is type-checked against its
 * parameter types when the schema is built: a located `syntax-type` error. What the docs' JavaScript
 * computes soundly but TypeScript would reject (a comparison with a value the type never holds, an
 * optional passed on untested) is emitted so that it compiles, and still computes the same string.
 */
import {existsSync, readFileSync} from 'node:fs'
import {rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {ts} from 'ts-morph'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {emitCommandStrings} from '../generator/emit/command-strings-module.js'
import {buildSchema, readSchema} from '../generator/pipeline.js'
import type {Schema} from '../generator/schema/types.js'
import {commandsDocument, type MiniCommand} from './support/mini-commands.js'
import {
  eventsDocument,
  MINI_EVENTS,
  MINI_TYPES,
  typesDocument,
  writeMiniSpec,
  type MiniType,
} from './support/mini-spec.js'
import {printStatements} from './support/tiny-schema.js'
import {DOC_FOLDERS} from './support/doc-versions.js'
import {emitModule} from '../generator/emit/module-scope.js'
import * as commandWriter from '../templates/command-writer.js'

const root = path.resolve(import.meta.dirname, '..')

function build(commands: MiniCommand[], types: MiniType[] = MINI_TYPES) {
  const text = commandsDocument(commands)
  const typesText = typesDocument(types)
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: eventsDocument(MINI_EVENTS)}),
    types: new VFile({path: 'TYPES.md', value: typesText}),
    commands: new VFile({path: 'COMMANDS.md', value: text}),
  })
  const messages = result.files.flatMap((file) =>
    file.messages.map(
      (message) => `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`,
    ),
  )
  /** The 1-based line of the first line of `document` that starts with `code`. */
  const lineIn = (document: string, code: string) => document.split('\n').findIndex((line) => line.startsWith(code)) + 1
  return {
    result,
    messages,
    lineOf: (code: string) => lineIn(text, code),
    typesLineOf: (code: string) => lineIn(typesText, code),
  }
}

/** The `syntax-type` messages only: the warnings of a build are other tests' business. */
const typeErrors = (messages: readonly string[]) => messages.filter((message) => message.includes(' syntax-type '))

/** `command-strings.ts` of a schema as `generate` prints it, and its functions run (transpiled: types erased). */
async function commandStrings(
  schema: Schema,
): Promise<{source: string; run: Record<string, (value: unknown) => string>}> {
  const source = await printStatements(emitModule('command-strings.ts', (scope) => emitCommandStrings(schema, scope)))
  const {outputText} = ts.transpileModule(source, {
    compilerOptions: {module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022},
  })
  const run: Record<string, (value: unknown) => string> = {}
  // Its one value import: the generic entry's template.
  const imports: Record<string, unknown> = {'./command-writer.js': commandWriter}
  new Function('exports', 'require', outputText)(run, (module: string) => imports[module])
  return {source, run}
}

const sent = [{name: 'Sent', tag: 'sent'}]
const user = '- user: [User](./TYPES.md#user)'

describe('command syntax expressions are type-checked against their parameters', () => {
  it('`text.join` on a string parameter is a `syntax-type` error at the syntax block', () => {
    const {result, messages, lineOf} = build([
      {name: 'Tags', parameters: ['- tags: [string]'], javascript: "'/tags ' + tags.join(',')", responses: sent},
      {name: 'Send', parameters: ['- text: string'], javascript: "'/send ' + text.join(',')", responses: sent},
    ])
    expect(result.ok).toBe(false)
    expect(lineOf("'/send ' + text.join")).toBeGreaterThan(1)
    expect(messages).toEqual([
      `COMMANDS.md:${lineOf("'/send ' + text.join")}:1 syntax-type The syntax of command \`Send\` does not type-check: ` +
        "Property 'join' does not exist on type 'string'.",
    ])
  })

  it('a method the value does not have, a type syntax of another type, arithmetic on an object: located errors', () => {
    const {result, messages, lineOf} = build([
      {name: 'Count', parameters: ['- count: int'], javascript: "'/count ' + count.join(',')", responses: sent},
      {
        name: 'Kinds',
        parameters: ['- kind: [Kind](./TYPES.md#kind)'],
        javascript: "'/k ' + kind.join(' ')",
        responses: sent,
      },
      {name: 'Show', parameters: [user, '- n: int'], javascript: "'/show ' + (user + n)", responses: sent},
    ])
    expect(result.ok).toBe(false)
    expect(typeErrors(messages)).toEqual([
      `COMMANDS.md:${lineOf("'/count '")}:1 syntax-type The syntax of command \`Count\` does not type-check: ` +
        "Property 'join' does not exist on type 'number'.",
      `COMMANDS.md:${lineOf("'/k '")}:1 syntax-type The syntax of command \`Kinds\` does not type-check: ` +
        "Property 'join' does not exist on type 'Kind'.",
      `COMMANDS.md:${lineOf("'/show '")}:1 syntax-type The syntax of command \`Show\` does not type-check: ` +
        "Operator '+' cannot be applied to types 'User' and 'number'.",
    ])
  })

  it('a value of another type given to a type syntax is a located error', () => {
    const types: MiniType[] = [
      ...MINI_TYPES,
      {
        name: 'Ref',
        body: [
          '**Record type**:',
          '- id: int64',
          '',
          '**Syntax**:',
          '',
          '```javascript',
          "'@' + id // JavaScript",
          '```',
        ],
      },
    ]
    const {result, messages, lineOf} = build(
      [{name: 'Open', parameters: ['- name: string'], javascript: "'/open ' + Ref.cmdString(name)", responses: sent}],
      types,
    )
    expect(result.ok).toBe(false)
    expect(typeErrors(messages)).toEqual([
      `COMMANDS.md:${lineOf("'/open '")}:1 syntax-type The syntax of command \`Open\` does not type-check: ` +
        "Argument of type 'string' is not assignable to parameter of type 'Ref'.",
    ])
  })

  it('well-typed expressions build', () => {
    const {result, messages} = build([
      {name: 'Tags', parameters: ['- tags: [string]'], javascript: "'/tags ' + tags.join(',')", responses: sent},
    ])
    expect(messages).toEqual([])
    expect(result.ok).toBe(true)
  })
})

describe('sound JavaScript TypeScript would reject compiles, and computes what the docs compute', () => {
  // As 2025-09-27's ChatType: `self == 'contact'`, though `contact` is no value of the enum.
  const chatType: MiniType = {
    name: 'ChatType',
    body: [
      '**Enum type**:',
      '- "direct"',
      '- "group"',
      '',
      '**Syntax**:',
      '',
      '```javascript',
      "self == 'contact' ? '@' : self == 'group' ? '#' : '' // JavaScript",
      '```',
    ],
  }
  // As 2025-09-27's CreatedConnLink, given to APIConnect untested though optional.
  const link: MiniType = {
    name: 'Link',
    body: [
      '**Record type**:',
      '- full: string',
      '- short: string?',
      '',
      '**Syntax**:',
      '',
      '```javascript',
      "full + (short ? ' ' + short : '') // JavaScript",
      '```',
    ],
  }

  it("an enum's syntax compared with a value the enum does not have builds: the comparison is widened", async () => {
    const {result, messages, typesLineOf} = build(
      [
        {
          name: 'Open',
          parameters: ['- chatType: [ChatType](./TYPES.md#chattype)', '- n: int'],
          javascript:
            "'/open ' + ChatType.cmdString(chatType) + (chatType == 'contact' ? ' c' : '') + (n == 'x' ? ' x' : '')",
          responses: sent,
        },
      ],
      [...MINI_TYPES, chatType],
    )
    expect(typesLineOf("self == 'contact'")).toBeGreaterThan(1)
    expect(messages).toEqual([])
    if (!result.ok) return expect.fail('does not build')
    const {source, run} = await commandStrings(result.schema)
    expect(source).toContain("return (self as unknown) == 'contact' ? '@' : self == 'group' ? '#' : ''")
    expect(source).toContain("(p.chatType as unknown) == 'contact'")
    expect(source).toContain("(p.n as unknown) == 'x'")
    // The docs' own JavaScript gives '' for `direct`: the dead comparison is kept, not corrected.
    expect(run.chatTypeCmdString!('direct')).toBe('')
    expect(run.chatTypeCmdString!('group')).toBe('#')
    expect(run.openCmdString!({chatType: 'group', n: 1})).toBe('/open #')
  })

  it('an optional passed untested to a type syntax builds, with its warning; absent, it throws as the docs do', async () => {
    const {result, messages, lineOf} = build(
      [
        {
          name: 'Connect',
          parameters: ['- userId: int64', '- link_: [Link](./TYPES.md#link)?'],
          javascript: "'/_connect ' + userId + ' ' + link_.toString()",
          grammar: '/_connect <userId> <str(link_)>',
          responses: sent,
        },
      ],
      [...MINI_TYPES, link],
    )
    expect(typeErrors(messages)).toEqual([])
    expect(messages.some((message) => message.includes(' syntax-optional '))).toBe(true)
    expect(lineOf("'/_connect '")).toBeGreaterThan(1)
    if (!result.ok) return expect.fail('does not build')
    const {source, run} = await commandStrings(result.schema)
    expect(source).toContain("return '/_connect ' + p.userId + ' ' + linkCmdString(p.link_!)")
    expect(source).toMatch(/Note: `link_` is optional in the docs, but their syntax uses it unconditionally/)
    expect(run.connectCmdString!({userId: 1, link_: {full: 'https://a', short: 'https://b'}})).toBe(
      '/_connect 1 https://a https://b',
    )
    // `link_.toString()` of the docs throws on undefined, and so does reading `full` of it.
    expect(() => run.connectCmdString!({userId: 1})).toThrow(TypeError)
  })

  it('an optional joined untested builds; a union member field given to a type syntax builds', async () => {
    const types: MiniType[] = [
      ...MINI_TYPES,
      link,
      {
        name: 'Target',
        body: [
          '**Discriminated union type**:',
          '',
          'Linked:',
          '- type: "linked"',
          '- link: [Link](#link)',
          '',
          'Named:',
          '- type: "named"',
          '- names: [string]',
          '',
          '**Syntax**:',
          '',
          '```javascript',
          "type == 'linked' ? (link ? Link.cmdString(link) : '') : names.join(',') // JavaScript",
          '```',
        ],
      },
    ]
    const {result, messages} = build(
      [
        {
          name: 'Find',
          parameters: ['- tags: [string]?', '- target: [Target](./TYPES.md#target)'],
          javascript: "'/find ' + tags.join(',') + ' ' + Target.cmdString(target)",
          responses: sent,
        },
      ],
      types,
    )
    expect(typeErrors(messages)).toEqual([])
    if (!result.ok) return expect.fail('does not build')
    const {run} = await commandStrings(result.schema)
    expect(run.findCmdString!({tags: ['a', 'b'], target: {type: 'linked', link: {full: 'l'}}})).toBe('/find a,b l')
    expect(run.findCmdString!({tags: [], target: {type: 'named', names: ['x', 'y']}})).toBe('/find  x,y')
    expect(() => run.findCmdString!({target: {type: 'named', names: []}})).toThrow(TypeError)
  })
})

describe('the overlay is type-checked too', () => {
  it('a correction that turns a joined field into a string is a located `syntax-type` error', async () => {
    const bag: MiniType = {
      name: 'Bag',
      body: [
        '**Record type**:',
        '- items: [string]',
        '',
        '**Syntax**:',
        '',
        '```javascript',
        "items.join(',') // JavaScript",
        '```',
      ],
    }
    const folder = await writeMiniSpec([...MINI_TYPES, bag])
    try {
      const correction = {target: 'Bag.items', from: '[string]', to: 'string', reason: 'a test', evidence: 'none'}
      await writeFile(path.join(folder, 'overlay.json'), JSON.stringify({corrections: [correction]}))
      // Without the overlay the docs are sound.
      await expect(readSchema({spec: folder, overlay: false})).resolves.toBeTruthy()
      const line =
        typesDocument([...MINI_TYPES, bag])
          .split('\n')
          .indexOf("items.join(',') // JavaScript") + 1
      expect(line).toBeGreaterThan(1)
      await expect(readSchema({spec: folder})).rejects.toThrow(
        new RegExp(
          `TYPES\\.md\\s+${line}:1\\s+error\\s+The syntax of type \`Bag\` does not type-check with the overlay applied: ` +
            "Property 'join' does not exist on type 'string'\\.\\s+syntax-type",
        ),
      )
    } finally {
      await rm(folder, {recursive: true, force: true})
    }
  })
})

/** Every version of the real docs: spec/, spec/compat/ and each folder of test/fixtures/docs. */
const VERSIONS = DOC_FOLDERS
/** A fixture folder holding only some documents pairs with the version that has the others. */
const PAIRED_WITH: Record<string, string> = {
  'test/fixtures/docs/seed-intermediate': 'spec/compat/2026-088a33e',
  'test/fixtures/docs/2026-fork-d94cbb0-crlf': 'spec/compat/2026-fork-d94cbb0',
}

/** A document of a version as a vfile: its own, else its pair's; undefined when neither has it (COMMANDS.md). */
function documentOf(folder: string, name: string): VFile | undefined {
  const found = [folder, PAIRED_WITH[folder]]
    .map((each) => each && path.join(root, each, name))
    .find((file) => file && existsSync(file))
  return found ? new VFile({path: name, value: readFileSync(found, 'utf8')}) : undefined
}

describe('the real docs of every version type-check', () => {
  it.each(VERSIONS)('%s', (folder) => {
    const [events, types, commands] = ['EVENTS.md', 'TYPES.md', 'COMMANDS.md'].map((name) => documentOf(folder, name))
    if (!events || !types) return expect.fail(`${folder} has no EVENTS.md or TYPES.md`)
    const result = buildSchema({events, types, ...(commands ? {commands} : {})})
    const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal).map(String))
    expect(errors).toEqual([])
    expect(result.ok).toBe(true)
    // Every version's TYPES.md has syntax types, so there is something to check.
    if (result.ok) expect(result.schema.types.some((type) => type.template)).toBe(true)
  })
})
