/**
 * `emitCommandFunction`: the TypeScript emitted from each syntax template,
 * transpiled and run, gives exactly what the docs' own JavaScript gives (that
 * JavaScript is evaluated here, in the test, and nowhere else); literals are
 * emitted so that hostile text stays text.
 */
import fc from 'fast-check'
import * as prettier from 'prettier'
import {Project, ts, type StatementStructures} from 'ts-morph'
import {describe, expect, it} from 'vitest'
import {
  commandScope,
  compileCommandExpression,
  typeScope,
  type ExpressionScope,
} from '../generator/parse/command-expression.js'
import {cmdStringFunctionName, emitCommandExpression, emitCommandFunction} from '../generator/emit/command-string.js'
import {emitLibrary, PRETTIER_OPTIONS} from '../generator/emit/index.js'
import {stringLiteral} from '../generator/emit/escape.js'
import type {CommandTemplate} from '../generator/schema/command-template.js'
import {readCommands, readDoc, readTypes, type DocField, type DocType} from './support/syntax-docs.js'
import {VFile} from 'vfile'
import {buildSchema} from '../generator/pipeline.js'
import {commandsDocument} from './support/mini-commands.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument} from './support/mini-spec.js'
import * as commandWriter from '../templates/command-writer.js'

// ---------------------------------------------------------------------------
// The docs, compiled and emitted into one module

const commands = readCommands(readDoc('COMMANDS.md')).filter((command) => command.javascript)
const types = readTypes(readDoc('TYPES.md'))
const typeByName = new Map(types.map((type) => [type.name, type]))
const syntaxTypes = types.filter((type) => type.javascript)
const syntaxTypeNames = syntaxTypes.map((type) => type.name)

function compiled(code: string, scope: ExpressionScope): CommandTemplate {
  const result = compileCommandExpression(code, scope, {file: 'doc', line: 1, column: 1})
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('; '))
  return result.template
}

const commandName = (name: string) => cmdStringFunctionName(name)

/** Every syntax type and command as a function, and TypeScript declarations of their parameters. */
function emitDocsModule(): string {
  const statements: StatementStructures[] = []
  for (const type of syntaxTypes) {
    const template = compiled(type.javascript!.code, typeScope(type, syntaxTypeNames))
    statements.push(emitCommandFunction(template, {name: cmdStringFunctionName(type.name), parameterType: type.name}))
  }
  for (const command of commands) {
    const template = compiled(command.javascript!.code, commandScope(command.parameters, syntaxTypeNames))
    statements.push(emitCommandFunction(template, {name: commandName(command.name), parameterType: command.name}))
  }
  return printStatements(statements)
}

function printStatements(statements: StatementStructures[]): string {
  return new Project({useInMemoryFileSystem: true}).createSourceFile('/commands.ts', {statements}).getFullText()
}

/** Transpile emitted TypeScript (no type check) and run it as a CommonJS module. */
function load(source: string): Record<string, (value: unknown) => unknown> {
  const {outputText} = ts.transpileModule(source, {
    compilerOptions: {module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022},
  })
  const exports: Record<string, (value: unknown) => unknown> = {}
  // The one value import of `command-strings.ts`: the generic entry's template.
  const imports: Record<string, unknown> = {'./command-writer.js': commandWriter}
  new Function('exports', 'require', outputText)(exports, (module: string) => imports[module])
  return exports
}

const emittedSource = emitDocsModule()
const emitted = load(emittedSource)

// ---------------------------------------------------------------------------
// The docs' own JavaScript, evaluated in the test only

type DocFunction = (value: Record<string, unknown>) => unknown

/** `ChatRef`, `ChatType`, ...: objects with `cmdString`, each from its TYPES.md block. */
const docTypes: Record<string, {cmdString: (value: unknown) => unknown}> = {}
for (const type of syntaxTypes) {
  const scope = typeScope(type, syntaxTypeNames)
  const names = scope.names.map((entry) => entry.name)
  const evaluate = docFunction(type.javascript!.code, names)
  docTypes[type.name] = {
    cmdString: (value) =>
      scope.subject === 'self' ? evaluate({self: value}) : evaluate(value as Record<string, unknown>),
  }
}

