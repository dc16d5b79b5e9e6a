/**
 * The reader of command strings (`templates/command-reader.ts`) on the grammar `commandGrammar` emits for
 * small specs: the constructs of the docs' syntax that the pinned commands do not all use (string lists,
 * number literals, tests on enums, values written with `+` that cannot be read back), one behaviour each.
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {commandGrammar} from '../generator/emit/command-parse.js'
import {buildSchema} from '../generator/pipeline.js'
import {readCommand} from '../templates/command-reader.js'
import {commandsDocument, type MiniCommand} from './support/mini-commands.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument} from './support/mini-spec.js'

/** The grammar of a mini spec with `commands` (types: `Kind` enum small|large, `Shape` union, `User`). */
function grammarOf(commands: MiniCommand[]) {
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: eventsDocument(MINI_EVENTS)}),
    types: new VFile({path: 'TYPES.md', value: typesDocument(MINI_TYPES)}),
    commands: new VFile({path: 'COMMANDS.md', value: commandsDocument(commands)}),
  })
  if (!result.ok) throw new Error(result.files.flatMap((file) => file.messages.map(String)).join('\n'))
  return commandGrammar(result.schema)
}

const command = (name: string, parameters: string[], javascript: string): MiniCommand => ({
  name,
  parameters,
  javascript,
  responses: [{name: 'Ok', tag: 'ok'}],
})

const grammar = grammarOf([
  command('Tag', ['- tags: [string]'], "'/tag ' + tags.join(';')"),
  command('Pick', ['- kind: [Kind](./TYPES.md#kind)'], "'/pick ' + (kind == 'small' ? 's' : 'l')"),
  command('Level', ['- level: int?'], "'/level ' + 1 + (typeof level == 'number' ? ' at=' + level : '')"),
  command('Store', ['- data: JSONObject'], "'/store ' + data"),
  command('Say', ['- text: string', '- loud: bool'], "'/say' + (loud ? '!' : '') + ' ' + text"),
])

describe('readCommand', () => {
  it.each([
    ['/tag a;b;c', 'Tag', {tags: ['a', 'b', 'c']}],
    // A list of strings always has an element: `[]` and `['']` are both written as nothing.
    ['/tag ', 'Tag', {tags: ['']}],
    // `kind == 'small' ? 's' : 'l'`: `l` is the one value of Kind that is not `small`.
    ['/pick s', 'Pick', {kind: 'small'}],
    ['/pick l', 'Pick', {kind: 'large'}],
    // The number literal 1 is written as String writes it.
    ['/level 1', 'Level', {}],
    ['/level 1 at=-2.5e-3', 'Level', undefined],
    ['/level 1 at=7', 'Level', {level: 7}],
    ['/say! hello there', 'Say', {text: 'hello there', loud: true}],
    ['/say ', 'Say', {text: '', loud: false}],
  ])('%j reads as %s %j', (text, name, params) => {
    const read = readCommand(grammar, text)
    if (params === undefined) {
      // `level` is an int: a fraction is no value of it.
      expect(read).toMatchObject({ok: false, error: {offset: 12, message: 'expected an integer at offset 12'}})
    } else expect(read).toEqual({ok: true, name, params})
  })

  it('a value written with + that cannot be read back is an error naming the parameter', () => {
    expect(readCommand(grammar, '/store [object Object]')).toEqual({
      ok: false,
      error: {message: 'expected `data` (written as "[object Object]") at offset 7', offset: 7},
    })
  })

  it('without commands every text is an error at offset 0', () => {
    expect(readCommand({commands: [], types: []}, '/_send @1 json []')).toEqual({
      ok: false,
      error: {message: 'expected a command (the docs list none)', offset: 0},
    })
  })

  it('a text that is not a string is an error, not a throw', () => {
    expect(readCommand(grammar, undefined)).toEqual({
      ok: false,
      error: {message: 'expected a command string', offset: 0},
    })
  })
})
