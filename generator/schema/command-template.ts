/**
 * The command-string template: what a ```javascript block of a `**Syntax**:`
 * section (COMMANDS.md, TYPES.md) computes, as checked data instead of code.
 *
 * The docs come from a URL, so their JavaScript is never pasted into generated
 * code. `compileCommandExpression` (generator/parse/command-expression.ts)
 * accepts only a small whitelist of constructs and builds this tree;
 * `emitCommandFunction` (generator/emit/command-string.ts) writes TypeScript from
 * it. Plain JSON: no classes, no `undefined`, serialisable with `JSON.stringify`.
 *
 * Semantics are JavaScript's, exactly as the doc expression has them: a
 * `concat` is a left fold with `+` (so `1 + 2 + 'a'` is `'3a'`), a test is
 * JavaScript truthiness or loose/strict equality. Simplifications the compiler
 * makes keep that meaning (see `compileCommandExpression`).
 *
 * This module is a leaf: it imports nothing from generator/.
 */

/** Bump when the shape of the template changes. */
export const COMMAND_TEMPLATE_VERSION = 1

/** One compiled ```javascript syntax block. */
export interface CommandTemplate {
  /**
   * What names refer to: `fields`, keys of the one parameter object (a
   * command's parameters, a record's fields); `union`, keys of a union member
   * (`type`, and fields only some members have); `self`, the value itself (an
   * enum's syntax says `self`).
   */
  subject: 'fields' | 'union' | 'self'
  expression: TemplateExpression
  /**
   * Optional names the expression reads without testing them first, in first
   * use order. The docs' JavaScript then yields `"undefined"` (or throws, for
   * `join`) when the parameter is absent; the template keeps that behaviour and
   * the schema checker warns (e.g. `APIConnectPlan.connectTarget`).
   */
  unguardedOptionals: string[]
}

/** A value-producing node. */
export type TemplateExpression = TemplateConcat | TemplateLiteral | TemplateNumber | TemplateParam | TemplateConditional

/** `a + b + c`: JavaScript `+` folded left over `parts` (two or more). */
export interface TemplateConcat {
  kind: 'concat'
  parts: TemplateExpression[]
}

/** A string literal of the doc, its value decoded (escapes applied). */
export interface TemplateLiteral {
  kind: 'literal'
  value: string
}

/** A decimal numeric literal of the doc (finite). */
export interface TemplateNumber {
  kind: 'number'
  value: number
}

/** How a parameter is turned into text. */
export type ParamRender = 'plain' | 'json' | 'join' | 'cmdString'

/**
 * A parameter read: `name` as is (`plain`), `JSON.stringify(name)` (`json`),
 * `name.join(separator)` (`join`), `type.cmdString(name)` (`cmdString`).
 * With subject `self` the only name is `self`.
 */
export interface TemplateParam {
  kind: 'param'
  name: string
  render: ParamRender
  /** `join` only: the separator string literal. */
  separator?: string
  /** `cmdString` only: the TYPES.md type whose syntax renders the value. */
  type?: string
}

/** `test ? then : else`. */
export interface TemplateConditional {
  kind: 'conditional'
  test: TemplateTest
  then: TemplateExpression
  else: TemplateExpression
}

/** The condition of a `conditional`. */
export type TemplateTest = TruthyTest | FalsyTest | EqualsTest | TypeofTest

/** `name`: JavaScript truthiness (false for `0`, `''`, `false`, absent). */
export interface TruthyTest {
  kind: 'truthy'
  name: string
}

/** `!name`. */
export interface FalsyTest {
  kind: 'falsy'
  name: string
}

/** `name == value` (or `===`, `!=`, `!==`), the literal on either side in the doc. */
export interface EqualsTest {
  kind: 'equals'
  name: string
  operator: '==' | '===' | '!=' | '!=='
  value: string | number
}

/** `typeof name == 'value'` (`negate` for `!=`/`!==`; both operators mean the same here). */
export interface TypeofTest {
  kind: 'typeof'
  name: string
  value: TypeofResult
  negate: boolean
}

/** What `typeof` can return; a comparison with anything else is rejected. */
export const TYPEOF_RESULTS = [
  'undefined',
  'object',
  'boolean',
  'number',
  'bigint',
  'string',
  'symbol',
  'function',
] as const
export type TypeofResult = (typeof TYPEOF_RESULTS)[number]

/** A place in a source document (1-based), as the schema's `SourceLocation`. */
export interface TemplateLocation {
  file: string
  line: number
  column: number
}

/** Why a syntax block was not compiled: one construct at one place of the document. */
export interface CommandExpressionError {
  /** One line, naming the construct (`a call of alert(...) is not allowed...`). */
  message: string
  /** Where the construct starts in the document. */
  location: TemplateLocation
  /** Stable id for reporters, e.g. `command-expression`. */
  ruleId: 'command-expression'
}
