import {describe, expect, it} from 'vitest'
import {emitCommands} from '../../generator/emit/commands.js'
import {command, code, field, printStatements, ref, response, schema, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitCommands', () => {
  it('emits a parameters interface per command with its doc, the name table and each command’s responses', async () => {
    expect(await printStatements(emitModule('commands.ts', (scope) => emitCommands(TINY, scope)))).toBe(code`
      import type * as CR from './responses.js'

      /**
       * Parameters of command \`APIGetUser\` (User commands).
       *
       * Network usage: no.
       *
       * Syntax: \`/_user <userId>\`
       */
      export interface APIGetUser {
        /** \`int64\`: an integer; \`JSON.parse\` rounds values beyond 2^53. */
        userId: number
      }

      /** The parameters of every command of COMMANDS.md, by command name. */
      export interface CommandParameters {
        /** Command \`APIGetUser\` (User commands). */
        APIGetUser: APIGetUser
      }

      /** The name of a command of COMMANDS.md (\`"APISendMessages"\`). */
      export type ChatCommandName = keyof CommandParameters
      /** Every command name, in the order of COMMANDS.md. */
      export const chatCommandNames = ['APIGetUser'] as const satisfies readonly ChatCommandName[]

      /** The responses each command may get (its \`**Responses**:\`), by command name. */
      export interface CommandResponses {
        APIGetUser: CR.ActiveUser
      }

      /** The response union of command \`N\`: \`CommandResponse<"APISendMessages">\` is \`CR.NewChatItems | CR.ChatCmdError\`. */
      export type CommandResponse<N extends ChatCommandName> = CommandResponses[N]
    `)
  })

  it('lists a response listed twice under one command once, and types optional reference parameters through T', async () => {
    const failed = response('ChatCmdError', 'chatCmdError', [field('chatError', ref('ChatError'))])
    const given = schema({
      commands: [
        command('APIStop', [field('ref', ref('ChatRef'), true)], [response('Ok', 'cmdOk', []), failed, failed]),
      ],
    })
    const text = await printStatements(emitModule('commands.ts', (scope) => emitCommands(given, scope)))
    expect(text).toContain(code`
      /** Parameters of command \`APIStop\` (User commands). */
      export interface APIStop {
        ref?: T.ChatRef
      }
    `)
    expect(text).toContain(code`
      export interface CommandResponses {
        APIStop: CR.Ok | CR.ChatCmdError
      }
    `)
  })

  it("puts each command's own doc text on its name in CommandParameters, where an editor shows it for send(name)", async () => {
    const given = schema({
      commands: [
        command('APIJoinGroup', [field('groupId', 'int64')], [response('Ok', 'cmdOk', [])], {
          category: 'Group commands',
          description: ['Join group.'],
        }),
      ],
    })
    expect(await printStatements(emitModule('commands.ts', (scope) => emitCommands(given, scope)))).toContain(code`
      export interface CommandParameters {
        /**
         * Join group.
         *
         * Command \`APIJoinGroup\` (Group commands).
         */
        APIJoinGroup: APIJoinGroup
      }
    `)
  })
})
