/**
 * Property tests of the generated decoders (generated/src), driven by the IR:
 *
 * (a) valid events drawn from the schema decode in every mode, unchanged;
 * (b) each single mutation of a valid event (a dropped field, a wrong primitive,
 *     an unknown union tag or enum value, a broken array element, an extra field)
 *     is reported at exactly its path with the right code, and lenient mode keeps
 *     the value unless the problem is fatal;
 * (c) the decoders never throw and always return a well-formed, self-consistent
 *     result, whatever they are given: arbitrary JSON and JS values, random
 *     mutations of valid events, arbitrary text, frames around arbitrary values;
 * (d) every TYPES.md type: valid values decode with `decode<Type>`, and single
 *     mutations are reported where they are;
 * (e) hostile values (getters and Proxy traps that throw, revoked Proxies,
 *     inherited and hidden fields, deep nesting, huge arrays, symbols, bigints,
 *     functions) anywhere in a valid event, and as options or frame text: the
 *     decoders, decodeFrame and every guard never throw, and return results of
 *     the documented shape.
 *
 * Runs: a CI-sized default (~8k inputs, well under a minute); `PROPERTY_RUNS=full`
 * for more than 100,000 inputs. Seeds are fixed (`PROPERTY_SEED` overrides), so a
 * failure reproduces; fast-check prints the seed and path of a counterexample.
 */
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import * as lib from '../generated/src/index.js'
import type {DecodeIssue, DecodeMode, DecodeResult, FrameResult} from '../generated/src/index.js'
import {ANY_CHARACTER, loadSchema, objectFromEntries, valueArbitraries} from './support/arbitraries.js'
import {allFields} from './support/schema-fields.js'
import {
  applyEdit,
  applyMutation,
  collectSites,
  eventRoot,
  formatPath,
  listMutations,
  pickMutation,
  typeRoot,
  underResp,
  wrongValuesFor,
  type Mutation,
  type MutationRoot,
  type PathSegment,
} from './support/mutations.js'

// ---------------------------------------------------------------------------
// Configuration

const FULL = process.env.PROPERTY_RUNS === 'full'
const SEED = process.env.PROPERTY_SEED === undefined ? 0x51_3e_40 : Number(process.env.PROPERTY_SEED)
if (!Number.isSafeInteger(SEED)) throw new Error(`PROPERTY_SEED must be an integer, got ${process.env.PROPERTY_SEED}`)

/** Runs of each property. Per-type runs are per type (179 types). */
const RUNS = FULL
  ? {
      validEvents: 6000,
      mutations: 30_000,
      mutationPairs: 5000,
      typeValid: 25,
      typeMutations: 15,
      jsonValues: 12_000,
      anything: 12_000,
      eventShaped: 8000,
      randomMutations: 8000,
      strings: 10_000,
      nearJson: 6000,
      frames: 8000,
      hostile: 4000,
    }
  : {
      validEvents: 250,
      mutations: 800,
      mutationPairs: 200,
      typeValid: 3,
      typeMutations: 2,
      jsonValues: 600,
      anything: 600,
      eventShaped: 300,
      randomMutations: 300,
      strings: 500,
      nearJson: 250,
      frames: 300,
      hostile: 150,
    }

/** Inputs that must have been checked by the end of the file. */
const TARGET = FULL ? 100_000 : 3000
/** Per test: the full runs take minutes on a 2-core machine. */
const TIMEOUT = FULL ? 1_800_000 : 60_000

const MODES: readonly DecodeMode[] = ['strict', 'default', 'lenient']

const schema = await loadSchema()
const arbitraries = valueArbitraries(schema)
const EVENT_TAGS = schema.events.map((event) => event.tag)
const EVENT_TAG_SET: ReadonlySet<string> = new Set(EVENT_TAGS)
const RESPONSE_TAG_SET: ReadonlySet<string> = new Set(lib.chatResponseTags)
const TYPE_NAMES = schema.types.map((type) => type.name)

type Decoder = (value: unknown, options?: lib.DecodeOptions) => DecodeResult<unknown>
const decoders = lib as unknown as Record<string, Decoder | undefined>

function typeDecoder(name: string): Decoder {
  const decoder = decoders[`decode${name}`]
  if (typeof decoder !== 'function') throw new Error(`generated/src/index.ts exports no decode${name}`)
  return decoder
}

/** Every input a property looks at (random, mutated or fixed). */
let checked = 0
const checkedBy: Record<string, number> = {}

/** Stable per-property seed: the global seed mixed with the property's label. */
function seedFor(label: string): number {
  let hash = SEED | 0
  for (let position = 0; position < label.length; position++)
    hash = Math.imul(hash ^ label.charCodeAt(position), 0x01000193)
  return hash | 0
}

/** `fc.assert` with a fixed seed and a counter of the inputs checked. */
function check<T>(label: string, arbitrary: fc.Arbitrary<T>, numRuns: number, predicate: (value: T) => void): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      count(label)
      predicate(value)
    }),
    {numRuns, seed: seedFor(label)},
  )
}

function count(label: string, inputs = 1): void {
  checked += inputs
  checkedBy[label] = (checkedBy[label] ?? 0) + inputs
}

// ---------------------------------------------------------------------------
// What every result must look like

const ISSUE_CODES = new Set([
  'missing',
  'type',
  'unknown-tag',
  'unknown-enum',
  'extra',
  'unknown-event',
  'syntax',
  'depth',
  'unreadable',
  'bad-option',
])
/** Default `maxIssues`. */
const MAX_ISSUES = 100
/** Codes lenient mode keeps a value with. */
const KEPT_CODES = new Set(['missing', 'type', 'unknown-tag', 'unknown-enum'])
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(0|[1-9]\d*)\]|\[("(?:[^"\\]|\\.)*")\]/y

