import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createDispatcher} from '../templates/dispatch.js'
import {UTC_TIME_PATTERN, WORD32_MAX} from '../templates/primitives.js'
import {decodeValue} from '../templates/decoding.js'
import type {ShapeTable} from '../templates/shape-checks.js'
import {
  checkSafely,
  createContext,
  DecodeError,
  describeValue,
  done,
  finish,
  formatPath,
  isObject,
  isStackOverflow,
  isUtcTime,
  isWord32,
  issue,
  parseJson,
  startDecoding,
  type DecodeContext,
} from '../templates/runtime.js'

describe('runtime: paths and values in messages', () => {
  it.each([
    [[], '$'],
    [['user', 'userId'], '$.user.userId'],
    [['chatItems', 0, 'chatItem'], '$.chatItems[0].chatItem'],
    [['mentions', 'a b'], '$.mentions["a b"]'],
    [['mentions', '"'], '$.mentions["\\""]'],
    [['$x', '_y'], '$.$x._y'],
  ] as const)('formats %j as %s', (segments, path) => {
    expect(formatPath(segments)).toBe(path)
  })

  it.each([
    [undefined, 'missing'],
    [null, 'null'],
    [[1], 'an array'],
    [{}, 'an object'],
    ['x', '"x"'],
    [17, '17'],
    [true, 'true'],
    ['y'.repeat(50), `"${'y'.repeat(37)}..."`],
  ])('describes %j as %s', (value, text) => {
    expect(describeValue(value)).toBe(text)
  })

  it('names values that are not JSON data, without running them', () => {
    const cases: [unknown, string][] = [
      [Object.create(null), 'an object'],
      [new Date(0), 'a non-plain object'],
      [Object.create({user: 1}), 'a non-plain object'],
      [() => 1, 'a function'],
      [Symbol('s'), 'a symbol'],
      [10n, '10n'],
    ]
    for (const [value, text] of cases) expect(describeValue(value)).toBe(text)
  })

  it('describes a revoked Proxy and a Proxy whose traps throw without throwing', () => {
    const {proxy, revoke} = Proxy.revocable({}, {})
    revoke()
    expect(describeValue(proxy)).toBe('an unreadable value')
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap')
        },
      },
    )
    expect(describeValue(hostile)).toBe('an unreadable value')
  })
})

describe('runtime: plain JSON objects', () => {
  it('takes objects with the prototype JSON.parse gives them, or none', () => {
    expect(isObject(JSON.parse('{"a": 1}'))).toBe(true)
    expect(isObject(Object.create(null))).toBe(true)
  })

  it('rejects objects that inherit fields, class instances, boxed values and arrays without a prototype', () => {
    for (const value of [Object.create({user: {}}), new Date(0), new Map(), Object(1), Object.setPrototypeOf([], null)])
      expect(isObject(value)).toBe(false)
  })
})

describe('runtime: primitives', () => {
  it('word32 is an integer from 0 to 2^32 - 1', () => {
    expect([0, WORD32_MAX, 7].every(isWord32)).toBe(true)
    expect([-1, WORD32_MAX + 1, 1.5, '1', null].some(isWord32)).toBe(false)
  })

  it('UTCTime rejects impossible dates and times: month, day of the month (leap years), hour, minute, second, offset', () => {
    for (const bad of [
      '2025-13-45T99:99:99Z',
      '2025-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-00-10T00:00:00Z',
      '2025-01-00T00:00:00Z',
      '2025-01-32T00:00:00Z',
      '2025-01-01T24:00:00Z',
      '2025-01-01T23:60:00Z',
      '2025-01-01T23:59:61Z',
      '2025-01-01T00:00:00+24:00',
      '2025-01-01T00:00:00-01:60',
    ]) {
      expect(isUtcTime(bad), bad).toBe(false)
    }
    for (const ok of [
      '2024-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '0000-02-29T00:00:00Z',
      '2025-01-31T23:59:59Z',
      '2025-12-31T23:59:60Z',
      '2025-04-30T00:00:00+23:59',
      '2025-04-30T00:00:00-14:00',
    ]) {
      expect(isUtcTime(ok), ok).toBe(true)
    }
  })

  it('UTCTime takes 0 to 9 fractional digits and Z or an offset', () => {
    expect(new RegExp(UTC_TIME_PATTERN).source).toBe(UTC_TIME_PATTERN)
    for (const ok of ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.123456789Z', '2026-01-02T03:04:05-07:30'])
      expect(isUtcTime(ok), ok).toBe(true)
    for (const bad of [
      '2026-01-02',
      '2026-01-02T03:04:05',
      '2026-01-02T03:04:05.1234567890Z',
      '2026-01-02 03:04:05Z',
      17,
    ]) {
      expect(isUtcTime(bad), String(bad)).toBe(false)
    }
  })
})

/** The pattern, and a day that exists in its month by the calendar of `Date` (proleptic Gregorian). */
function isTimestamp(text: string): boolean {
  if (!new RegExp(UTC_TIME_PATTERN).test(text)) return false
  const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))]
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.getUTCDate() === day
}

