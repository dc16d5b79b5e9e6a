import {describe, expect, it} from 'vitest'
import {emitResponses} from '../../generator/emit/responses.js'
import {command, code, field, printStatements, ref, response, schema, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitResponses', () => {
  it('emits one interface per response tag with its description and commands, the ChatResponse union and the tags', async () => {
    expect(await printStatements(emitModule('responses.ts', (scope) => emitResponses(TINY, scope)))).toBe(code`
      import type * as T from './types.js'

      /**
       * The user.
       *
       * Response \`activeUser\` of \`APIGetUser\`.
       */
      export interface ActiveUser {
        type: 'activeUser'
        user: T.User
      }

      /** Every response of COMMANDS.md, discriminated by \`type\`. */
      export type ChatResponse = ActiveUser
      /** The \`type\` tag of a response. */
      export type ChatResponseTag = ChatResponse['type']
      /** \`CR.Tag\`, as upstream names the response tags: the same as \`ChatResponseTag\`. */
      export type Tag = ChatResponseTag
      /** Every response tag, in the order COMMANDS.md first lists them. */
      export const chatResponseTags = ['activeUser'] as const satisfies readonly ChatResponseTag[]
    `)
  })

  it('defines a tag shared by two commands once, naming both commands', async () => {
    const failed = () => response('ChatCmdError', 'chatCmdError', [field('chatError', ref('ChatError'))])
    const given = schema({commands: [command('A', [], [failed()]), command('B', [], [failed()])]})
    const text = await printStatements(emitModule('responses.ts', (scope) => emitResponses(given, scope)))
    expect(text).toContain(code`
      /** Response \`chatCmdError\` of \`A\`, \`B\`. */
      export interface ChatCmdError {
        type: 'chatCmdError'
        chatError: T.ChatError
      }
    `)
    expect(text).toContain(`export const chatResponseTags = ['chatCmdError'] as const`)
  })

  it('types ChatResponse as never when there are no commands', async () => {
    expect(await printStatements(emitModule('responses.ts', (scope) => emitResponses(schema({}), scope)))).toContain(
      'export type ChatResponse = never\n',
    )
  })
})
