/**
 * The client's speed: its own overhead per event (JSON.parse of the frame,
 * routing, handler dispatch) with the decoder replaced by one that returns a
 * prebuilt value, then events/s and command round trips end to end over
 * loopback against the test kit's fake core (real frames, real event decoder;
 * the core reads each command string with `parseCommand`, as a real core parses it).
 *
 *     npx tsx bench/client.ts [--rounds 5]
 */
import {parseArgs} from 'node:util'
import WebSocket from 'ws'
import {testProtocol} from '../test/support/test-protocol.js'
import type {ChatEvent} from '../generated/src/index.js'
import {createClient, type ChatProtocol, type WebSocketLike} from '../templates/client.js'
import {createFakeCore, type FakeCore} from '../generated/src/testing/index.js'
import {realResponse, textMessageEvent} from '../test/support/frames.js'
import {grouped, median, spreadPercent, table} from './stats.js'

const {values} = parseArgs({options: {rounds: {type: 'string', default: '5'}}})
const rounds = Math.max(1, Number(values.rounds))
const EVENTS = 100_000
const COMMANDS = 10_000
const frameText = JSON.stringify({resp: textMessageEvent('bench')})
const prebuilt = {ok: true, value: JSON.parse(frameText).resp as ChatEvent, issues: [], truncated: 0} as const

/** A socket that is open at once and whose frames the bench pushes straight into the client. */
class InMemorySocket implements WebSocketLike {
  static last: InMemorySocket | undefined
  readyState = 1
  onopen: ((event: never) => void) | null = null
  onmessage: ((event: never) => void) | null = null
  onclose: ((event: never) => void) | null = null
  onerror: ((event: never) => void) | null = null
  constructor() {
    InMemorySocket.last = this
    queueMicrotask(() => (this.onopen as ((event: unknown) => void) | null)?.({}))
  }
  send(): void {}
  close(): void {
    this.readyState = 3
    queueMicrotask(() => (this.onclose as ((event: unknown) => void) | null)?.({code: 1000}))
  }
  push(data: string): void {
    ;(this.onmessage as (event: {data: string}) => void)({data})
  }
}

/** Nanoseconds per event through the client, decode stubbed; one handler on the tag. */
async function clientOverhead(): Promise<number> {
  const stubbed: ChatProtocol<{}, {}, ChatEvent> = {
    commandString: () => '',
    decodeResponse: () => ({ok: true, value: undefined as never, issues: [], truncated: 0}),
    decodeEvent: () => prebuilt,
    frameTags: testProtocol.frameTags,
  }
  const client = createClient(stubbed, {url: 'memory:', WebSocket: InMemorySocket})
  await client.connect()
  let count = 0
  client.on('newChatItems', () => void count++)
  const socket = InMemorySocket.last!
  const started = process.hrtime.bigint()
  for (let index = 0; index < EVENTS; index++) socket.push(frameText)
  const elapsed = Number(process.hrtime.bigint() - started)
  if (count !== EVENTS) throw new Error(`delivered ${count} of ${EVENTS}`)
  await client.close()
  return elapsed / EVENTS
}

/** Nanoseconds per JSON.parse of the same frame: the floor of any client. */
function parseOnly(): number {
  let sink = 0
  const started = process.hrtime.bigint()
  for (let index = 0; index < EVENTS; index++) sink += (JSON.parse(frameText) as {resp: object}) ? 1 : 0
  const elapsed = Number(process.hrtime.bigint() - started)
  if (sink !== EVENTS) throw new Error('unreachable')
  return elapsed / EVENTS
}

/** Events per second over loopback: the fake core sends a burst, the client decodes (lenient) and delivers. */
async function loopbackEvents(core: FakeCore): Promise<number> {
  const client = createClient(testProtocol, {url: core.url, WebSocket, mode: 'lenient'})
  await client.connect()
  let count = 0
  const done = new Promise<void>((resolve) => client.on('newChatItems', () => void (++count === EVENTS && resolve())))
  const started = performance.now()
  for (let index = 0; index < EVENTS; index++) core.replay([frameText])
  await done
  const seconds = (performance.now() - started) / 1000
  await client.close()
  return EVENTS / seconds
}

/** Commands per second with all of them in flight at once, answered with a real response. */
async function loopbackCommands(core: FakeCore): Promise<number> {
  const client = createClient(testProtocol, {url: core.url, WebSocket, timeout: 0})
  await client.connect()
  const resp = realResponse('ShowActiveUser')
  core.on('ShowActiveUser', () => resp)
  const started = performance.now()
  await Promise.all(Array.from({length: COMMANDS}, () => client.send('ShowActiveUser', {})))
  const seconds = (performance.now() - started) / 1000
  await client.close()
  return COMMANDS / seconds
}

const core = await createFakeCore()
const samples = {overhead: [] as number[], parse: [] as number[], events: [] as number[], commands: [] as number[]}
for (let round = 0; round < rounds; round++) {
  console.error(`client bench: round ${round + 1} of ${rounds}`)
  samples.parse.push(parseOnly())
  samples.overhead.push(await clientOverhead())
  samples.events.push(await loopbackEvents(core))
  samples.commands.push(await loopbackCommands(core))
}
await core.close()

const spread = (values: number[]) => `${spreadPercent(values).toFixed(0)}%`
console.log(
  `client: ${EVENTS} events of ${frameText.length} bytes, ${COMMANDS} commands in flight; median of ${rounds}`,
)
console.log(
  table(
    ['measure', 'median', 'spread'],
    [
      ['client per event, decode stubbed (ns)', grouped(median(samples.overhead)), spread(samples.overhead)],
      ['  of which JSON.parse (ns)', grouped(median(samples.parse)), spread(samples.parse)],
      ['  routing and dispatch (ns)', grouped(median(samples.overhead) - median(samples.parse)), ''],
      ['loopback events/s (real decoder, lenient)', grouped(median(samples.events)), spread(samples.events)],
      ['loopback commands/s (10,000 in flight)', grouped(median(samples.commands)), spread(samples.commands)],
    ],
  ),
)
