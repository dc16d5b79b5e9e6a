/**
 * Runtime of the generated decoders: result and issue types, path formatting,
 * and the small helpers the generated straight-line code calls.
 *
 * This file is copied verbatim into `generated/src/runtime.ts`.
 */

import {UTC_TIME_PATTERN, WORD32_MAX} from './primitives.js'

/** How strictly a decoder compares a value with the docs. */
export type DecodeMode = 'strict' | 'default' | 'lenient'

/**
 * Options of every decoder. `Mode` is the mode's literal type when the caller writes one (`{mode: 'lenient'}`),
 * by which the decoders type their result (`Decoded` in lenient.ts).
 */
export interface DecodeOptions<Mode extends DecodeMode = DecodeMode> {
  /**
   * - `strict`: any deviation fails, fields the docs do not list included.
   * - `default`: fields the docs do not list are allowed and left in place;
   *   everything the docs describe must match.
   * - `lenient`: for version skew; keeps the value and reports every missing
   *   field, unknown union tag or enum value and wrong primitive in `issues`.
   *   Fails only when the value is not an object or, for events and responses, its tag is unknown.
   *
   * Default: `default`.
   */
  mode?: Mode
  /** In `strict` and `default` mode, collect every issue instead of stopping at the first. Default: `false`. */
  allErrors?: boolean
  /**
   * Most issues a result lists (lenient mode and `allErrors`); the ones after
   * are only counted, in `truncated`, so a frame with millions of bad values
   * costs a counter, not millions of messages. A positive integer, or
   * `Infinity` for no cap. Default: `100`.
   */
  maxIssues?: number
}

/** Default of `DecodeOptions.maxIssues`. */
export const DEFAULT_MAX_ISSUES = 100

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
  /** A response whose `type` tag is not a response of the docs (or, for `decodeCommandResponse`, not of that command). */
  | 'unknown-response'
  /** Text that is not JSON, or a frame without `resp`. */
  | 'syntax'
  /** A value nested deeper than the decoder's stack allows (recursive types such as `ChatBotCommand`). */
  | 'depth'
  /**
   * Reading the value threw: a getter, a Proxy trap, a revoked Proxy. JSON data
   * never does this; the exception is caught and reported, never re-thrown.
   */
  | 'unreadable'
  /** The decoder's options are wrong: an unknown `mode`, a non-boolean `allErrors`, a bad `maxIssues`. */
  | 'bad-option'

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
  /** How many issues were found beyond `maxIssues` and not listed (0 when all are listed). */
  truncated: number
}

/** A value that did not decode: `error` is the first issue, `issues` all that were collected. */
export interface DecodeFailure {
  ok: false
  error: DecodeIssue
  issues: readonly DecodeIssue[]
  /** How many issues were found beyond `maxIssues` and not listed (0 when all are listed). */
  truncated: number
}

export type DecodeResult<T> = DecodeSuccess<T> | DecodeFailure

/** Thrown by the `assert*` decoders. */
export class DecodeError extends Error {
  override name = 'DecodeError'
  /** Every issue listed (at least one). */
  readonly issues: readonly DecodeIssue[]
  /** How many more issues were found and not listed (`maxIssues`). */
  readonly truncated: number

  constructor(issues: readonly DecodeIssue[], truncated = 0) {
    const more = truncated > 0 ? [`... and ${truncated} more issues`] : []
    super([...issues.map((issue) => issue.message), ...more].join('\n'))
    this.issues = issues
    this.truncated = truncated
  }
}

/** A segment of a JSON path: an object key or an array index. */
export type PathSegment = string | number

/** An issue while decoding: its path is kept reversed, so callers can prepend their key cheaply. */
export interface PendingIssue {
  code: DecodeIssueCode
  reversedPath: PathSegment[]
  expected: string
  /** The offending value; for `unreadable`, what reading it threw. */
  value: unknown
}

/** State of one decoder call, passed to every generated check function. */
export interface DecodeContext {
  issues: PendingIssue[]
  /** Issues found once `issues` held `max`: counted, never built. */
  truncated: number
  /** `maxIssues`. */
  max: number
  /** Collect every issue (lenient mode, or `allErrors`) instead of stopping at the first. */
  all: boolean
  /** Reject fields the docs do not list. */
  strict: boolean
  lenient: boolean
  /** Reading a value threw: the check stops everywhere (`all` is cleared) and the result is a failure. */
  broken: boolean
  /**
   * The slow path skips a value whose fast check accepts it (shape-checks.ts). Off in strict mode (the fast
   * checks do not look for fields the docs do not list), and once a fast check has thrown (a getter, a Proxy,
   * the stack): each further one would likely throw again, and a value nested deep enough to overflow the
   * stack would be walked again at every level.
   */
  pruning: boolean
}