/** Parse a rendered path back into segments; throws when it is not a path the decoders could render. */
function parsePath(path: string): PathSegment[] {
  assert.ok(path.startsWith('$'), `path ${JSON.stringify(path)} does not start with $`)
  const segments: PathSegment[] = []
  let position = 1
  while (position < path.length) {
    PATH_SEGMENT.lastIndex = position
    const match = PATH_SEGMENT.exec(path)
    assert.ok(match, `path ${JSON.stringify(path)}: no segment at ${position}`)
    segments.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(match[3]!) as string)))
    position = PATH_SEGMENT.lastIndex
  }
  // Canonical: `.key` for identifiers, brackets only for the rest.
  assert.equal(formatPath(segments), path, `path ${JSON.stringify(path)} is not canonical`)
  return segments
}

function checkIssue(issue: DecodeIssue): void {
  assert.ok(ISSUE_CODES.has(issue.code), `unknown issue code ${issue.code}`)
  parsePath(issue.path)
  assert.equal(typeof issue.expected, 'string')
  assert.ok(issue.expected.length > 0, 'empty expected')
  assert.equal(typeof issue.found, 'string')
  assert.equal(typeof issue.message, 'string')
  assert.ok(
    issue.message.startsWith(`${issue.path}: `),
    `message ${JSON.stringify(issue.message)} does not start with its path`,
  )
  if (issue.code === 'missing') assert.equal(issue.found, 'missing')
}

/** A result of `decodeChatEvent` / `decode<Type>` is well-formed for its mode. */
function checkResult(
  result: DecodeResult<unknown>,
  input: unknown,
  mode: DecodeMode,
  allErrors: boolean,
  sameValue = true,
): void {
  assert.ok(result !== null && typeof result === 'object', 'result is not an object')
  assert.ok(Array.isArray(result.issues), 'issues is not an array')
  for (const issue of result.issues) checkIssue(issue)
  assert.ok(Number.isSafeInteger(result.truncated) && result.truncated >= 0, 'truncated is not a count')
  assert.ok(result.issues.length <= MAX_ISSUES, 'more issues than maxIssues')
  if (result.truncated > 0) assert.equal(result.issues.length, MAX_ISSUES, 'truncated before the cap')
  // An exception while reading, or a stack overflow, fails in every mode, and leads the issues.
  const thrown = result.issues.findIndex((issue) => issue.code === 'unreadable' || issue.code === 'depth')
  if (thrown !== -1) {
    assert.ok(!result.ok && thrown === 0, 'an unreadable or depth issue that does not fail the result first')
    if (result.issues[0]!.code === 'depth') assert.deepEqual([result.issues.length, result.issues[0]!.path], [1, '$'])
  }
  if (result.ok) {
    if (sameValue) assert.ok(result.value === input, 'a successful result does not return the input itself')
    if (mode !== 'lenient') assert.equal(result.issues.length, 0, 'issues in a successful non-lenient result')
    for (const issue of result.issues) {
      assert.ok(KEPT_CODES.has(issue.code), `lenient kept a value with a ${issue.code} issue`)
      assert.notEqual(issue.path, '$', 'lenient kept a value with an issue at $')
    }
  } else {
    assert.ok(result.issues.length >= 1, 'a failure without issues')
    assert.ok(result.error === result.issues[0], 'error is not issues[0]')
    if (mode !== 'lenient' && !allErrors) assert.equal(result.issues.length, 1, 'more than one issue without allErrors')
    if (mode !== 'strict')
      assert.ok(!result.issues.some((issue) => issue.code === 'extra'), 'extra outside strict mode')
    if (mode === 'lenient')
      assert.ok(
        result.issues.some(
          (issue) => issue.path === '$' || issue.code === 'unknown-event' || issue.code === 'unreadable',
        ),
        'lenient failed without a fatal issue',
      )
  }
}

function plainIssues(issues: readonly DecodeIssue[]): object[] {
  return issues.map(({code, path, expected, found, message}) => ({code, path, expected, found, message}))
}

/**
 * Decode `input` in every mode (with and without `allErrors`): each result is
 * well-formed, and the modes agree with each other.
 * @returns the results by mode (without `allErrors`).
 */
function decodeEverywhere(decode: Decoder, input: unknown): Record<DecodeMode, DecodeResult<unknown>> {
  const results = {} as Record<DecodeMode, DecodeResult<unknown>>
  const all = {} as Record<DecodeMode, DecodeResult<unknown>>
  for (const mode of MODES) {
    results[mode] = decode(input, {mode})
    checkResult(results[mode], input, mode, false)
    all[mode] = decode(input, {mode, allErrors: true})
    checkResult(all[mode], input, mode, true)
    // allErrors only changes how many issues are collected.
    assert.equal(all[mode].ok, results[mode].ok, `${mode}: allErrors changes ok`)
    if (!results[mode].ok)
      assert.deepEqual(all[mode].issues[0], results[mode].issues[0], `${mode}: allErrors changes the first issue`)
  }
  // Stricter modes fail at least as often.
  if (results.strict.ok) assert.ok(results.default.ok, 'strict passes but default fails')
  if (results.default.ok) assert.ok(results.lenient.ok, 'default passes but lenient fails')
  // Lenient collects exactly what default mode collects with allErrors.
  assert.deepEqual(
    plainIssues(results.lenient.issues),
    plainIssues(all.default.issues),
    'lenient issues differ from default allErrors',
  )
  // Strict with allErrors finds what default does, plus extra fields.
  assert.deepEqual(
    plainIssues(all.strict.issues.filter((issue) => issue.code !== 'extra')),
    plainIssues(all.default.issues),
    'strict allErrors issues (without extras) differ from default allErrors',
  )
  return results
}

/** Everything `decodeChatEventJson` must do with `text`. */
function checkEventJson(text: string): void {
  let parsed: {value: unknown} | null = null
  try {
    parsed = {value: JSON.parse(text)}
  } catch {
    parsed = null
  }
  for (const mode of MODES) {
    const result = lib.decodeChatEventJson(text, {mode})
    if (parsed === null) {
      assert.equal(result.ok, false, 'decodeChatEventJson accepted text JSON.parse rejects')
      assert.ok(!result.ok)
      assert.equal(result.error.code, 'syntax')
      assert.equal(result.error.path, '$')
      assert.equal(result.issues.length, 1)
      checkIssue(result.error)
      continue
    }
    checkResult(result, undefined, mode, false, false)
    const direct = lib.decodeChatEvent(parsed.value, {mode})
    assert.equal(result.ok, direct.ok, 'decodeChatEventJson and decodeChatEvent disagree')
    assert.deepEqual(plainIssues(result.issues), plainIssues(direct.issues))
    // The value is a fresh parse (no identity to check; a deep comparison would overflow on deep garbage).
    if (result.ok) assert.equal((result.value as {type?: unknown}).type, (parsed.value as {type?: unknown}).type)
  }
}

