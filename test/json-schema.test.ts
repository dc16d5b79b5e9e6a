import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import {beforeAll, describe, expect, it} from 'vitest'
import {decodeChatEvent, decodeChatResponse} from '../generated/src/index.js'
import {emitJsonSchema} from '../generator/emit/json-schema.js'
import {SCHEMA_VERSION, type Field, type Schema} from '../generator/schema/types.js'
import {loadSchema, sampleEvents} from './support/arbitraries.js'
import {invitationForNewestDocs} from './support/frames.js'
import {applyMutation, eventRoot, listMutations} from './support/mutations.js'

const root = path.resolve(import.meta.dirname, '..')
const jsonSchema = JSON.parse(readFileSync(path.join(root, 'generated', 'schema.json'), 'utf8')) as Record<
  string,
  unknown
>
const frame = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'frames', name), 'utf8'))

// ajv/dist/2020.js is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the class.
const validate = new Ajv2020.default({discriminator: true, allErrors: false, strict: false}).compile(jsonSchema)

describe('generated/schema.json', () => {
  it('is draft 2020-12 with a $def for every type, union member and event', () => {
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const definitions = Object.keys(jsonSchema.$defs as object)
    // The compat build: the 50 events of the newest docs and `groupLinkRelaysUpdated`, which only the fork has.
    expect(definitions.filter((key) => key.startsWith('CEvt.'))).toHaveLength(51)
    expect(definitions).toContain('CEvt.GroupLinkRelaysUpdated')
    expect(definitions).toContain('T.User')
    expect(definitions).toContain('T.ChatError.ErrorAgent')
    expect(definitions).toContain('CEvt.ChatError')
    expect(jsonSchema.$comment).toMatch(/EVENTS\.md sha256 [0-9a-f]{64}/)
  })

  it('accepts the real events of servers older and newer than the pinned docs, and rejects what default mode rejects', () => {
    const complete = ['complete/receivedGroupInvitation-1.json', 'complete/newChatItems-1.json']
    for (const name of complete) {
      expect(validate(frame(name)), name).toBe(true)
      expect(decodeChatEvent(frame(name)).ok, name).toBe(true)
    }
    expect(validate(invitationForNewestDocs())).toBe(true)
    // No doc version has this event.
    expect(validate(frame('not-in-current-docs/contactSubSummary-1.json'))).toBe(false)
    // `groupInfo` is required by every doc version.
    const {groupInfo: _dropped, ...broken} = frame(complete[0]!) as Record<string, unknown>
    expect(validate(broken)).toBe(false)
    expect(decodeChatEvent(broken).ok).toBe(false)
  })

  describe('agrees with the default-mode decoder', () => {
    let events: unknown[]
    beforeAll(async () => {
      events = sampleEvents(await loadSchema(), 60, 11)
    })

    it('on valid events drawn from the schema', () => {
      for (const event of events) expect(validate(event), JSON.stringify(validate.errors?.[0])).toBe(true)
    })

    it('on single mutations of them: ajv rejects exactly what the decoder rejects', async () => {
      const schema = await loadSchema()
      let compared = 0
      for (const [index, event] of events.entries()) {
        for (const mutation of listMutations(schema, event, eventRoot(schema, event), index).slice(0, 8)) {
          const mutated = applyMutation(event, mutation)
          const decoded = decodeChatEvent(mutated)
          expect(validate(mutated), mutation.path).toBe(decoded.ok)
          compared++
        }
      }
      expect(compared).toBeGreaterThan(200)
    })
  })
})

describe('emitJsonSchema', () => {
  const at = {file: 'TYPES.md', line: 1, column: 1}
  const field = (name: string, type: Field['type']): Field => ({
    name,
    wireName: name,
    optional: false,
    type,
    location: at,
  })
  const tiny: Schema = {
    schemaVersion: SCHEMA_VERSION,
    sources: {events: {file: 'EVENTS.md', sha256: '0'.repeat(64)}, types: {file: 'TYPES.md', sha256: '1'.repeat(64)}},
    categories: [{name: 'Odd', description: [], events: ['OddEvent'], location: at}],
    events: [
      {
        name: 'OddEvent',
        tag: 'oddEvent',
        category: 'Odd',
        rank: 'main',
        description: [],
        fields: [field('odd', {kind: 'reference', name: 'Odd', href: '#odd'})],
        location: at,
      },
    ],
    types: [
      {
        kind: 'record',
        name: 'Odd',
        description: [],
        syntax: [],
        fields: [
          field('__proto__', {kind: 'primitive', name: 'string'}),
          field('constructor', {kind: 'primitive', name: 'int'}),
        ],
        location: at,
      },
    ],
    commandCategories: [],
    commands: [],
  }

  it('keeps a field named __proto__ (and constructor) as an own property, in the JSON text and for ajv', () => {
    const text = JSON.stringify(emitJsonSchema(tiny, 'tiny'))
    expect(text).toContain('"properties":{"__proto__":{"type":"string"},"constructor":{"type":"integer"}}')
    expect(text).toContain('"required":["__proto__","constructor"]')
    const check = new Ajv2020.default({discriminator: true, strict: false}).compile(JSON.parse(text))
    expect(check(JSON.parse('{"type":"oddEvent","odd":{"__proto__":"x","constructor":1}}'))).toBe(true)
    expect(check(JSON.parse('{"type":"oddEvent","odd":{"__proto__":"x","constructor":"1"}}'))).toBe(false)
    // ajv itself neither checks the type of a property named __proto__ nor sees it missing (it reads
    // `data.__proto__`, the prototype when there is no own key): a limit of ajv, not of the schema.
  })
})

describe('generated/schema.json: responses and command parameters', () => {
  const ajv = new Ajv2020.default({discriminator: true, allErrors: false, strict: false})
  ajv.addSchema(jsonSchema, 'schema.json')
  const validateResponse = ajv.compile({$ref: 'schema.json#/$defs/ChatResponse'})
  const validateSend = ajv.compile({$ref: 'schema.json#/$defs/CC.APISendMessages'})

  it('has a $def per response and per command', () => {
    const definitions = Object.keys(jsonSchema.$defs as object)
    // The 63 response tags of COMMANDS.md and the two the overlay adds.
    expect(definitions.filter((key) => key.startsWith('CR.'))).toHaveLength(65)
    expect(definitions).toContain('CR.AgentSubs')
    expect(definitions.filter((key) => key.startsWith('CC.'))).toHaveLength(59)
    expect(definitions).toContain('CR.GroupUpdated')
  })

  it('agrees with decodeChatResponse (default mode) on every captured response', () => {
    const folder = path.join(root, 'test', 'fixtures', 'frames', 'responses')
    for (const name of readdirSync(folder)) {
      const value = frame(`responses/${name}`)
      expect(validateResponse(value), name).toBe(decodeChatResponse(value).ok)
    }
    expect(validateResponse(frame('responses/chatCmdError-1.json'))).toBe(true)
  })

  it('checks the parameters of a command', () => {
    const sendRef = {chatType: 'direct', chatId: 1}
    expect(validateSend({sendRef, liveMessage: false, signMessages: false, composedMessages: []})).toBe(true)
    expect(validateSend({sendRef, liveMessage: 'no', signMessages: false, composedMessages: []})).toBe(false)
    expect(validateSend({sendRef, liveMessage: false, signMessages: false})).toBe(false)
  })
})
