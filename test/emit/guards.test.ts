import {describe, expect, it} from 'vitest'
import {emitGuards} from '../../generator/emit/guards.js'
import {code, printStatements, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitGuards', () => {
  it('emits a tag guard per event and response, and a deep guard per type and for both unions', async () => {
    expect(await printStatements(emitModule('guards.ts', (scope) => emitGuards(TINY, scope)))).toBe(code`
      import {shapes} from './decode.js'
      import {isValidValue} from './decoding.js'
      import type * as CEvt from './events.js'
      import type {ChatEvent} from './events.js'
      import type * as CR from './responses.js'
      import type {ChatResponse} from './responses.js'
      import type * as T from './types.js'

      /** Narrow an event to \`UserSeen\` (tag \`userSeen\`). */
      export function isUserSeen(event: ChatEvent): event is CEvt.UserSeen {
        return event.type === 'userSeen'
      }

      /** True when \`value\` is a valid event of the docs (the checks of default-mode decoding). */
      export function isValidChatEvent(value: unknown): value is ChatEvent {
        return isValidValue(shapes, 5, value)
      }

      /** Narrow a response to \`CR.ActiveUser\` (tag \`activeUser\`). */
      export function isActiveUserResponse(response: ChatResponse): response is CR.ActiveUser {
        return response.type === 'activeUser'
      }

      /** True when \`value\` is a valid response of the docs (the checks of default-mode decoding). */
      export function isValidChatResponse(value: unknown): value is ChatResponse {
        return isValidValue(shapes, 7, value)
      }

      /** True when \`value\` is a valid \`ChatType\` (the checks of default-mode decoding). */
      export function isValidChatType(value: unknown): value is T.ChatType {
        return isValidValue(shapes, 0, value)
      }

      /** True when \`value\` is a valid \`User\` (the checks of default-mode decoding). */
      export function isValidUser(value: unknown): value is T.User {
        return isValidValue(shapes, 1, value)
      }

      /** True when \`value\` is a valid \`Peer\` (the checks of default-mode decoding). */
      export function isValidPeer(value: unknown): value is T.Peer {
        return isValidValue(shapes, 2, value)
      }
    `)
  })
})