/** Create the state for one decoder call from options known to be valid (the guards pass none). */
export function createContext(options: DecodeOptions | undefined): DecodeContext {
  return newContext(
    options?.mode ?? 'default',
    options?.allErrors === true,
    options?.maxIssues ?? DEFAULT_MAX_ISSUES,
  )
}

function newContext(mode: DecodeMode, allErrors: boolean, max: number): DecodeContext {
  return {
    issues: [],
    truncated: 0,
    max,
    all: mode === 'lenient' || allErrors,
    strict: mode === 'strict',
    lenient: mode === 'lenient',
    broken: false,
    pruning: mode !== 'strict',
  }
}

/**
 * Read and check a decoder's options, which callers in JavaScript may pass as
 * anything: an unknown `mode` (`"lenent"`), a non-boolean `allErrors` or a bad
 * `maxIssues` is a `bad-option` failure at `$`, never a silent default.
 *
 * @param options the `options` argument of a public decoder.
 * @returns the state for one decoder call, or the failure; never throws.
 */
export function startDecoding(options: unknown): DecodeContext | DecodeFailure {
  if (options === undefined) return newContext('default', false, DEFAULT_MAX_ISSUES)
  if (typeof options !== 'object' || options === null)
    return badOption('options', options, 'an object or undefined')
  let mode: unknown
  let allErrors: unknown
  let maxIssues: unknown
  try {
    ;({mode, allErrors, maxIssues} = options as Record<string, unknown>)
  } catch (error) {
    return badOption('options', undefined, 'readable options', error)
  }
  if (mode !== undefined && mode !== 'strict' && mode !== 'default' && mode !== 'lenient')
    return badOption('mode', mode, '"strict" | "default" | "lenient"')
  if (allErrors !== undefined && typeof allErrors !== 'boolean')
    return badOption('allErrors', allErrors, 'a boolean')
  if (
    maxIssues !== undefined &&
    maxIssues !== Infinity &&
    !(Number.isSafeInteger(maxIssues) && Number(maxIssues) >= 1)
  )
    return badOption('maxIssues', maxIssues, 'a positive integer or Infinity')
  return newContext(
    mode ?? 'default',
    allErrors === true,
    (maxIssues as number | undefined) ?? DEFAULT_MAX_ISSUES,
  )
}

function badOption(name: string, value: unknown, expected: string, thrown?: unknown): DecodeFailure {
  const found = thrown === undefined ? describeValue(value) : describeException(thrown)
  const problem: DecodeIssue = {
    code: 'bad-option',
    path: '$',
    expected: `options.${name}: ${expected}`,
    found,
    message: `$: bad option ${name}: expected ${expected}, got ${found}`,
  }
  return {ok: false, error: problem, issues: [problem], truncated: 0}
}

/**
 * Record an issue for `value`, found at `key` below the value being checked
 * (or at the value itself when `key` is `undefined`). Past `context.max`
 * issues it is only counted.
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
  if (context.issues.length < context.max)
    context.issues.push({code, reversedPath: key === undefined ? [] : [key], expected, value})
  else context.truncated++
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
 * Record that reading a value threw (a getter, a Proxy trap, a revoked Proxy):
 * an `unreadable` issue holding the exception, at `at` below the value being
 * checked or at that value itself. The first one stops the whole check (every
 * check returns at its next step); `finish` tells a stack overflow (`depth`)
 * from the rest. Called from the `catch` of a check, at its end.
 *
 * @param mark `context.issues.length` when the check started.
 * @param key where the checked value sits in its parent.
 * @returns `false`.
 */
export function unreadable(
  context: DecodeContext,
  mark: number,
  key: PathSegment | undefined,
  at: PathSegment | undefined,
  error: unknown,
): false {
  if (!context.broken) {
    // Past the cap too: it decides the result. Pushed before `broken` is set: near the end of the stack the
    // push itself can overflow, and the caller's `catch` then records that overflow instead.
    context.issues.push({
      code: 'unreadable',
      reversedPath: at === undefined ? [] : [at],
      expected: READABLE,
      value: error,
    })
    context.broken = true
    context.all = false
  }
  done(context, mark, key)
  return false
}