function docFunction(code: string, names: readonly string[]): DocFunction {
  // The code ends with `// JavaScript`: the newline keeps the closing parenthesis out of the comment.
  const evaluate = new Function(...syntaxTypeNames, ...names, `return (${code}\n)`) as (...args: unknown[]) => unknown
  return (value) => evaluate(...syntaxTypeNames.map((name) => docTypes[name]), ...names.map((name) => value[name]))
}

/** What a call gives: its value, or the kind of error it throws. */
function outcome(run: () => unknown): {value: unknown} | {threw: string} {
  try {
    return {value: run()}
  } catch (error) {
    return {threw: (error as Error).constructor.name}
  }
}

// ---------------------------------------------------------------------------
// Parameter values by type

const SPECIAL_TEXT = [
  ' ',
  '  ',
  'é',
  'ß',
  '中文',
  '😀',
  '\u2028',
  '\u2029',
  '"',
  "'",
  '\\',
  '${',
  '`',
  '\n',
  '\u001b[31m',
]
const text = fc.oneof(
  fc.string({unit: fc.constantFrom(...SPECIAL_TEXT, 'a', 'Z', '0', '#', '@'), maxLength: 6}),
  fc.string({unit: 'grapheme', maxLength: 6}),
  fc.constantFrom('', '0', 'false', 'undefined'),
)
const integer = fc.oneof(
  fc.constantFrom(0, -1, 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
  fc.integer({min: -1_000_000, max: 1_000_000}),
)
const jsonObject = fc.dictionary(text, fc.jsonValue({maxDepth: 2}), {maxKeys: 3})

/** A value of a parameter or field type as `readCommands`/`readTypes` spell it. */
function valueOf(type: string): fc.Arbitrary<unknown> {
  if (type.startsWith('[') && type.endsWith(']')) return fc.array(valueOf(type.slice(1, -1)), {maxLength: 4})
  switch (type) {
    case 'bool':
      return fc.boolean()
    case 'string':
    case 'UTCTime':
      return text
    case 'int':
    case 'int64':
    case 'word32':
      return integer
    case 'double':
      return fc.double({noNaN: true})
    case 'JSONObject':
      return jsonObject
  }
  const definition = typeByName.get(type)
  if (!definition) throw new Error(`unknown type ${type}`)
  if (definition.kind === 'enum') return fc.constantFrom(...definition.values)
  // Only the syntax types are read field by field; any other object is only passed to JSON.stringify.
  if (!definition.javascript) return jsonObject
  if (definition.kind === 'record') return recordOf(definition.fields)
  return fc.oneof(...definition.members.map((member) => recordOf(member.fields).map((r) => ({type: member.tag, ...r}))))
}

/** Optional fields are sometimes absent (not present as `undefined`). */
function recordOf(fields: readonly DocField[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type)])), {
    requiredKeys: fields.filter((field) => !field.optional).map((field) => field.name),
  })
}

// ---------------------------------------------------------------------------

