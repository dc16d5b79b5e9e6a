import {describe, expect, it} from 'vitest'
import {emitEvents} from '../../generator/emit/events.js'
import {array, code, event, field, map, printStatements, ref, schema, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitEvents', () => {
  it('emits each event with its tag first, types through T, the ChatEvent union, the tags and the categories', async () => {
    expect(await printStatements(emitModule('events.ts', (scope) => emitEvents(TINY, scope)))).toBe(code`
      import type * as T from './types.js'

      /**
       * A user was seen.
       *
       * Event \`userSeen\` (Users, main event).
       */
      export interface UserSeen {
        type: 'userSeen'
        user: T.User
        peer?: T.Peer
      }

      /** Every event of EVENTS.md, discriminated by \`type\`. */
      export type ChatEvent = UserSeen
      /** The \`type\` tag of an event. */
      export type ChatEventTag = ChatEvent['type']
      /** \`CEvt.Tag\`, as upstream names the event tags: the same as \`ChatEventTag\`. */
      export type Tag = ChatEventTag
      /** Every event tag, in the order of EVENTS.md. */
      export const chatEventTags = ['userSeen'] as const satisfies readonly ChatEventTag[]

      /** A category of EVENTS.md (\`## ...\`) and its events. */
      export interface EventCategory {
        name: string
        /** Markdown, as the docs write it; links to the docs point at their upstream commit. */
        description: string
        /** \`rank\`: "Main event(s)" or "Other events" in the docs' table of contents; \`unranked\` where a category lists its events flat. */
        events: readonly {name: string; tag: ChatEventTag; rank: 'main' | 'other' | 'unranked'}[]
      }

      /** The categories of EVENTS.md, in order. */
      export const eventCategories: readonly EventCategory[] = [
        {name: 'Users', description: '', events: [{name: 'UserSeen', tag: 'userSeen', rank: 'main'}]},
      ]
    `)
  })

  it('names an unranked event by its category only, and types arrays and maps of references through T', async () => {
    const given = schema({
      events: [
        event('ChatError', 'chatError', [field('errors', array(ref('ChatError'))), field('byId', map('int64'), true)], {
          category: 'Errors',
          rank: 'unranked',
        }),
      ],
    })
    const text = await printStatements(emitModule('events.ts', (scope) => emitEvents(given, scope)))
    expect(text).toContain(code`
      /** Event \`chatError\` (Errors). */
      export interface ChatError {
        type: 'chatError'
        errors: T.ChatError[]
        /** \`int64\`: an integer; \`JSON.parse\` rounds values beyond 2^53. */
        byId?: {[key: string]: number}
      }
    `)
    expect(text).toContain(`{name: 'ChatError', tag: 'chatError', rank: 'unranked'}`)
  })
})