const READABLE = 'a readable JSON value'

/**
 * End a check that started when `context.issues` had `mark` entries: prepend
 * `key` (where the checked value sits in its parent) to the paths of the issues
 * recorded since. (Issues past the cap are not seen here: with `context.all`,
 * what a check returns only matters to exits that `all` skips.)
 *
 * @returns `true` when no issue was recorded.
 */
export function done(context: DecodeContext, mark: number, key: PathSegment | undefined): boolean {
  const {issues} = context
  if (issues.length === mark) return true
  if (key !== undefined)
    for (let index = mark; index < issues.length; index++) issues[index]!.reversedPath.push(key)
  return false
}

const objectPrototype = Object.prototype
const arrayPrototype = Array.prototype

/**
 * True for a plain JSON object, as `JSON.parse` makes them: not `null`, not an
 * array, its prototype `Object.prototype` or `null`. So no inherited field is
 * ever read as the object's own: `Object.create({user})` and class instances are
 * not JSON objects. Throws what a Proxy's `getPrototypeOf` trap throws (the
 * checks catch it).
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === objectPrototype || (prototype === null && !Array.isArray(value))
}

/**
 * Strict mode: true when a plain object has own properties JSON data cannot
 * have (non-enumerable or symbol-keyed) and the checks' `for...in` does not see.
 */
export function hasHiddenFields(value: object): boolean {
  return Reflect.ownKeys(value).length !== Object.keys(value).length
}

/** What strict mode says of an object with hidden fields. */
export const PLAIN_DATA = 'a plain JSON object (no non-enumerable or symbol-keyed properties)'

/** True for an integer from 0 to 2^32 - 1. */
export function isWord32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= WORD32_MAX
}

/** True for a JSON number that is an integer. */
export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

/**
 * Where the fast checks said no, so that the slow path starts there instead of at the first field: a failing
 * check of an object or array records the value, itself and the index of the field or element that failed
 * (-1: not a plain object). Each entry is a fact about one value and one check, so the slow path uses an
 * entry only for that value and check (`takeFastFailure`), whatever else left entries behind (a version's
 * type that failed before the next one fitted, a getter that decoded something): an entry can go unused,
 * never mislead. Recorded on failure only; the success path pays one comparison (`clearFastFailures`). The
 * entries of one failing check, innermost first, are the chain from the value down to the first failure: the
 * default mode's first error reads them as they are (`recordedAt`, `firstFailure` in shape-checks.ts).
 */
const FAST_FAILURES = 256
const failedValues: unknown[] = /* @__PURE__ */ new Array(FAST_FAILURES).fill(undefined)
const failedChecks: unknown[] = /* @__PURE__ */ new Array(FAST_FAILURES).fill(undefined)
const failedAt: number[] = /* @__PURE__ */ new Array(FAST_FAILURES).fill(-1)
let failures = 0

/**
 * Record that fast check `check` said no to `value` at field or element `at` (-1: not a plain object). Past
 * the capacity (a value nested deeper than that), nothing is recorded: the slow path then walks from the start.
 *
 * @returns `false`, for `return ... || failed(v, checkUser, at)`.
 */
export function failed(value: unknown, check: (value: any) => boolean, at: number): false {
  if (failures < FAST_FAILURES) {
    failedValues[failures] = value
    failedChecks[failures] = check
    failedAt[failures] = at
    failures++
  }
  return false
}

/**
 * Where `check` said no to `value`, if that is the last failure recorded (the slow path walks down the way
 * the fast check came back up), and forget it; -1 when it is not (or the value was not a plain object).
 */
export function takeFastFailure(value: unknown, check: unknown): number {
  const last = failures - 1
  if (last < 0 || failedValues[last] !== value || failedChecks[last] !== check) return -1
  failures = last
  failedValues[last] = undefined
  return failedAt[last]!
}

/**
 * The entry at `position` (0: the first recorded, the innermost value) when it is about `value` and `check`:
 * the field or element that failed (-1: not a plain object); -2 when it is about something else (or there is
 * none). For the first-error walk (`firstFailure` in shape-checks.ts), which reads the recorded chain from
 * the last entry down without taking it, so that the slow path finds it whole when the walk gives up.
 */
export function recordedAt(position: number, value: unknown, check: unknown): number {
  return position >= 0 &&
    position < failures &&
    failedValues[position] === value &&
    failedChecks[position] === check
    ? failedAt[position]!
    : -2
}

