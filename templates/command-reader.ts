/**
 * The reader of command strings: the inverse of `commandString`, driven by the
 * compiled `**Syntax**:` templates as data (`command-parse.ts` holds them).
 * Copied verbatim into `generated/src/command-reader.ts`.
 *
 * A template is matched against the text as a small grammar: literals must
 * appear as written, each conditional is two alternatives (its `then` first),
 * and each parameter is read by its kind. A path that fails is undone and the
 * next is tried; templates are fixed and small, so the paths are few and each
 * reads the text once: the time is linear in the length of the text. Nothing
 * recurses on the text itself (JSON is scanned by a loop), so no input throws.
 *
 * Where a parameter ends:
 * - a number: the longest run of `-+.0-9eE` from there that `Number` reads;
 * - a string: one word (up to the next space), or, when the command cannot end
 *   there, the rest of the text (the last parameter of `/_groups 1 my search`);
 * - a JSON parameter: where its value ends: brackets `{}` `[]` balanced outside
 *   JSON strings (escapes skipped), one scan; then `JSON.parse` of exactly that
 *   slice. Only its kind is checked (an array for `[ComposedMessage]`), not its fields (decode it for that);
 * - a list (`1,2,3`): elements separated by the syntax's separator, none for `[]`.
 *
 * What the text does not say is filled in from the tests the syntax made on
 * the way (`p.liveMessage ? ' live=on' : ''`): a boolean tested true is `true`;
 * a parameter tested falsy is absent when optional, else its type's empty value
 * (`false`, `0`, `''`); one compared equal is that value; a required one the
 * syntax never writes is its empty value, an optional one absent.
 */

/** How one parameter is read from the text. */
export type ValueReader =
  | {kind: 'integer'}
  | {kind: 'number'}
  | {kind: 'string'}
  | {kind: 'boolean'}
  | {kind: 'json'; shape?: JsonShape}
  | {kind: 'values'; values: readonly string[]}
  | {kind: 'list'; separator: string; element: 'integer' | 'number' | 'string'}
  | {kind: 'syntax'; type: string}
  | {kind: 'unreadable'; why: string}

/** What kind of JSON value a JSON parameter's type is (its fields are not checked: decode it for that). */
export type JsonShape = 'array' | 'object' | 'string' | 'number' | 'boolean'

/** The condition of a conditional, as the docs' JavaScript tests it. */
export type SyntaxTest =
  | {kind: 'truthy' | 'falsy'; name: string}
  | {kind: 'equals'; name: string; operator: '==' | '===' | '!=' | '!=='; value: string | number}
  | {kind: 'typeof'; name: string; value: string; negate: boolean}

/** One node of a compiled template, as data. */
export type SyntaxNode =
  | {kind: 'text'; text: string}
  | {kind: 'all'; parts: readonly SyntaxNode[]}
  | {kind: 'if'; test: SyntaxTest; then: SyntaxNode; else: SyntaxNode}
  | {kind: 'param'; name: string; read: ValueReader}

/** A parameter (or field) of what a template builds: its name, and what it is when the text leaves it out. */
export interface SyntaxField {
  name: string
  optional: boolean
  /** The empty value of its type (`false`, `0`, `''`), or `null` for types without one. */
  empty: boolean | number | string | null
  /** An enum's values: what a name only tested (`self == 'direct' ? '@' : ...`) may be. */
  values?: readonly string[]
}

/** A command: its name and parameters, and its template. */
export interface CommandSyntax {
  name: string
  fields: readonly SyntaxField[]
  syntax: SyntaxNode
}

/** A TYPES.md type with a syntax, by name: a record's fields, a union's members, or an enum's values (`self`). */
export type TypeSyntax = {name: string; syntax: SyntaxNode} & (
  | {subject: 'fields'; fields: readonly SyntaxField[]}
  | {subject: 'union'; members: readonly {tag: string; fields: readonly SyntaxField[]}[]}
  | {subject: 'self'; values: readonly string[]}
)

