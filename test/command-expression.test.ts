/**
 * `compileCommandExpression`: every ```javascript syntax block of the newest
 * COMMANDS.md and TYPES.md compiles to a template; anything outside the
 * whitelist is an error naming the construct at its line:column.
 */
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {describe, expect, it} from 'vitest'
import {
  commandScope,
  compileCommandExpression,
  MAX_EXPRESSION_LENGTH,
  reportCommandExpressionErrors,
  typeScope,
  type ExpressionScope,
} from '../generator/parse/command-expression.js'
import type {CommandExpressionError, CommandTemplate} from '../generator/schema/command-template.js'
import {readCommands, readDoc, readTypes} from './support/syntax-docs.js'

const commands = readCommands(readDoc('COMMANDS.md'))
const types = readTypes(readDoc('TYPES.md'))
const syntaxTypes = types.filter((type) => type.javascript).map((type) => type.name)

function compileCommand(name: string): ReturnType<typeof compileCommandExpression> {
  const command = commands.find((each) => each.name === name)!
  const {code, line, column} = command.javascript!
  return compileCommandExpression(code, commandScope(command.parameters, syntaxTypes), {
    file: 'COMMANDS.md',
    line,
    column,
  })
}

function template(result: ReturnType<typeof compileCommandExpression>): CommandTemplate {
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('; '))
  return result.template
}

