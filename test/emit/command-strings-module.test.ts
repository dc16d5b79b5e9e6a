import {describe, expect, it} from 'vitest'
import {emitCommandStrings} from '../../generator/emit/command-strings-module.js'
import {code, command, enumType, field, printStatements, ref, response, schema} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

/** An enum written by its syntax (`@` or `#`), a command using it, and a command without parameters. */
const GIVEN = schema({
  types: [
    enumType('ChatType', ['direct', 'group'], {
      grammar: '@|#',
      template: {
        subject: 'self',
        unguardedOptionals: [],
        expression: {
          kind: 'conditional',
          test: {kind: 'equals', name: 'self', operator: '==', value: 'direct'},
          then: {kind: 'literal', value: '@'},
          else: {kind: 'literal', value: '#'},
        },
      },
    }),
  ],
  commands: [
    command(
      'APIGetChat',
      [field('chatType', ref('ChatType')), field('chatId', 'int64')],
      [response('Chat', 'chat', [])],
      {
        template: {
          subject: 'fields',
          unguardedOptionals: [],
          expression: {
            kind: 'concat',
            parts: [
              {kind: 'literal', value: '/_get chat '},
              {kind: 'param', name: 'chatType', render: 'cmdString', type: 'ChatType'},
              {kind: 'param', name: 'chatId', render: 'plain'},
            ],
          },
        },
      },
    ),
    command('APIStopChat', [], [response('Stopped', 'chatStopped', [])], {
      template: {subject: 'fields', unguardedOptionals: [], expression: {kind: 'literal', value: '/_stop'}},
    }),
  ],
})

describe('emitCommandStrings', () => {
  it('emits a function per type syntax and per command, the name table and commandString', async () => {
    expect(await printStatements(emitModule('command-strings.ts', (scope) => emitCommandStrings(GIVEN, scope))))
      .toBe(code`
      import {writeCommand} from './command-writer.js'
      import type * as CC from './commands.js'
      import type {ChatCommandName, CommandParameters} from './commands.js'
      import type * as T from './types.js'

      /** \`ChatType\` as command strings write it (its \`**Syntax**:\` in TYPES.md). */
      export function chatTypeCmdString(self: T.ChatType): string {
        return self == 'direct' ? '@' : '#'
      }

      /** The command string of \`APIGetChat\`, as its \`**Syntax**:\` in COMMANDS.md builds it. */
      export function apiGetChatCmdString(p: CC.APIGetChat): string {
        return '/_get chat ' + chatTypeCmdString(p.chatType) + p.chatId
      }

      /** The command string of \`APIStopChat\`, as its \`**Syntax**:\` in COMMANDS.md builds it. */
      export function apiStopChatCmdString(_params: CC.APIStopChat): string {
        return '/_stop'
      }

      const commandStringFunctions: {readonly [N in ChatCommandName]: (params: CommandParameters[N]) => string} = {
        APIGetChat: apiGetChatCmdString,
        APIStopChat: apiStopChatCmdString,
      }

      /**
       * The command string of command \`name\` with its parameters, as the docs' \`**Syntax**:\` builds it: \`commandString("APISendMessages", {sendRef: {chatType: "direct", chatId: 1}, liveMessage: false, signMessages: false, composedMessages})\` gives \`/_send \\@1 json [...]\`.
       *
       * Throws a \`TypeError\` for a name that is not a command of the docs (only reachable from untyped code).
       */
      export function commandString<N extends ChatCommandName>(name: N, params: CommandParameters[N]): string {
        return writeCommand(commandStringFunctions, name, params)
      }
    `)
  })

  it('writes a syntax literal holding */, a quote and U+2028 as an escaped string literal', async () => {
    const given = schema({
      commands: [
        command('Odd', [], [], {
          template: {subject: 'fields', unguardedOptionals: [], expression: {kind: 'literal', value: "/x */ ' \u2028"}},
        }),
      ],
    })
    expect(await printStatements(emitModule('command-strings.ts', (scope) => emitCommandStrings(given, scope))))
      .toContain(code`
      export function oddCmdString(_params: CC.Odd): string {
        return "/x */ ' \\u2028"
      }
    `)
  })
})
