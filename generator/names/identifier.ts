/**
 * The one identifier rule: which doc names may become TypeScript identifiers.
 *
 * The docs come from a URL, so a name is untrusted text. A name is accepted only
 * when it is plain ASCII (`[A-Za-z_][A-Za-z0-9_]*`), not too long, and not a word
 * JavaScript or TypeScript reserves; nothing is quoted, escaped or repaired.
 */

/** Longest name accepted: upstream's longest is under 40 characters. */
export const MAX_IDENTIFIER_LENGTH = 100

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Words that cannot name a declaration in the generated code: JavaScript's reserved words
 * (strict mode, modules), TypeScript's predefined type names (a type alias cannot be
 * called `string`), and names with a special meaning on every object. Globals the
 * generated code uses (`Array`) are claimed in the scopes that use them (`claims.ts`).
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // ECMAScript reserved words, strict-mode and future reserved words
  ...['await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do'],
  ...['else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in'],
  ...['instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof'],
  ...['var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package'],
  ...['private', 'protected', 'public', 'arguments', 'eval'],
  // TypeScript: predefined types and keywords a declaration name cannot be
  ...['any', 'unknown', 'never', 'object', 'string', 'number', 'boolean', 'bigint', 'symbol', 'undefined'],
  ...['as', 'asserts', 'infer', 'is', 'keyof', 'readonly', 'satisfies', 'type', 'unique', 'declare'],
  ...['namespace', 'module', 'abstract', 'global', 'require', 'exports'],
  // Values every scope has, and keys with a meaning on every object
  ...['NaN', 'Infinity', 'globalThis', 'constructor', 'prototype', '__proto__'],
])

/**
 * Why `name` cannot be an identifier of the generated code, or `null` when it can.
 *
 * @param name a name as the docs write it.
 * @returns a short reason (for a located diagnostic), or `null`.
 */
export function identifierProblem(name: string): string | null {
  if (name === '') return 'it is empty'
  if (name.length > MAX_IDENTIFIER_LENGTH) return `it is longer than ${MAX_IDENTIFIER_LENGTH} characters`
  if (!IDENTIFIER.test(name)) return 'only ASCII letters, digits and `_` are allowed, not starting with a digit'
  if (RESERVED_WORDS.has(name)) return 'it is a reserved word'
  return null
}

/** True when `name` passes the identifier rule. */
export function isIdentifier(name: string): boolean {
  return identifierProblem(name) === null
}

/** A name that reached the emitter without passing the checks: a bug of the generator, never of the docs. */
export class InvalidIdentifierError extends Error {}

/**
 * `name`, when it passes the identifier rule. Emitters call this on every doc name they
 * write as an identifier: the schema checks reject bad names first (with a location),
 * so this only ever throws on a bug.
 *
 * @throws InvalidIdentifierError when `name` is not an identifier.
 */
export function identifier(name: string): string {
  const problem = identifierProblem(name)
  if (problem) throw new InvalidIdentifierError(`internal: ${JSON.stringify(name)} is not an identifier (${problem})`)
  return name
}