/** The frame decoder, re-derived from its documentation. */
function expectedFrame(
  text: string,
  mode: DecodeMode,
): {kind: FrameResult['kind']; corrId?: unknown; type?: unknown; code?: string; path?: string; issues?: object[]} {
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch {
    return {kind: 'error', code: 'syntax', path: '$'}
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return {kind: 'error', code: 'type', path: '$'}
  const {corrId, resp} = frame as Record<string, unknown>
  // A corrId is a non-empty string or absent (templates/envelope.ts).
  if (corrId !== undefined && (typeof corrId !== 'string' || corrId === ''))
    return {kind: 'error', code: 'type', path: '$.corrId'}
  if (typeof resp !== 'object' || resp === null || Array.isArray(resp))
    return {kind: 'error', code: resp === undefined ? 'missing' : 'type', path: '$.resp'}
  const tag = (resp as Record<string, unknown>).type
  // With a corrId the frame answers a command: its resp is a response, never an event.
  const asEvent = corrId === undefined && typeof tag === 'string' && EVENT_TAG_SET.has(tag)
  if (!asEvent && (typeof tag !== 'string' || !RESPONSE_TAG_SET.has(tag)))
    return {kind: 'unknown', corrId, type: typeof tag === 'string' ? tag : undefined}
  const direct = asEvent ? lib.decodeChatEvent(resp, {mode}) : lib.decodeChatResponse(resp, {mode})
  const issues = direct.issues.map(({code, path, expected, found}) => ({code, path: underResp(path), expected, found}))
  return direct.ok
    ? {kind: asEvent ? 'event' : 'response', corrId: asEvent ? undefined : corrId, issues}
    : {kind: 'error', code: direct.error.code, path: underResp(direct.error.path), issues}
}

/** Everything `decodeFrame` must do with `text`. */
function checkFrame(text: string): FrameResult<DecodeMode>[] {
  return MODES.map((mode) => {
    const result = lib.decodeFrame(text, {mode})
    const expected = expectedFrame(text, mode)
    assert.equal(result.kind, expected.kind, `decodeFrame (${mode}) kind`)
    switch (result.kind) {
      case 'unknown':
        assert.equal(result.corrId, expected.corrId)
        assert.equal(result.type, expected.type)
        assert.ok(typeof result.resp === 'object' && result.resp !== null)
        break
      case 'response':
        assert.equal(result.corrId, expected.corrId)
        assert.equal(typeof result.response.type, 'string')
        assert.deepEqual(
          result.issues.map(({code, path, expected: what, found}) => ({code, path, expected: what, found})),
          expected.issues,
        )
        for (const issue of result.issues) checkIssue(issue)
        if (mode !== 'lenient') assert.equal(result.issues.length, 0)
        break
      case 'event':
        assert.equal(typeof result.event.type, 'string')
        assert.deepEqual(
          result.issues.map(({code, path, expected: what, found}) => ({code, path, expected: what, found})),
          expected.issues,
        )
        for (const issue of result.issues) checkIssue(issue)
        if (mode !== 'lenient') assert.equal(result.issues.length, 0)
        break
      case 'error':
        assert.equal(result.error.code, expected.code, `decodeFrame (${mode}) error code`)
        assert.equal(result.error.path, expected.path, `decodeFrame (${mode}) error path`)
        assert.ok(result.error === result.issues[0], 'error is not issues[0]')
        for (const issue of result.issues) checkIssue(issue)
        if (expected.issues)
          assert.deepEqual(
            result.issues.map(({code, path, expected: what, found}) => ({code, path, expected: what, found})),
            expected.issues,
          )
        break
    }
    return result
  })
}

// ---------------------------------------------------------------------------
// (a) Valid events

describe('valid events', () => {
  it(
    'decode in every mode, unchanged and without issues; also as JSON text and as frames',
    () => {
      check('valid events', arbitraries.event, RUNS.validEvents, (event) => {
        for (const mode of MODES) {
          for (const allErrors of [false, true]) {
            const result = lib.decodeChatEvent(event, {mode, allErrors})
            if (!result.ok) assert.fail(`${mode}: ${result.error.message}`)
            assert.ok((result.value as unknown) === event, `${mode}: the value returned is not the input`)
            assert.equal(result.issues.length, 0, `${mode}: issues ${JSON.stringify(result.issues)}`)
          }
        }
        assert.ok((lib.assertChatEvent(event, {mode: 'strict'}) as unknown) === event)
        const text = JSON.stringify(event)
        const fromText = lib.decodeChatEventJson(text, {mode: 'strict'})
        if (!fromText.ok) assert.fail(`from JSON text: ${fromText.error.message}`)
        assert.deepEqual(fromText.value, JSON.parse(text))
        const frame = lib.decodeFrame(`{"resp":${text}}`, {mode: 'strict'})
        assert.equal(frame.kind, 'event', JSON.stringify(frame).slice(0, 500))
        // With a corrId it is a response (`groupUpdated`: the response definition) or, for a tag no command answers with, unknown.
        const reply = lib.decodeFrame(`{"corrId":"7","resp":${text}}`, {mode: 'strict'})
        assert.notEqual(reply.kind, 'event')
        if (!RESPONSE_TAG_SET.has((event as {type: string}).type)) assert.equal(reply.kind, 'unknown')
      })
    },
    TIMEOUT,
  )

  it('cover every event (each event arbitrary draws valid values)', () => {
    for (const event of schema.events) {
      const arbitrary = arbitraries.events[event.name]!
      for (const value of fc.sample(arbitrary, {numRuns: 2, seed: seedFor(event.name)})) {
        count('every event')
        assert.equal(value.type, event.tag)
        const result = lib.decodeChatEvent(value, {mode: 'strict'})
        if (!result.ok) assert.fail(`${event.name}: ${result.error.message}`)
      }
    }
  })
})

// ---------------------------------------------------------------------------
// (b) Single mutations

/** A valid event and one single mutation of it. */
const mutatedEvent = fc
  .tuple(arbitraries.event, fc.nat(), fc.nat(), fc.nat())
  .map(([event, kindChoice, itemChoice, valueChoice]) => {
    const root = eventRoot(schema, event)
    const mutation = pickMutation(listMutations(schema, event, root, valueChoice), kindChoice, itemChoice)
    if (!mutation) throw new Error('no mutation of a valid event')
    return {event, mutation, mutated: applyMutation(event, mutation)}
  })

/** What a single mutation must do to a decoder's result in each mode. */
function checkMutation(decode: Decoder, mutated: unknown, mutation: Mutation): void {
  const where = mutation.description
  for (const mode of MODES) {
    for (const allErrors of [false, true]) {
      const result = decode(mutated, {mode, allErrors})
      checkResult(result, mutated, mode, allErrors)
      const fails =
        mode === 'strict' || (mode === 'default' && !mutation.strictOnly) || (mode === 'lenient' && mutation.fatal)
      if (fails) {
        if (result.ok) assert.fail(`${where}: ${mode} mode passed (issues ${JSON.stringify(result.issues)})`)
        assert.equal(result.error.path, mutation.path, `${where}: ${mode} error path (${result.error.message})`)
        assert.equal(result.error.code, mutation.code, `${where}: ${mode} error code (${result.error.message})`)
        assert.equal(
          result.issues.length,
          1,
          `${where}: ${mode}: one mutation, one issue: ${JSON.stringify(plainIssues(result.issues))}`,
        )
      } else if (mutation.strictOnly) {
        if (!result.ok) assert.fail(`${where}: ${mode} mode failed: ${result.error.message}`)
        assert.equal(result.issues.length, 0, `${where}: ${mode}: issues ${JSON.stringify(result.issues)}`)
      } else {
        // Lenient keeps the value and lists the one issue.
        if (!result.ok) assert.fail(`${where}: lenient mode failed: ${result.error.message}`)
        assert.ok(result.value === mutated, `${where}: lenient did not return the value itself`)
        assert.deepEqual(
          result.issues.map((issue) => [issue.path, issue.code]),
          [[mutation.path, mutation.code]],
          `${where}: lenient issues`,
        )
      }
    }
  }
}

/**
 * Two mutations that cannot hide or change each other: neither path is inside
 * the other, and neither sits under a union whose tag the other breaks (the
 * decoder does not look into a member it cannot identify).
 */
function independent(a: Mutation, b: Mutation): boolean {
  const isPrefix = (prefix: readonly PathSegment[], of: readonly PathSegment[]) =>
    prefix.length <= of.length && prefix.every((segment, position) => of[position] === segment)
  const scope = (mutation: Mutation) =>
    mutation.kind === 'union-tag' ? mutation.segments.slice(0, -1) : mutation.segments
  return !isPrefix(scope(a), b.segments) && !isPrefix(scope(b), a.segments)
}

describe('single mutations of valid events', () => {
  it(
    'are reported at their path with their code; lenient keeps the value unless the problem is fatal',
    () => {
      const kinds: Record<string, number> = {}
      check('mutations', mutatedEvent, RUNS.mutations, ({event, mutation, mutated}) => {
        kinds[mutation.kind] = (kinds[mutation.kind] ?? 0) + 1
        assert.notEqual(mutated, event)
        checkMutation(lib.decodeChatEvent, mutated, mutation)
        // The same mutation inside a frame: paths start at `$.resp`.
        if (mutation.jsonSafe) {
          const text = JSON.stringify({resp: mutated})
          for (const frame of checkFrame(text)) {
            if (frame.kind === 'error' && mutation.code !== 'extra') {
              assert.equal(frame.error.path, underResp(mutation.path), `${mutation.description}: frame path`)
              assert.equal(frame.error.code, mutation.code)
            }
          }
          if (mutation.code === 'unknown-event') assert.equal(lib.decodeFrame(text).kind, 'unknown')
        }
      })
      // Every kind of mutation was exercised.
      expect(Object.keys(kinds).sort()).toEqual([
        'array-element',
        'drop-field',
        'event-tag',
        'extra-field',
        'union-tag',
        'unknown-enum',
        'wrong-primitive',
        'wrong-shape',
      ])
    },
    TIMEOUT,
  )

  it(
    'two independent mutations are both reported (lenient mode, allErrors)',
    () => {
      const pair = fc
        .tuple(arbitraries.event, fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat())
        .map(([event, kind1, item1, kind2, item2, valueChoice]) => {
          const mutations = listMutations(schema, event, eventRoot(schema, event), valueChoice).filter(
            (mutation) => !mutation.strictOnly && !mutation.fatal,
          )
          const first = pickMutation(mutations, kind1, item1)
          const second = pickMutation(
            mutations.filter((mutation) => first && independent(first, mutation)),
            kind2,
            item2,
          )
          return first && second ? {first, second, mutated: applyMutation(applyMutation(event, first), second)} : null
        })
      let pairs = 0
      check('mutation pairs', pair, RUNS.mutationPairs, (drawn) => {
        if (!drawn) return
        pairs++
        const {first, second, mutated} = drawn
        const expected = [first, second].map((mutation) => `${mutation.code} ${mutation.path}`).sort()
        const where = `${first.description} + ${second.description}`
        for (const options of [
          {mode: 'lenient'},
          {mode: 'default', allErrors: true},
          {mode: 'strict', allErrors: true},
        ] as const) {
          const result = lib.decodeChatEvent(mutated, options)
          checkResult(result, mutated, options.mode, true)
          assert.deepEqual(
            result.issues.map((issue) => `${issue.code} ${issue.path}`).sort(),
            expected,
            `${where}: ${JSON.stringify(options)}`,
          )
          assert.equal(result.ok, options.mode === 'lenient', where)
        }
        const single = lib.decodeChatEvent(mutated, {mode: 'default'})
        assert.ok(
          !single.ok && expected.includes(`${single.error.code} ${single.error.path}`),
          `${where}: default mode error`,
        )
      })
      expect(pairs).toBeGreaterThan(RUNS.mutationPairs / 2)
    },
    TIMEOUT,
  )

  it('render map keys the way the decoders do (`$.mentions["a b"]`, `$.mentions.__proto__`)', () => {
    expect(formatPath(['mentions', 'a b'])).toBe('$.mentions["a b"]')
    expect(formatPath(['chatItems', 0, 'chatItem', 'meta', 'itemTs'])).toBe('$.chatItems[0].chatItem.meta.itemTs')
    // Every record with a map field: wrong values under awkward keys, reported by the real decoder.
    const keys = [
      'a b',
      '0',
      '12',
      '',
      '__proto__',
      'constructor',
      'x.y',
      '"q"',
      'back\\slash',
      'é',
      '$ok',
      'ok_1',
      '\u2028',
    ]
    let records = 0
    for (const type of schema.types) {
      if (type.kind !== 'record') continue
      for (const field of type.fields) {
        if (field.type.kind !== 'map') continue
        records++
        const [valid] = fc.sample(arbitraries.types[type.name]!, {numRuns: 1, seed: seedFor(type.name)})
        const wrong = wrongValuesFor(schema, field.type.value)[0]
        const value = applyEdit(valid, [field.wireName], {
          op: 'set',
          value: objectFromEntries(keys.map((key) => [key, wrong])),
        })
        count('map keys')
        const result = typeDecoder(type.name)(value, {mode: 'lenient'})
        expect(result.ok).toBe(true)
        const paths = result.issues.map((issue) => issue.path).sort()
        expect(paths).toEqual(keys.map((key) => formatPath([field.wireName, key])).sort())
        for (const path of paths) parsePath(path)
      }
    }
    expect(records).toBeGreaterThan(0)
  })
})

// ---------------------------------------------------------------------------
// (c) Never throws

/** Keys that trip up code which reads properties of plain objects. */
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'type',
  'length',
  '0',
  '',
] as const