describe('emitted command functions agree with the docs JavaScript', () => {
  it('emits one function per command (56) and syntax type (6)', () => {
    expect(Object.keys(emitted)).toHaveLength(62)
    expect(emittedSource).toContain('export function apiSendMessagesCmdString(p: APISendMessages): string {')
    expect(emittedSource).toContain('export function chatTypeCmdString(self: ChatType): string {')
  })

  it('on at least 2,000 generated parameter sets across every command', () => {
    let runs = 0
    for (const command of commands) {
      const evaluate = docFunction(
        command.javascript!.code,
        command.parameters.map((parameter) => parameter.name),
      )
      const run = emitted[commandName(command.name)]!
      fc.assert(
        fc.property(recordOf(command.parameters), (values) => {
          runs++
          const expected = outcome(() => evaluate(values))
          expect(
            outcome(() => run(values)),
            command.name,
          ).toEqual(expected)
          // The docs' syntax builds strings; a throw here would mean a generator bug, not a doc quirk.
          expect(typeof (expected as {value: unknown}).value).toBe('string')
        }),
        {numRuns: 40},
      )
    }
    expect(runs).toBeGreaterThanOrEqual(2000)
  })

  it.each(syntaxTypes.map((type) => [type.name, type] as const))('%s.cmdString', (name, type: DocType) => {
    const run = emitted[cmdStringFunctionName(name)]!
    fc.assert(
      fc.property(valueOf(type.name), (value) => {
        expect(outcome(() => run(value))).toEqual(outcome(() => docTypes[name]!.cmdString(value)))
      }),
      {numRuns: 200},
    )
  })

  it('ttl 0 is falsy and left out; ChatRef with a support scope renders as the docs say', () => {
    const send = emitted[commandName('APISendMessages')]!
    const sendRef = {chatType: 'group', chatId: 7, chatScope: {type: 'memberSupport', groupMemberId_: 0}}
    expect(send({sendRef, liveMessage: false, ttl: 0, signMessages: true, composedMessages: []})).toBe(
      '/_send #7(_support) sign=on json []',
    )
    const scoped = {...sendRef, chatScope: {type: 'memberSupport', groupMemberId_: 12}}
    expect(send({sendRef: scoped, liveMessage: true, ttl: 30, signMessages: false, composedMessages: [{a: 'é'}]})).toBe(
      '/_send #7(_support:12) live=on ttl=30 json [{"a":"é"}]',
    )
  })

  it('a union syntax reads a field some members lack as the docs JavaScript does (undefined when absent)', () => {
    const union = {kind: 'union' as const, members: [{fields: [{name: 'since', optional: false}]}, {fields: []}]}
    const template = compiled("type + (since ? ' since=' + since : '')", typeScope(union, []))
    const source = printStatements([emitCommandFunction(template, {name: 'paginationCmdString', parameterType: 'P'})])
    expect(source).toContain('("since" in p ? p.since : undefined)')
    const run = load(source).paginationCmdString!
    expect(run({type: 'after', since: 5})).toBe('after since=5')
    expect(run({type: 'after', since: 0})).toBe('after')
    expect(run({type: 'last'})).toBe('last')
  })

  it('APIConnectPlan without connectTarget gives "undefined", as the docs JavaScript does, and says so', () => {
    const plan = emitted[commandName('APIConnectPlan')]!
    expect(plan({userId: 1, resolveMode: 'known'})).toBe('/_connect plan 1 undefined')
    expect(emittedSource).toMatch(/Note: `connectTarget` is optional, but the docs' syntax uses it unconditionally/)
  })

  it('the emitted module type-checks against declarations of the parameters', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        strict: true,
        target: ts.ScriptTarget.ES2022,
        noEmit: true,
        lib: ['lib.es5.d.ts'],
        skipLibCheck: true,
      },
    })
    project.createSourceFile('/commands.ts', `${declarations()}\n${emittedSource}`)
    // A union whose syntax reads a field only one member has, without testing `type` first:
    // `p.since` alone would not type-check; the emitted `in` read does, and means the same.
    const union = {
      kind: 'union' as const,
      members: [{fields: [{name: 'since', optional: false}]}, {fields: []}],
    }
    const template = compiled("type + (since ? ' since=' + since : '')", typeScope(union, []))
    const sinceFunction = emitCommandFunction(template, {name: 'paginationCmdString', parameterType: 'Pagination'})
    project.createSourceFile('/union.ts', {
      statements: ["type Pagination = {type: 'after'; since: number} | {type: 'last'}", sinceFunction],
    })
    const diagnostics = project.getPreEmitDiagnostics().map((diagnostic) => {
      const message = diagnostic.getMessageText()
      return `${diagnostic.getLineNumber()}: ${typeof message === 'string' ? message : message.getMessageText()}`
    })
    expect(diagnostics).toEqual([])
  })
})

