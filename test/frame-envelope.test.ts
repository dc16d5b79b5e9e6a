/**
 * One frame envelope: the generated `decodeFrame` and `createChatClient` (through the fake core) are fed the same
 * frame text, one row of envelope shapes at a time, and must route it the same way: malformed, an event, a reply
 * to a command, a response without corrId, or an unknown tag. The rules are `readEnvelope`'s (templates/envelope.ts).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import WebSocket from 'ws'
import {createChatClient, decodeFrame, type FrameResult} from '../generated/src/index.js'
import {createFakeCore, type FakeCore} from '../generated/src/testing/index.js'
import {readFrame} from './support/frames.js'

type Route = 'malformed' | 'event' | 'reply' | 'uncorrelated-response' | 'unknown'

const event = readFrame('complete/receivedGroupInvitation-1.json')
const response = readFrame('responses/activeUser-1.json')
const failure = readFrame('responses/chatCmdError-1.json')
/** `groupUpdated` is both an event of EVENTS.md and a response of COMMANDS.md. */
const both = {type: 'groupUpdated'}

/** The corrId the client gives its one pending command (its first, by default). */
const PENDING = '1'

/** Envelope shapes, as text, and what each is. */
const SHAPES: readonly {name: string; text: string; route: Route}[] = [
  {name: 'an event without corrId', text: JSON.stringify({resp: event}), route: 'event'},
  {name: 'an event with an extra envelope key', text: JSON.stringify({resp: event, ts: 1}), route: 'event'},
  {name: 'a tag of both kinds without corrId', text: JSON.stringify({resp: both}), route: 'event'},
  {name: 'the reply to the pending command', text: JSON.stringify({corrId: PENDING, resp: response}), route: 'reply'},
  {name: 'a chatCmdError reply', text: JSON.stringify({corrId: PENDING, resp: failure}), route: 'reply'},
  {name: 'a reply nobody waits for', text: JSON.stringify({corrId: '7', resp: response}), route: 'reply'},
  {name: 'a reply with an event tag', text: JSON.stringify({corrId: PENDING, resp: event}), route: 'reply'},
  {name: 'a reply with a tag of both kinds', text: JSON.stringify({corrId: PENDING, resp: both}), route: 'reply'},
  {name: 'a reply with an unknown tag', text: JSON.stringify({corrId: '7', resp: {type: 'newer'}}), route: 'reply'},
  {name: 'a response tag without corrId', text: JSON.stringify({resp: response}), route: 'uncorrelated-response'},
  {name: 'chatCmdError without corrId', text: JSON.stringify({resp: failure}), route: 'uncorrelated-response'},
  {name: 'an unknown tag without corrId', text: JSON.stringify({resp: {type: 'groupEmpty'}}), route: 'unknown'},
  {name: 'a resp without type', text: JSON.stringify({resp: {}}), route: 'unknown'},
  {name: 'a resp whose type is a number', text: JSON.stringify({resp: {type: 5}}), route: 'unknown'},
  {name: 'corrId null, response tag', text: JSON.stringify({corrId: null, resp: response}), route: 'malformed'},
  {name: 'corrId null, event tag', text: JSON.stringify({corrId: null, resp: event}), route: 'malformed'},
  {name: 'corrId "", response tag', text: JSON.stringify({corrId: '', resp: response}), route: 'malformed'},
  {name: 'corrId "", event tag', text: JSON.stringify({corrId: '', resp: event}), route: 'malformed'},
  {name: 'corrId a number, response tag', text: JSON.stringify({corrId: 1, resp: response}), route: 'malformed'},
  {name: 'corrId a number, event tag', text: JSON.stringify({corrId: 1, resp: event}), route: 'malformed'},
  {name: 'corrId true', text: JSON.stringify({corrId: true, resp: event}), route: 'malformed'},
  {name: 'corrId an object', text: JSON.stringify({corrId: {}, resp: response}), route: 'malformed'},
  {name: 'not JSON', text: '{"resp": {"type": "activeUser"', route: 'malformed'},
  {name: 'JSON null', text: 'null', route: 'malformed'},
  {name: 'an array', text: JSON.stringify([{resp: event}]), route: 'malformed'},
  {name: 'no resp', text: JSON.stringify({corrId: PENDING}), route: 'malformed'},
  {name: 'resp null', text: JSON.stringify({resp: null}), route: 'malformed'},
  {name: 'resp a string', text: JSON.stringify({resp: 'groupEmpty'}), route: 'malformed'},
  {name: 'resp an array', text: JSON.stringify({resp: [event]}), route: 'malformed'},
]

