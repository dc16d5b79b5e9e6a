import {ts} from 'ts-morph'
import {
  TYPEOF_RESULTS,
  type CommandExpressionError,
  type CommandTemplate,
  type EqualsTest,
  type TemplateExpression,
  type TemplateLocation,
  type TemplateNumber,
  type TemplateParam,
  type TemplateTest,
  type TypeofResult,
} from '../schema/command-template.js'
import type {TypeDefinition, TypeExpression} from '../schema/types.js'
import type {VFile} from 'vfile'
import {reportError} from '../diagnostics.js'

/** Rule id of every error of this module, for reporters. */
export const COMMAND_EXPRESSION_RULE = 'command-expression' as const

/** A name an expression may read. */
export interface ScopeName {
  name: string
  /** The value may be absent (`?` in the docs, or a field only some union members have). */
  optional: boolean
  /** The type of `syntaxTypes` the value has, when it is a plain reference to one (for `name.toString()`). */
  syntaxType?: string
}

/** What a parameter or field gives its scope name: a `Field` has this shape (`type` may be left out). */
export interface ScopeField {
  name: string
  optional: boolean
  /** A schema type expression, or a referenced type spelled as its name (`ChatRef`). */
  type?: TypeExpression | string
}

function scopeName({name, optional, type}: ScopeField, syntaxTypes: readonly string[]): ScopeName {
  const referenced = typeof type === 'string' ? type : type?.kind === 'reference' ? type.name : undefined
  const syntaxType = referenced !== undefined && syntaxTypes.includes(referenced) ? referenced : undefined
  return syntaxType ? {name, optional, syntaxType} : {name, optional}
}

/** What a syntax block may refer to. */
export interface ExpressionScope {
  /** See `CommandTemplate.subject`. */
  subject: CommandTemplate['subject']
  names: readonly ScopeName[]
  /** Types of TYPES.md that have a ```javascript syntax block: `X.cmdString(name)` is allowed for them. */
  syntaxTypes: readonly string[]
}

/** A compiled block, or every construct that stopped it. */
export type CommandExpressionResult =
  {ok: true; template: CommandTemplate} | {ok: false; errors: CommandExpressionError[]}

/**
 * The scope of a command's syntax: its parameters.
 *
 * @param parameters the command's `**Parameters**:` list.
 * @param syntaxTypes see `syntaxTypeNames`.
 */
export function commandScope(parameters: readonly ScopeField[], syntaxTypes: readonly string[]): ExpressionScope {
  return {subject: 'fields', names: parameters.map((parameter) => scopeName(parameter, syntaxTypes)), syntaxTypes}
}

/**
 * The scope of a TYPES.md type's syntax: `self` for an enum, the fields of a
 * record, and for a discriminated union `type` plus the fields of every member
 * (optional when some member lacks them: the expression tests `type` first).
 *
 * @param type the type whose `**Syntax**:` block is compiled.
 * @param syntaxTypes see `syntaxTypeNames`.
 */
export function typeScope(type: SyntaxTypeShape, syntaxTypes: readonly string[]): ExpressionScope {
  if (type.kind === 'enum') return {subject: 'self', names: [{name: 'self', optional: false}], syntaxTypes}
  if (type.kind === 'record') {
    const names = type.fields.filter((field) => field.name !== '').map((field) => scopeName(field, syntaxTypes))
    return {subject: 'fields', names, syntaxTypes}
  }
  const names = new Map<string, ScopeName>([['type', {name: 'type', optional: false}]])
  for (const member of type.members) {
    for (const field of member.fields) {
      if (field.name === '') continue
      const inAll = type.members.every((other) => other.fields.some((each) => each.name === field.name))
      const optional = field.optional || !inAll || names.get(field.name)?.optional === true
      names.set(field.name, scopeName({...field, optional}, syntaxTypes))
    }
  }
  return {subject: 'union', names: [...names.values()], syntaxTypes}
}

/** What `typeScope` reads of a type: a schema `TypeDefinition` has this shape. */
export type SyntaxTypeShape =
  | {kind: 'enum'}
  | {kind: 'record'; fields: readonly ScopeField[]}
  | {kind: 'union'; members: readonly {fields: readonly ScopeField[]}[]}

