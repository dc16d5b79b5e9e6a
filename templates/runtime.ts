/**
 * Runtime of the generated decoders: result and issue types, path formatting,
 * and the small helpers the generated straight-line code calls.
 *
 * This file is copied verbatim into `generated/src/runtime.ts`.
 */

import {WORD32_MAX} from './primitives.js'

/** How strictly a decoder compares a value with the docs. */
export type DecodeMode = 'strict' | 'default' | 'lenient'

/** Options of every decoder. */
export interface DecodeOptions {
  /**
   * - `strict`: any deviation fails, fields the docs do not list included.
   * - `default`: fields the docs do not list are allowed and left in place;
   *   everything the docs describe must match.
   * - `lenient`: for version skew; keeps the value and reports every missing
   *   field, unknown union tag or enum value and wrong primitive in `issues`.
   *   Fails only when the value is not an object or, for events, its tag is unknown.
   *
   * Default: `default`.
   */
  mode?: DecodeMode
  /** In `strict` and `default` mode, collect every issue instead of stopping at the first. Default: `false`. */
  allErrors?: boolean
}

/** What kind of problem an issue is. */
export type DecodeIssueCode =
  /** A required field is absent. */
  | 'missing'
  /** A value of the wrong JSON type, or a number out of range, or a malformed timestamp. */
  | 'type'
  /** A discriminated union's `type` tag the docs do not list. */
  | 'unknown-tag'
  /** An enum value the docs do not list. */
  | 'unknown-enum'
  /** A field the docs do not list (strict mode only). */
  | 'extra'
  /** An event whose `type` tag is not a known event. */
  | 'unknown-event'
  /** Text that is not JSON, or a frame without `resp`. */
  | 'syntax'
  /** A value nested deeper than the decoder's stack allows (recursive types such as `ChatBotCommand`). */
  | 'depth'

/** One thing that is wrong in a decoded value. */
export interface DecodeIssue {
  code: DecodeIssueCode
  /** JSON path of the offending value: `$.chatItems[0].chatItem.meta.itemTs`. */
  path: string
  /** What the docs say should be there: `UTCTime string`, `int64`, `User object`. */
  expected: string
  /** A short rendering of what was found: `17`, `"1"`, `an object`, `missing`. */
  found: string
  /** `path: expected ..., got ...`, ready to log. */
  message: string
}

/** A value that decoded; `issues` is empty except in `lenient` mode. */
export interface DecodeSuccess<T> {
  ok: true
  value: T
  issues: readonly DecodeIssue[]
}

/** A value that did not decode: `error` is the first issue, `issues` all that were collected. */
export interface DecodeFailure {
  ok: false
  error: DecodeIssue
  issues: readonly DecodeIssue[]
}

export type DecodeResult<T> = DecodeSuccess<T> | DecodeFailure

/** Thrown by the `assert*` decoders. */
export class DecodeError extends Error {
  override name = 'DecodeError'
  /** Every issue found (at least one). */
  readonly issues: readonly DecodeIssue[]

  constructor(issues: readonly DecodeIssue[]) {
    super(issues.map((issue) => issue.message).join('\n'))
    this.issues = issues
  }
}

/** A segment of a JSON path: an object key or an array index. */
export type PathSegment = string | number

/** An issue while decoding: its path is kept reversed, so callers can prepend their key cheaply. */
export interface PendingIssue {
  code: DecodeIssueCode
  reversedPath: PathSegment[]
  expected: string
  value: unknown
}

/** State of one decoder call, passed to every generated check function. */
export interface DecodeContext {
  issues: PendingIssue[]
  /** Collect every issue (lenient mode, or `allErrors`) instead of stopping at the first. */
  all: boolean
  /** Reject fields the docs do not list. */
  strict: boolean
  lenient: boolean
}

/** Create the state for one decoder call. */
export function createContext(options: DecodeOptions | undefined): DecodeContext {
  const mode = options?.mode ?? 'default'
  return {
    issues: [],
    all: mode === 'lenient' || options?.allErrors === true,
    strict: mode === 'strict',
    lenient: mode === 'lenient',
  }
}

