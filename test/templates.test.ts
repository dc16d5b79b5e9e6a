import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createDispatcher} from '../templates/dispatch.js'
import {UTC_TIME_PATTERN, WORD32_MAX} from '../templates/primitives.js'
import {
  checkSafely,
  createContext,
  describeValue,
  done,
  finish,
  formatPath,
  isUtcTime,
  isWord32,
  issue,
  missingFields,
  parseJson,
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
})

describe('runtime: primitives', () => {
  it('word32 is an integer from 0 to 2^32 - 1', () => {
    expect([0, WORD32_MAX, 7].every(isWord32)).toBe(true)
    expect([-1, WORD32_MAX + 1, 1.5, '1', null].some(isWord32)).toBe(false)
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

describe('runtime: isUtcTime is UTC_TIME_PATTERN', () => {
  const pattern = new RegExp(UTC_TIME_PATTERN)
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
    ]
    const heads = [
      base,
      '2026-01-02T03:04:5',
      '2026-01-02 03:04:05',
      '20260102T03:04:05',
      '2026-1-02T03:04:05',
      'x026-01-02T03:04:05',
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

  it("missingFields records the absent required fields in the docs' order, before the object's other issues, own keys only", () => {
    const context = createContext({allErrors: true})
    const required = [
      ['a', 'int64 integer'],
      ['constructor', 'string'],
      ['c', 'User object'],
    ] as const
    issue(context, 'a', 'x', 'int64 integer')
    missingFields(context, {a: 'x'}, required, 0)
    expect(finish(context, {}).issues.map((found) => [found.code, found.path, found.expected])).toEqual([
      ['missing', '$.constructor', 'string'],
      ['missing', '$.c', 'User object'],
      ['type', '$.a', 'int64 integer'],
    ])
    const firstOnly = createContext(undefined)
    missingFields(firstOnly, {}, required, 0)
    expect(firstOnly.issues).toHaveLength(1)
  })

  it('checkSafely turns a stack overflow into a depth issue at $, and lets other errors through', () => {
    const context = createContext(undefined)
    const overflow = (): boolean => overflow()
    expect(checkSafely(overflow, {}, context, undefined)).toBe(false)
    expect(finish(context, {})).toMatchObject({ok: false, error: {code: 'depth', path: '$'}})
    expect(() =>
      checkSafely(
        () => {
          throw new TypeError('a bug')
        },
        {},
        createContext(undefined),
        undefined,
      ),
    ).toThrow(TypeError)
  })

  it('parseJson reports text that is not JSON at $', () => {
    expect(parseJson('[1]')).toEqual({ok: true, value: [1]})
    expect(parseJson('{')).toMatchObject({ok: false, error: {code: 'syntax', path: '$'}})
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