/** Names of the types that have a ```javascript syntax block, document order. */
export function syntaxTypeNames(types: readonly TypeDefinition[]): string[] {
  return types.filter((type) => type.syntax.some((block) => block.lang === 'javascript')).map((type) => type.name)
}

/** The marker upstream ends every ```javascript syntax block with. */
const LANGUAGE_MARKER = /\s*\/\/ JavaScript\s*$/

/**
 * Compile the one JavaScript expression of a ```javascript syntax block into a
 * `CommandTemplate`, accepting only this whitelist (anything else is an error):
 *
 * - string literals, decimal numeric literals, parentheses;
 * - identifiers naming a name of `scope`;
 * - `a + b`, `test ? a : b`;
 * - tests: `name`, `!test`, `name == literal` (`===`, `!=`, `!==`, either side),
 *   `typeof name == 'boolean'` (any `typeof` result);
 * - `JSON.stringify(name)`, `name.join('literal')`, `X.cmdString(name)` for X in `scope.syntaxTypes`;
 * - `name.toString()` when `name` holds a value of a syntax type X (older docs, 2025-09-27, write it
 *   where the grammar says `<str(name)>`; upstream's classes rendered their syntax): compiled as `X.cmdString(name)`.
 *
 * Simplifications keep JavaScript's meaning exactly: parentheses go, `(a + b) + c`
 * becomes one concat, `a + (b + c)` too when `b` is a string literal (or `c` is
 * and the left side already holds one), adjacent string literals merge, `!!x` is `x`.
 *
 * @param code the block's text, with or without the trailing `// JavaScript`.
 * @param scope what the expression may read.
 * @param location where the first character of `code` sits in the document;
 *   errors point at `line:column` there (later lines of the block count columns from 1).
 * @returns the template, or the errors as data (never thrown) for the caller's vfile.
 */
export function compileCommandExpression(
  code: string,
  scope: ExpressionScope,
  location: TemplateLocation,
): CommandExpressionResult {
  const text = code.replace(LANGUAGE_MARKER, '')
  const tooLong = text.length > MAX_EXPRESSION_LENGTH
  if (!tooLong) {
    try {
      return new ExpressionCompiler(text, scope, location).compile()
    } catch (error) {
      // A hostile document can nest parentheses deeper than the parser's stack.
      if (!(error instanceof RangeError)) throw error
    }
  }
  const message = tooLong ? `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters` : NESTED_TOO_DEEPLY
  return {ok: false, errors: [{message, location, ruleId: COMMAND_EXPRESSION_RULE}]}
}

/** How deep the syntax tree of a block may go (upstream's deepest is under 20). */
const MAX_NESTING = 100
const NESTED_TOO_DEEPLY = 'the expression is nested too deeply'

/** Upstream's longest block is about 300 characters; a syntax block far longer is not one. */
export const MAX_EXPRESSION_LENGTH = 4000

/**
 * Record compile errors on the document they come from, as every parse error is
 * (`file:line:column  error  message  command-expression`).
 *
 * @param file the vfile of COMMANDS.md or TYPES.md the block was read from.
 * @param errors `errors` of a failed `compileCommandExpression`.
 */
export function reportCommandExpressionErrors(file: VFile, errors: readonly CommandExpressionError[]): void {
  for (const {message, location, ruleId} of errors) {
    reportError(file, message, {line: location.line, column: location.column}, ruleId)
  }
}

/** Parse diagnostics of a source file: public in practice, not in the typings. */
type WithParseDiagnostics = ts.SourceFile & {parseDiagnostics?: readonly ts.DiagnosticWithLocation[]}

type EqualityOperator = EqualsTest['operator']

const EQUALITY_OPERATORS = new Map<ts.SyntaxKind, EqualityOperator>([
  [ts.SyntaxKind.EqualsEqualsToken, '=='],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, '==='],
  [ts.SyntaxKind.ExclamationEqualsToken, '!='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, '!=='],
])

const NEGATED: Record<EqualityOperator, EqualityOperator> = {'==': '!=', '===': '!==', '!=': '==', '!==': '==='}