describe('the newest docs', () => {
  it('every ```javascript block of COMMANDS.md (56) and TYPES.md (6) compiles', () => {
    const commandBlocks = commands.filter((command) => command.javascript)
    const typeBlocks = types.filter((type) => type.javascript)
    expect(commandBlocks).toHaveLength(56)
    expect(typeBlocks).toHaveLength(6)
    // The count of fences in the text agrees with what the reader found.
    expect(readDoc('COMMANDS.md').split('```javascript\n')).toHaveLength(57)
    expect(readDoc('TYPES.md').split('```javascript\n')).toHaveLength(7)
    const failures: string[] = []
    for (const command of commandBlocks) {
      const result = compileCommand(command.name)
      if (!result.ok) failures.push(`${command.name}: ${result.errors.map((error) => error.message).join('; ')}`)
    }
    for (const type of typeBlocks) {
      const {code, line, column} = type.javascript!
      const result = compileCommandExpression(code, typeScope(type, syntaxTypes), {file: 'TYPES.md', line, column})
      if (!result.ok) failures.push(`${type.name}: ${result.errors.map((error) => error.message).join('; ')}`)
    }
    expect(failures).toEqual([])
  })

  it('APIConnectPlan.connectTarget is the one optional parameter a command uses unconditionally', () => {
    const unguarded = commands
      .filter((command) => command.javascript)
      .flatMap((command) =>
        template(compileCommand(command.name)).unguardedOptionals.map((name) => `${command.name}.${name}`),
      )
    expect(unguarded).toEqual(['APIConnectPlan.connectTarget'])
  })

  it('APISendMessages compiles to one concat with conditionals and the three renders', () => {
    expect(template(compileCommand('APISendMessages'))).toEqual({
      subject: 'fields',
      unguardedOptionals: [],
      expression: {
        kind: 'concat',
        parts: [
          {kind: 'literal', value: '/_send '},
          {kind: 'param', name: 'sendRef', render: 'cmdString', type: 'ChatRef'},
          {
            kind: 'conditional',
            test: {kind: 'truthy', name: 'liveMessage'},
            then: {kind: 'literal', value: ' live=on'},
            else: {kind: 'literal', value: ''},
          },
          {
            kind: 'conditional',
            test: {kind: 'truthy', name: 'ttl'},
            then: {
              kind: 'concat',
              parts: [
                {kind: 'literal', value: ' ttl='},
                {kind: 'param', name: 'ttl', render: 'plain'},
              ],
            },
            else: {kind: 'literal', value: ''},
          },
          {
            kind: 'conditional',
            test: {kind: 'truthy', name: 'signMessages'},
            then: {kind: 'literal', value: ' sign=on'},
            else: {kind: 'literal', value: ''},
          },
          {kind: 'literal', value: ' json '},
          {kind: 'param', name: 'composedMessages', render: 'json'},
        ],
      },
    })
  })

  it('typeof, join and ! become tests and renders', () => {
    const partsOf = (name: string) => (template(compileCommand(name)).expression as {parts: unknown[]}).parts
    expect(partsOf('APICreateMyAddress')[2]).toMatchObject({
      kind: 'conditional',
      test: {kind: 'typeof', name: 'pqRatchet', value: 'boolean', negate: false},
    })
    expect(partsOf('APIRemoveMembers')).toContainEqual({
      kind: 'param',
      name: 'groupMemberIds',
      render: 'join',
      separator: ',',
    })
    expect(partsOf('StartChat')[2]).toMatchObject({kind: 'conditional', test: {kind: 'falsy', name: 'enableSndFiles'}})
  })

  it('the enum ChatType reads self; the union ChatDeleteMode reads type and its members fields', () => {
    const chatType = types.find((type) => type.name === 'ChatType')!
    const enumResult = compileCommandExpression(chatType.javascript!.code, typeScope(chatType, syntaxTypes), {
      file: 'TYPES.md',
      line: 1,
      column: 1,
    })
    expect(template(enumResult)).toMatchObject({
      subject: 'self',
      expression: {kind: 'conditional', test: {kind: 'equals', name: 'self', operator: '==', value: 'direct'}},
    })
    const deleteMode = types.find((type) => type.name === 'ChatDeleteMode')!
    const scope = typeScope(deleteMode, syntaxTypes)
    expect(scope.subject).toBe('union')
    // `notify` is missing from the member Messages, so it may be absent.
    expect(scope.names).toEqual([
      {name: 'type', optional: false},
      {name: 'notify', optional: true},
    ])
    const unionResult = compileCommandExpression(deleteMode.javascript!.code, scope, {
      file: 'TYPES.md',
      line: 1,
      column: 1,
    })
    // `!notify` is a test, not a read, so nothing is unguarded.
    expect(template(unionResult).unguardedOptionals).toEqual([])
  })

  it('an error in a real block points at its line:column in COMMANDS.md', () => {
    const command = commands.find((each) => each.name === 'APISendMessages')!
    const {code, line, column} = command.javascript!
    const result = compileCommandExpression(code, commandScope(command.parameters, []), {
      file: 'COMMANDS.md',
      line,
      column,
    })
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          message: 'ChatRef.cmdString: ChatRef is not a type with a JavaScript syntax block',
          location: {file: 'COMMANDS.md', line: 313, column: 13},
          ruleId: 'command-expression',
        },
      ],
    })
    expect(readDoc('COMMANDS.md').split('\n')[312]!.slice(12)).toMatch(/^ChatRef\.cmdString\(sendRef\)/)
  })
})

