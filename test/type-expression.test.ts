/**
 * The field-line grammar (`parseFieldLine`), exercised through the real markdown
 * parser: each case is one field line inside a tiny, otherwise valid TYPES.md.
 *
 *     line  = [name] ":" type ["?"]
 *     type  = primitive | link | "[" type "]" | "{" "string" ":" type "}" | '"' text '"'
 */
import type {List} from 'mdast'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {toMdast} from '../generator/parse/index.js'
import {parseCompactFieldLine, parseFieldLine} from '../generator/parse/type-expression.js'
import {buildSchema} from '../generator/pipeline.js'
import {PRIMITIVES} from '../generator/schema/index.js'
import type {Field, Schema} from '../generator/schema/index.js'

const EVENTS_MD = '# API Events\n\nThis file is generated automatically.\n'

/** A TYPES.md whose record `Probe` has the one field line `- LINE`, and an enum `Target` to link to. */
function typesDocument(fieldLine: string): string {
  return [
    '# API Types',
    '',
    'This file is generated automatically.',
    '',
    '- [Probe](#probe)',
    '- [Target](#target)',
    '',
    '---',
    '',
    '## Probe',
    '',
    '**Record type**:',
    `- ${fieldLine}`,
    '',
    '---',
    '',
    '## Target',
    '',
    '**Enum type**:',
    '- "x"',
    '',
  ].join('\n')
}

/** The line of TYPES.md that holds the probed field line. */
const PROBE_LINE = typesDocument('PROBE').split('\n').indexOf('- PROBE') + 1

interface Located {
  reason: string
  line: number | undefined
  column: number | undefined
  ruleId: string | undefined
}

function build(fieldLine: string) {
  return buildSchema({
    events: new VFile({path: 'EVENTS.md', value: EVENTS_MD}),
    types: new VFile({path: 'TYPES.md', value: typesDocument(fieldLine)}),
  })
}

/** The field read from `- LINE`; fails when the document has errors. */
function fieldOf(fieldLine: string): Pick<Field, 'name' | 'wireName' | 'optional' | 'type'> {
  const result = build(fieldLine)
  if (!result.ok)
    expect.fail(
      `\`- ${fieldLine}\` gave errors: ${result.files.flatMap((file) => file.messages.map(String)).join('; ')}`,
    )
  const probe = (result.schema as Schema).types.find((type) => type.name === 'Probe')
  if (probe?.kind !== 'record' || probe.fields.length !== 1) expect.fail('expected Probe to be a record with one field')
  const {name, wireName, optional, type} = probe.fields[0]!
  return {name, wireName, optional, type}
}

/** The errors `- LINE` gives, located. */
function errorsOf(fieldLine: string): Located[] {
  const result = build(fieldLine)
  expect(result.ok).toBe(false)
  return result.files.flatMap((file) =>
    file.messages.map((message) => ({
      reason: message.reason,
      line: message.line,
      column: message.column,
      ruleId: message.ruleId,
    })),
  )
}

/** Call `parseFieldLine` directly on the list item of a one-line markdown document. */
function parseLineDirectly(fieldLine: string) {
  const file = new VFile({path: 'TYPES.md', value: `- ${fieldLine}\n`})
  const list = toMdast(file).children[0] as List
  const paragraph = list.children[0]!.children[0]
  if (paragraph?.type !== 'paragraph') expect.fail('expected a paragraph in the list item')
  const parsed = parseFieldLine(paragraph.children, file)
  return {
    parsed,
    messages: file.messages.map((message) => ({reason: message.reason, line: message.line, column: message.column})),
  }
}