/** Decimal numeric literal as written (no hex, octal, binary, separators or BigInt). */
const DECIMAL_LITERAL = /^(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/** Names that would read a prototype instead of a parameter. */
const FORBIDDEN_NAMES = new Set(['__proto__'])

class ExpressionCompiler {
  private readonly errors: CommandExpressionError[] = []
  private readonly names: ReadonlyMap<string, ScopeName>
  private readonly unguarded: string[] = []
  private sourceFile!: ts.SourceFile

  constructor(
    private readonly code: string,
    private readonly scope: ExpressionScope,
    private readonly location: TemplateLocation,
  ) {
    this.names = new Map(scope.names.map((entry) => [entry.name, entry]))
  }

  compile(): CommandExpressionResult {
    const file: WithParseDiagnostics = ts.createSourceFile(
      'syntax.js',
      this.code,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.JS,
    )
    this.sourceFile = file
    // An unterminated literal is reported where it starts, not where the text ends.
    const unterminated = unterminatedLiterals(file)
    for (const literal of unterminated) this.fail(`syntax error: an unterminated ${literal.what}`, literal.start)
    for (const diagnostic of file.parseDiagnostics ?? []) {
      if (unterminated.length > 0 && UNTERMINATED_CODES.has(diagnostic.code)) continue
      this.fail(`syntax error: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`, diagnostic.start)
    }
    if (this.errors.length > 0) return {ok: false, errors: this.errors}
    const [statement, extra] = file.statements
    if (!statement) {
      this.fail('the syntax block holds no expression', 0)
    } else if (extra) {
      this.fail('the syntax block holds more than one statement', extra.getStart(file))
    } else if (!ts.isExpressionStatement(statement)) {
      this.fail(`${describeNode(statement)} is not allowed: the block must be one expression`, statement.getStart(file))
    } else {
      const expression = this.expression(statement.expression, new Set())
      if (expression && this.errors.length === 0) {
        return {ok: true, template: {subject: this.scope.subject, expression, unguardedOptionals: this.unguarded}}
      }
    }
    return {ok: false, errors: this.errors}
  }

  /** A value-producing node; `present` holds the optional names the enclosing tests proved present. */
  private expression(node: ts.Expression, present: ReadonlySet<string>): TemplateExpression | null {
    if (this.tooDeep(node)) return null
    if (ts.isParenthesizedExpression(node)) return this.expression(node.expression, present)
    if (ts.isStringLiteral(node)) return {kind: 'literal', value: node.text}
    if (ts.isNumericLiteral(node)) return this.number(node)
    if (ts.isIdentifier(node)) return this.param(node, 'plain', present)
    if (ts.isConditionalExpression(node)) {
      const test = this.test(node.condition, false)
      const then = this.expression(node.whenTrue, test ? withPresent(present, test, true) : present)
      const otherwise = this.expression(node.whenFalse, test ? withPresent(present, test, false) : present)
      return test && then && otherwise ? {kind: 'conditional', test, then, else: otherwise} : null
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.expression(node.left, present)
      const right = this.expression(node.right, present)
      return left && right ? concat(left, right) : null
    }
    if (ts.isCallExpression(node)) return this.call(node, present)
    return this.reject(node)
  }

  private number(node: ts.NumericLiteral): TemplateNumber | null {
    const value = Number(node.text)
    if (!DECIMAL_LITERAL.test(node.getText(this.sourceFile)) || !Number.isFinite(value)) {
      return this.fail('only finite decimal numeric literals are allowed', node.getStart(this.sourceFile))
    }
    return {kind: 'number', value}
  }

  /** `JSON.stringify(name)`, `name.join('sep')`, `X.cmdString(name)`; every other call is an error. */
  private call(node: ts.CallExpression, present: ReadonlySet<string>): TemplateExpression | null {
    const start = node.getStart(this.sourceFile)
    const callee = node.expression
    const name = calleeName(callee)
    if (
      !ts.isPropertyAccessExpression(callee) ||
      !ts.isIdentifier(callee.expression) ||
      !ts.isIdentifier(callee.name) ||
      node.questionDotToken ||
      callee.questionDotToken ||
      node.typeArguments
    ) {
      return this.fail(`a call of ${name} is not allowed${ALLOWED_CALLS}`, start)
    }
    const receiver = callee.expression.text
    const method = callee.name.text
    const [argument, extra] = node.arguments
    if (receiver === 'JSON' && method === 'stringify') {
      if (this.names.has('JSON')) return this.fail('a parameter named JSON hides JSON.stringify', start)
      if (!argument || extra || !ts.isIdentifier(argument)) {
        return this.fail('JSON.stringify takes exactly one parameter name', start)
      }
      return this.param(argument, 'json', present)
    }
    if (method === 'join' && this.names.has(receiver)) {
      if (!argument || extra || !ts.isStringLiteral(argument)) {
        return this.fail(`${receiver}.join takes exactly one string literal separator`, start)
      }
      return this.param(callee.expression, 'join', present, {separator: argument.text})
    }
    const syntaxType = this.names.get(receiver)?.syntaxType
    if (method === 'toString' && syntaxType !== undefined) {
      if (argument) return this.fail(`${receiver}.toString takes no arguments`, start)
      return this.param(callee.expression, 'cmdString', present, {type: syntaxType})
    }
    if (method === 'cmdString' && !this.names.has(receiver)) {
      if (!this.scope.syntaxTypes.includes(receiver)) {
        return this.fail(`${receiver}.cmdString: ${receiver} is not a type with a JavaScript syntax block`, start)
      }
      if (!argument || extra || !ts.isIdentifier(argument)) {
        return this.fail(`${receiver}.cmdString takes exactly one parameter name`, start)
      }
      return this.param(argument, 'cmdString', present, {type: receiver})
    }
    return this.fail(`a call of ${name} is not allowed${ALLOWED_CALLS}`, start)
  }

  /** A parameter read; records it when it is optional and no enclosing test proved it present. */
  private param(
    node: ts.Identifier,
    render: TemplateParam['render'],
    present: ReadonlySet<string>,
    extra: {separator?: string; type?: string} = {},
  ): TemplateParam | null {
    const name = this.name(node)
    if (name === null) return null
    if (this.names.get(name)?.optional && !present.has(name) && !this.unguarded.includes(name)) {
      this.unguarded.push(name)
    }
    return {kind: 'param', name, render, ...extra}
  }

  /** The text of an identifier that names something in scope, or null after an error. */
  private name(node: ts.Identifier): string | null {
    const name = node.text
    if (FORBIDDEN_NAMES.has(name)) return this.fail(`${name} cannot name a parameter`, node.getStart(this.sourceFile))
    if (!this.names.has(name)) {
      const known = this.scope.subject === 'self' ? 'self' : 'a parameter'
      return this.fail(`unknown identifier ${name}: not ${known} of this syntax`, node.getStart(this.sourceFile))
    }
    return name
  }

  /** The condition of `? :`; `negated` counts the `!` around it. */
  private test(node: ts.Expression, negated: boolean): TemplateTest | null {
    if (this.tooDeep(node)) return null
    if (ts.isParenthesizedExpression(node)) return this.test(node.expression, negated)
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      return this.test(node.operand, !negated)
    }
    if (ts.isIdentifier(node)) {
      const name = this.name(node)
      return name === null ? null : {kind: negated ? 'falsy' : 'truthy', name}
    }
    const operator = ts.isBinaryExpression(node) ? EQUALITY_OPERATORS.get(node.operatorToken.kind) : undefined
    if (ts.isBinaryExpression(node) && operator) {
      const effective = negated ? NEGATED[operator] : operator
      const [subject, literal] = isLiteral(node.left) ? [node.right, node.left] : [node.left, node.right]
      if (ts.isTypeOfExpression(subject) && ts.isIdentifier(subject.expression) && ts.isStringLiteral(literal)) {
        const name = this.name(subject.expression)
        if (!isTypeofResult(literal.text)) {
          return this.fail('typeof is compared with a string typeof never returns', literal.getStart(this.sourceFile))
        }
        return name === null ? null : {kind: 'typeof', name, value: literal.text, negate: effective.startsWith('!')}
      }
      if (ts.isIdentifier(subject) && isLiteral(literal)) {
        const name = this.name(subject)
        const value = ts.isStringLiteral(literal) ? literal.text : this.number(literal)?.value
        return name === null || value === undefined ? null : {kind: 'equals', name, operator: effective, value}
      }
      return this.fail(
        'a comparison must be a parameter and a literal, or typeof of a parameter and a string',
        node.getStart(this.sourceFile),
      )
    }
    return this.fail(
      `${describeNode(node)} is not allowed as a test: use a parameter, !, == or typeof`,
      node.getStart(this.sourceFile),
    )
  }

  /** Nesting beyond `MAX_NESTING` is an error (once), so no document can exhaust the stack here. */
  private tooDeep(node: ts.Node): boolean {
    let depth = 0
    for (let parent = node.parent; parent; parent = parent.parent) depth++
    if (depth <= MAX_NESTING) return false
    if (!this.errors.some((error) => error.message === NESTED_TOO_DEEPLY)) {
      this.fail(NESTED_TOO_DEEPLY, node.getStart(this.sourceFile))
    }
    return true
  }

  private reject(node: ts.Node): null {
    return this.fail(
      `${describeNode(node)} is not allowed in a command syntax expression`,
      node.getStart(this.sourceFile),
    )
  }

  private fail(message: string, offset: number): null {
    const {line, character} = this.sourceFile.getLineAndCharacterOfPosition(offset)
    const at: TemplateLocation = {
      file: this.location.file,
      line: this.location.line + line,
      column: line === 0 ? this.location.column + character : character + 1,
    }
    this.errors.push({message, location: at, ruleId: COMMAND_EXPRESSION_RULE})
    return null
  }
}