/** Every command and syntax type of the docs, in document order (a list, so no name meets `Object.prototype`). */
export interface CommandGrammar {
  commands: readonly CommandSyntax[]
  types: readonly TypeSyntax[]
}

/** Why a text is not a command: what was expected at `offset` (0-based, in UTF-16 code units). */
export interface CommandParseError {
  /** One line: what was expected there (`expected " json " at offset 9`). The text itself is never quoted. */
  message: string
  offset: number
}

/** A text that is not a command of the docs. */
export interface CommandParseFailure {
  ok: false
  error: CommandParseError
}

/** A text read as a command: its name and parameters. */
export interface CommandReading {
  ok: true
  name: string
  params: Record<string, unknown>
}

/** At most this many expectations are listed in an error message. */
const LISTED_EXPECTATIONS = 6

/**
 * Read `text` as one of the commands of `grammar`, trying them in document order.
 *
 * @param grammar the compiled syntax of every command (`command-parse.ts`).
 * @param text a command string, of any length and content.
 * @returns the first command that reads the whole text, or the error at the furthest place any reached.
 */
export function readCommand(grammar: CommandGrammar, text: unknown): CommandReading | CommandParseFailure {
  if (typeof text !== 'string') return {ok: false, error: {message: 'expected a command string', offset: 0}}
  const reader = new Reader(grammar, text)
  for (const command of grammar.commands) {
    const frame = new Frame(command.fields)
    let params: Record<string, unknown> | null = null
    const read = reader.match(command.syntax, 0, frame, (end) => {
      if (end !== text.length) return reader.expect(end, 'the end of the command')
      params = frame.resolve()
      return params !== null || reader.expect(end, `the parameters of ${command.name}`)
    })
    if (read && params) return {ok: true, name: command.name, params}
  }
  return {ok: false, error: reader.error()}
}

/** What a path has learnt about the names of one template: values read, and tests passed. */
class Frame {
  private readonly assigned: [string, unknown][] = []
  private readonly facts: {test: SyntaxTest; holds: boolean}[] = []

  private readonly fields: readonly SyntaxField[]
  private readonly members: readonly {tag: string; fields: readonly SyntaxField[]}[] | null

  /** `fields` of a record or command (`self` for an enum), or a union's `members`. */
  constructor(
    fields: readonly SyntaxField[],
    members: readonly {tag: string; fields: readonly SyntaxField[]}[] | null = null,
  ) {
    this.fields = fields
    this.members = members
  }

  /** How far the path got, to undo to (`undo`). */
  mark(): [number, number] {
    return [this.assigned.length, this.facts.length]
  }

  undo([assigned, facts]: [number, number]): void {
    this.assigned.length = assigned
    this.facts.length = facts
  }

  has(name: string): boolean {
    return this.assigned.some(([each]) => each === name)
  }

  value(name: string): unknown {
    return this.assigned.find(([each]) => each === name)?.[1]
  }

  /** Record a test on a name not read yet: it must hold (or not) of the value read later. */
  assume(test: SyntaxTest, holds: boolean): void {
    this.facts.push({test, holds})
  }

  /** Set a name read from the text; false when it contradicts a test made before. */
  assign(name: string, value: unknown): boolean {
    if (this.has(name)) return this.value(name) === value
    if (this.facts.some((fact) => fact.test.name === name && evaluate(fact.test, value) !== fact.holds))
      return false
    this.assigned.push([name, value])
    return true
  }