describe('primitives', () => {
  it.each(PRIMITIVES)('reads `id: %s` as that primitive', (primitive) => {
    expect(fieldOf(`id: ${primitive}`)).toEqual({
      name: 'id',
      wireName: 'id',
      optional: false,
      type: {kind: 'primitive', name: primitive},
    })
  })

  it('keeps an underscore in the name, on the wire too', () => {
    expect(fieldOf('chat_: string')).toMatchObject({name: 'chat_', wireName: 'chat_'})
  })

  it('reads the unnamed `: word32` as name "" and wire name "data"', () => {
    expect(fieldOf(': word32')).toEqual({
      name: '',
      wireName: 'data',
      optional: false,
      type: {kind: 'primitive', name: 'word32'},
    })
  })
})

describe('optional', () => {
  it('reads `label: string?` as optional', () => {
    expect(fieldOf('label: string?').optional).toBe(true)
  })

  it('reads `label: string` as required', () => {
    expect(fieldOf('label: string').optional).toBe(false)
  })

  it('reads `?` after a link as optional', () => {
    expect(fieldOf('target: [Target](#target)?')).toMatchObject({
      optional: true,
      type: {kind: 'reference', name: 'Target'},
    })
  })

  it('reads `?` after an array as an optional array, not an array of optionals', () => {
    expect(fieldOf('ids: [int64]?')).toMatchObject({
      optional: true,
      type: {kind: 'array', element: {kind: 'primitive', name: 'int64'}},
    })
  })
})

describe('references', () => {
  it('reads the TYPES.md form `[Target](#target)`', () => {
    expect(fieldOf('target: [Target](#target)').type).toEqual({kind: 'reference', name: 'Target', href: '#target'})
  })

  it('reads the EVENTS.md form `[Target](./TYPES.md#target)`', () => {
    expect(fieldOf('target: [Target](./TYPES.md#target)').type).toEqual({
      kind: 'reference',
      name: 'Target',
      href: './TYPES.md#target',
    })
  })
})

describe('arrays', () => {
  it('reads `[int64]` as an array of int64', () => {
    expect(fieldOf('ids: [int64]').type).toEqual({kind: 'array', element: {kind: 'primitive', name: 'int64'}})
  })

  it('reads `[[Target](#target)]` as an array of a reference', () => {
    expect(fieldOf('targets: [[Target](#target)]').type).toEqual({
      kind: 'array',
      element: {kind: 'reference', name: 'Target', href: '#target'},
    })
  })

  it('reads `[[string]]` as an array of arrays', () => {
    expect(fieldOf('rows: [[string]]').type).toEqual({
      kind: 'array',
      element: {kind: 'array', element: {kind: 'primitive', name: 'string'}},
    })
  })

  it('reads `[[[Target](#target)]]` as an array of arrays of a reference', () => {
    expect(fieldOf('grid: [[[Target](#target)]]').type).toEqual({
      kind: 'array',
      element: {kind: 'array', element: {kind: 'reference', name: 'Target', href: '#target'}},
    })
  })
})

describe('maps', () => {
  it('reads `{string : int64}` as a map from string to int64', () => {
    expect(fieldOf('counts: {string : int64}').type).toEqual({
      kind: 'map',
      key: 'string',
      value: {kind: 'primitive', name: 'int64'},
    })
  })

  it('reads `{string : [Target](#target)}` as a map to a reference', () => {
    expect(fieldOf('byName: {string : [Target](#target)}').type).toEqual({
      kind: 'map',
      key: 'string',
      value: {kind: 'reference', name: 'Target', href: '#target'},
    })
  })

  it('reads `{string : [int64]}` as a map to an array', () => {
    expect(fieldOf('lists: {string : [int64]}').type).toEqual({
      kind: 'map',
      key: 'string',
      value: {kind: 'array', element: {kind: 'primitive', name: 'int64'}},
    })
  })

  it('ignores spaces between tokens: `{string:int64}` is the same map', () => {
    expect(fieldOf('counts: {string:int64}').type).toEqual(fieldOf('counts: {string : int64}').type)
  })
})