/** How many failures are recorded: the position after the last (see `recordedAt`). */
export function recordedFailures(): number {
  return failures
}

/** Forget every failure recorded, and the values they hold (called before and after each decoder's work). */
export function clearFastFailures(): void {
  while (failures > 0) failedValues[--failures] = undefined
}

/**
 * Strict mode: record a field the docs do not list.
 *
 * @returns whether checking goes on (`context.all`).
 */
export function extraField(context: DecodeContext, key: string, value: unknown): boolean {
  return issue(context, key, value, 'no field the docs do not list', 'extra')
}

/** A check of the slow path (shape-checks.ts), as `checkSafely` runs it. */
export type Check = (value: unknown, context: DecodeContext, key: PathSegment | undefined) => boolean

/**
 * Run a check, so that no decoder ever throws. The checks catch what reading a
 * value throws themselves (`unreadable`, at its path); what reaches this
 * `catch` is a stack overflow too close to the top for them (a value nested
 * thousands deep through a recursive type; `JSON.parse` accepts far deeper
 * input), recorded the same way for `finish` to tell apart.
 *
 * @returns what the check returned, or `false` after an exception.
 */
export function checkSafely(
  check: Check,
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
): boolean {
  try {
    return check(value, context, key)
  } catch (error) {
    context.issues.length = 0
    context.truncated = 0
    context.broken = false
    return unreadable(context, 0, key, undefined, error)
  }
}

/**
 * The result of a finished check (see `run`). When reading a value threw, the
 * result is a failure led by that `unreadable` issue; or by a `depth` issue at
 * `$` when the exception is the engine's own stack overflow error.
 */
export function finish<T>(context: DecodeContext, value: unknown): DecodeResult<T> {
  const {issues, truncated} = context
  if (context.broken) return thrownFailure(context, value)
  if (issues.length === 0) return {ok: true, value: value as T, issues: noIssues, truncated: 0}
  const listed: DecodeIssue[] = new Array(issues.length)
  let fatal = false
  for (let index = 0; index < issues.length; index++) {
    const pending = issues[index]!
    fatal ||=
      pending.reversedPath.length === 0 ||
      pending.code === 'unknown-event' ||
      pending.code === 'unknown-response'
    listed[index] = toDecodeIssue(pending)
  }
  if (context.lenient && !fatal) return {ok: true, value: value as T, issues: listed, truncated}
  return {ok: false, error: listed[0]!, issues: listed, truncated}
}

function thrownFailure(context: DecodeContext, value: unknown): DecodeFailure {
  const at = context.issues.findIndex((pending) => pending.code === 'unreadable')
  const thrown = context.issues[at]
  // `broken` without its issue: the stack ran out while the issue was being recorded.
  if (thrown === undefined || isStackOverflow(thrown.value)) {
    const error = toDecodeIssue({
      code: 'depth',
      reversedPath: [],
      expected: 'a value nested less deeply',
      value,
    })
    return {ok: false, error, issues: [error], truncated: 0}
  }
  const pending = [thrown, ...context.issues.filter((_, index) => index !== at)]
  const listed = pending.slice(0, context.max).map(toDecodeIssue)
  return {
    ok: false,
    error: listed[0]!,
    issues: listed,
    truncated: context.truncated + pending.length - listed.length,
  }
}

/**
 * True for the engine's own stack overflow error: same prototype and message as
 * one provoked once, on first need (V8 and JavaScriptCore throw a `RangeError`
 * "Maximum call stack size exceeded", SpiderMonkey an `InternalError` "too much
 * recursion"), so no engine's text is written here. An error a getter throws
 * that copies both is taken for an overflow too. Never throws.
 */
export function isStackOverflow(error: unknown): boolean {
  try {
    overflowSample ??= sampleOverflow()
    return (
      typeof error === 'object' &&
      error !== null &&
      Object.getPrototypeOf(error) === overflowSample.prototype &&
      (error as {message?: unknown}).message === overflowSample.message
    )
  } catch {
    return false
  }
}

let overflowSample: {prototype: unknown; message: unknown} | undefined

function sampleOverflow(): {prototype: unknown; message: unknown} {
  try {
    recurse()
  } catch (error) {
    return {prototype: Object.getPrototypeOf(error), message: (error as {message?: unknown}).message}
  }
  return {prototype: undefined, message: undefined}
}

