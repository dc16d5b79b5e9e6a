import {StructureKind, type FunctionDeclarationStructure} from 'ts-morph'
import type {CommandTemplate, TemplateExpression, TemplateParam, TemplateTest} from '../schema/command-template.js'
import {cmdStringFunctionName, identifier, isIdentifier} from '../names/index.js'
import {isComparable, type ComparableLiterals} from './comparable-literals.js'
import {commentText, stringLiteral} from './escape.js'
import type {NameScope} from './module-scope.js'

/**
 * How the function of a command or type is named and typed. Every name must be
 * an identifier (a type may be dotted, `CC.APISendMessages`); they are checked,
 * and the emitter throws on anything else, so no doc text reaches code unchecked.
 */
export interface CommandFunctionOptions {
  /** Name of the emitted function, e.g. `apiSendMessagesCmdString`. */
  name: string
  /** TypeScript type of the one parameter: `CC.APISendMessages`, `T.ChatRef`, `T.ChatType`. */
  parameterType: string
  /** Name of the parameter. Default `self` for a template of subject `self`, else `p`. */
  parameterName?: string
  /** The function `X.cmdString(v)` calls. Default `cmdStringFunctionName`. */
  cmdStringFunction?: (type: string) => string
  /** First paragraph of the doc comment. Default: says what the function returns. */
  description?: string
  /** Export the function. Default true. */
  isExported?: boolean
  /**
   * The parameter type requires the optionals the syntax uses unconditionally (`declaredParameters`: a
   * command's parameters), so the doc comment says that instead of what an absent one gives.
   */
  unguardedRequired?: boolean
  /** The optional names of the parameter object (subject `fields`): read as own properties when `Object.prototype` has one of that name. */
  optionalNames?: ReadonlySet<string>
  /**
   * What each name can be compared with, as its TypeScript type has it (`comparableNames`): a comparison
   * TypeScript rejects for having no overlap (a value an enum does not have, a string with a number) is
   * emitted with its left side widened to `unknown`. A name not in the map is compared as is.
   */
  comparableNames?: ReadonlyMap<string, ComparableLiterals>
  /** The scope the function is written in: the globals it calls (`JSON`) are claimed there. */
  scope?: NameScope
}

export {cmdStringFunctionName} from '../names/index.js'

/**
 * The function that builds a command string from its parameters, for ts-morph:
 *
 *     export function apiSendMessagesCmdString(p: CC.APISendMessages): string {
 *       return '/_send ' + chatRefCmdString(p.sendRef) + (p.liveMessage ? ' live=on' : '') + ...
 *     }
 *
 * The body computes exactly what the docs' JavaScript computes (same `+`,
 * truthiness and equality; an absent optional read unconditionally gives
 * `"undefined"` or a TypeError as in the docs, and the doc comment says so).
 * Literals are emitted with `stringLiteral`, names as checked identifiers.
 * Where the docs' JavaScript is sound but TypeScript would reject it, the
 * emitted code says so in types only: a comparison with a literal the type
 * cannot hold (`(self as unknown) == 'contact'`), an optional passed to a join
 * or a type's syntax that the docs do not test first (`p.connLink_!`).
 *
 * @param template a compiled syntax block (`compileCommandExpression`).
 * @param options names and types, see `CommandFunctionOptions`.
 * @returns a function declaration structure for `SourceFile.addStatements` or `createSourceFile`.
 */
export function emitCommandFunction(
  template: CommandTemplate,
  options: CommandFunctionOptions,
): FunctionDeclarationStructure {
  const parameterName = options.parameterName ?? (template.subject === 'self' ? 'self' : 'p')
  const notes = template.unguardedOptionals.map((name) =>
    options.unguardedRequired
      ? `Note: \`${name}\` is optional in the docs, but their syntax uses it unconditionally (without it the ` +
        `docs' JavaScript writes "undefined" into the command), so the parameter type requires it.`
      : `Note: \`${name}\` is optional, but the docs' syntax uses it unconditionally: when it is absent the ` +
        `result is what the docs' own JavaScript gives ("undefined" in the text, a TypeError for a join or ` +
        `where a type's syntax reads a field of it).`,
  )
  const description = options.description ?? `The command string, as the docs' \`**Syntax**:\` builds it.`
  return {
    kind: StructureKind.Function,
    name: identifier(options.name),
    isExported: options.isExported ?? true,
    docs: [{description: [description, ...notes].map(commentText).join('\n\n')}],
    parameters: [{name: identifier(parameterName), type: checkTypeReference(options.parameterType)}],
    returnType: 'string',
    statements: `return ${emitCommandExpression(template, {...options, parameterName})}`,
  }
}

/**
 * The TypeScript expression of a template, reading parameters from `parameterName`.
 *
 * @param template a compiled syntax block.
 * @param options `parameterName` (default `p`) and `cmdStringFunction`.
 * @returns expression text, safe to put after `return`.
 */