  /** The object (or, for `self`, the value) this path read, with what the tests imply; `null` when they do not say. */
  resolve(): Record<string, unknown> | null {
    let fields = this.fields
    const entries: [string, unknown][] = []
    if (this.members) {
      const tag = this.has('type') ? this.value('type') : this.implied('type', null)?.type
      const member =
        tag === undefined
          ? this.members.find((each) =>
              this.assigned.every(([name]) => each.fields.some((field) => field.name === name)),
            )
          : this.members.find((each) => each.tag === tag)
      if (!member) return null
      fields = member.fields
      entries.push(['type', member.tag])
    }
    for (const [name] of this.assigned) {
      if (name !== 'type' && !fields.some((field) => field.name === name)) return null
    }
    for (const field of fields) {
      if (this.has(field.name)) {
        entries.push([field.name, this.value(field.name)])
        continue
      }
      const implied = this.implied(field.name, field)
      if (implied === null) return null
      if (field.name in implied) entries.push([field.name, implied[field.name]])
    }
    // fromEntries defines own properties: a parameter named `__proto__` stays data.
    return Object.fromEntries(entries)
  }

  /**
   * What the tests say of a name never read: `{}` for absent, `{[name]: value}`, or `null` when no value passes
   * them all. The first that does of: a value it was compared with, `true` (a boolean tested truthy), one of an
   * enum's values (`kind == 'small' ? 's' : 'l'` reads `l` as `large`), absence (an optional), its type's empty
   * value (`false` after `typeof x == 'boolean'` and `!x`).
   */
  private implied(name: string, field: SyntaxField | null): Record<string, unknown> | null {
    const facts = this.facts.filter((fact) => fact.test.name === name)
    const candidates: Record<string, unknown>[] = []
    for (const {test} of facts)
      if (test.kind === 'equals') candidates.push(Object.fromEntries([[name, test.value]]))
    const truthy = facts.some(({test, holds}) => test.kind === (holds ? 'truthy' : 'falsy'))
    if (truthy && field?.empty === false) candidates.push(Object.fromEntries([[name, true]]))
    if (facts.length > 0)
      for (const value of field?.values ?? []) candidates.push(Object.fromEntries([[name, value]]))
    if (field?.optional || field?.empty === null) candidates.push({})
    if (field && field.empty !== null) candidates.push(Object.fromEntries([[name, field.empty]]))
    return (
      candidates.find((candidate) => {
        const value = Object.hasOwn(candidate, name) ? candidate[name] : undefined
        return facts.every((fact) => evaluate(fact.test, value) === fact.holds)
      }) ?? null
    )
  }
}

/** A test as the docs' JavaScript computes it. */
function evaluate(test: SyntaxTest, value: unknown): boolean {
  switch (test.kind) {
    case 'truthy':
      return Boolean(value)
    case 'falsy':
      return !value
    case 'equals': {
      // Loose equality as the docs write it: `1 == '1'`.
      const equal =
        test.operator === '==' || test.operator === '!=' ? value == test.value : value === test.value
      return test.operator === '==' || test.operator === '===' ? equal : !equal
    }
    case 'typeof':
      return (typeof value === test.value) !== test.negate
  }
}

/** A continuation: what must read the text from `offset` on. */
type Next = (offset: number) => boolean

class Reader {
  private furthest = -1
  private readonly expected = new Set<string>()

  private readonly grammar: CommandGrammar
  private readonly text: string

  constructor(grammar: CommandGrammar, text: string) {
    this.grammar = grammar
    this.text = text
  }

  /** Note that `what` was expected at `offset` (kept when it is the furthest place yet); false, for `return`. */
  expect(offset: number, what: string): false {
    if (offset > this.furthest) {
      this.furthest = offset
      this.expected.clear()
    }
    if (offset === this.furthest) this.expected.add(what)
    return false
  }

  error(): CommandParseError {
    // A grammar without commands (docs without COMMANDS.md) expects nothing anywhere.
    if (this.expected.size === 0) return {message: 'expected a command (the docs list none)', offset: 0}
    const listed = [...this.expected].slice(0, LISTED_EXPECTATIONS)
    const more = this.expected.size - listed.length
    const what =
      listed.length === 1
        ? listed[0]
        : `${listed.slice(0, -1).join(', ')}${more > 0 ? ', ' : ' or '}${listed.at(-1)}${more > 0 ? ` or ${more} more` : ''}`
    return {message: `expected ${what} at offset ${this.furthest}`, offset: this.furthest}
  }

