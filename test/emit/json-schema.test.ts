import {describe, expect, it} from 'vitest'
import {emitJsonSchema} from '../../generator/emit/json-schema.js'
import {TINY} from '../support/tiny-schema.js'

/** The emitted schema as its JSON text reads (descriptions left `undefined` are not written). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const ref = (key: string) => ({$ref: `#/$defs/${key}`})
const tagged = (...keys: string[]) => ({
  type: 'object',
  required: ['type'],
  discriminator: {propertyName: 'type'},
  oneOf: keys.map(ref),
})

describe('emitJsonSchema', () => {
  it('emits the events as the root union, and a $def per type, union member, event, response and command', () => {
    expect(asJson(emitJsonSchema(TINY, 'header text'))).toStrictEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $comment: 'header text',
      title: 'ChatEvent',
      description: 'An event of the SimpleX Chat bot API (the `resp` of a WebSocket frame).',
      ...tagged('CEvt.UserSeen'),
      $defs: {
        'T.ChatType': {type: 'string', enum: ['direct', 'group']},
        'T.User': {
          // JSON needs no comment escape: the description is kept verbatim.
          description: 'A user profile. A comment ends at */ in TypeScript.',
          type: 'object',
          properties: {
            userId: {type: 'integer'},
            displayName: {type: 'string'},
            tags: {type: 'array', items: {type: 'string'}},
            chats: {type: 'object', additionalProperties: ref('T.ChatType')},
          },
          required: ['userId', 'displayName'],
        },
        'T.Peer.User': {
          type: 'object',
          properties: {type: {const: 'user'}, user: ref('T.User')},
          required: ['type', 'user'],
        },
        'T.Peer.Group': {
          type: 'object',
          properties: {type: {const: 'group'}, members: {type: 'array', items: ref('T.User')}},
          required: ['type', 'members'],
        },
        'T.Peer': tagged('T.Peer.User', 'T.Peer.Group'),
        'CEvt.UserSeen': {
          description: 'A user was seen.',
          type: 'object',
          properties: {type: {const: 'userSeen'}, user: ref('T.User'), peer: ref('T.Peer')},
          required: ['type', 'user'],
        },
        'CR.ActiveUser': {
          description: 'The user.',
          type: 'object',
          properties: {type: {const: 'activeUser'}, user: ref('T.User')},
          required: ['type', 'user'],
        },
        ChatResponse: {
          description: 'A response of COMMANDS.md (the `resp` of a frame with a `corrId`).',
          ...tagged('CR.ActiveUser'),
        },
        'CC.APIGetUser': {
          description: 'The parameters of command APIGetUser.',
          type: 'object',
          properties: {userId: {type: 'integer'}},
          required: ['userId'],
        },
      },
    })
  })

  it('types a field by its overlay-corrected type, not the type the docs give', () => {
    const user = asJson(emitJsonSchema(TINY, '')) as {$defs: {'T.User': {properties: {userId: unknown}}}}
    expect(TINY.types[1]?.kind === 'record' && TINY.types[1].fields[0]?.correction?.docsType).toBe('string')
    expect(user.$defs['T.User'].properties.userId).toStrictEqual({type: 'integer'})
  })
})