/**
 * Record an issue for `value`, found at `key` below the value being checked
 * (or at the value itself when `key` is `undefined`).
 *
 * @returns whether checking goes on (`context.all`).
 */
export function issue(
  context: DecodeContext,
  key: PathSegment | undefined,
  value: unknown,
  expected: string,
  code: DecodeIssueCode = value === undefined ? 'missing' : 'type',
): boolean {
  context.issues.push({code, reversedPath: key === undefined ? [] : [key], expected, value})
  return context.all
}

/** Record an issue for the value being checked itself, at `key`; `false`, for `return reject(...)`. */
export function reject(
  context: DecodeContext,
  key: PathSegment | undefined,
  value: unknown,
  expected: string,
  code?: DecodeIssueCode,
): false {
  issue(context, key, value, expected, code)
  return false
}

/**
 * End a check that started when `context.issues` had `mark` entries: prepend
 * `key` (where the checked value sits in its parent) to the paths of the issues
 * recorded since.
 *
 * @returns `true` when no issue was recorded.
 */
export function done(context: DecodeContext, mark: number, key: PathSegment | undefined): boolean {
  const {issues} = context
  if (issues.length === mark) return true
  if (key !== undefined) for (let index = mark; index < issues.length; index++) issues[index]!.reversedPath.push(key)
  return false
}

/** True for a JSON object (not `null`, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True for an integer from 0 to 2^32 - 1. */
export function isWord32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= WORD32_MAX
}

/** True for a JSON number that is an integer. */
export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

/**
 * Strict mode: record a field the docs do not list.
 *
 * @returns whether checking goes on (`context.all`).
 */
export function extraField(context: DecodeContext, key: string, value: unknown): boolean {
  return issue(context, key, value, 'no field the docs do not list', 'extra')
}

/**
 * Record the required fields absent from `value`, in the docs' order: the slow
 * path of a check that counted fewer required fields than the docs list. They
 * go before the object's other issues (from `mark` on), as `stop` puts them.
 *
 * @param required wire name and expectation of each required field.
 */
export function missingFields(
  context: DecodeContext,
  value: Record<string, unknown>,
  required: readonly (readonly [string, string])[],
  mark: number,
): void {
  const found: PendingIssue[] = []
  for (const [key, expected] of required) {
    if (Object.hasOwn(value, key)) continue
    found.push({code: 'missing', reversedPath: [key], expected, value: undefined})
    if (!context.all) break
  }
  context.issues.splice(mark, 0, ...found)
}

/**
 * Stop a check at its first issue. A required field missing from the same
 * object replaces that issue: `$.user: missing` says more than a problem found
 * first (in key order) deeper inside another field.
 *
 * @returns `false`.
 */
export function stop(
  context: DecodeContext,
  mark: number,
  key: PathSegment | undefined,
  value: Record<string, unknown>,
  required: readonly (readonly [string, string])[],
): false {
  for (const [field, expected] of required) {
    if (Object.hasOwn(value, field)) continue
    context.issues.length = mark
    issue(context, field, undefined, expected)
    break
  }
  done(context, mark, key)
  return false
}

/**
 * Run a check function and turn its outcome into a result. In lenient mode the
 * value is kept unless an issue is fatal: the value itself is not what was
 * expected (an issue at `$`), or it is an event with an unknown tag.
 */
export function run<T>(
  check: (value: unknown, context: DecodeContext, key: PathSegment | undefined) => boolean,
  value: unknown,
  options: DecodeOptions | undefined,
): DecodeResult<T> {
  const context = createContext(options)
  checkSafely(check, value, context, undefined)
  return finish(context, value)
}

/**
 * Run a check, turning a stack overflow (a value nested thousands deep through a
 * recursive type; `JSON.parse` accepts far deeper input) into a fatal issue at
 * `$`, so no decoder ever throws.
 *
 * @returns what the check returned, or `false` after an overflow.
 */
export function checkSafely(
  check: (value: unknown, context: DecodeContext, key: PathSegment | undefined) => boolean,
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
): boolean {
  try {
    return check(value, context, key)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    context.issues.length = 0
    context.issues.push({code: 'depth', reversedPath: [], expected: 'a value nested less deeply', value})
    return false
  }
}

