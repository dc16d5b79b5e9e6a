/** `compileSyntaxTemplates`: a stage that returns the compiled definitions and leaves what it was given alone. */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {compileSyntaxTemplates} from '../generator/parse/syntax-templates.js'
import type {CommandDefinition, TypeDefinition} from '../generator/schema/types.js'

const at = {file: 'COMMANDS.md', line: 3, column: 1}
const command = (name: string, syntax: CommandDefinition['syntax']): CommandDefinition => ({
  name,
  category: 'Chat commands',
  description: [],
  networkUsage: null,
  parameters: [
    {
      name: 'userId',
      wireName: 'userId',
      type: {kind: 'primitive', name: 'int64'},
      optional: false,
      location: at,
    },
  ],
  syntax,
  responses: [],
  errors: [],
  location: at,
})

describe('compileSyntaxTemplates', () => {
  it('returns copies with their templates and does not change its input', () => {
    const commands = [
      command('Show', [{lang: 'javascript', code: "'/_show ' + userId // JavaScript", location: at}]),
      command('Stop', [{lang: null, code: '/_stop', location: at}]),
    ]
    const types: TypeDefinition[] = []
    const before = structuredClone(commands)
    const compiled = compileSyntaxTemplates(types, commands, new Map())
    expect(commands).toEqual(before)
    expect(compiled.commands.map((each) => each.template?.expression)).toEqual([
      {
        kind: 'concat',
        parts: [
          {kind: 'literal', value: '/_show '},
          {kind: 'param', name: 'userId', render: 'plain'},
        ],
      },
      {kind: 'literal', value: '/_stop'},
    ])
  })

  it('reports a block that does not compile on its document and gives that command no template', () => {
    const file = new VFile({path: 'COMMANDS.md'})
    const broken = command('Broken', [{lang: 'javascript', code: "'/_x ' + nobody // JavaScript", location: at}])
    const {commands} = compileSyntaxTemplates([], [broken], new Map([['COMMANDS.md', file]]))
    expect(commands[0]!.template).toBeUndefined()
    expect(file.messages.map((message) => message.ruleId)).toEqual(['command-expression'])
  })
})