describe('simplification keeps JavaScript meaning', () => {
  const scope: ExpressionScope = {
    subject: 'fields',
    names: [
      {name: 'a', optional: false},
      {name: 'b', optional: true},
    ],
    syntaxTypes: [],
  }
  const compile = (code: string) => template(compileCommandExpression(code, scope, {file: 'X.md', line: 1, column: 1}))

  it('left-nested + flattens and adjacent string literals merge', () => {
    expect(compile("(('x' + 'y') + a) + 'z' + 'w'").expression).toEqual({
      kind: 'concat',
      parts: [
        {kind: 'literal', value: 'xy'},
        {kind: 'param', name: 'a', render: 'plain'},
        {kind: 'literal', value: 'zw'},
      ],
    })
  })

  it('a + (b + c) stays nested unless b is a string literal: 1 + (2 + "x") is "12x", not "3x"', () => {
    expect(compile("a + (b + 'x')").expression).toEqual({
      kind: 'concat',
      parts: [
        {kind: 'param', name: 'a', render: 'plain'},
        {
          kind: 'concat',
          parts: [
            {kind: 'param', name: 'b', render: 'plain'},
            {kind: 'literal', value: 'x'},
          ],
        },
      ],
    })
    expect(compile("a + ('x' + b)").expression).toMatchObject({kind: 'concat', parts: [{}, {}, {}]})
    expect(compile("'s' + a + (b + 'x')").expression).toMatchObject({kind: 'concat', parts: [{}, {}, {}, {}]})
  })

  it('!! is truthy, ! flips == and typeof, literal on the left is normalised', () => {
    expect(compile("!!a ? 'y' : 'n'").expression).toMatchObject({test: {kind: 'truthy', name: 'a'}})
    expect(compile("!('v' === a) ? 'y' : 'n'").expression).toMatchObject({
      test: {kind: 'equals', name: 'a', operator: '!==', value: 'v'},
    })
    expect(compile("!(typeof a != 'string') ? 'y' : 'n'").expression).toMatchObject({
      test: {kind: 'typeof', name: 'a', value: 'string', negate: false},
    })
    expect(compile("a == 0 ? 'y' : 'n'").expression).toMatchObject({test: {kind: 'equals', value: 0}})
  })

  it('an optional read inside a branch that proves it present is not unguarded', () => {
    expect(compile("b ? 'x' + b : ''").unguardedOptionals).toEqual([])
    expect(compile("!b ? '' : JSON.stringify(b)").unguardedOptionals).toEqual([])
    expect(compile("typeof b == 'undefined' ? '' : b").unguardedOptionals).toEqual([])
    expect(compile("b != 'q' ? '' : b").unguardedOptionals).toEqual([])
    expect(compile("typeof b == 'number' ? '' : b").unguardedOptionals).toEqual(['b'])
    expect(compile("a ? b : ''").unguardedOptionals).toEqual(['b'])
  })
})