  /** Match `node` at `offset`, then `next`; on failure everything `frame` learnt on the way is undone. */
  match(node: SyntaxNode, offset: number, frame: Frame, next: Next): boolean {
    switch (node.kind) {
      case 'text':
        if (this.text.startsWith(node.text, offset)) return next(offset + node.text.length)
        return this.expect(offset, JSON.stringify(node.text))
      case 'all':
        return this.sequence(node.parts, 0, offset, frame, next)
      case 'if':
        return this.branch(node, true, offset, frame, next) || this.branch(node, false, offset, frame, next)
      case 'param':
        return this.param(node.name, node.read, offset, frame, next)
    }
  }

  private sequence(
    parts: readonly SyntaxNode[],
    index: number,
    offset: number,
    frame: Frame,
    next: Next,
  ): boolean {
    const part = parts[index]
    if (part === undefined) return next(offset)
    return this.match(part, offset, frame, (end) => this.sequence(parts, index + 1, end, frame, next))
  }

  private branch(
    node: Extract<SyntaxNode, {kind: 'if'}>,
    holds: boolean,
    offset: number,
    frame: Frame,
    next: Next,
  ): boolean {
    const mark = frame.mark()
    if (frame.has(node.test.name)) {
      if (evaluate(node.test, frame.value(node.test.name)) !== holds) return false
    } else frame.assume(node.test, holds)
    if (this.match(holds ? node.then : node.else, offset, frame, next)) return true
    frame.undo(mark)
    return false
  }

  /** Read one parameter, trying each place it may end (few: a word or the rest; a value of an enum). */
  private param(name: string, read: ValueReader, offset: number, frame: Frame, next: Next): boolean {
    const assign = (value: unknown, end: number): boolean => {
      const mark = frame.mark()
      if (frame.assign(name, value) && next(end)) return true
      frame.undo(mark)
      return false
    }
    const text = this.text
    switch (read.kind) {
      case 'integer':
      case 'number': {
        const end = numberEnd(text, offset)
        const value = this.number(offset, end, read.kind)
        return value !== null && assign(value, end)
      }
      case 'string': {
        const space = text.indexOf(' ', offset)
        const word = space < 0 ? text.length : space
        if (assign(text.slice(offset, word), word)) return true
        return word < text.length && assign(text.slice(offset), text.length)
      }
      case 'boolean':
        for (const value of [true, false]) {
          if (text.startsWith(String(value), offset) && assign(value, offset + String(value).length))
            return true
        }
        return this.expect(offset, '`true` or `false`')
      case 'values': {
        // Longest first: `internalMark` before `internal`.
        const values = read.values.filter((value) => text.startsWith(value, offset))
        for (const value of values.sort((a, b) => b.length - a.length)) {
          if (assign(value, offset + value.length)) return true
        }
        if (values.length === 0) for (const value of read.values) this.expect(offset, JSON.stringify(value))
        return false
      }
      case 'json': {
        const end = jsonEnd(text, offset)
        if (end < 0) return this.expect(offset, 'a JSON value')
        const value = parseJson(text.slice(offset, end))
        if (value === undefined) return this.expect(offset, 'a JSON value')
        if (read.shape && shapeOf(value.json) !== read.shape)
          return this.expect(offset, `a JSON ${read.shape}`)
        return assign(value.json, end)
      }
      case 'list':
        return this.list(read, offset, assign)
      case 'syntax': {
        const type = this.grammar.types.find((each) => each.name === read.type)
        if (!type) return this.expect(offset, `a ${read.type}`)
        const inner =
          type.subject === 'fields'
            ? new Frame(type.fields)
            : type.subject === 'union'
              ? new Frame([], type.members)
              : new Frame([{name: 'self', optional: false, empty: null, values: type.values}])
        return this.match(type.syntax, offset, inner, (end) => {
          const value = inner.resolve()
          // An enum the text leaves undecided (ChatType's `''` for a value its syntax does not write) is no value.
          if (value === null || (type.subject === 'self' && !Object.hasOwn(value, 'self')))
            return this.expect(offset, `a ${read.type} its syntax can write`)
          return assign(type.subject === 'self' ? value.self : value, end)
        })
      }
      case 'unreadable':
        return this.expect(offset, `\`${name}\` (${read.why})`)
    }
  }

