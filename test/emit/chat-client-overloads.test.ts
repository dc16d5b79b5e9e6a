import {describe, expect, it} from 'vitest'
import {emitChatClientOverloads} from '../../generator/emit/chat-client-overloads.js'
import {code, printStatements, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitChatClientOverloads', () => {
  it('gives send and sendOk one overload per command, on and once one per event, each with its doc text and the types of the generic signatures', async () => {
    expect(
      await printStatements(emitModule('chat-client-overloads.ts', (scope) => emitChatClientOverloads(TINY, scope))),
    ).toBe(code`
      import type {ChatCoreResponses} from './chat-client.js'
      import type {AbortSignalLike, EventHandler, SendOptions} from './client.js'
      import type {CommandParameters} from './commands.js'
      import type {ChatEvent} from './events.js'
      import type {DecodedKnown} from './lenient.js'
      import type {DecodeMode} from './runtime.js'

      /** \`send\`, \`sendOk\`, \`on\` and \`once\` once per command and event, each with its doc text (the generic signatures of \`ChatClient\` take a name held in a variable). */
      export interface ChatCoreOverloads<Mode extends DecodeMode = 'default'> {
        /**
         * Command \`APIGetUser\` (User commands).
         *
         * Resolves with its decoded response (\`chatCmdError\` included).
         */
        send(
          name: 'APIGetUser',
          params: CommandParameters['APIGetUser'],
          options?: SendOptions,
        ): Promise<ChatCoreResponses<Mode>['APIGetUser']>
        /**
         * Command \`APIGetUser\` (User commands).
         *
         * Resolves with its decoded response; a \`chatCmdError\` reply rejects with a \`ChatCommandError\`.
         */
        sendOk(
          name: 'APIGetUser',
          params: CommandParameters['APIGetUser'],
          options?: SendOptions,
        ): Promise<Exclude<ChatCoreResponses<Mode>['APIGetUser'], {type: 'chatCmdError'}>>
        /**
         * A user was seen.
         *
         * Event \`userSeen\` (Users).
         *
         * Calls \`handler\` with each such event; returns a function that removes it.
         */
        on(
          tag: 'userSeen',
          handler: EventHandler<Extract<DecodedKnown<ChatEvent, Mode>, {type: 'userSeen'}>>,
        ): () => void
        /**
         * A user was seen.
         *
         * Event \`userSeen\` (Users).
         *
         * Resolves with the next such event; rejects with \`closed\` or \`aborted\`.
         */
        once(
          tag: 'userSeen',
          options?: {signal?: AbortSignalLike},
        ): Promise<Extract<DecodedKnown<ChatEvent, Mode>, {type: 'userSeen'}>>
      }
    `)
  })
})