/** The result of a finished check (see `run`). */
export function finish<T>(context: DecodeContext, value: unknown): DecodeResult<T> {
  if (context.issues.length === 0) return {ok: true, value: value as T, issues: noIssues}
  const fatal = context.issues.some((pending) => pending.reversedPath.length === 0 || pending.code === 'unknown-event')
  const issues = context.issues.map(toDecodeIssue)
  if (context.lenient && !fatal) return {ok: true, value: value as T, issues}
  return {ok: false, error: issues[0]!, issues}
}

/** A failure with one issue at `key` (the envelope of a frame: never kept, whatever the mode). */
export function failureAt(key: PathSegment | undefined, value: unknown, expected: string): DecodeFailure {
  const error = toDecodeIssue({
    code: value === undefined ? 'missing' : 'type',
    reversedPath: key === undefined ? [] : [key],
    expected,
    value,
  })
  return {ok: false, error, issues: [error]}
}

/** Parse JSON text; a syntax error becomes a failure at `$`. */
export function parseJson(text: string): {ok: true; value: unknown} | DecodeFailure {
  try {
    return {ok: true, value: JSON.parse(text)}
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const problem: DecodeIssue = {
      code: 'syntax',
      path: '$',
      expected: 'JSON text',
      found: reason,
      message: `$: not JSON (${reason})`,
    }
    return {ok: false, error: problem, issues: [problem]}
  }
}

/**
 * True for a timestamp string in the form `UTCTime` takes on the wire: the
 * language of `UTC_TIME_PATTERN`, checked character by character because the
 * decoders run it on every timestamp and this is several times faster than the
 * regular expression (a test holds the two equal).
 */
export function isUtcTime(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const length = value.length
  if (length < 20 || length > 35) return false
  // YYYY-MM-DDTHH:MM:SS
  for (let index = 0; index < 19; index++) {
    const code = value.charCodeAt(index)
    const separator = UTC_TIME_SEPARATORS[index]
    if (separator === 0 ? code < 48 || code > 57 : code !== separator) return false
  }
  let index = 19
  if (value.charCodeAt(index) === 46) {
    const start = ++index
    while (index < length && isDigitCode(value.charCodeAt(index))) index++
    if (index === start || index - start > 9) return false
  }
  if (index === length - 1) return value.charCodeAt(index) === 90
  if (index !== length - 6) return false
  const sign = value.charCodeAt(index)
  return (
    (sign === 43 || sign === 45) &&
    isDigitCode(value.charCodeAt(index + 1)) &&
    isDigitCode(value.charCodeAt(index + 2)) &&
    value.charCodeAt(index + 3) === 58 &&
    isDigitCode(value.charCodeAt(index + 4)) &&
    isDigitCode(value.charCodeAt(index + 5))
  )
}

/** For each of the first 19 characters of a timestamp: the separator's char code, or 0 for a digit. */
const UTC_TIME_SEPARATORS = [0, 0, 0, 0, 45, 0, 0, 45, 0, 0, 84, 0, 0, 58, 0, 0, 58, 0, 0]

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57
}

const noIssues: readonly DecodeIssue[] = /* @__PURE__ */ Object.freeze([])

function toDecodeIssue(pending: PendingIssue): DecodeIssue {
  const path = formatPath(pending.reversedPath.slice().reverse())
  const found = pending.code === 'missing' ? 'missing' : describeValue(pending.value)
  const message =
    pending.code === 'missing'
      ? `${path}: missing (expected ${pending.expected})`
      : pending.code === 'extra'
        ? `${path}: unexpected field (strict mode)`
        : `${path}: expected ${pending.expected}, got ${found}`
  return {code: pending.code, path, expected: pending.expected, found, message}
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** Format path segments as a JSON path: `$.chatItems[0].chatItem`, `$.mentions["a b"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '$'
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`
    else if (IDENTIFIER.test(segment)) path += `.${segment}`
    else path += `[${JSON.stringify(segment)}]`
  }
  return path
}

/** A short rendering of a JSON value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'object':
      return 'an object'
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)
    default:
      return String(value)
  }
}
