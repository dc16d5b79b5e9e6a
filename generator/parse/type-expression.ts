import type {PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {PRIMITIVES, type PrimitiveName, type TypeExpression} from '../schema/types.js'
import {reportError} from '../diagnostics.js'

/** A field line read into its parts (before it becomes a located `Field`). */
export interface FieldLine {
  name: string
  optional: boolean
  type: TypeExpression
}

type Token =
  | {kind: 'punct'; value: '[' | ']' | '{' | '}' | ':' | '?'; line: number; column: number}
  | {kind: 'word'; value: string; line: number; column: number}
  | {kind: 'string'; value: string; line: number; column: number}
  | {kind: 'link'; name: string; href: string; line: number; column: number}

/** Thrown inside this module only, to stop at the first error of one line. */
class FieldLineError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly ruleId: 'too-deep' | 'too-large' | undefined = undefined,
  ) {
    super(message)
  }
}

/**
 * Bounds on one field's type: every level of nesting is emitted again inside the one
 * around it (types, guards, decoders with their paths), so the output of a field grows
 * with the square of its depth; upstream's deepest is `[[string]]`-like, 3 levels.
 */
export const TYPE_LIMITS = {
  /** Deepest nesting of arrays and maps in one type (rule `too-deep`). */
  maxDepth: 8,
  /** Most characters of one field line's tokens (rule `too-large`): a long literal is emitted several times. */
  maxLength: 1024,
} as const

/**
 * Read the phrasing content of one list item (`name: TYPE`, `name: TYPE?`) with a
 * small grammar over text and link nodes:
 *
 *     line  = [name] ":" type ["?"]
 *     type  = primitive | link | "[" type "]" | "{" "string" ":" type "}" | '"' text '"'
 *
 * @param nodes the paragraph's children.
 * @param file document the line belongs to; an error is reported on it.
 * @returns the field line, or `null` after reporting why it could not be read.
 */
export function parseFieldLine(nodes: readonly PhrasingContent[], file: VFile): FieldLine | null {
  try {
    return readFieldLine(tokenize(nodes), false)
  } catch (error) {
    if (!(error instanceof FieldLineError)) throw error
    reportError(file, error.message, {line: error.line, column: error.column}, error.ruleId ?? 'field-line')
    return null
  }
}

/**
 * Read a field line in the compact form the overlay writes (`removedSubs: {string : [string]}`, `user: User`):
 * the grammar of `parseFieldLine`, with a type of TYPES.md named by its bare name instead of a link (it
 * becomes a reference to `./TYPES.md#name`; whether the type exists is for the caller to check).
 *
 * @returns the field line, or why it cannot be read and at which column (1-based).
 */
export function parseCompactFieldLine(text: string): FieldLine | {error: string; column: number} {
  try {
    const tokens: Token[] = []
    tokenizeText(text, {line: 1, column: 1}, tokens)
    return readFieldLine(tokens, true)
  } catch (error) {
    if (!(error instanceof FieldLineError)) throw error
    return {error: error.message, column: error.column}
  }
}

/**
 * The field line of `tokens`, within `TYPE_LIMITS`.
 *
 * @param compact a bare word that is no primitive names a type (the overlay's form), not an error.
 * @throws FieldLineError at the first token that does not fit.
 */
