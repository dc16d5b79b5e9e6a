/**
 * The shape table as decode.ts writes it (compact, templates/shape-table.ts) decodes to the very `ShapeTable`
 * the layout describes entry by entry, and the committed generated/src/decode.ts holds that table; entries
 * whose fields are the same share one fast check (decode-dedupe.ts), so a failure in either still starts the
 * slow path at the right field.
 */
import {describe, expect, it} from 'vitest'
import {layOutShapeTable} from '../generator/emit/decode-table.js'
import {objectCheckNames} from '../generator/emit/decode-dedupe.js'
import {event, field, member, record, ref, schema, union} from './support/tiny-schema.js'
import {decodeShapeTable, type EncodedShape} from '../templates/shape-table.js'
import {decodeChatDeleteMode, shapes} from '../generated/src/decode.js'
import {PINNED_SOURCE, sharedBuild, sharedSchemaOf} from './support/shared-builds.js'
import type {ShapeTable} from '../templates/shape-checks.js'

/** Evaluate the layout's expressions, each check name a function named so (`fast.name`). */
function evaluate(expressions: readonly string[]): unknown[] {
  const names = [...new Set(expressions.join('\n').match(/\bcheck[\w$]*/g) ?? [])]
  const checks = names.map((name) => ({[name]: () => true})[name]!)
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...names, `return [${expressions.join(',\n')}]`)(...checks) as unknown[]
}

/** A table with each fast check replaced by its name, to compare tables whose functions differ. */
const named = (table: ShapeTable) =>
  table.map((shape) => ('fast' in shape && shape.fast ? {...shape, fast: shape.fast.name} : shape))

describe('the compact shape table', () => {
  it('decodes to the table of the layout, entry by entry, with the same fast checks', async () => {
    const layout = layOutShapeTable(sharedSchemaOf(await sharedBuild(PINNED_SOURCE)))
    const objects = evaluate(layout.entries) as ShapeTable
    const decoded = decodeShapeTable(evaluate(layout.encoded) as EncodedShape[])
    expect(decoded.length).toBe(layout.entries.length)
    expect(named(decoded)).toStrictEqual(named(objects))
    // Every optional kind of slot and every kind of entry is met.
    const kinds = new Set(objects.map((shape) => shape.kind))
    expect([...kinds].sort()).toEqual(['alternatives', 'array', 'enum', 'map', 'member', 'record', 'union'])
    expect(
      objects.some(
        (shape) => 'fields' in shape && shape.fields.some((field) => field[2] === 1 && typeof field[1] === 'number'),
      ),
    ).toBe(true)
    expect(
      objects.some(
        (shape) => 'fields' in shape && shape.fields.some((field) => field[2] === 1 && typeof field[1] === 'string'),
      ),
    ).toBe(true)
  })

  it('decodes each kind of slot and entry, optional ones and literals included', () => {
    const f = () => true
    const table = decodeShapeTable([
      [0, 'R', f, 'a', 's', 'b', 'T', 'c', 3, 'd', ~3, 'e', ['x'], 'g', ['y', 1]],
      [2, 'U', f, 'unknown-event', ['old'], 'one', 0, 'two', [f, 'k', 'W']],
      [3, 'o', f],
      [4, 2, f],
      [5, 0, 'l'],
      [1, 'E', f, 'p', 'q'],
    ])
    expect(table).toStrictEqual([
      {
        kind: 'record',
        name: 'R',
        fields: [
          ['a', 'string'],
          ['b', 'UTCTime', 1],
          ['c', 3],
          ['d', 3, 1],
          ['e', ['x']],
          ['g', ['y'], 1],
        ],
        fast: f,
      },
      {
        kind: 'union',
        name: 'U',
        members: [
          ['one', 2],
          ['two', 3],
        ],
        unknown: 'unknown-event',
        strings: ['old'],
        fast: f,
      },
      {kind: 'member', fields: []},
      {kind: 'member', fields: [['k', 'word32', 1]], fast: f},
      {kind: 'array', element: 'JSONObject', fast: f},
      {kind: 'map', element: 2, fast: f},
      {kind: 'alternatives', slots: [0, 'int64']},
      {kind: 'enum', name: 'E', values: ['p', 'q'], fast: f},
    ])
  })

  it('is what generated/src/decode.ts holds', async () => {
    const layout = layOutShapeTable(sharedSchemaOf(await sharedBuild(PINNED_SOURCE)))
    expect(named(shapes)).toStrictEqual(named(evaluate(layout.entries) as ShapeTable))
  })

  it('shares one fast check between members with the same fields, which still fails at the right path', () => {
    // CIStatus sndError and sndWarning both hold `agentError: AgentErrorType`.
    const status = shapes.find((shape) => shape.kind === 'union' && shape.name === 'CIStatus')!
    if (status.kind !== 'union') throw new Error('no CIStatus')
    const member = (tag: string) => shapes[status.members.find(([t]) => t === tag)![1]]!
    const error = member('sndError')
    const warning = member('sndWarning')
    expect('fast' in error && error.fast).toBeTruthy()
    expect('fast' in error && 'fast' in warning && error.fast === warning.fast).toBe(true)
    expect(error).not.toBe(warning)
  })

  it('reports the failed field of each member that shares a check, with its own tag', () => {
    // ChatDeleteMode full and entity both hold `notify: bool`: one check, called for both.
    for (const type of ['full', 'entity']) {
      expect(decodeChatDeleteMode({type, notify: true}).ok).toBe(true)
      for (const allErrors of [false, true]) {
        const result = decodeChatDeleteMode({type, notify: 1}, {allErrors})
        expect(result.ok).toBe(false)
        if (result.ok) continue
        expect(result.issues.map((issue) => [issue.path, issue.message])).toEqual([
          ['$.notify', expect.stringContaining('bool') as string],
        ])
      }
      const missing = decodeChatDeleteMode({type})
      expect(!missing.ok && missing.error.path).toBe('$.notify')
    }
  })
})

describe('objectCheckNames', () => {
  it('shares a check between objects with the same fields only, a record never with a member', () => {
    const given = schema({
      types: [
        record('User', [field('id', 'int64')]),
        record('Same', [field('id', 'int64')]),
        union('Peer', [
          member('A', 'a', [field('id', 'int64')]),
          member('B', 'b', [field('id', 'int64')]),
          member('C', 'c', [field('id', 'int64', true)]),
          member('D', 'd', [field('id', 'int')]),
          member('E', 'e', [field('user', ref('User'))]),
          member('F', 'f', [field('user', {kind: 'reference', name: 'User', href: './TYPES.md#user'})]),
          member('G', 'g'),
        ]),
      ],
      events: [event('Seen', 'seen', [field('id', 'int64')])],
    })
    const names = objectCheckNames(given)
    expect(names.get('checkSame')).toBe('checkUser')
    expect(names.get('checkPeer_B')).toBe('checkPeer_A')
    expect(names.get('checkPeer_C')).toBe('checkPeer_C')
    expect(names.get('checkPeer_D')).toBe('checkPeer_D')
    // The same type by another link is the same check.
    expect(names.get('checkPeer_F')).toBe('checkPeer_E')
    expect(names.get('checkEvent_Seen')).toBe('checkPeer_A')
  })
})