/** TypeScript's codes for "Unterminated string literal", "... template literal", "... regular expression literal". */
const UNTERMINATED_CODES = new Set([1002, 1160, 1161])

/** Literals the scanner found no end of, with where each starts. */
function unterminatedLiterals(file: ts.SourceFile): {what: string; start: number}[] {
  const found: {what: string; start: number}[] = []
  const visit = (node: ts.Node): void => {
    if ((ts.isLiteralExpression(node) || ts.isTemplateLiteralToken(node)) && node.isUnterminated) {
      const what = ts.isStringLiteral(node)
        ? 'string literal'
        : ts.isRegularExpressionLiteral(node)
          ? 'regular expression'
          : 'template literal'
      found.push({what, start: node.getStart(file)})
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

const ALLOWED_CALLS = ': only JSON.stringify(name), name.join(separator) and Type.cmdString(name)'

function isLiteral(node: ts.Expression): node is ts.StringLiteral | ts.NumericLiteral {
  return ts.isStringLiteral(node) || ts.isNumericLiteral(node)
}

function isTypeofResult(value: string): value is TypeofResult {
  return (TYPEOF_RESULTS as readonly string[]).includes(value)
}

/**
 * The names known present in one branch of `test`: a truthy value, one equal
 * to a literal, or whose typeof is not `undefined`, is there.
 */
function withPresent(present: ReadonlySet<string>, test: TemplateTest, branch: boolean): ReadonlySet<string> {
  let proves: boolean
  if (test.kind === 'truthy') proves = branch
  else if (test.kind === 'falsy') proves = !branch
  else if (test.kind === 'equals') proves = test.operator.startsWith('!') ? !branch : branch
  else proves = (test.value === 'undefined') === test.negate ? branch : !branch
  return proves ? new Set([...present, test.name]) : present
}

/** `left + right`, flattened where JavaScript's left-to-right `+` gives the same result. */
function concat(left: TemplateExpression, right: TemplateExpression): TemplateExpression {
  const parts = left.kind === 'concat' ? [...left.parts] : [left]
  if (right.kind === 'concat' && spliceIsExact(parts, right.parts)) parts.push(...right.parts)
  else parts.push(right)
  const merged: TemplateExpression[] = []
  for (const part of parts) {
    const previous = merged.at(-1)
    // Adding two strings one after the other equals adding their concatenation.
    if (part.kind === 'literal' && previous?.kind === 'literal') {
      merged[merged.length - 1] = {kind: 'literal', value: previous.value + part.value}
    } else merged.push(part)
  }
  return merged.length === 1 ? merged[0]! : {kind: 'concat', parts: merged}
}

/**
 * `acc + (b + c + ...)` equals `acc + b + c + ...` when `b` is a string (then
 * every `+` inside is string concatenation), or when `acc` is already a string
 * and `c` is one (so `b + c` and `acc + b` both convert `b` to a string).
 */
function spliceIsExact(accumulated: readonly TemplateExpression[], inner: readonly TemplateExpression[]): boolean {
  if (inner[0]?.kind === 'literal') return true
  return accumulated.some((part) => part.kind === 'literal') && inner[1]?.kind === 'literal'
}

/** The callee of a call for a message: `alert`, `process.exit`, or `a function`. */
function calleeName(callee: ts.Expression): string {
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    const receiver = calleeName(callee.expression)
    return receiver === 'a function' ? `a method ${callee.name.text}` : `${receiver}.${callee.name.text}`
  }
  return 'a function'
}

/** Words for the constructs a doc might try, for error messages. */
const NODE_WORDS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.PropertyAccessExpression, 'a property access'],
  [ts.SyntaxKind.ElementAccessExpression, 'an element access'],
  [ts.SyntaxKind.TemplateExpression, 'a template literal'],
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral, 'a template literal'],
  [ts.SyntaxKind.TaggedTemplateExpression, 'a tagged template'],
  [ts.SyntaxKind.RegularExpressionLiteral, 'a regular expression'],
  [ts.SyntaxKind.ArrowFunction, 'a function'],
  [ts.SyntaxKind.FunctionExpression, 'a function'],
  [ts.SyntaxKind.ClassExpression, 'a class'],
  [ts.SyntaxKind.ObjectLiteralExpression, 'an object literal'],
  [ts.SyntaxKind.ArrayLiteralExpression, 'an array literal'],
  [ts.SyntaxKind.NewExpression, 'a new expression'],
  [ts.SyntaxKind.TypeOfExpression, 'typeof outside a comparison'],
  [ts.SyntaxKind.DeleteExpression, 'delete'],
  [ts.SyntaxKind.VoidExpression, 'void'],
  [ts.SyntaxKind.AwaitExpression, 'await'],
  [ts.SyntaxKind.YieldExpression, 'yield'],
  [ts.SyntaxKind.SpreadElement, 'a spread'],
  [ts.SyntaxKind.PostfixUnaryExpression, 'an increment or decrement'],
  [ts.SyntaxKind.TrueKeyword, 'the literal true'],
  [ts.SyntaxKind.FalseKeyword, 'the literal false'],
  [ts.SyntaxKind.NullKeyword, 'the literal null'],
  [ts.SyntaxKind.ThisKeyword, 'this'],
  [ts.SyntaxKind.BigIntLiteral, 'a BigInt literal'],
])

/** A short description of a node for an error message, never the doc's text beyond an operator. */
function describeNode(node: ts.Node): string {
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind
    const operator = ts.tokenToString(kind) ?? 'an operator'
    if (kind === ts.SyntaxKind.CommaToken) return 'a comma expression'
    if (kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment) {
      return `an assignment (${operator})`
    }
    if (EQUALITY_OPERATORS.has(kind)) return `a comparison (${operator}) outside the test of ? :`
    return `the operator ${operator}`
  }
  if (ts.isPrefixUnaryExpression(node)) {
    const operator = ts.tokenToString(node.operator)
    return node.operator === ts.SyntaxKind.ExclamationToken ? '! outside the test of ? :' : `the operator ${operator}`
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
    return `a property access (.${node.name.text})`
  }
  if (ts.isStatement(node) && !ts.isExpressionStatement(node)) return 'a statement'
  const word = NODE_WORDS.get(node.kind)
  if (word) return word
  // Split the kind's name into words: `AsExpression` → `as expression`.
  return `a ${ts.SyntaxKind[node.kind]!.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()}`
}