export function emitCommandExpression(
  template: CommandTemplate,
  options: Pick<
    CommandFunctionOptions,
    'parameterName' | 'cmdStringFunction' | 'optionalNames' | 'comparableNames' | 'scope'
  > = {},
): string {
  const emitter = new ExpressionEmitter(
    template.subject,
    identifier(options.parameterName ?? (template.subject === 'self' ? 'self' : 'p')),
    options.cmdStringFunction ?? cmdStringFunctionName,
    options.optionalNames ?? new Set(),
    options.comparableNames ?? new Map(),
    new Set(template.unguardedOptionals),
    (name) => options.scope?.global(name) ?? name,
  )
  return emitter.expression(template.expression, 'top')
}

/** Where an expression sits: at the top, inside a `+` chain, or as a branch of `? :`. */
type Position = 'top' | 'part' | 'branch'

class ExpressionEmitter {
  constructor(
    private readonly subject: CommandTemplate['subject'],
    private readonly parameter: string,
    private readonly cmdStringFunction: (type: string) => string,
    private readonly optionalNames: ReadonlySet<string>,
    private readonly comparableNames: ReadonlyMap<string, ComparableLiterals>,
    private readonly unguardedOptionals: ReadonlySet<string>,
    private readonly global: (name: string) => string,
  ) {}

  expression(node: TemplateExpression, position: Position): string {
    switch (node.kind) {
      case 'literal':
        return stringLiteral(node.value)
      case 'number':
        return emitNumber(node.value)
      case 'param':
        return this.param(node)
      case 'concat': {
        if (node.parts.length < 2) throw new Error('a concat template has fewer than two parts')
        const text = node.parts.map((part) => this.expression(part, 'part')).join(' + ')
        return position === 'part' ? `(${text})` : text
      }
      case 'conditional': {
        const text =
          `${this.test(node.test)} ? ${this.expression(node.then, 'branch')} : ` + this.expression(node.else, 'branch')
        return position === 'top' ? text : `(${text})`
      }
    }
  }

  private param(node: TemplateParam): string {
    const value = this.read(node.name)
    switch (node.render) {
      case 'plain':
        return value
      case 'json':
        return `${this.global('JSON')}.stringify(${value})`
      case 'join':
        if (node.separator === undefined) throw new Error(`join of ${node.name} has no separator`)
        return `${this.asPresent(node.name, value)}.join(${stringLiteral(node.separator)})`
      case 'cmdString':
        if (node.type === undefined) throw new Error(`cmdString of ${node.name} has no type`)
        return `${identifier(this.cmdStringFunction(identifier(node.type)))}(${this.asPresent(node.name, value)})`
    }
  }

  /**
   * A read given to a join or a type's syntax, typed as present (`!`, types only) where TypeScript cannot
   * see that it is: an optional the docs use untested (absent, `undefined` goes on as in the docs'
   * JavaScript; the doc comment says so), or a union member's field, read behind an `in` check no test narrows.
   */
  private asPresent(name: string, value: string): string {
    const untested = this.unguardedOptionals.has(name)
    return untested || (this.subject === 'union' && name !== 'type') ? `${value}!` : value
  }

  private test(test: TemplateTest): string {
    const value = this.read(test.name)
    switch (test.kind) {
      case 'truthy':
        return value
      case 'falsy':
        return `!${value}`
      case 'equals': {
        const literal = typeof test.value === 'number' ? emitNumber(test.value) : stringLiteral(test.value)
        // TypeScript rejects a comparison whose types do not overlap; JavaScript computes it (`1 == '1'`), so it stays.
        const literals = this.comparableNames.get(test.name)
        const left = literals && !isComparable(literals, test.value) ? `(${value} as unknown)` : value
        return `${left} ${test.operator} ${literal}`
      }
      case 'typeof':
        return `typeof ${value} ${test.negate ? '!=' : '=='} ${stringLiteral(test.value)}`
    }
  }

  /**
   * A name read from the parameter. Fields only some union members have are
   * read behind an `in` check, which TypeScript narrows by and which gives
   * what the plain read gives (`undefined` when absent). A name `Object.prototype`
   * also has (`toString`, `valueOf`) is read only as an own property where it may
   * be absent: a plain read or `in` would find the inherited method.
   */
  private read(name: string): string {
    if (this.subject === 'self') {
      if (name !== 'self') throw new Error(`a template of subject self reads ${JSON.stringify(name)}`)
      return this.parameter
    }
    const access = isIdentifier(name) ? `${this.parameter}.${name}` : `${this.parameter}[${stringLiteral(name)}]`
    const mayBeAbsent = this.subject === 'union' ? name !== 'type' : this.optionalNames.has(name)
    if (mayBeAbsent && name in Object.prototype) {
      return `(${this.global('Object')}.hasOwn(${this.parameter}, ${stringLiteral(name)}) ? ${access} : undefined)`
    }
    if (this.subject === 'union' && name !== 'type') {
      return `(${stringLiteral(name)} in ${this.parameter} ? ${access} : undefined)`
    }
    return access
  }
}

/** A finite number as a literal; negative values and -0 in parentheses so `+` and `!` read them right. */
function emitNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`a number template is not finite: ${value}`)
  if (Object.is(value, -0)) return '(-0)'
  return value < 0 ? `(${String(value)})` : String(value)
}

function checkTypeReference(type: string): string {
  for (const part of type.split('.')) identifier(part)
  return type
}