function readFieldLine(tokens: Token[], compact: boolean): FieldLine {
  const length = tokens.reduce((sum, token) => sum + tokenWidth(token), 0)
  if (length > TYPE_LIMITS.maxLength && tokens[0])
    throw new FieldLineError(
      `Field line is ${length} characters long, more than the limit of ${TYPE_LIMITS.maxLength}`,
      tokens[0].line,
      tokens[0].column,
      'too-large',
    )
  const reader = new TokenReader(tokens)
  const first = reader.peek()
  let name = ''
  if (first?.kind === 'word') {
    name = first.value
    reader.next()
  }
  const colon = reader.peek()
  if (colon?.kind !== 'punct' || colon.value !== ':') {
    throw reader.error(`Expected \`:\` after the field name${name ? ` \`${name}\`` : ''}`, colon)
  }
  reader.next()
  const type = readType(reader, compact)
  let optional = false
  const mark = reader.peek()
  if (mark?.kind === 'punct' && mark.value === '?') {
    optional = true
    reader.next()
  }
  const rest = reader.peek()
  if (rest) throw reader.error(`Unexpected ${describe(rest)} after the field type`, rest)
  return {name, optional, type}
}

/**
 * Read an enum value item: exactly one quoted string.
 *
 * @returns the string, or `null` after reporting an error on `file`.
 */
export function parseEnumValueLine(nodes: readonly PhrasingContent[], file: VFile): string | null {
  try {
    const reader = new TokenReader(tokenize(nodes))
    const token = reader.next()
    if (token?.kind !== 'string') throw reader.error('Expected an enum value as a quoted string', token)
    const rest = reader.peek()
    if (rest) throw reader.error(`Unexpected ${describe(rest)} after the enum value`, rest)
    return token.value
  } catch (error) {
    if (!(error instanceof FieldLineError)) throw error
    reportError(file, error.message, {line: error.line, column: error.column}, 'enum-value')
    return null
  }
}

function readType(reader: TokenReader, compact: boolean, depth = 0): TypeExpression {
  const token = reader.next()
  if (!token) throw reader.error('Expected a type', token)
  if (depth >= TYPE_LIMITS.maxDepth && token.kind === 'punct' && (token.value === '[' || token.value === '{'))
    throw new FieldLineError(
      `Type nests more than ${TYPE_LIMITS.maxDepth} deep (arrays and maps)`,
      token.line,
      token.column,
      'too-deep',
    )
  switch (token.kind) {
    case 'link':
      return {kind: 'reference', name: token.name, href: token.href}
    case 'string':
      return {kind: 'literal', value: token.value}
    case 'word':
      if (compact && !isPrimitive(token.value))
        return {kind: 'reference', name: token.value, href: `./TYPES.md#${token.value.toLowerCase()}`}
      if (!isPrimitive(token.value)) {
        throw reader.error(
          `Unknown primitive type \`${token.value}\` (expected a link to a type or one of ${PRIMITIVES.join(', ')})`,
          token,
        )
      }
      return {kind: 'primitive', name: token.value}
    case 'punct':
      if (token.value === '[') {
        const element = readType(reader, compact, depth + 1)
        reader.expect(']', `Expected \`]\` to close the array opened at ${token.line}:${token.column}`)
        return {kind: 'array', element}
      }
      if (token.value === '{') {
        const key = reader.next()
        if (key?.kind !== 'word' || key.value !== 'string') {
          throw reader.error('Expected `string` as the key type of a map', key)
        }
        reader.expect(':', 'Expected `:` between the key and value types of a map')
        const value = readType(reader, compact, depth + 1)
        reader.expect('}', `Expected \`}\` to close the map opened at ${token.line}:${token.column}`)
        return {kind: 'map', key: 'string', value}
      }
      throw reader.error(`Expected a type, found ${describe(token)}`, token)
  }
}

function isPrimitive(word: string): word is PrimitiveName {
  return (PRIMITIVES as readonly string[]).includes(word)
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'link':
      return `link \`${token.name}\``
    case 'string':
      return `string "${token.value}"`
    default:
      return `\`${token.value}\``
  }
}

class TokenReader {
  private index = 0
  /** Where the line ends: errors about a missing token point here. */
  private readonly end: {line: number; column: number}

  constructor(private readonly tokens: Token[]) {
    const last = tokens.at(-1)
    this.end = last ? {line: last.line, column: last.column + tokenWidth(last)} : {line: 1, column: 1}
  }

  peek(): Token | undefined {
    return this.tokens[this.index]
  }

  next(): Token | undefined {
    const token = this.tokens[this.index]
    if (token) this.index++
    return token
  }

  expect(value: ']' | '}' | ':', message: string): void {
    const token = this.next()
    if (token?.kind !== 'punct' || token.value !== value) throw this.error(message, token)
  }

  error(message: string, at: Token | undefined): FieldLineError {
    const place = at ?? this.end
    return new FieldLineError(at ? message : `${message}, found the end of the line`, place.line, place.column)
  }
}

function tokenWidth(token: Token): number {
  switch (token.kind) {
    case 'link':
      return token.name.length + token.href.length + 4
    case 'string':
      return token.value.length + 2
    default:
      return token.value.length
  }
}

/** Split text nodes into tokens; a link node is one token. */
function tokenize(nodes: readonly PhrasingContent[]): Token[] {
  const tokens: Token[] = []
  for (const node of nodes) {
    const start = node.position?.start ?? {line: 1, column: 1}
    if (node.type === 'link') {
      tokens.push({kind: 'link', name: toString(node), href: node.url, line: start.line, column: start.column})
      continue
    }
    if (node.type !== 'text') {
      throw new FieldLineError(`Unexpected ${node.type} in a field line`, start.line, start.column)
    }
    tokenizeText(node.value, start, tokens)
  }
  return tokens
}

function tokenizeText(text: string, start: {line: number; column: number}, tokens: Token[]): void {
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    const column = start.column + index
    if (char === ' ' || char === '\t') {
      index++
    } else if (char === '[' || char === ']' || char === '{' || char === '}' || char === ':' || char === '?') {
      tokens.push({kind: 'punct', value: char, line: start.line, column})
      index++
    } else if (char === '"') {
      const close = text.indexOf('"', index + 1)
      if (close === -1) throw new FieldLineError('Unclosed string: expected a closing `"`', start.line, column)
      tokens.push({kind: 'string', value: text.slice(index + 1, close), line: start.line, column})
      index = close + 1
    } else if (/[\w]/.test(char)) {
      let end = index
      while (end < text.length && /\w/.test(text[end]!)) end++
      tokens.push({kind: 'word', value: text.slice(index, end), line: start.line, column})
      index = end
    } else {
      throw new FieldLineError(`Unexpected character \`${char}\` in a field line`, start.line, column)
    }
  }
}