describe('literals', () => {
  it('reads `type: "probe"` as a string literal', () => {
    expect(parseLineDirectly('type: "probe"')).toEqual({
      parsed: {name: 'type', optional: false, type: {kind: 'literal', value: 'probe'}},
      messages: [],
    })
  })

  it("takes an event's tag from its literal first line", () => {
    const events = [
      '# API Events',
      '',
      '[Probe events](#probe-events)',
      '- [ProbeEvent](#probeevent)',
      '',
      '---',
      '',
      '## Probe events',
      '',
      '### ProbeEvent',
      '',
      '**Record type**:',
      '- type: "probeEvent"',
      '- id: int64',
      '',
    ].join('\n')
    const result = buildSchema({
      events: new VFile({path: 'EVENTS.md', value: events}),
      types: new VFile({path: 'TYPES.md', value: typesDocument('id: int64')}),
    })
    expect(
      result.ok &&
        result.schema.events.map((event) => [event.name, event.tag, event.fields.map((field) => field.name)]),
    ).toEqual([['ProbeEvent', 'probeEvent', ['id']]])
  })

  it('rejects a literal that is not the tag line', () => {
    expect(errorsOf('kind: "x"')).toEqual([
      {
        reason: 'Unexpected literal type in type `Probe`: only the first line may be the tag',
        line: PROBE_LINE,
        column: 1,
        ruleId: 'stray-literal',
      },
    ])
  })
})

describe('errors, with the column of the offending token', () => {
  /**
   * `before` is the part of the line in front of the offending token: the error's
   * column is the one right after `- ` + `before` (the whole line: its end).
   */
  const cases: {line: string; before: string; reason: string}[] = [
    {
      line: 'id: int32',
      before: 'id: ',
      reason:
        'Unknown primitive type `int32` (expected a link to a type or one of bool, string, int, int64, word32, double, JSONObject, UTCTime)',
    },
    {line: 'id int64', before: 'id ', reason: 'Expected `:` after the field name `id`'},
    {line: 'id:', before: 'id:', reason: 'Expected a type, found the end of the line'},
    {line: 'id: ]', before: 'id: ', reason: 'Expected a type, found `]`'},
    {
      line: 'ids: [int64',
      before: 'ids: [int64',
      reason: `Expected \`]\` to close the array opened at ${PROBE_LINE}:8, found the end of the line`,
    },
    {
      line: 'ids: [int64}',
      before: 'ids: [int64',
      reason: `Expected \`]\` to close the array opened at ${PROBE_LINE}:8`,
    },
    {line: 'm: {int64 : string}', before: 'm: {', reason: 'Expected `string` as the key type of a map'},
    {line: 'm: {string int64}', before: 'm: {string ', reason: 'Expected `:` between the key and value types of a map'},
    {
      line: 'm: {string : int64',
      before: 'm: {string : int64',
      reason: `Expected \`}\` to close the map opened at ${PROBE_LINE}:6, found the end of the line`,
    },
    {line: 'id: int64 int64', before: 'id: int64 ', reason: 'Unexpected `int64` after the field type'},
    {line: 'id: int64??', before: 'id: int64?', reason: 'Unexpected `?` after the field type'},
    {
      line: 'id: int64 [Target](#target)',
      before: 'id: int64 ',
      reason: 'Unexpected link `Target` after the field type',
    },
    {line: 'name: "unclosed', before: 'name: ', reason: 'Unclosed string: expected a closing `"`'},
    {line: 'id: int64!', before: 'id: int64', reason: 'Unexpected character `!` in a field line'},
    {line: 'id: *int64*', before: 'id: ', reason: 'Unexpected emphasis in a field line'},
    {line: 'id: `int64`', before: 'id: ', reason: 'Unexpected inlineCode in a field line'},
  ]

  it.each(cases)('`- $line`: $reason', ({line, before, reason}) => {
    expect(line.startsWith(before)).toBe(true)
    expect(errorsOf(line)).toEqual([
      {reason, line: PROBE_LINE, column: '- '.length + before.length + 1, ruleId: 'field-line'},
    ])
  })

  it('reports a link to a type TYPES.md does not define, at the field', () => {
    expect(errorsOf('missing: [Missing](#missing)')).toEqual([
      {
        reason: 'Unknown type `Missing` referenced in type `Probe` (no `## Missing` in TYPES.md)',
        line: PROBE_LINE,
        column: 1,
        ruleId: 'dangling-reference',
      },
    ])
  })

  it("reports a link whose anchor is not the type's", () => {
    expect(errorsOf('target: [Target](#other)')).toEqual([
      {
        reason: 'Link `Target` points at `#other`, expected the anchor `#target`',
        line: PROBE_LINE,
        column: 1,
        ruleId: 'anchor',
      },
    ])
  })

  // Each level is emitted again inside the one around it: without a bound, 2.8 KB of brackets crashed prettier
  // (50 here: a paragraph holds at most 100 closing brackets).
  it('reports a type nested deeper than 8 as too-deep at the bracket past the limit', () => {
    expect(errorsOf(`deep: ${'['.repeat(50)}int${']'.repeat(50)}`)).toEqual([
      {reason: 'Type nests more than 8 deep (arrays and maps)', line: PROBE_LINE, column: 17, ruleId: 'too-deep'},
    ])
    expect(errorsOf(`deep: ${'{string: '.repeat(9)}int${'}'.repeat(9)}`)).toEqual([
      {reason: 'Type nests more than 8 deep (arrays and maps)', line: PROBE_LINE, column: 81, ruleId: 'too-deep'},
    ])
    expect(fieldOf(`deep: ${'['.repeat(8)}int${']'.repeat(8)}`).type).toMatchObject({kind: 'array'})
  })

  it('reports a field line over 1024 characters as too-large at its start', () => {
    expect(errorsOf(`big: "${'x'.repeat(2000)}"`)).toEqual([
      {
        reason: 'Field line is 2006 characters long, more than the limit of 1024',
        line: PROBE_LINE,
        column: 3,
        ruleId: 'too-large',
      },
    ])
  })

  it('reports the error through parseFieldLine itself and returns null', () => {
    expect(parseLineDirectly('id: int64!')).toEqual({
      parsed: null,
      messages: [{reason: 'Unexpected character `!` in a field line', line: 1, column: '- id: int64'.length + 1}],
    })
  })
})

