/**
 * Responses to commands in the generated package (`generated/src/`): real captured
 * responses decode as responses of COMMANDS.md, `decodeFrame` tells a response from
 * an event by the frame's `corrId`, and `decodeCommandResponse` accepts only the
 * responses of its command.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  chatCommandNames,
  chatResponseTags,
  decodeChatResponse,
  decodeCommandResponse,
  decodeFrame,
  isAgentSubsResponse,
  isChatCmdErrorResponse,
  isValidChatResponse,
  type ChatResponse,
} from '../generated/src/index.js'
import {eventArbitraries, loadSchema} from './support/arbitraries.js'
import {readFrame} from './support/frames.js'

const folder = (name: string) =>
  readdirSync(path.resolve(import.meta.dirname, 'fixtures', 'frames', name)).map((file) => `${name}/${file}`)

/**
 * Every capture of `frames/responses/`. They come from servers older than the newest docs (a 2025-05 server,
 * v6.5.4.1): the package is the compatibility build over every doc version of spec/compat.json, so each decodes
 * in default mode, with no issue in lenient mode either. `agentSubs` and `userPrivacy` are in no doc version:
 * the overlay adds them; the 2025-05 `UserContactLink` of `connLinkContact` alone decodes through its optional
 * corrections. (The single-version build of the newest docs rejects most of them: test/compat-build.test.ts.)
 */
const CAPTURES = [
  'activeUser-1.json',
  'agentSubs-1.json',
  'agentSubs-2.json',
  'chatCmdError-1.json',
  'chatCmdError-2.json',
  'chatCmdError-3.json',
  'userContactLink-1.json',
  'userContactLink-2.json',
  'userContactLinkCreated-1.json',
  'userContactLinkDeleted-1.json',
  'userContactLinkUpdated-1.json',
  'userPrivacy-1.json',
  'userProfileNoChange-1.json',
  'userProfileUpdated-1.json',
  'usersList-1.json',
]

describe('real responses decode as responses of COMMANDS.md', () => {
  it('the list names every capture', () => {
    expect(
      folder('responses')
        .map((name) => name.replace('responses/', ''))
        .sort(),
    ).toEqual(CAPTURES)
  })

  it.each(CAPTURES)('%s, in default mode, and in lenient mode with no issue', (name) => {
    const resp = readFrame(`responses/${name}`)
    const text = JSON.stringify({corrId: '12', resp})
    expect(decodeFrame(text)).toMatchObject({kind: 'response', corrId: '12', response: resp, issues: []})
    expect(decodeFrame(text, {mode: 'lenient'})).toMatchObject({kind: 'response', issues: []})
  })
})

describe('decodeFrame: a corrId means a response', async () => {
  const schema = await loadSchema()
  const groupUpdated = eventArbitraries(schema)['GroupUpdated']!

  it('a frame with a corrId and tag groupUpdated uses the response definition, one without uses the event', () => {
    fc.assert(
      fc.property(groupUpdated, (event) => {
        // The response requires `msgSigned: bool`; the event has an optional `msgSigned: MsgSigStatus`.
        const asResponse = {...event, msgSigned: true}
        expect(decodeFrame(JSON.stringify({corrId: '1', resp: asResponse}))).toMatchObject({
          kind: 'response',
          corrId: '1',
          // The value as it travels: JSON has no -0 and no undefined properties.
          response: JSON.parse(JSON.stringify(asResponse)),
        })
        const eventFrame = decodeFrame(JSON.stringify({resp: asResponse}))
        expect(eventFrame.kind).toBe('error')
        if (eventFrame.kind === 'error') expect(eventFrame.error.path).toBe('$.resp.msgSigned')

        const {msgSigned: _, ...withoutSignature} = event
        expect(decodeFrame(JSON.stringify({resp: withoutSignature})).kind).toBe('event')
        const responseFrame = decodeFrame(JSON.stringify({corrId: '1', resp: withoutSignature}))
        expect(responseFrame).toMatchObject({kind: 'error', error: {code: 'missing', path: '$.resp.msgSigned'}})
      }),
      // A fixed seed: npm test is deterministic.
      {numRuns: 20, seed: 20261129},
    )
  })

  it('a response tag without a corrId (no event has it) still decodes as a response', () => {
    const resp = readFrame('responses/chatCmdError-1.json')
    expect(decodeFrame(JSON.stringify({resp}))).toMatchObject({kind: 'response', corrId: undefined, response: resp})
  })
})

