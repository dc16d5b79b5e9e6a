/**
 * The envelope of a chat core WebSocket frame, `{"corrId"?: string, "resp": {...}}`: the one set of rules by
 * which `decodeFrame` and the client tell replies, events and malformed frames apart. Copied into
 * `generated/src/envelope.ts`; it reads the envelope only and never decodes `resp`.
 *
 * The rules:
 * - a frame is JSON text of a plain object whose `resp` is a plain object; anything else is `malformed`;
 * - `corrId` absent: the core sent the frame on its own. A `resp` tagged with an event of EVENTS.md is an
 *   `event`; one tagged with a response of COMMANDS.md and no event is an `uncorrelated-response` (it answers no
 *   command: older cores sent some responses this way); any other tag, or none, is `unknown`;
 * - `corrId` a non-empty string: a `reply` to the command sent with it, whatever its tag;
 * - `corrId` present but not a non-empty string (`null`, `""`, a number) is `malformed`: the core echoes the
 *   string it was sent and omits an absent `corrId` (never `null`), so such a frame names no command and is no event.
 */

import {failureAt, isObject, parseJson, type DecodeIssue} from './runtime.js'

/** The tags that tell an event from a response in a frame without `corrId`. */
export interface FrameTags {
  /** The event tags of EVENTS.md. */
  readonly events: ReadonlySet<string>
  /** The response tags of COMMANDS.md. */
  readonly responses: ReadonlySet<string>
}

/** What a frame's envelope says it is (see the rules above). `resp` is not decoded. */
export type FrameEnvelope =
  | {kind: 'malformed'; error: DecodeIssue; issues: readonly DecodeIssue[]}
  | {kind: 'reply'; corrId: string; tag: string | undefined; resp: Record<string, unknown>}
  | {kind: 'event'; tag: string; resp: Record<string, unknown>}
  | {kind: 'uncorrelated-response'; tag: string; resp: Record<string, unknown>}
  | {kind: 'unknown'; tag: string | undefined; resp: Record<string, unknown>}

/**
 * Read the envelope of a frame. Never throws. Errors have paths from the frame (`$.corrId`, `$.resp`).
 *
 * @param text the frame's JSON text (a non-string is turned into text as `JSON.parse` would).
 * @param tags the event and response tags of the docs.
 * @returns the frame's kind with its `resp`, or why it is malformed.
 */
export function readEnvelope(text: string, tags: FrameTags): FrameEnvelope {
  const parsed = parseJson(text)
  if (!parsed.ok) return {kind: 'malformed', error: parsed.error, issues: parsed.issues}
  const frame = parsed.value
  if (!isObject(frame)) return malformed(undefined, frame, 'frame object {corrId?, resp}')
  const {corrId, resp} = frame
  if (corrId !== undefined && (typeof corrId !== 'string' || corrId === '')) {
    return malformed('corrId', corrId, 'non-empty string (or no corrId)')
  }
  if (!isObject(resp)) return malformed('resp', resp, 'resp object')
  const tag = typeof resp.type === 'string' ? resp.type : undefined
  if (corrId !== undefined) return {kind: 'reply', corrId, tag, resp}
  if (tag !== undefined && tags.events.has(tag)) return {kind: 'event', tag, resp}
  if (tag !== undefined && tags.responses.has(tag)) return {kind: 'uncorrelated-response', tag, resp}
  return {kind: 'unknown', tag, resp}
}

function malformed(key: 'corrId' | 'resp' | undefined, value: unknown, expected: string): FrameEnvelope {
  const {error, issues} = failureAt(key, value, expected)
  return {kind: 'malformed', error, issues}
}