const anyKey = fc.oneof(fc.string({maxLength: 6}), fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...EVENT_TAGS))

const anyThing = fc.anything({
  key: anyKey,
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: false,
})

/** Field names of all events and types, so garbage often lands on real fields. */
const FIELD_NAMES = [...new Set(allFields(schema).map((field) => field.wireName))]

/** An object with a known event tag and arbitrary values under real field names. */
const eventShaped = fc
  .tuple(
    fc.constantFrom(...schema.events),
    fc.uniqueArray(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), anyKey), anyThing), {
      selector: (entry) => entry[0],
      maxLength: 8,
    }),
    fc.boolean(),
  )
  .map(([event, entries, ownFields]) => {
    const fields = ownFields ? event.fields.map((field) => [field.wireName, entries[0]?.[1] ?? null] as const) : []
    return objectFromEntries([['type', event.tag], ...fields, ...entries.filter(([key]) => key !== 'type')])
  })

/** A valid event broken in up to six random places: single mutations, arbitrary subtrees, deleted nodes. */
const randomlyMutated = fc
  .tuple(
    arbitraries.event,
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.integer({min: 0, max: 3}), fc.jsonValue({maxDepth: 3})), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([event, steps]) => {
    let value: unknown = event
    const root: MutationRoot = eventRoot(schema, event)
    for (const [kindChoice, itemChoice, valueChoice, how, replacement] of steps) {
      const sites = collectSites(schema, value, root).filter((site) => site.segments.length > 0)
      if (how <= 1 || sites.length === 0) {
        const mutation = pickMutation(listMutations(schema, value, root, valueChoice), kindChoice, itemChoice)
        if (mutation && !(mutation.edit.op === 'delete' && mutation.segments.length === 0))
          value = applyMutation(value, mutation)
      } else {
        const site = sites[itemChoice % sites.length]!
        value = applyEdit(value, site.segments, how === 2 ? {op: 'set', value: replacement} : {op: 'delete'})
      }
    }
    return value
  })