describe('decodeChatResponse and decodeCommandResponse', () => {
  const cmdError = readFrame('responses/chatCmdError-1.json')
  const contactLink = readFrame('responses/userContactLink-1.json')

  it('decodeChatResponse fails on a tag neither the docs nor the overlay have, in every mode', () => {
    for (const mode of ['strict', 'default', 'lenient'] as const) {
      const result = decodeChatResponse({type: 'noSuchResponse', activeSubs: {}}, {mode})
      expect(result).toMatchObject({ok: false, error: {code: 'unknown-response', path: '$.type'}})
    }
  })

  it("the overlay's added responses decode, as the response of no command", () => {
    const agentSubs = readFrame('responses/agentSubs-2.json')
    expect(chatResponseTags.slice(-2)).toEqual(['agentSubs', 'userPrivacy'])
    expect(decodeChatResponse(agentSubs)).toMatchObject({ok: true, value: agentSubs})
    expect(isAgentSubsResponse(agentSubs as ChatResponse)).toBe(true)
    expect(decodeChatResponse({...agentSubs, removedSubs: {a: 'b'}})).toMatchObject({
      ok: false,
      error: {path: '$.removedSubs.a'},
    })
    for (const name of chatCommandNames) {
      expect(decodeCommandResponse(name, agentSubs)).toMatchObject({ok: false, error: {code: 'unknown-response'}})
    }
  })

  it("decodeCommandResponse accepts the command's responses and no other, in every mode", () => {
    const ok = decodeCommandResponse('APISendMessages', cmdError)
    expect(ok.ok).toBe(true)
    if (ok.ok) {
      // CommandResponse<'APISendMessages'>: CR.NewChatItems | CR.ChatCmdError.
      const response = ok.value
      if (response.type === 'chatCmdError') expect(response.chatError).toEqual(cmdError.chatError)
      else expect.fail('not the error response')
    }
    for (const mode of ['strict', 'default', 'lenient'] as const) {
      // userContactLink is a known response, of ShowMyAddress, not of APISendMessages.
      const wrong = decodeCommandResponse('APISendMessages', contactLink, {mode})
      expect(wrong).toMatchObject({
        ok: false,
        error: {
          code: 'unknown-response',
          path: '$.type',
          expected: 'a response of "APISendMessages" ("newChatItems" | "chatCmdError")',
        },
      })
    }
    expect(decodeCommandResponse('APIShowMyAddress', contactLink, {mode: 'lenient'}).ok).toBe(true)
  })

  it('decodeCommandResponse never throws on a name that is no command (untyped callers)', () => {
    for (const name of ['NoSuchCommand', '__proto__', 'constructor', 42, Symbol('x'), null]) {
      const result = decodeCommandResponse(name as never, cmdError)
      expect(result).toMatchObject({ok: false, error: {code: 'unknown-response'}})
    }
  })

  it('guards: isValidChatResponse checks deeply, is<Name>Response narrows by tag', () => {
    expect(isValidChatResponse(cmdError)).toBe(true)
    expect(isValidChatResponse({...cmdError, chatError: 1})).toBe(false)
    expect(isValidChatResponse({type: 'newChatItems'})).toBe(false)
    const response = cmdError as ChatResponse
    expect(isChatCmdErrorResponse(response)).toBe(true)
    if (isChatCmdErrorResponse(response)) expect(response.chatError).toBeDefined()
    expect(isChatCmdErrorResponse(contactLink as ChatResponse)).toBe(false)
  })
})