describe('runtime: isUtcTime is UTC_TIME_PATTERN with a day that exists', () => {
  const pattern = {test: isTimestamp}
  it('agrees with the pattern on timestamps and near-timestamps', () => {
    const base = '2026-01-02T03:04:05'
    const tails = [
      'Z',
      '.1Z',
      '.123456789Z',
      '.1234567890Z',
      '.Z',
      '+02:00',
      '-07:30',
      '.5+02:00',
      '+0200',
      'z',
      '',
      'Z ',
      '+02:0',
      '.12a4Z',
      '.123456789+23:59',
      '.123456789-00:00',
      '.1234567890+02:00',
      '+02:00Z',
      'Z+02:00',
      '+2:000',
      '\u0662Z',
    ]
    const heads = [
      base,
      '2026-01-02T03:04:5',
      '2026-01-02 03:04:05',
      '20260102T03:04:05',
      '2026-1-02T03:04:05',
      'x026-01-02T03:04:05',
      '2026-01-02T03:04:0\u0665',
      '2026-02-29T03:04:05',
      '2000-02-29T03:04:05',
      '2026-04-31T03:04:05',
    ]
    for (const head of heads) {
      for (const tail of tails) {
        const text = head + tail
        expect(isUtcTime(text), text).toBe(pattern.test(text))
      }
    }
  })

  it('agrees with the pattern on random strings over its alphabet', () => {
    fc.assert(
      fc.property(
        fc.string({unit: fc.constantFrom(...'0123456789-:T.Z+z '), minLength: 15, maxLength: 36}),
        (text) => isUtcTime(text) === pattern.test(text),
      ),
      {numRuns: 20_000, seed: 42},
    )
    // Digits anywhere in a timestamp's shape: dates and times in and out of range.
    const digit = fc.integer({min: 0, max: 9})
    fc.assert(
      fc.property(fc.array(digit, {minLength: 14, maxLength: 14}), fc.constantFrom('Z', '+', '-'), (d, zone) => {
        const [y1, y2, y3, y4, m1, m2, d1, d2, h1, h2, i1, i2, s1, s2] = d
        const text = `${y1}${y2}${y3}${y4}-${m1}${m2}-${d1}${d2}T${h1}${h2}:${i1}${i2}:${s1}${s2}${zone === 'Z' ? 'Z' : `${zone}${h2}${s1}:${i1}${d2}`}`
        return isUtcTime(text) === pattern.test(text)
      }),
      {numRuns: 20_000, seed: 3},
    )
    fc.assert(
      fc.property(
        fc.date({noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31')}),
        fc.integer({min: 0, max: 9}),
        (date, digits) => {
          const text = date.toISOString().replace(/\.\d{3}Z$/, digits === 0 ? 'Z' : `.${'7'.repeat(digits)}Z`)
          return isUtcTime(text) && pattern.test(text)
        },
      ),
      {numRuns: 2_000, seed: 7},
    )
  })
  it('remembers only timestamps it accepted, whichever share a slot of its cache', () => {
    // Every minute and second of one hour, each accepted, then each again (hits or a new pattern test), with
    // an impossible day and a bad hour of each in between: the cache never answers for a string it did not accept.
    const valid: string[] = []
    for (let minute = 0; minute < 60; minute++)
      for (const second of ['00', '19', '60'])
        valid.push(`2026-03-04T05:${String(minute).padStart(2, '0')}:${second}.5Z`)
    for (let round = 0; round < 2; round++)
      for (const text of valid) {
        expect(isUtcTime(text), text).toBe(true)
        expect(isUtcTime(text.replace('03-04', '02-30')), text).toBe(false)
        expect(isUtcTime(text.replace('T05', 'T24')), text).toBe(false)
        expect(isUtcTime(text.slice(0, 19)), text).toBe(false)
      }
  })
})

describe('runtime: issues and results', () => {
  it('done prepends the key to the issues recorded since the mark, and only to those', () => {
    const context = createContext({allErrors: true})
    issue(context, 'a', 1, 'string')
    const mark = context.issues.length
    issue(context, 'b', undefined, 'bool')
    expect(done(context, mark, 'inner')).toBe(false)
    expect(done(context, context.issues.length, 'unused')).toBe(true)
    const result = finish(context, {})
    expect(result.issues.map((found) => [found.code, found.path])).toEqual([
      ['type', '$.a'],
      ['missing', '$.inner.b'],
    ])
  })

  it('issue tells the caller whether to go on: only when collecting every issue', () => {
    expect(issue(createContext(undefined), 'x', 1, 'bool')).toBe(false)
    expect(issue(createContext({mode: 'lenient'}), 'x', 1, 'bool')).toBe(true)
  })

  it('lenient keeps a value with issues below it, but never one with an issue at $', () => {
    const below = createContext({mode: 'lenient'})
    issue(below, 'x', 1, 'bool')
    expect(finish(below, {x: 1}).ok).toBe(true)
    const atRoot = createContext({mode: 'lenient'})
    issue(atRoot, undefined, 1, 'object')
    expect(finish(atRoot, 1).ok).toBe(false)
  })

  it("an object's absent required fields come first, in the docs' order, before its other issues, own keys only", () => {
    const table: ShapeTable = [
      {
        kind: 'record',
        name: 'Probe',
        fields: [
          ['a', 'int64'],
          ['constructor', 'string'],
          ['c', 1],
        ],
        fast: () => false,
      },
      {kind: 'record', name: 'User', fields: [], fast: () => false},
    ]
    const all = decodeValue(table, 0, {a: 'x'}, {allErrors: true})
    expect(all.issues.map((found) => [found.code, found.path, found.expected])).toEqual([
      ['missing', '$.constructor', 'string'],
      ['missing', '$.c', 'User object'],
      ['type', '$.a', 'int64 integer'],
    ])
    expect(decodeValue(table, 0, {}, undefined).issues).toHaveLength(1)
  })

  it('checkSafely turns a stack overflow into a depth issue at $', () => {
    const context = createContext(undefined)
    const overflow = (): boolean => !overflow()
    expect(checkSafely(overflow, {}, context, undefined)).toBe(false)
    expect(finish(context, {})).toMatchObject({ok: false, error: {code: 'depth', path: '$'}})
  })

  it('checkSafely turns any other exception into an unreadable issue, never a depth issue, and never re-throws it', () => {
    for (const thrown of [new TypeError('a bug'), new RangeError('Invalid array length'), 'text', null, {}]) {
      const context = createContext(undefined)
      const check = () => {
        throw thrown
      }
      expect(checkSafely(check, {}, context, 'resp')).toBe(false)
      const result = finish(context, {})
      expect(result).toMatchObject({ok: false, error: {code: 'unreadable', path: '$.resp'}})
      expect(result.issues).toHaveLength(1)
    }
  })

  it('isStackOverflow knows the engine overflow error, and nothing else, whatever it is given', () => {
    let overflow: unknown
    const recurse = (): number => recurse() + 1
    try {
      recurse()
    } catch (error) {
      overflow = error
    }
    expect(isStackOverflow(overflow)).toBe(true)
    const {proxy, revoke} = Proxy.revocable({}, {})
    revoke()
    const throwing = new Proxy(new RangeError('x'), {
      getPrototypeOf() {
        throw new Error('trap')
      },
    })
    for (const other of [
      new RangeError('Invalid array length'),
      new TypeError('x'),
      'x',
      null,
      undefined,
      proxy,
      throwing,
    ])
      expect(isStackOverflow(other)).toBe(false)
  })

  it('parseJson reports text that is not JSON at $', () => {
    expect(parseJson('[1]')).toEqual({ok: true, value: [1]})
    expect(parseJson('{')).toMatchObject({ok: false, error: {code: 'syntax', path: '$'}})
  })

  it('parseJson reads a non-string as JSON.parse does, and reports one whose conversion throws as unreadable', () => {
    expect(parseJson(Buffer.from('[2]') as unknown as string)).toEqual({ok: true, value: [2]})
    const {proxy, revoke} = Proxy.revocable({}, {})
    revoke()
    const throwing = {
      toString() {
        throw new Error('no text')
      },
    }
    for (const text of [proxy, throwing, Symbol('s')])
      expect(parseJson(text as unknown as string)).toMatchObject({ok: false, error: {code: 'unreadable', path: '$'}})
  })
})

describe('runtime: options', () => {
  it.each([
    [{mode: 'lenent'}, 'mode', '"lenent"'],
    [{mode: 1}, 'mode', '1'],
    [{allErrors: 'yes'}, 'allErrors', '"yes"'],
    [{allErrors: 1}, 'allErrors', '1'],
    [{maxIssues: 0}, 'maxIssues', '0'],
    [{maxIssues: -1}, 'maxIssues', '-1'],
    [{maxIssues: 1.5}, 'maxIssues', '1.5'],
    [{maxIssues: Number.NaN}, 'maxIssues', 'NaN'],
    [{maxIssues: '10'}, 'maxIssues', '"10"'],
    [null, 'options', 'null'],
    ['strict', 'options', '"strict"'],
  ])('an unknown or wrong option %j is a bad-option failure, not a silent default', (options, name, found) => {
    const started = startDecoding(options)
    expect(started).toMatchObject({ok: false, error: {code: 'bad-option', path: '$', found}})
    if ('ok' in started) expect(started.error.message).toMatch(new RegExp(`^\\$: bad option ${name}: expected `))
  })

  it('an options object whose reading throws is a bad-option failure', () => {
    const options = {
      get mode(): string {
        throw new Error('getter')
      },
    }
    expect(startDecoding(options)).toMatchObject({ok: false, error: {code: 'bad-option', found: 'Error: getter'}})
    const {proxy, revoke} = Proxy.revocable({}, {})
    revoke()
    expect(startDecoding(proxy)).toMatchObject({ok: false, error: {code: 'bad-option'}})
  })

  it('takes valid options', () => {
    const context = startDecoding({mode: 'strict', allErrors: true, maxIssues: 7}) as DecodeContext
    expect(context).toMatchObject({strict: true, all: true, max: 7})
    expect(startDecoding({maxIssues: Infinity})).toMatchObject({max: Infinity})
    expect(startDecoding(undefined)).toMatchObject({strict: false, all: false, max: 100})
  })
})

describe('runtime: the issue cap', () => {
  it('records maxIssues issues and counts the rest', () => {
    const context = createContext({mode: 'lenient', maxIssues: 3})
    for (let index = 0; index < 10; index++) issue(context, index, 'x', 'bool')
    expect(context.issues).toHaveLength(3)
    const result = finish(context, [])
    expect(result).toMatchObject({ok: true, truncated: 7})
    expect(result.issues.map((found) => found.path)).toEqual(['$[0]', '$[1]', '$[2]'])
  })

  it("maxIssues keeps the first issues in the final order: an object's missing fields before its other issues", () => {
    const fields = [
      ['a', 'bool'],
      ['b', 'bool'],
      ['c', 'bool'],
      ['m', 'bool'],
    ] as const
    const table: ShapeTable = [{kind: 'record', name: 'Probe', fields, fast: () => false}]
    const result = decodeValue(table, 0, {a: 'x', b: 'x', c: 'x'}, {allErrors: true, maxIssues: 2})
    expect(result.issues.map((found) => found.path)).toEqual(['$.m', '$.a'])
    expect(result.truncated).toBe(2)
  })

  it('a DecodeError says how many issues it does not list', () => {
    const context = createContext({allErrors: true, maxIssues: 1})
    issue(context, 'a', 'x', 'bool')
    issue(context, 'b', 'x', 'bool')
    const result = finish(context, {})
    expect(new DecodeError(result.issues, result.truncated).message).toBe(
      '$.a: expected bool, got "x"\n... and 1 more issues',
    )
  })
})

describe('dispatcher', () => {
  type Event = {type: 'a'; n: number} | {type: 'b'; s: string}

  it('calls the handler of the tag with the narrowed event', () => {
    const dispatch = createDispatcher<Event, string>({a: (event) => `a${event.n}`, b: (event) => `b${event.s}`})
    expect(dispatch({type: 'a', n: 1})).toBe('a1')
    expect(dispatch({type: 'b', s: 'x'})).toBe('bx')
  })

  it('calls the fallback for a tag without a handler, and never a property of Object.prototype', () => {
    const seen: string[] = []
    const dispatch = createDispatcher<{type: string}, string>({}, (event) => {
      seen.push(event.type)
      return 'fallback'
    })
    expect(dispatch({type: 'a'})).toBe('fallback')
    expect(dispatch({type: 'constructor'})).toBe('fallback')
    expect(dispatch({type: 'toString'})).toBe('fallback')
    expect(seen).toEqual(['a', 'constructor', 'toString'])
    expect(createDispatcher<{type: string}>({})({type: 'hasOwnProperty'})).toBeUndefined()
  })
})