/** Text that is almost JSON of a valid event or frame: one character inserted, removed or replaced. */
const nearJson = fc
  .tuple(arbitraries.event, fc.boolean(), fc.nat(), fc.integer({min: 0, max: 2}), ANY_CHARACTER)
  .map(([event, asFrame, position, how, character]) => {
    const text = JSON.stringify(asFrame ? {resp: event} : event)
    const at = position % (text.length + 1)
    if (how === 0) return text.slice(0, at) + character + text.slice(at)
    if (how === 1) return text.slice(0, at) + text.slice(at + 1)
    return text.slice(0, at) + character + text.slice(at + 1)
  })

const anyText = fc.oneof(
  fc.string({unit: ANY_CHARACTER, maxLength: 40}),
  fc.string({maxLength: 40}),
  fc.json({maxDepth: 4}),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '0',
    '-0',
    '1e400',
    '""',
    '[]',
    '{}',
    '{"type":null}',
    '{"resp":null}',
    '{"resp":{}}',
    '{"corrId":1,"resp":{}}',
    '{"__proto__":{"resp":{"type":"contactConnected"}}}',
    '\ufeff{}',
    '{"resp":{"type":"constructor"}}',
  ),
)

/** Frames around arbitrary, valid and broken events, with and without `corrId`. */
const frameText = fc
  .tuple(
    fc.oneof(fc.constant(undefined), fc.string({maxLength: 4}), fc.jsonValue({maxDepth: 1})),
    fc.oneof(
      fc.jsonValue({maxDepth: 4}),
      arbitraries.event,
      randomlyMutated,
      mutatedEvent.map(({mutated}) => mutated),
      fc.constant(undefined),
    ),
    fc.uniqueArray(fc.tuple(anyKey, fc.jsonValue({maxDepth: 2})), {selector: (entry) => entry[0], maxLength: 3}),
  )
  .map(([corrId, resp, extra]) => {
    const frame = objectFromEntries(extra.filter(([key]) => key !== 'corrId' && key !== 'resp'))
    if (corrId !== undefined) frame.corrId = corrId
    if (resp !== undefined) frame.resp = resp
    return JSON.stringify(frame)
  })