/** How `decodeFrame` routed a frame (every row's payload decodes in lenient mode, so an error is the envelope's). */
function decodedRoute(frame: FrameResult<'lenient'>): Route {
  switch (frame.kind) {
    case 'error':
      return 'malformed'
    case 'event':
      return 'event'
    case 'response':
      return frame.corrId === undefined ? 'uncorrelated-response' : 'reply'
    case 'unknown':
      return frame.corrId === undefined ? 'unknown' : 'reply'
  }
}

/** What the client did with one frame: each thing it delivered, reported or settled, as `what detail`. */
async function clientOutcomes(text: string): Promise<string[]> {
  const client = createChatClient({url: core.url, WebSocket, mode: 'lenient'})
  const outcomes: string[] = []
  let sentinelSeen!: () => void
  const sentinel = new Promise<void>((resolve) => (sentinelSeen = resolve))
  client.onAny((value) => void outcomes.push(`delivered ${value.type}`))
  client.onUnhandled((frame) => {
    if (frame.reason === 'unknown-event' && frame.tag === SENTINEL) sentinelSeen()
    else outcomes.push(`unhandled ${frame.reason}`)
  })
  await client.connect()
  core.fault('*', 'never')
  const pending = client.send('ShowActiveUser', {}).then(
    (value) => outcomes.push(`settled ${value.type}`),
    (error: {code?: string}) => error.code !== 'closed' && outcomes.push(`rejected ${error.code}`),
  )
  const [command] = await core.waitForCommands(core.commands.length + 1).then((all) => all.slice(-1))
  expect(command!.corrId).toBe(PENDING)
  core.replay([text])
  // Frames are handled in arrival order: once the sentinel is reported, the row's frame has been handled.
  core.replay([JSON.stringify({resp: {type: SENTINEL}})])
  await sentinel
  // Settlement callbacks run as microtasks: let them, then close (a command still waiting rejects with closed).
  await new Promise((resolve) => setImmediate(resolve))
  await client.close()
  await pending
  return outcomes
}

const SENTINEL = 'envelopeTestSentinel'

/** How the client routed a frame, from its one outcome. */
function clientRoute(outcome: string): Route | string {
  if (outcome.startsWith('delivered ') || outcome === 'unhandled decode') return 'event'
  if (outcome.startsWith('settled ') || outcome === 'rejected decode' || outcome === 'unhandled unexpected-reply')
    return 'reply'
  if (outcome === 'unhandled malformed') return 'malformed'
  if (outcome === 'unhandled uncorrelated-response') return 'uncorrelated-response'
  if (outcome === 'unhandled unknown-event') return 'unknown'
  return outcome
}

let core: FakeCore
beforeAll(async () => {
  core = await createFakeCore()
})
afterAll(async () => {
  await core.close()
})

describe('decodeFrame and the client route every envelope shape the same way', () => {
  it.each(SHAPES)('$name: $route', async ({text, route}) => {
    const decoded = decodedRoute(decodeFrame(text, {mode: 'lenient'}))
    const outcomes = await clientOutcomes(text)
    expect(outcomes, 'the client handles the frame once').toHaveLength(1)
    expect({decodeFrame: decoded, client: clientRoute(outcomes[0]!)}).toEqual({decodeFrame: route, client: route})
  })

  it('the client refuses to send a command whose corrId no reply could carry', async () => {
    const client = createChatClient({url: core.url, WebSocket, corrId: () => ''})
    await client.connect()
    const error = await client.send('ShowActiveUser', {}, {timeout: 500}).catch((caught: unknown) => caught)
    await client.close()
    expect(error).toMatchObject({
      name: 'ClientError',
      code: 'invalid',
      message: 'ShowActiveUser: corrId "" is not a non-empty string',
    })
  })
})