  /** `1,2,3`: elements and separators, greedily; a separator not followed by an element is left to what follows. */
  private list(
    read: Extract<ValueReader, {kind: 'list'}>,
    offset: number,
    assign: (value: unknown, end: number) => boolean,
  ): boolean {
    const text = this.text
    // String elements end at a separator or a space; the space is found once, so the scan stays linear.
    const space = text.indexOf(' ', offset)
    const stop = space < 0 ? text.length : space
    const values: unknown[] = []
    let end = offset
    for (let at = offset; ; at = end + read.separator.length) {
      let elementEnd: number
      let value: unknown
      if (read.element === 'string') {
        const separator = read.separator === '' ? -1 : text.indexOf(read.separator, at)
        elementEnd = separator >= 0 && separator < stop ? separator : stop
        value = text.slice(at, elementEnd)
      } else {
        elementEnd = numberEnd(text, at)
        value = elementEnd > at ? this.number(at, elementEnd, read.element) : null
        if (value === null) break
      }
      values.push(value)
      end = elementEnd
      if (read.separator === '' || !text.startsWith(read.separator, end)) break
    }
    return assign(values, end)
  }

  private number(offset: number, end: number, kind: 'integer' | 'number'): number | null {
    const value = end > offset ? Number(this.text.slice(offset, end)) : Number.NaN
    if (!Number.isFinite(value) || (kind === 'integer' && !Number.isInteger(value))) {
      this.expect(offset, kind === 'integer' ? 'an integer' : 'a number')
      return null
    }
    return value
  }
}

/** Where the number characters from `offset` end. */
function numberEnd(text: string, offset: number): number {
  let end = offset
  while (end < text.length && '-+.0123456789eE'.includes(text[end]!)) end++
  return end
}

/**
 * Where the JSON value at `offset` ends, or -1: brackets balanced outside strings, one loop, no recursion
 * (a million `[` is a long scan, not a deep stack). A scalar ends at the next space.
 */
function jsonEnd(text: string, offset: number): number {
  const first = text[offset]
  if (first === undefined) return -1
  if (first === '"') return stringEnd(text, offset)
  if (first !== '{' && first !== '[') {
    const space = text.indexOf(' ', offset)
    return space < 0 ? text.length : space
  }
  let depth = 0
  for (let at = offset; at < text.length; at++) {
    const char = text[at]
    if (char === '"') {
      at = stringEnd(text, at) - 1
      if (at < 0) return -1
    } else if (char === '{' || char === '[') depth++
    else if (char === '}' || char === ']') {
      depth--
      if (depth === 0) return at + 1
    }
  }
  return -1
}

/** The offset after the JSON string starting at `offset`, or -1 when it is not closed. */
function stringEnd(text: string, offset: number): number {
  for (let at = offset + 1; at < text.length; at++) {
    const char = text[at]
    if (char === '\\') at++
    else if (char === '"') return at + 1
  }
  return -1
}

function shapeOf(value: unknown): JsonShape | null {
  if (Array.isArray(value)) return 'array'
  if (value === null) return null
  const type = typeof value
  return type === 'object' || type === 'string' || type === 'number' || type === 'boolean' ? type : null
}

/** `JSON.parse`, as a result: `undefined` for text that is not JSON (or nests too deep for the engine). */
function parseJson(text: string): {json: unknown} | undefined {
  try {
    return {json: JSON.parse(text)}
  } catch {
    return undefined
  }
}