describe('the decoders never throw and always return a well-formed result', () => {
  it(
    'for arbitrary JSON values (as values, as JSON text, inside frames)',
    () => {
      check('json values', fc.jsonValue({maxDepth: 5}), RUNS.jsonValues, (value) => {
        decodeEverywhere(lib.decodeChatEvent, value)
        const text = JSON.stringify(value)
        checkEventJson(text)
        checkFrame(`{"resp":${text}}`)
      })
    },
    TIMEOUT,
  )

  it(
    'for arbitrary JS values (prototype keys, null prototypes, boxed values, sparse arrays, maps, bigints), through the event and the type decoders',
    () => {
      check('anything', fc.tuple(anyThing, fc.constantFrom(...TYPE_NAMES)), RUNS.anything, ([value, typeName]) => {
        decodeEverywhere(lib.decodeChatEvent, value)
        decodeEverywhere(typeDecoder(typeName), value)
      })
    },
    TIMEOUT,
  )

  it(
    'for objects with a known event tag and arbitrary fields',
    () => {
      check('event-shaped', eventShaped, RUNS.eventShaped, (value) => {
        const results = decodeEverywhere(lib.decodeChatEvent, value)
        // The tag is known, so only the fields can be wrong: lenient mode keeps it.
        assert.ok(results.lenient.ok, `lenient failed: ${results.lenient.ok ? '' : results.lenient.error.message}`)
      })
    },
    TIMEOUT,
  )

  it(
    'for valid events broken in several random places',
    () => {
      check('random mutations', randomlyMutated, RUNS.randomMutations, (value) => {
        decodeEverywhere(lib.decodeChatEvent, value)
        let text: string | undefined
        try {
          text = JSON.stringify(value)
        } catch {
          text = undefined
        }
        if (text !== undefined) {
          checkEventJson(text)
          checkFrame(`{"resp":${text}}`)
        }
      })
    },
    TIMEOUT,
  )

  it(
    'for arbitrary text (decodeChatEventJson, decodeFrame)',
    () => {
      check('strings', anyText, RUNS.strings, (text) => {
        checkEventJson(text)
        checkFrame(text)
      })
      check('near-JSON', nearJson, RUNS.nearJson, (text) => {
        checkEventJson(text)
        checkFrame(text)
      })
    },
    TIMEOUT,
  )

  it(
    'for frames wrapping arbitrary values, valid and broken events',
    () => {
      check('frames', frameText, RUNS.frames, (text) => {
        checkFrame(text)
      })
    },
    TIMEOUT,
  )

  it('for deeply nested and large values that the schema does not nest', () => {
    const depth = 30_000
    const deepArray = `${'['.repeat(depth)}${']'.repeat(depth)}`
    const deepObject = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    // Garbage nested under fields: the decoders stop at the first wrong shape.
    const texts = [
      deepArray,
      deepObject,
      `{"type":"contactConnected","user":${deepObject},"contact":${deepArray}}`,
      `{"resp":{"type":"newChatItems","user":${deepArray},"chatItems":${deepObject}}}`,
      `{"resp":${deepArray}}`,
      `{"type":"newChatItems","chatItems":[${Array.from({length: 20_000}, () => '1').join(',')}]}`,
    ]
    for (const text of texts) {
      count('deep and large')
      checkEventJson(text)
      checkFrame(text)
    }
    // A large sparse array in a real array field: every hole is missing.
    const sparse: unknown[] = []
    sparse.length = 5000
    sparse[4999] = 1
    const value = {type: 'newChatItems', user: {}, chatItems: sparse}
    count('deep and large')
    decodeEverywhere(lib.decodeChatEvent, value)
    const lenient = lib.decodeChatEvent(value, {mode: 'lenient', maxIssues: Infinity})
    expect(lenient.issues.filter((issue) => issue.path.startsWith('$.chatItems[')).length).toBe(5000)
    // By default, 100 are listed and the others counted.
    const capped = lib.decodeChatEvent(value, {mode: 'lenient'})
    expect([capped.issues.length, capped.truncated]).toEqual([100, lenient.issues.length - 100])
  })
})

// ---------------------------------------------------------------------------
// (e) Hostile values: the API takes `unknown`

/** What a getter or trap throws. */
const THROWN: readonly (() => unknown)[] = [
  () => new Error('boom'),
  () => new TypeError('boom'),
  () => new RangeError('Invalid array length'),
  // An impostor of the engine's overflow error: taken for one (documented), so `depth`.
  () => new RangeError(ENGINE_OVERFLOW_MESSAGE),
  () => 'a string',
  () => undefined,
  () => Symbol('thrown'),
  () => ({
    toString() {
      throw new Error('toString')
    },
  }),
  () =>
    new Proxy(new Error('proxy'), {
      get() {
        throw new Error('get')
      },
      getPrototypeOf() {
        throw new Error('getPrototypeOf')
      },
    }),
]

const ENGINE_OVERFLOW_MESSAGE = ((): string => {
  const recurse = (): number => recurse() + 1
  try {
    recurse()
  } catch (error) {
    return (error as Error).message
  }
  return ''
})()

const HOSTILE_KINDS = [
  'getter',
  'proxy get',
  'proxy ownKeys',
  'proxy getPrototypeOf',
  'proxy getOwnPropertyDescriptor',
  'proxy has',
  'revoked proxy',
  'inherited fields',
  'class instance',
  'non-enumerable field',
  'symbol key',
  'symbol',
  'bigint',
  'function',
  'NaN',
  'Infinity',
  'deep menu',
  'deep arrays',
  'huge array',
  'huge sparse array',
  'date',
  'map',
] as const
type HostileKind = (typeof HOSTILE_KINDS)[number]

/** A plain-data recipe (so fast-check can print and shrink it); `buildHostile` makes the value. */
interface HostileRecipe {
  event: unknown
  site: number
  kind: HostileKind
  thrown: number
  key: number
}

const hostileRecipe: fc.Arbitrary<HostileRecipe> = fc.record({
  event: arbitraries.event,
  site: fc.nat(),
  kind: fc.constantFrom(...HOSTILE_KINDS),
  thrown: fc.nat({max: THROWN.length - 1}),
  key: fc.nat(),
})

