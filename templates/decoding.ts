/**
 * The decoders' entry points, the same for every spec: `decode.ts` holds the schema's shape table and fast
 * checks and calls these with an index into it. Each decoder runs the shape's fast check first (outside
 * strict mode, which also rejects fields the docs do not list) and the slow path (shape-checks.ts), which
 * builds the issues, only when it says no. None of them throws.
 */
import {readEnvelope, type FrameTags} from './envelope.js'
import {
  checkSafely,
  clearFastFailures,
  createContext,
  DecodeError,
  finish,
  isObject,
  issue,
  parseJson,
  reject,
  startDecoding,
  done,
  unreadable,
  type DecodeContext,
  type DecodeIssue,
  type DecodeOptions,
  type DecodeResult,
  type PathSegment,
} from './runtime.js'
import {acceptedFast, checkShape, firstFailure, type FastCheck, type ShapeTable} from './shape-checks.js'

const noIssues: readonly DecodeIssue[] = /* @__PURE__ */ Object.freeze([])

/**
 * Decode `value` (at `key`, for paths) as shape `index` with a fresh `context`; `undefined` for the default
 * options, whose context is made only when the fast check says no (a valid value costs no allocation but its
 * result).
 */
function decodeIn<T>(
  table: ShapeTable,
  index: number,
  value: unknown,
  given: DecodeContext | undefined,
  key: PathSegment | undefined,
): DecodeResult<T> {
  clearFastFailures()
  let pruning = given === undefined || given.pruning
  // `acceptedFast` written out: this call site sees the decoders' own checks, that one every check the slow
  // path runs (megamorphic), and a valid value needs no context.
  if (pruning) {
    const fast = (table[index] as {readonly fast?: FastCheck}).fast
    if (fast !== undefined)
      try {
        if (fast(value)) return {ok: true, value: value as T, issues: noIssues, truncated: 0}
      } catch {
        // As `acceptedFast`: a fast check that throws turns pruning off.
        pruning = false
      }
  }
  const context = given ?? createContext(undefined)
  context.pruning &&= pruning
  // The first error only: found from what the fast checks recorded, when that tells it.
  if (context.pruning && !context.all) {
    const failure = firstFailure(table, index, value, key)
    if (failure !== undefined) {
      clearFastFailures()
      return failure
    }
  }
  checkSafely((v, c, k) => checkShape(table, index, v, c, k), value, context, key)
  clearFastFailures()
  return finish(context, value)
}

/**
 * Decode a parsed JSON value as shape `index` of `table`. In lenient mode the value is kept unless an issue
 * is fatal: the value itself is not what was expected (an issue at `$`), it is an event or response with an
 * unknown tag, or reading it threw. Bad options give a `bad-option` failure.
 */
export function decodeValue<T>(
  table: ShapeTable,
  index: number,
  value: unknown,
  options: DecodeOptions | undefined,
): DecodeResult<T> {
  if (options === undefined) return decodeIn(table, index, value, undefined, undefined)
  const context = startDecoding(options)
  if ('ok' in context) return context
  return decodeIn(table, index, value, context, undefined)
}

/** `decodeValue` on JSON text: options first, then the text (a syntax error is a failure at `$`). */
export function decodeJson<T>(
  table: ShapeTable,
  index: number,
  text: string,
  options: DecodeOptions | undefined,
): DecodeResult<T> {
  // No options: the default context, made by `decodeIn` when it is needed.
  const context = options === undefined ? undefined : startDecoding(options)
  if (context !== undefined && 'ok' in context) return context
  const parsed = parseJson(text)
  if (!parsed.ok) return parsed
  return decodeIn(table, index, parsed.value, context, undefined)
}

/** `decodeValue`, or throw a `DecodeError` listing what is wrong. */
export function assertValue<T>(
  table: ShapeTable,
  index: number,
  value: unknown,
  options: DecodeOptions | undefined,
): T {
  const result = decodeValue<T>(table, index, value, options)
  if (!result.ok) throw new DecodeError(result.issues, result.truncated)
  return result.value
}

/** What a guard answers: whether `value` is valid as shape `index` in default mode. Never throws. */
export function isValidValue(table: ShapeTable, index: number, value: unknown): boolean {
  const context = createContext(undefined)
  clearFastFailures()
  if (acceptedFast(table[index]!, value, context)) return true
  if (context.pruning && firstFailure(table, index, value, undefined) !== undefined) {
    clearFastFailures()
    return false
  }
  const valid = checkSafely((v, c, k) => checkShape(table, index, v, c, k), value, context, undefined)
  clearFastFailures()
  return valid
}

/**
 * Decode the response to command `name`: its tag must be one of that command's (`tags`, the command's
 * `**Responses**:`), then it is checked as a response (shape `index`, the responses' union).
 */
