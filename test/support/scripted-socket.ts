/**
 * A WebSocket class whose sockets the test drives by hand (open, drop), for client behaviour that depends
 * on time (connect timeout, backoff) under vitest's fake timers, with no network.
 */
import type {WebSocketLike} from '../../templates/client.js'

type Handler = ((event: never) => void) | null

/** Makes `ScriptedSocket`s and records each one, in order. */
export function scriptedSockets(): {WebSocket: new (url: string) => ScriptedSocket; made: ScriptedSocket[]} {
  const made: ScriptedSocket[] = []
  return {
    WebSocket: class extends ScriptedSocket {
      constructor(url: string) {
        super(url)
        made.push(this)
      }
    },
    made,
  }
}

/** A socket that stays connecting until `accept()`, and closes when `drop()` or the client says so. */
export class ScriptedSocket implements WebSocketLike {
  readyState = 0
  /** How many times the client called `close`. */
  closeCalls = 0
  onopen: Handler = null
  onmessage: Handler = null
  onclose: Handler = null
  onerror: Handler = null

  constructor(readonly url: string) {}

  send(): void {}

  /** As a real socket does, the close event follows (asynchronously, on a microtask: fake timers do not hold it). */
  close(code = 1000): void {
    this.closeCalls++
    if (this.readyState === 3) return
    this.readyState = 3
    queueMicrotask(() => (this.onclose as ((event: {code: number}) => void) | null)?.({code}))
  }

  /** The server answered the upgrade: the socket opens. */
  accept(): void {
    this.readyState = 1
    ;(this.onopen as ((event: object) => void) | null)?.({})
  }

  /** The connection is cut (code 1006), as a server crash or a close right after the upgrade does. */
  drop(): void {
    this.readyState = 3
    ;(this.onclose as ((event: {code: number}) => void) | null)?.({code: 1006})
  }
}