/** Throw what `THROWN[index]` makes. */
function thrower(index: number): () => never {
  return () => {
    throw THROWN[index]!()
  }
}

/** A hostile value in place of `original` (what the site held). */
function buildHostile(kind: HostileKind, original: unknown, thrown: number, keyChoice: number): unknown {
  const target: object =
    typeof original === 'object' && original !== null
      ? Array.isArray(original)
        ? original.slice()
        : {...original}
      : {}
  const keys = Object.keys(target)
  const key = keys.length > 0 ? keys[keyChoice % keys.length]! : 'type'
  switch (kind) {
    case 'getter':
      return Object.defineProperty(target, key, {enumerable: true, configurable: true, get: thrower(thrown)})
    case 'proxy get':
      return new Proxy(target, {get: thrower(thrown)})
    case 'proxy ownKeys':
      return new Proxy(target, {ownKeys: thrower(thrown)})
    case 'proxy getPrototypeOf':
      return new Proxy(target, {getPrototypeOf: thrower(thrown)})
    case 'proxy getOwnPropertyDescriptor':
      return new Proxy(target, {getOwnPropertyDescriptor: thrower(thrown)})
    case 'proxy has':
      return new Proxy(target, {has: thrower(thrown)})
    case 'revoked proxy': {
      const {proxy, revoke} = Proxy.revocable(target, {})
      revoke()
      return proxy
    }
    case 'inherited fields':
      return Object.create(target)
    case 'class instance':
      return Object.assign(new (class Thing {})(), target)
    case 'non-enumerable field':
      return Object.defineProperty(target, key, {value: 'hidden', enumerable: false})
    case 'symbol key':
      return Object.defineProperty(target, Symbol('key'), {value: 1, enumerable: true})
    case 'symbol':
      return Symbol('value')
    case 'bigint':
      return 10n ** 30n
    case 'function':
      return () => original
    case 'NaN':
      return Number.NaN
    case 'Infinity':
      return -Infinity
    case 'deep menu': {
      // ChatBotCommand nests through menus: deep enough to overflow the stack.
      let menu: unknown = {type: 'command', keyword: 'k', label: 'l'}
      for (let level = 0; level < 30_000; level++) menu = {type: 'menu', label: 'l', commands: [menu]}
      return menu
    }
    case 'deep arrays': {
      let nested: unknown = original ?? null
      for (let level = 0; level < 1000; level++) nested = [nested]
      return nested
    }
    case 'huge array':
      return Array.from({length: 50_000}, () => original ?? 1)
    case 'huge sparse array':
      return new Array(50_000)
    case 'date':
      return new Date(0)
    case 'map':
      return new Map(Object.entries(target))
  }
}

