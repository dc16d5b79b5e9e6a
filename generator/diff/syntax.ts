/**
 * Whether two versions of a `**Syntax**:` section give the same command string
 * for the same parameters, for the `command-syntax-changed` and
 * `type-syntax-changed` rules.
 */
import type {ExpressionScope} from '../parse/command-expression.js'
import type {CommandTemplate, TemplateExpression, TemplateTest} from '../schema/command-template.js'
import type {SyntaxBlock} from '../schema/types.js'

/** What a syntax section computes, in the most precise form the docs allow. */
export interface CommandString {
  /**
   * `template`: the ```javascript block compiled (compared as a tree, so spacing,
   * parentheses and quote style do not count); `javascript`: a block the compiler
   * rejects (older docs call `.toString()`), compared as text; `grammar`: only the
   * plain grammar block (`/user`), compared as text.
   */
  form: 'template' | 'javascript' | 'grammar'
  /** The block's code, whitespace runs made one space (and no `// JavaScript`): for people. */
  shown: string
  /** `template` only. */
  template?: CommandTemplate
  /** `template` only: the names the block may read (a command's parameters). */
  names?: ReadonlySet<string>
}

/**
 * Read what a syntax section computes: its ```javascript block as the pipeline compiled it
 * (`compileSyntaxTemplates`) when it compiled, else that block's text, else the plain grammar's text.
 *
 * @param definition a command or type: its `**Syntax**:` blocks and its compiled `template`, if any.
 * @param scope the names the block may read (`commandScope`, `typeScope`).
 * @returns the command string's form, or `null` when the section has no block.
 */
export function commandStringOf(
  definition: {syntax: readonly SyntaxBlock[]; template?: CommandTemplate},
  scope: ExpressionScope,
): CommandString | null {
  const javascript = definition.syntax.find((block) => block.lang === 'javascript')
  if (javascript) {
    const shown = normalise(javascript.code.replace(/\/\/ JavaScript\s*$/, ''))
    // Not compiled (the compiler rejects it: older docs call `.toString()`): its text is compared.
    if (!definition.template) return {form: 'javascript', shown}
    const names = new Set(scope.names.map(({name}) => name))
    return {form: 'template', shown, template: definition.template, names}
  }
  const grammar = definition.syntax.find((block) => block.lang === null)
  return grammar ? {form: 'grammar', shown: normalise(grammar.code)} : null
}

/**
 * True when both versions give the same string for the same parameters: those
 * both versions have (a parameter only one has is reported on its own).
 *
 * Two templates are compared as trees, twice; they are the same when either matches:
 *
 * - with the parameters only one version has taken as absent: a conditional that
 *   tests one is replaced by the branch an absent value picks, so a new optional
 *   flag (`(pqRatchet ? ' pq_ratchet=on' : '')`) leaves the old calls' string alone;
 * - with renames: the n-th name the old expression reads (see `namesRead`) may
 *   stand for the n-th the new one reads when the old name is gone from the new
 *   version and the new name is new, so `connectionLink` → `connectTarget`
 *   (reported as a parameter removed + added) is not a new string, while two
 *   kept parameters that swap places are.
 *
 * @param before the older form, or `null` for no syntax block.
 * @param after the newer form, or `null`.
 */
export function sameCommandString(before: CommandString | null, after: CommandString | null): boolean {
  if (!before || !after) return before === after
  if (before.form !== after.form) return false
  if (before.form !== 'template') return before.shown === after.shown
  const [old, current] = [before.template!, after.template!]
  if (old.subject !== current.subject) return false
  const oldNames = before.names!
  const currentNames = after.names!
  const onlyOld = new Set([...oldNames].filter((name) => !currentNames.has(name)))
  const onlyCurrent = new Set([...currentNames].filter((name) => !oldNames.has(name)))
  const common = (expression: TemplateExpression, absent: ReadonlySet<string>) =>
    canonical(withAbsent(expression, absent), new Map())
  if (common(old.expression, onlyOld) === common(current.expression, onlyCurrent)) return true
  return sameWithRenames(old.expression, oldNames, current.expression, currentNames)
}