/** TypeScript declarations of every command's parameters and every type they reach. */
function declarations(): string {
  const lines: string[] = []
  const seen = new Set<string>()
  const toType = (type: string): string => {
    if (type.startsWith('[') && type.endsWith(']')) return `${toType(type.slice(1, -1))}[]`
    const primitive = PRIMITIVE_TYPES[type]
    if (primitive) return primitive
    declare(type)
    return type
  }
  const fieldsOf = (fields: readonly DocField[]) =>
    fields.map((field) => `${field.name}${field.optional ? '?' : ''}: ${toType(field.type)}`).join('; ')
  const declare = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const type = typeByName.get(name)!
    if (type.kind === 'enum')
      lines.push(`type ${name} = ${type.values.map((value) => JSON.stringify(value)).join(' | ')}`)
    else if (!type.javascript) lines.push(`type ${name} = {[key: string]: unknown}`)
    else if (type.kind === 'record') lines.push(`interface ${name} {${fieldsOf(type.fields)}}`)
    else {
      const members = type.members.map((member) => `{type: ${JSON.stringify(member.tag)}; ${fieldsOf(member.fields)}}`)
      lines.push(`type ${name} = ${members.join(' | ')}`)
    }
  }
  for (const command of commands) lines.push(`interface ${command.name} {${fieldsOf(command.parameters)}}`)
  for (const type of syntaxTypes) declare(type.name)
  return lines.join('\n')
}

const PRIMITIVE_TYPES: Record<string, string> = {
  bool: 'boolean',
  string: 'string',
  UTCTime: 'string',
  int: 'number',
  int64: 'number',
  word32: 'number',
  double: 'number',
  JSONObject: '{[key: string]: unknown}',
}

// ---------------------------------------------------------------------------

describe('hostile literals', () => {
  const HOSTILE = [
    '*/ alert(1) /*',
    '\u2028',
    '\u2029',
    '${process.exit()}',
    '`backtick`',
    '</script><script>alert(1)</script>',
    '\n',
    '\\n',
    '\u001b[2J\u001b]0;title\u0007',
    '"; process.exit(); "',
    "'",
    '\u202eevil\u202c',
    '\ud800',
    '\u0000\u007f\u0085',
  ]

  /** The function emitted for a doc block that is the one string literal `value`. */
  function emitLiteralCommand(value: string): string {
    const template: CommandTemplate = {subject: 'fields', unguardedOptionals: [], expression: {kind: 'literal', value}}
    return printStatements([emitCommandFunction(template, {name: 'literalCmdString', parameterType: 'LiteralParams'})])
  }

  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))(
    '%s round-trips through a doc block',
    async (_, value) => {
      // From the doc's JavaScript text, through the compiler, to emitted TypeScript and back.
      const code = `${JSON.stringify(value)} // JavaScript`
      const template = compiled(code, {subject: 'fields', names: [], syntaxTypes: []})
      expect(template.expression).toEqual({kind: 'literal', value})
      const source = printStatements([
        emitCommandFunction(template, {name: 'literalCmdString', parameterType: 'LiteralParams'}),
      ])
      expect(load(source).literalCmdString!({})).toBe(value)
      expect(source).not.toMatch(/[\u2028\u2029]/)
      expect(source).toMatch(/^[\x20-\x7e\n]*$/)
      // The generator formats its output with prettier: that keeps the escapes and the value.
      const formatted = await prettier.format(source, PRETTIER_OPTIONS)
      expect(formatted).toMatch(/^[\x20-\x7e\n]*$/)
      expect(load(formatted).literalCmdString!({})).toBe(value)
    },
  )

  it('any string from those characters is emitted as a literal that evaluates to itself, in plain ASCII', () => {
    const unit = fc.constantFrom(...[...HOSTILE.join('')], '*/', '${', '\ud83d\ude00', 'é')
    fc.assert(
      fc.property(fc.string({unit, maxLength: 12}), (value) => {
        const literal = stringLiteral(value)
        expect(literal).toMatch(/^"[\x20-\x7e]*"$/)
        expect(new Function(`return ${literal}`)()).toBe(value)
      }),
      {numRuns: 500},
    )
    // And through a whole emitted function, transpiled.
    fc.assert(
      fc.property(fc.string({unit, maxLength: 12}), (value) => {
        expect(load(emitLiteralCommand(value)).literalCmdString!({})).toBe(value)
      }),
      {numRuns: 50},
    )
  })

  it('names that are not plain identifiers never reach code', () => {
    const template: CommandTemplate = {
      subject: 'fields',
      unguardedOptionals: [],
      expression: {kind: 'param', name: 'x', render: 'cmdString', type: 'X'},
    }
    expect(() => emitCommandFunction(template, {name: 'f(){}; g', parameterType: 'T'})).toThrow(/is not an identifier/)
    expect(() => emitCommandFunction(template, {name: 'f', parameterType: 'T & {}'})).toThrow(/is not an identifier/)
    expect(() => emitCommandExpression(template, {cmdStringFunction: () => 'alert(1), f'})).toThrow(
      /is not an identifier/,
    )
    const odd: CommandTemplate = {...template, expression: {kind: 'param', name: 'a b*/', render: 'plain'}}
    expect(emitCommandExpression(odd)).toBe('p["a b*/"]')
  })
})