describe('malformed expressions', () => {
  const scope: ExpressionScope = {
    subject: 'fields',
    names: [
      {name: 'sendRef', optional: false},
      {name: 'ids', optional: false},
      {name: 'sep', optional: false},
    ],
    syntaxTypes: ['ChatRef'],
  }
  // The block's code starts at COMMANDS.md:40:1; a second line of a block counts from column 1.
  const at = {file: 'COMMANDS.md', line: 40, column: 1}
  const cases: [code: string, message: string, line: number, column: number][] = [
    ["'/x ' + alert(1)", 'a call of alert is not allowed', 40, 9],
    ["'/x ' + process.exit()", 'a call of process.exit is not allowed', 40, 9],
    ["'/x ' + sendRef.constructor", 'a property access (.constructor) is not allowed', 40, 9],
    ["'/x ' + `${sendRef}`", 'a template literal is not allowed', 40, 9],
    ["'/x ' + userId", 'unknown identifier userId: not a parameter of this syntax', 40, 9],
    ["'/x ' + JSON.parse(sendRef)", 'a call of JSON.parse is not allowed', 40, 9],
    ["'/x ' + ids.join(sep)", 'ids.join takes exactly one string literal separator', 40, 9],
    ["'/x ' + (sendRef = 'y')", 'an assignment (=) is not allowed', 40, 10],
    ["'/x ' + User.cmdString(sendRef)", 'User.cmdString: User is not a type with a JavaScript syntax block', 40, 9],
    ["'/x ', sendRef", 'a comma expression is not allowed', 40, 1],
    ["'/x ' + 'abc", 'syntax error: an unterminated string literal', 40, 9],
    ["'/x ' +\n  /a+/.source", 'a property access (.source) is not allowed', 41, 3],
    ["'/x ' +\n  /a+/", 'a regular expression is not allowed', 41, 3],
    ["'/x ' + (sendRef && 'y')", 'the operator && is not allowed', 40, 10],
    ["'/x ' + ChatRef.cmdString(sendRef.x)", 'ChatRef.cmdString takes exactly one parameter name', 40, 9],
    ["'/x ' + sendRef['a']", 'an element access is not allowed', 40, 9],
    ["'/x ' + (() => 1)()", 'a call of a function is not allowed', 40, 9],
    ["typeof sendRef == 'strin' ? 'a' : 'b'", 'typeof is compared with a string typeof never returns', 40, 19],
    ["sendRef == ids ? 'a' : 'b'", 'a comparison must be a parameter and a literal', 40, 1],
    ["'a' + 0x1f", 'only finite decimal numeric literals are allowed', 40, 7],
    ["'a'; 'b'", 'the syntax block holds more than one statement', 40, 6],
    ['', 'the syntax block holds no expression', 40, 1],
    ["'/x ' + JSON.stringify(sendRef, null, 2)", 'JSON.stringify takes exactly one parameter name', 40, 9],
    ["'/x ' + new Function('')", 'a new expression is not allowed', 40, 9],
    ["'/x ' + ids?.join(',')", 'a call of ids.join is not allowed', 40, 9],
    ["'/x ' + __proto__", '__proto__ cannot name a parameter', 40, 9],
  ]

  it.each(cases)('%j is rejected: %s at %i:%i', (code, message, line, column) => {
    const result = compileCommandExpression(code, scope, at)
    expect(result.ok).toBe(false)
    const [first] = (result as {errors: CommandExpressionError[]}).errors
    expect(first!.message.startsWith(message), first!.message).toBe(true)
    expect(first!.location).toEqual({file: 'COMMANDS.md', line, column})
    expect(first!.ruleId).toBe('command-expression')
  })

  it('deeply nested parentheses are an error, not a stack overflow', () => {
    // 1900 levels overflow TypeScript's parser; 120 levels parse and stop at the compiler's own limit.
    for (const depth of [120, 1900]) {
      const code = `${'('.repeat(depth)}sendRef${')'.repeat(depth)}`
      expect(compileCommandExpression(code, scope, at)).toMatchObject({
        ok: false,
        errors: [{message: 'the expression is nested too deeply', location: {line: 40}}],
      })
    }
    const long = compileCommandExpression(`'${'x'.repeat(MAX_EXPRESSION_LENGTH)}'`, scope, at)
    expect(long).toMatchObject({ok: false, errors: [{message: 'the expression is longer than 4000 characters'}]})
  })

  it('a parameter named JSON cannot hide JSON.stringify', () => {
    const hiding: ExpressionScope = {subject: 'fields', names: [{name: 'JSON', optional: false}], syntaxTypes: []}
    const result = compileCommandExpression("'x' + JSON.stringify(JSON)", hiding, at)
    expect(result).toMatchObject({ok: false, errors: [{message: 'a parameter named JSON hides JSON.stringify'}]})
  })

  it('reports every rejected construct of a block, not only the first', () => {
    const result = compileCommandExpression('alert(1) + sendRef.x + `t`', scope, at)
    expect(result.ok).toBe(false)
    expect((result as {errors: CommandExpressionError[]}).errors.map((error) => error.location.column)).toEqual([
      1, 12, 24,
    ])
  })

  it('the trailing // JavaScript marker is stripped and errors stay in place', () => {
    const result = compileCommandExpression("'/x ' + nope // JavaScript", scope, {
      file: 'COMMANDS.md',
      line: 7,
      column: 3,
    })
    expect(result).toMatchObject({ok: false, errors: [{location: {line: 7, column: 11}}]})
  })

  it('errors go on the vfile as located, fatal messages', () => {
    const file = new VFile({path: 'COMMANDS.md', value: ''})
    const result = compileCommandExpression("'/x ' + alert(1)", scope, at)
    reportCommandExpressionErrors(file, (result as {errors: CommandExpressionError[]}).errors)
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]).toMatchObject({line: 40, column: 9, fatal: true, ruleId: 'command-expression'})
    expect(reporter(file, {color: false})).toContain('40:9')
  })
})