/** See `sameCommandString`. */
function sameWithRenames(
  old: TemplateExpression,
  oldNames: ReadonlySet<string>,
  current: TemplateExpression,
  currentNames: ReadonlySet<string>,
): boolean {
  const oldRead = namesRead(old)
  const currentRead = namesRead(current)
  if (oldRead.length !== currentRead.length) return false
  const rename = new Map<string, string>()
  for (const [index, name] of oldRead.entries()) {
    const renamed = currentRead[index]!
    if (name !== renamed && (currentNames.has(name) || oldNames.has(renamed))) return false
    rename.set(name, renamed)
  }
  return canonical(old, rename) === canonical(current, new Map())
}

/**
 * The expression for calls that do not pass the `absent` names: each conditional
 * testing one becomes the branch JavaScript picks for `undefined`, then a string
 * concatenation drops its empty literals and merges adjacent ones (only when it
 * starts with a string literal, so `+` is string concatenation all along). A name
 * read unconditionally is kept: it gives `"undefined"`, which is a change.
 */
function withAbsent(expression: TemplateExpression, absent: ReadonlySet<string>): TemplateExpression {
  switch (expression.kind) {
    case 'literal':
    case 'number':
    case 'param':
      return expression
    case 'conditional':
      if (absent.has(expression.test.name)) {
        return withAbsent(whenAbsent(expression.test) ? expression.then : expression.else, absent)
      }
      return {...expression, then: withAbsent(expression.then, absent), else: withAbsent(expression.else, absent)}
    case 'concat':
      return joinStrings(expression.parts.map((part) => withAbsent(part, absent)))
  }
}

/** The value of a test when its name is `undefined`. */
function whenAbsent(test: TemplateTest): boolean {
  switch (test.kind) {
    case 'truthy':
      return false
    case 'falsy':
      return true
    case 'equals':
      // `undefined` equals no string or number, loosely or strictly.
      return test.operator === '!=' || test.operator === '!=='
    case 'typeof':
      return (test.value === 'undefined') !== test.negate
  }
}

/** A concatenation simplified as `withAbsent` says; one part left is the part itself. */
function joinStrings(parts: TemplateExpression[]): TemplateExpression {
  if (parts[0]?.kind !== 'literal') return {kind: 'concat', parts}
  const joined: TemplateExpression[] = []
  for (const part of parts) {
    // A nested concatenation that starts with a string is string concatenation too: flatten it.
    const pieces = part.kind === 'concat' && part.parts[0]?.kind === 'literal' ? part.parts : [part]
    for (const piece of pieces) {
      const last = joined.at(-1)
      if (piece.kind === 'literal' && last?.kind === 'literal')
        joined[joined.length - 1] = literal(last.value + piece.value)
      // The first literal stays, even empty: it is what makes every `+` a string concatenation.
      else if (!(piece.kind === 'literal' && piece.value === '' && joined.length > 0)) joined.push(piece)
    }
  }
  return joined.length === 1 ? joined[0]! : {kind: 'concat', parts: joined}
}

const literal = (value: string): TemplateExpression => ({kind: 'literal', value})

function normalise(code: string): string {
  return code.replace(/\s+/g, ' ').trim()
}

/** The names a template reads (parameters and tests), each once, in the fixed order `canonical` visits them. */
function namesRead(expression: TemplateExpression): string[] {
  const names = new Set<string>()
  canonical(expression, new Map(), (name) => names.add(name))
  return [...names]
}

/**
 * A template node as text with sorted keys (so the compiler's key order does not
 * matter), each `name` renamed by `rename`; `visit` sees each name as it is reached
 * (keys sorted, arrays in order: the same order for two templates of the same shape).
 */
function canonical(node: unknown, rename: ReadonlyMap<string, string>, visit?: (name: string) => void): string {
  if (Array.isArray(node)) return `[${node.map((item) => canonical(item, rename, visit)).join(',')}]`
  if (node === null || typeof node !== 'object') return JSON.stringify(node)
  const entries = Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  // Tests and params hold their name in `name`.
  const name = (node as {name?: unknown}).name
  if (typeof name === 'string') visit?.(name)
  const parts = entries.map(([key, value]) => {
    const shown = key === 'name' && typeof value === 'string' ? (rename.get(value) ?? value) : value
    return `${JSON.stringify(key)}:${key === 'name' ? JSON.stringify(shown) : canonical(shown, rename, visit)}`
  })
  return `{${parts.join(',')}}`
}
