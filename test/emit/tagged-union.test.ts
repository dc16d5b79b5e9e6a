import {describe, expect, it} from 'vitest'
import {memberInterface, topLevelUnionDeclarations} from '../../generator/emit/tagged-union.js'
import {GENERATOR, NameRegistry} from '../../generator/emit/module-scope.js'
import {code, field, printStatements, ref} from '../support/tiny-schema.js'

describe('the tagged-union emitter', () => {
  it('a member interface: the tag line first, then the fields, each type named by the reference given', async () => {
    const member = memberInterface(
      {
        name: 'Sent',
        owner: GENERATOR,
        tag: 'sent',
        fields: [field('user', ref('User'))],
        docs: [{description: 'One member.'}],
      },
      (name) => `Types.${name}`,
      new NameRegistry().module('responses.ts'),
    )
    expect(await printStatements([member])).toBe(code`
      /** One member. */
      export interface Sent {
        type: 'sent'
        user: Types.User
      }
    `)
  })

  it('a top-level union: the union, its tag type, the upstream Tag alias and the tags; no member is never', async () => {
    const union = (members: {name: string; tag: string}[]) =>
      topLevelUnionDeclarations(
        {
          name: 'ChatThing',
          description: 'Every thing.',
          noun: 'item',
          tagType: 'ChatThingTag',
          upstreamNamespace: 'CT',
          tags: {name: 'chatThingTags', description: 'Every thing tag.'},
          members,
        },
        new NameRegistry().module('responses.ts'),
      )
    expect(await printStatements(union([]))).toBe(code`
      /** Every thing. */
      export type ChatThing = never
      /** The \`type\` tag of an item. */
      export type ChatThingTag = ChatThing['type']
      /** \`CT.Tag\`, as upstream names the item tags: the same as \`ChatThingTag\`. */
      export type Tag = ChatThingTag
      /** Every thing tag. */
      export const chatThingTags = [] as const satisfies readonly ChatThingTag[]
    `)
    expect(
      await printStatements(
        union([
          {name: 'A', tag: 'a'},
          {name: 'B', tag: 'b'},
        ]),
      ),
    ).toContain('export type ChatThing = A | B\n')
  })
})
