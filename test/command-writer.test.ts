import {describe, expect, it} from 'vitest'
import {writeCommand} from '../templates/command-writer.js'

/** The generic entry of `command-strings.ts` (`commandString`), over a table of two commands. */
const writers = {
  APIStopChat: () => '/_stop',
  APIGetChat: (params: {chatId: number}) => `/_get chat @${params.chatId}`,
}

describe('writeCommand', () => {
  it.each([
    {given: ['APIStopChat', {}], want: '/_stop'},
    {given: ['APIGetChat', {chatId: 5}], want: '/_get chat @5'},
  ] as const)('$given.0 gives $want', ({given: [name, params], want}) => {
    expect(writeCommand(writers, name, params)).toBe(want)
  })

  it.each(['APISendMessage', 'constructor', '__proto__', 'toString'])(
    'refuses %s, which is no own command of the table (inherited names included)',
    (name) => {
      expect(() => writeCommand(writers, name, {})).toThrow(new TypeError(`unknown command: "${name}"`))
    },
  )
})