// Not a tail call (`+ 1`): JavaScriptCore eliminates tail calls in strict code.
function recurse(): number {
  return recurse() + 1
}

/** A failure with one issue at `key` (the envelope of a frame: never kept, whatever the mode). */
export function failureAt(key: PathSegment | undefined, value: unknown, expected: string): DecodeFailure {
  const error = toDecodeIssue({
    code: value === undefined ? 'missing' : 'type',
    reversedPath: key === undefined ? [] : [key],
    expected,
    value,
  })
  return {ok: false, error, issues: [error], truncated: 0}
}

/**
 * Parse JSON text; a syntax error becomes a failure at `$`. Something other
 * than a string is turned into text as `JSON.parse` would (a `Buffer` works);
 * when that throws, the failure is `unreadable`.
 */
export function parseJson(text: string): {ok: true; value: unknown} | DecodeFailure {
  let source: string
  try {
    source = typeof text === 'string' ? text : `${text as unknown}`
  } catch (error) {
    return failureOf(
      'unreadable',
      'JSON text',
      describeException(error),
      `$: could not be read: ${describeException(error)}`,
    )
  }
  try {
    return {ok: true, value: JSON.parse(source)}
  } catch (error) {
    const reason = describeException(error, false)
    return failureOf('syntax', 'JSON text', reason, `$: not JSON (${reason})`)
  }
}

function failureOf(code: DecodeIssueCode, expected: string, found: string, message: string): DecodeFailure {
  const problem: DecodeIssue = {code, path: '$', expected, found, message}
  return {ok: false, error: problem, issues: [problem], truncated: 0}
}

const UTC_TIME = /* @__PURE__ */ new RegExp(UTC_TIME_PATTERN)

/**
 * True for a timestamp string as `UTCTime` takes it on the wire: the shape and
 * field ranges of `UTC_TIME_PATTERN` (month 01-12, hour 00-23, minute 00-59,
 * second 00-60 as RFC 3339 allows a leap second, offset up to ±23:59), and a
 * day that exists in its month (leap years: Gregorian).
 */
export function isUtcTime(value: unknown): value is string {
  // Shorter than `YYYY-MM-DDTHH:MM:SSZ` fails the pattern; the slot's characters are then all there.
  if (typeof value !== 'string' || value.length < 20) return false
  const slot = timestampSlot(value)
  if (value === timestamps[slot]) return true
  if (!UTC_TIME.test(value) || !isDayOfMonth(value)) return false
  timestamps[slot] = value
  return true
}

/**
 * Timestamps `isUtcTime` accepted, each in the slot of its minute, second and last digits and length (one
 * compare a lookup, as the last-value cache this replaces, whose hits it keeps: the last one accepted is in
 * its slot). An object's timestamps are often the same instant (`createdAt`, `updatedAt`, `chatTs`: 6 of
 * the 10 of a real group invitation) and the same records come back event after event (the `user`, a group,
 * a contact: the 10 are 4 instants, in 4 slots); comparing two strings costs less than the pattern. Only
 * ever strings that passed it.
 */
const timestamps: string[] = ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '']

/** The slot of `text` (at least 20 characters) in `timestamps`. */
function timestampSlot(text: string): number {
  return (
    (text.charCodeAt(15) * 5 + text.charCodeAt(18) * 3 + text.charCodeAt(text.length - 2) + text.length) & 15
  )
}

/** The day of a timestamp the pattern matched (01 to 31) exists in its month and year. */
function isDayOfMonth(text: string): boolean {
  const day = digits(text, 8, 10)
  if (day <= 28) return true
  const month = digits(text, 5, 7)
  if (month === 2) {
    const year = digits(text, 0, 4)
    return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  }
  return day <= 30 || LONG_MONTHS[month] === 1
}

/** 1 for the months of 31 days. */
const LONG_MONTHS = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1]

/** The decimal number of the ASCII digits `text[start..end)`. */
function digits(text: string, start: number, end: number): number {
  let value = 0
  for (let index = start; index < end; index++) value = value * 10 + text.charCodeAt(index) - 48
  return value
}

const noIssues: readonly DecodeIssue[] = /* @__PURE__ */ Object.freeze([])

// Written out, without spreads or a reversed copy of the path: a failing decode builds at least one of these.
function toDecodeIssue(pending: PendingIssue): DecodeIssue {
  const {reversedPath} = pending
  let path = '$'
  for (let index = reversedPath.length - 1; index >= 0; index--) path += pathSegment(reversedPath[index]!)
  return issueAt(pending.code, path, pending.expected, pending.value)
}