// ---------------------------------------------------------------------------

describe('random expressions of the whitelist', () => {
  // Three parameters whose values make `+` numeric or textual and tests true or false.
  const NAMES = ['a', 'b', 'c'] as const
  const scope: ExpressionScope = {
    subject: 'fields',
    names: NAMES.map((name) => ({name, optional: true})),
    syntaxTypes: [],
  }
  const literal = fc.oneof(
    fc.constantFrom("''", "'x'", "' y'", '0', '1', '2.5'),
    fc.string({maxLength: 3}).map((s) => JSON.stringify(s)),
  )
  const name = fc.constantFrom(...NAMES)
  const test: fc.Arbitrary<string> = fc.letrec<{test: string}>((tie) => ({
    test: fc.oneof(
      {depthSize: 'small', withCrossShrink: true},
      name,
      tie('test').map((inner) => `!(${inner})`),
      fc.tuple(name, fc.constantFrom('==', '===', '!=', '!=='), literal).map(([n, op, l]) => `${n} ${op} ${l}`),
      fc.tuple(literal, fc.constantFrom('==', '!='), name).map(([l, op, n]) => `${l} ${op} ${n}`),
      fc
        .tuple(name, fc.constantFrom('==', '!='), fc.constantFrom('number', 'string', 'undefined', 'boolean'))
        .map(([n, op, t]) => `typeof ${n} ${op} '${t}'`),
    ),
  })).test
  const expression: fc.Arbitrary<string> = fc.letrec<{expression: string}>((tie) => ({
    expression: fc.oneof(
      {depthSize: 'small', withCrossShrink: true},
      literal,
      name,
      fc.tuple(tie('expression'), tie('expression')).map(([l, r]) => `(${l} + ${r})`),
      fc.tuple(tie('expression'), tie('expression'), tie('expression')).map(([x, y, z]) => `${x} + (${y} + ${z})`),
      fc.tuple(test, tie('expression'), tie('expression')).map(([t, x, y]) => `(${t} ? ${x} : ${y})`),
    ),
  })).expression
  const value = fc.oneof(fc.constantFrom(undefined, 0, 1, '', 'x', '0', true, false), fc.integer(), fc.string())

  it('compile, emit, transpile and run gives what the expression itself gives', () => {
    fc.assert(
      fc.property(expression, fc.tuple(value, value, value), (code, [a, b, c]) => {
        const direct = new Function(...NAMES, `return (${code})`)(a, b, c)
        // The emitted expression is plain JavaScript (types live only in the signature), so it runs as is.
        const emittedExpression = emitCommandExpression(compiled(code, scope))
        expect(new Function('p', `return ${emittedExpression}`)({a, b, c})).toBe(direct)
      }),
      {numRuns: 1000},
    )
  })
})