describe("the overlay's compact form (`parseCompactFieldLine`)", () => {
  it('reads a bare type name as a reference to TYPES.md, and the rest as the docs write it', () => {
    expect(parseCompactFieldLine('users: {string : [User]}?')).toEqual({
      name: 'users',
      optional: true,
      type: {
        kind: 'map',
        key: 'string',
        value: {kind: 'array', element: {kind: 'reference', name: 'User', href: './TYPES.md#user'}},
      },
    })
    expect(parseCompactFieldLine('count: int')).toEqual({
      name: 'count',
      optional: false,
      type: {kind: 'primitive', name: 'int'},
    })
  })

  it('returns the error and its column instead of reporting it', () => {
    expect(parseCompactFieldLine('map: {int : User}')).toEqual({
      error: 'Expected `string` as the key type of a map',
      column: 7,
    })
    expect(parseCompactFieldLine('user: User User')).toEqual({
      error: 'Unexpected `User` after the field type',
      column: 12,
    })
    expect(parseCompactFieldLine(`deep: ${'['.repeat(9)}int${']'.repeat(9)}`)).toEqual({
      error: 'Type nests more than 8 deep (arrays and maps)',
      column: 15,
    })
  })

  it('leaves the docs strict: a bare word that is no primitive is still an error there', () => {
    expect(errorsOf('user: User')).toEqual([
      expect.objectContaining({reason: expect.stringMatching(/^Unknown primitive type `User`/), ruleId: 'field-line'}),
    ])
  })
})