/**
 * A failure with one issue (the first error), its path already formatted (`appendPath`): what the first-error
 * walk of shape-checks.ts (`firstFailure`) returns, the same object `finish` makes of that one pending issue.
 */
export function firstError(
  code: DecodeIssueCode,
  path: string,
  expected: string,
  value: unknown,
): DecodeFailure {
  const error = issueAt(code, path, expected, value)
  return {ok: false, error, issues: [error], truncated: 0}
}

/** `path` (a JSON path, `$` and on) followed by `segment`: `$.user` and `userId` make `$.user.userId`. */
export function appendPath(path: string, segment: PathSegment): string {
  return path + pathSegment(segment)
}

/** The issue `code` at `path` (formatted) about `value` (for `unreadable`, what reading threw). */
function issueAt(code: DecodeIssueCode, path: string, expected: string, value: unknown): DecodeIssue {
  switch (code) {
    case 'missing':
      return {code, path, expected, found: 'missing', message: `${path}: missing (expected ${expected})`}
    case 'unreadable': {
      const thrown = describeException(value)
      return {
        code,
        path,
        expected,
        found: `a value whose reading threw ${thrown}`,
        message: `${path}: could not be read: ${thrown}`,
      }
    }
    default: {
      const found = describeValue(value)
      const message =
        code === 'extra'
          ? `${path}: unexpected field (strict mode)`
          : `${path}: expected ${expected}, got ${found}`
      return {code, path, expected, found, message}
    }
  }
}

/** Format path segments as a JSON path: `$.chatItems[0].chatItem`, `$.mentions["a b"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '$'
  for (const segment of segments) path += pathSegment(segment)
  return path
}

/** `[0]`, `.user`, `["a b"]`: one segment as a JSON path writes it. */
function pathSegment(segment: PathSegment): string {
  if (typeof segment === 'number') return `[${segment}]`
  let text = segments.get(segment)
  if (text === undefined) {
    text = isIdentifier(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`
    // The field names of the docs, mostly: a lookup costs less than testing each character again.
    if (segments.size < SEGMENTS) segments.set(segment, text)
  }
  return text
}

/** Object keys as path segments (`pathSegment`), up to `SEGMENTS` of them: map keys from the data are kept only while there is room. */
const segments = /* @__PURE__ */ new Map<string, string>()
const SEGMENTS = 4096

/** True for an ASCII identifier (`/^[A-Za-z_$][\w$]*$/`), tested by character: every issue's path is made of them. */
function isIdentifier(text: string): boolean {
  if (text.length === 0) return false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const letter = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36
    if (!letter && (index === 0 || code < 48 || code > 57)) return false
  }
  return true
}

/**
 * A short rendering of a value for messages. Any value: what is not JSON data
 * is named (`a non-plain object`, `a function`), nothing of it is run but
 * Proxy traps, and a value that throws is `an unreadable value`.
 */
export function describeValue(value: unknown): string {
  try {
    return describeAny(value)
  } catch {
    return 'an unreadable value'
  }
}

function describeAny(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  switch (typeof value) {
    case 'object': {
      const prototype = Object.getPrototypeOf(value)
      if (Array.isArray(value)) return prototype === arrayPrototype ? 'an array' : 'a non-plain array'
      return prototype === objectPrototype || prototype === null ? 'an object' : 'a non-plain object'
    }
    case 'string':
      return quoted(value.length > 40 ? `${value.slice(0, 37)}...` : value)
    case 'function':
      return 'a function'
    case 'symbol':
      return 'a symbol'
    case 'bigint':
      return `${value}n`
    default:
      return String(value)
  }
}

/** `text` as a JSON string: quoted as it is when no character needs an escape, the common case. */
function quoted(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return JSON.stringify(text)
  }
  return `"${text}"`
}

/**
 * `TypeError: boom`, at most 100 characters, for an exception of any kind;
 * never throws.
 *
 * @param withName prefix the error's name (`false` for `JSON.parse`'s own).
 */
function describeException(error: unknown, withName = true): string {
  try {
    const text =
      error instanceof Error
        ? withName
          ? `${String(error.name)}: ${String(error.message)}`
          : String(error.message)
        : `a thrown ${describeValue(error)}`
    return text.length > 100 ? `${text.slice(0, 97)}...` : text
  } catch {
    return 'an exception that cannot be described'
  }
}