/** `value` with `replacement` at `segments` (copies along the path; the replacement itself is not copied). */
function placeAt(value: unknown, segments: readonly PathSegment[], replacement: unknown): unknown {
  if (segments.length === 0) return replacement
  const [head, ...rest] = segments as [PathSegment, ...PathSegment[]]
  const copy = (Array.isArray(value) ? value.slice() : {...(value as object)}) as Record<PathSegment, unknown>
  Object.defineProperty(copy, head, {
    value: placeAt(copy[head], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

const GUARDS = Object.entries(lib as unknown as Record<string, unknown>).filter(
  (entry): entry is [string, (value: unknown) => boolean] =>
    entry[0].startsWith('isValid') && typeof entry[1] === 'function',
)
const VALID_FRAME = JSON.stringify({resp: fc.sample(arbitraries.event, {numRuns: 1, seed: 5})[0]})

/** Well-formed whatever the options were (they may be hostile: a `bad-option` failure, or any mode). */
function checkAnyResult(result: DecodeResult<unknown>): void {
  assert.ok(result !== null && typeof result === 'object', 'result is not an object')
  for (const issue of result.issues) checkIssue(issue)
  assert.equal(typeof result.truncated, 'number')
  if (!result.ok) assert.ok(result.error === result.issues[0], 'error is not issues[0]')
}

function checkFrameShape(result: FrameResult<DecodeMode>): void {
  assert.ok(['event', 'response', 'unknown', 'error'].includes(result.kind), `frame kind ${String(result.kind)}`)
  if (result.kind === 'unknown') return
  for (const issue of result.issues) checkIssue(issue)
  assert.equal(typeof result.truncated, 'number')
  if (result.kind === 'error') assert.ok(result.error === result.issues[0], 'error is not issues[0]')
}

describe('hostile values never make a decoder or a guard throw', () => {
  it(
    'anywhere in a valid event, as the value, as options and as frame text; through every mode and every guard',
    () => {
      check('hostile', hostileRecipe, RUNS.hostile, ({event, site, kind, thrown, key}) => {
        const sites = collectSites(schema, event, eventRoot(schema, event))
        const {segments, value: original} = sites[site % sites.length]!
        const hostile = buildHostile(kind, original, thrown, key)
        const value = placeAt(event, segments, hostile)
        const results: DecodeResult<unknown>[] = []
        for (const mode of MODES) {
          for (const allErrors of [false, true]) {
            const result = lib.decodeChatEvent(value, {mode, allErrors})
            checkResult(result, value, mode, allErrors)
            if (!allErrors) results.push(result)
          }
        }
        // Stricter modes fail at least as often.
        const [strict, standard, lenient] = results as [
          DecodeResult<unknown>,
          DecodeResult<unknown>,
          DecodeResult<unknown>,
        ]
        if (strict.ok) assert.ok(standard.ok, 'strict passes but default fails')
        if (standard.ok) assert.ok(lenient.ok, 'default passes but lenient fails')
        checkAnyResult(lib.decodeChatEvent(event, hostile as lib.DecodeOptions))
        for (const input of [value, hostile])
          for (const [name, guard] of GUARDS)
            assert.equal(typeof guard(input), 'boolean', `${name} returned no boolean`)
        checkFrameShape(lib.decodeFrame(hostile as string))
        checkFrameShape(lib.decodeFrame(VALID_FRAME, hostile as lib.DecodeOptions))
        assert.equal(typeof lib.decodeChatEventJson(hostile as string).ok, 'boolean')
      })
    },
    TIMEOUT,
  )
})

// ---------------------------------------------------------------------------
// (d) Every type of TYPES.md

describe('every TYPES.md type', () => {
  it('has a decoder', () => {
    for (const name of TYPE_NAMES) expect(typeof decoders[`decode${name}`], `decode${name}`).toBe('function')
  })

  it(
    'decodes valid values in strict mode (and in every mode without issues)',
    () => {
      for (const name of TYPE_NAMES) {
        const decode = typeDecoder(name)
        withType(name, () =>
          check(`type ${name}`, arbitraries.types[name]!, RUNS.typeValid, (value) => {
            for (const mode of MODES) {
              const result = decode(value, {mode})
              if (!result.ok) assert.fail(`${mode}: ${result.error.message} in ${JSON.stringify(value)}`)
              assert.ok(result.value === value, `${mode}: not the value itself`)
              assert.equal(result.issues.length, 0, `${mode}: issues`)
            }
          }),
        )
      }
    },
    TIMEOUT,
  )

  it(
    'reports single mutations at their path (the root is fatal, `$.type` of a union is not)',
    () => {
      for (const name of TYPE_NAMES) {
        const decode = typeDecoder(name)
        const root = typeRoot(name)
        const mutated = fc
          .tuple(arbitraries.types[name]!, fc.nat(), fc.nat(), fc.nat())
          .map(([value, kindChoice, itemChoice, valueChoice]) => {
            const mutation = pickMutation(listMutations(schema, value, root, valueChoice), kindChoice, itemChoice)
            if (!mutation) throw new Error(`no mutation of a valid ${name}`)
            return {mutation, mutated: applyMutation(value, mutation)}
          })
        withType(name, () =>
          check(`type mutations ${name}`, mutated, RUNS.typeMutations, ({mutation, mutated: value}) => {
            checkMutation(decode, value, mutation)
          }),
        )
      }
    },
    TIMEOUT,
  )
})

function withType(name: string, run: () => void): void {
  try {
    run()
  } catch (error) {
    if (error instanceof Error) error.message = `${name}: ${error.message}`
    throw error
  }
}

// ---------------------------------------------------------------------------
// Two bugs these properties found, fixed: kept as regression tests.

describe('regressions found by the properties', () => {
  // Inputs are built outside the test bodies, so a broken setup fails loudly.
  const untagged: unknown[] = [{}, {type: 5}, {type: null}, {type: ['contactConnected']}]
  // contactUpdated → toContact.profile.preferences.commands: a peer controls it. 50,000 levels
  // (a 2 MB frame): deep enough to overflow however well the decoders are optimised.
  const [contactUpdated] = fc.sample(arbitraries.events.ContactUpdated!, {numRuns: 1, seed: 1})
  const levels = 50_000
  const menu = `${'{"type":"menu","label":"l","commands":['.repeat(levels)}{"type":"command","keyword":"k","label":"l"}${']}'.repeat(levels)}`
  const deepFrame = JSON.stringify({
    resp: applyEdit(contactUpdated, ['toContact', 'profile', 'preferences'], {op: 'set', value: {commands: ['MENU']}}),
  }).replace('"MENU"', menu)
  if (!deepFrame.includes(menu) || !deepFrame.startsWith('{"resp":{"type":"contactUpdated"'))
    throw new Error('the deep frame reproducer is broken')

  it('lenient mode fails an event without a string tag, as an unknown event', () => {
    for (const value of untagged) {
      const result = lib.decodeChatEvent(value, {mode: 'lenient'})
      expect(result.ok, JSON.stringify(value)).toBe(false)
      if (!result.ok) expect(result.error).toMatchObject({code: 'unknown-event', path: '$.type'})
    }
  })

  it("a deeply nested ChatBotCommand menu (a contact's profile preferences) is a `depth` error, not a throw", () => {
    for (const mode of ['strict', 'default', 'lenient'] as const) {
      const frame = lib.decodeFrame(deepFrame, {mode})
      expect(frame).toMatchObject({kind: 'error', error: {code: 'depth', path: '$'}})
      const event = lib.decodeChatEventJson(deepFrame.slice('{"resp":'.length, -1), {mode})
      expect(event.ok ? null : event.error.code).toBe('depth')
    }
    expect(lib.isValidChatEvent(JSON.parse(deepFrame).resp)).toBe(false)
  })

  it('a stack overflow is `depth` wherever the stack runs out, even while an issue is being recorded', () => {
    const resp = JSON.parse(deepFrame).resp
    // Each extra frame below the decoder moves the point where the stack ends inside the check.
    const decodeBelow = (frames: number, mode: DecodeMode): DecodeResult<unknown> =>
      frames === 0 ? lib.decodeChatEvent(resp, {mode}) : decodeBelow(frames - 1, mode)
    const codes = new Set<string>()
    for (let frames = 0; frames < 40; frames++)
      for (const mode of MODES) {
        const result = decodeBelow(frames, mode)
        codes.add(result.ok ? 'ok' : `${result.error.code} ${result.error.path} ${result.issues.length}`)
      }
    expect([...codes]).toEqual(['depth $ 1'])
  })
})

// ---------------------------------------------------------------------------

describe('run count', () => {
  it(`checked at least ${TARGET} inputs (PROPERTY_RUNS=${FULL ? 'full' : 'default'}, seed ${SEED})`, () => {
    // Nothing on stdout; the full run reports its counts on stderr.
    if (FULL)
      process.stderr.write(
        `property tests: ${checked} inputs checked (target ${TARGET}, seed ${SEED}): ${JSON.stringify(summarize(checkedBy))}\n`,
      )
    expect(checked).toBeGreaterThanOrEqual(TARGET)
  })
})

function summarize(counts: Record<string, number>): Record<string, number> {
  const summary: Record<string, number> = {}
  for (const [label, value] of Object.entries(counts)) {
    const group = label.startsWith('type mutations ')
      ? 'type mutations'
      : label.startsWith('type ')
        ? 'type values'
        : label
    summary[group] = (summary[group] ?? 0) + value
  }
  return summary
}