export function decodeResponseOf<T>(
  table: ShapeTable,
  index: number,
  responseTags: Readonly<Record<string, readonly string[]>>,
  name: unknown,
  value: unknown,
  options: DecodeOptions | undefined,
): DecodeResult<T> {
  // Own properties only, and any value from untyped callers: a name that is no command accepts no response.
  const tags: readonly string[] =
    typeof name === 'string' && Object.hasOwn(responseTags, name) ? responseTags[name]! : []
  const command = typeof name === 'string' ? JSON.stringify(name) : 'an unknown command'
  const context = startDecoding(options)
  if ('ok' in context) return context
  clearFastFailures()
  checkSafely((v, c, k) => checkResponseOf(table, index, tags, command, v, c, k), value, context, undefined)
  clearFastFailures()
  return finish(context, value)
}

function checkResponseOf(
  table: ShapeTable,
  index: number,
  tags: readonly string[],
  command: string,
  value: unknown,
  context: DecodeContext,
  key: PathSegment | undefined,
): boolean {
  const mark = context.issues.length
  try {
    if (!isObject(value)) return reject(context, key, value, 'ChatResponse object')
    let tag: unknown
    try {
      tag = value.type
    } catch (error) {
      return unreadable(context, mark, key, 'type', error)
    }
    if (typeof tag === 'string' && tags.includes(tag)) {
      if (context.pruning && acceptedFast(table[index]!, value, context)) return true
      return checkShape(table, index, value, context, key)
    }
    const expected = tags.map((one) => JSON.stringify(one)).join(' | ') || 'none'
    issue(context, 'type', tag, `a response of ${command} (${expected})`, 'unknown-response')
    return done(context, mark, key)
  } catch (error) {
    return unreadable(context, mark, key, undefined, error)
  }
}

/**
 * What a WebSocket frame `{"corrId"?: string, "resp": {...}}` holds, by the envelope rules of `readEnvelope`
 * (envelope.ts), which the client follows too; `E` and `R` are the decoded event and response.
 * - `event`: an event of EVENTS.md (a frame without `corrId`), decoded (`issues` is non-empty only in
 *   lenient mode);
 * - `response`: with `corrId` (a non-empty string), a response of COMMANDS.md to the command sent with it,
 *   decoded; with `corrId: undefined`, a frame without `corrId` whose tag is a response and no event (it
 *   answers no command; the client reports it as `uncorrelated-response`);
 * - `unknown`: a `resp` whose tag the docs do not list where the frame puts it (not a response for a frame
 *   with `corrId`, neither event nor response without), left undecoded;
 * - `error`: not JSON, not a frame (`resp` not an object; `corrId` present but `null`, `""` or not a
 *   string), or an event or response that does not decode.
 */
export type FrameResultOf<E, R> =
  | {kind: 'event'; event: E; issues: readonly DecodeIssue[]; truncated: number}
  | {
      kind: 'response'
      corrId: string | undefined
      response: R
      issues: readonly DecodeIssue[]
      truncated: number
    }
  | {kind: 'unknown'; corrId: string | undefined; type: string | undefined; resp: unknown}
  | {kind: 'error'; error: DecodeIssue; issues: readonly DecodeIssue[]; truncated: number}

/**
 * Decode a WebSocket frame: an event (shape `events`), or with a `corrId` the response to a command (shape
 * `responses`). Paths in issues start at the frame (`$.resp.user`).
 */
export function decodeFrameOf<E, R>(
  table: ShapeTable,
  events: number,
  responses: number,
  tags: FrameTags,
  text: string,
  options: DecodeOptions | undefined,
): FrameResultOf<E, R> {
  // No options: the default context, made by `decodeIn` when it is needed.
  const context = options === undefined ? undefined : startDecoding(options)
  if (context !== undefined && 'ok' in context)
    return {kind: 'error', error: context.error, issues: context.issues, truncated: 0}
  const envelope = readEnvelope(text, tags)
  if (envelope.kind === 'malformed')
    return {kind: 'error', error: envelope.error, issues: envelope.issues, truncated: 0}
  const {resp} = envelope
  if (envelope.kind === 'event') {
    const result = decodeIn<E>(table, events, resp, context, 'resp')
    return result.ok
      ? {kind: 'event', event: result.value, issues: result.issues, truncated: result.truncated}
      : {kind: 'error', error: result.error, issues: result.issues, truncated: result.truncated}
  }
  if (envelope.kind === 'unknown') return {kind: 'unknown', corrId: undefined, type: envelope.tag, resp}
  // A reply is decoded as a response of COMMANDS.md: `groupUpdated` is then the response, not the event of the same tag.
  const corrId = envelope.kind === 'reply' ? envelope.corrId : undefined
  if (envelope.tag === undefined || !tags.responses.has(envelope.tag))
    return {kind: 'unknown', corrId, type: envelope.tag, resp}
  const result = decodeIn<R>(table, responses, resp, context, 'resp')
  return result.ok
    ? {kind: 'response', corrId, response: result.value, issues: result.issues, truncated: result.truncated}
    : {kind: 'error', error: result.error, issues: result.issues, truncated: result.truncated}
}