// ---------------------------------------------------------------------------

describe('the generated package builds command strings as the docs JavaScript does', () => {
  it('commandString of generated/src agrees on at least 2,000 parameter sets across every command', async () => {
    const generated = await import('../generated/src/index.js')
    const commandString = generated.commandString as (name: string, params: unknown) => string
    expect([...generated.chatCommandNames].sort()).toEqual(
      readCommands(readDoc('COMMANDS.md'))
        .map((command) => command.name)
        .sort(),
    )
    let runs = 0
    for (const command of commands) {
      const evaluate = docFunction(
        command.javascript!.code,
        command.parameters.map((parameter) => parameter.name),
      )
      fc.assert(
        fc.property(recordOf(command.parameters), (values) => {
          runs++
          expect(
            outcome(() => commandString(command.name, values)),
            command.name,
          ).toEqual(outcome(() => evaluate(values)))
        }),
        {numRuns: 40},
      )
    }
    expect(runs).toBeGreaterThanOrEqual(2000)
    // Commands without a JavaScript block take their literal grammar.
    expect(commandString('APIStopChat', {})).toBe('/_stop')
    expect(commandString('ShowActiveUser', {})).toBe('/user')
    expect(() => commandString('constructor', {})).toThrow(TypeError)
  })

  it('the syntax-type functions of generated/src agree with the docs (chatRefCmdString, ...)', async () => {
    const generated = (await import('../generated/src/index.js')) as unknown as Record<string, unknown>
    for (const type of syntaxTypes) {
      const run = generated[cmdStringFunctionName(type.name)] as (value: unknown) => unknown
      fc.assert(
        fc.property(valueOf(type.name), (value) => {
          expect(outcome(() => run(value))).toEqual(outcome(() => docTypes[type.name]!.cmdString(value)))
        }),
        {numRuns: 100},
      )
    }
  })
})

describe('optional parameters named like Object.prototype members', () => {
  /** The generated `commandString` of a mini spec whose commands read optional `toString` and `valueOf`. */
  async function generatedCommandString(): Promise<(name: string, params: object) => unknown> {
    const result = buildSchema({
      events: new VFile({path: 'EVENTS.md', value: eventsDocument(MINI_EVENTS)}),
      types: new VFile({path: 'TYPES.md', value: typesDocument(MINI_TYPES)}),
      commands: new VFile({
        path: 'COMMANDS.md',
        value: commandsDocument([
          {
            name: 'Find',
            parameters: ['- toString: string?', '- valueOf: int?'],
            javascript: "'/find' + (toString ? ' ' + toString : '') + (valueOf ? ' n=' + valueOf : '')",
            responses: [{name: 'Found', tag: 'found'}],
          },
          {
            name: 'Show',
            parameters: ['- toString: string?'],
            javascript: "'/show ' + toString",
            responses: [{name: 'Found', tag: 'found'}],
          },
        ]),
      }),
    })
    if (!result.ok) expect.fail(result.files.flatMap((file) => file.messages.map(String)).join('\n'))
    const files = await emitLibrary({schema: result.schema, overlaySha256: null, generatorVersion: '0', format: false})
    return load(files.get('src/command-strings.ts')!).commandString as never
  }

  it('an absent one is absent in the command string, not `function toString() { [native code] }`', async () => {
    const commandString = await generatedCommandString()
    expect(commandString('Find', {})).toBe('/find')
    expect(commandString('Find', {toString: 'x', valueOf: 2})).toBe('/find x n=2')
    // Read unguarded, an absent one gives what the docs' JavaScript gives for an absent parameter.
    expect(commandString('Show', {})).toBe('/show undefined')
    expect(commandString('Show', {toString: 'me'})).toBe('/show me')
  })
})
