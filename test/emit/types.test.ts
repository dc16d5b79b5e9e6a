import {describe, expect, it} from 'vitest'
import {emitTypes} from '../../generator/emit/types.js'
import {
  code,
  enumType,
  field,
  member,
  printStatements,
  record,
  ref,
  schema,
  TINY,
  union,
} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitTypes', () => {
  it('emits an enum with its values array, a record with optional, array, map and corrected fields, and a union whose member shadows a type', async () => {
    expect(await printStatements(emitModule('types.ts', (scope) => emitTypes(TINY, scope)))).toBe(code`
      import type * as Types from './types.js'
      /**
       * Command syntax: \`@|#\`
       *
       * Enum \`ChatType\` of TYPES.md.
       */
      export type ChatType = 'direct' | 'group'
      /** Every value of \`ChatType\`, in the docs' order. */
      export const chatTypeValues = ['direct', 'group'] as const satisfies readonly ChatType[]

      /**
       * A user profile. A comment ends at *\\/ in TypeScript.
       *
       * Record type \`User\` of TYPES.md.
       */
      export interface User {
        /**
         * Docs say \`string\`; the wire sends \`int64\` (spec/overlay.json: live servers send a number; evidence: frames/user.json).
         *
         * \`int64\`: an integer; \`JSON.parse\` rounds values beyond 2^53.
         */
        userId: number
        displayName: string
        tags?: string[]
        chats?: {[key: string]: ChatType}
      }

      /** Discriminated union \`Peer\` of TYPES.md. */
      export type Peer = Peer.User | Peer.Group

      export namespace Peer {
        /** The \`type\` tags of \`Peer\`. */
        export type Tag = 'user' | 'group'

        /** \`Peer\` member \`User\`: \`type: "user"\`. */
        export interface User {
          type: 'user'
          user: Types.User
        }

        /** \`Peer\` member \`Group\`: \`type: "group"\`. */
        export interface Group {
          type: 'group'
          members: Types.User[]
        }
      }
    `)
  })

  it('imports the Types self reference only when a union member shadows a type', async () => {
    const plain = schema({
      types: [
        record('User', [field('name', 'string')]),
        union('Peer', [member('Direct', 'direct', [field('user', ref('User'))])]),
      ],
    })
    expect(await printStatements(emitModule('types.ts', (scope) => emitTypes(plain, scope)))).toBe(code`
      /** Record type \`User\` of TYPES.md. */
      export interface User {
        name: string
      }

      /** Discriminated union \`Peer\` of TYPES.md. */
      export type Peer = Peer.Direct

      export namespace Peer {
        /** The \`type\` tags of \`Peer\`. */
        export type Tag = 'direct'

        /** \`Peer\` member \`Direct\`: \`type: "direct"\`. */
        export interface Direct {
          type: 'direct'
          user: User
        }
      }
    `)
  })

  it('writes a description holding */ so that it cannot close the doc comment', async () => {
    const text = await printStatements(
      emitModule('types.ts', (scope) =>
        emitTypes(
          schema({types: [enumType('Mode', ['a*/b'], {description: ['Ends */ here; @internal too.']})]}),
          scope,
        ),
      ),
    )
    expect(text).toBe(code`
      /**
       * Ends *\\/ here; \\@internal too.
       *
       * Enum \`Mode\` of TYPES.md.
       */
      export type Mode = 'a*/b'
      /** Every value of \`Mode\`, in the docs' order. */
      export const modeValues = ['a*/b'] as const satisfies readonly Mode[]
    `)
  })
})
