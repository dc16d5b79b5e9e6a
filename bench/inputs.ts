/**
 * The inputs of the decoder benchmark, the same on every run (fixed seed).
 *
 * - `valid`: events drawn from the schema by `sampleEvents` (test/support/arbitraries.ts),
 *   topped up so every event type is there at least once, plus the real complete
 *   frame `receivedGroupInvitation-1`;
 * - `invalid`: one single mutation of each drawn event (test/support/mutations.ts:
 *   a dropped field, a wrong primitive or shape, a bad union tag or enum value, a
 *   broken array element; never an undocumented field, which default mode allows,
 *   nor the event tag, which is the `unknown` class), plus the real frame
 *   `newChatItems-1` (from a server older than the docs: fields missing);
 * - `unknown`: each drawn event with its tag replaced by one that is no event of
 *   the docs, plus the real frames of `not-in-current-docs/`;
 * - `real-valid`, `real-invalid`: the two real complete frames alone.
 *
 * Every input is held both as JSON text and as the value `JSON.parse` makes of
 * that text (so every contender sees the objects a WebSocket client would).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {eventArbitraries, loadSchema, sampleEvents, type JsonObject} from '../test/support/arbitraries.js'
import {applyMutation, eventRoot, listMutations, pickMutation, type Mutation} from '../test/support/mutations.js'
import type {Schema} from '../generator/schema/types.js'

/** Seed of the drawn events and of the choice of mutations. */
export const SEED = 20240611
/** How many events `sampleEvents` draws. */
export const SAMPLE_COUNT = 300

export const INPUT_CLASSES = ['valid', 'invalid', 'unknown', 'real-valid', 'real-invalid'] as const
export type InputClass = (typeof INPUT_CLASSES)[number]

/** One input: where it came from, its JSON text and the parsed value. */
export interface BenchInput {
  label: string
  text: string
  value: unknown
  /** For a mutation: what a decoder must report (default mode). */
  mutation?: Pick<Mutation, 'kind' | 'path' | 'code' | 'fatal'>
}

export interface BenchInputs {
  schema: Schema
  classes: Record<InputClass, BenchInput[]>
  /** How the inputs were made, for the report. */
  description: Record<InputClass, string>
}

const FRAMES = path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'frames')

function fromText(label: string, text: string): BenchInput {
  const compact = JSON.stringify(JSON.parse(text))
  return {label, text: compact, value: JSON.parse(compact)}
}

function fromValue(label: string, value: unknown, mutation?: Mutation): BenchInput {
  const text = JSON.stringify(value)
  const input: BenchInput = {label, text, value: JSON.parse(text)}
  if (mutation) input.mutation = {kind: mutation.kind, path: mutation.path, code: mutation.code, fatal: mutation.fatal}
  return input
}

function frame(folder: string, name: string): BenchInput {
  return fromText(`${folder}/${name}`, readFileSync(path.join(FRAMES, folder, name), 'utf8'))
}

/** A small deterministic PRNG (mulberry32), for picking mutations. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** Draw the events: `count` from `sampleEvents`, plus one of each event type it happened to miss. */
export function drawEvents(schema: Schema, count = SAMPLE_COUNT, seed = SEED): JsonObject[] {
  const events = sampleEvents(schema, count, seed)
  const seen = new Set(events.map((event) => event.type))
  const arbitraries = eventArbitraries(schema)
  for (const definition of schema.events) {
    if (!seen.has(definition.tag)) events.push(...fc.sample(arbitraries[definition.name]!, {numRuns: 1, seed}))
  }
  return events
}

/** Build every input class. */
export async function buildInputs(count = SAMPLE_COUNT, seed = SEED): Promise<BenchInputs> {
  const schema = await loadSchema()
  const events = drawEvents(schema, count, seed)
  const random = prng(seed)

  const valid = events.map((event, index) => fromValue(`sample ${index} (${String(event.type)})`, event))
  const invalid: BenchInput[] = []
  const unknown: BenchInput[] = []
  events.forEach((event, index) => {
    const mutations = listMutations(schema, event, eventRoot(schema, event), random())
    const breaking = mutations.filter(
      (mutation) => mutation.jsonSafe && !mutation.strictOnly && mutation.kind !== 'event-tag',
    )
    const chosen = pickMutation(breaking, random(), random())
    if (chosen)
      invalid.push(
        fromValue(
          `sample ${index} (${String(event.type)}): ${chosen.description}`,
          applyMutation(event, chosen),
          chosen,
        ),
      )
    const tag = mutations.find((mutation) => mutation.kind === 'event-tag')
    if (tag)
      unknown.push(
        fromValue(`sample ${index} (${String(event.type)}): ${tag.description}`, applyMutation(event, tag), tag),
      )
  })

  const realValid = frame('complete', 'receivedGroupInvitation-1.json')
  const realInvalid = frame('complete', 'newChatItems-1.json')
  const olderEvents = readdirSync(path.join(FRAMES, 'not-in-current-docs'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => frame('not-in-current-docs', name))

  return {
    schema,
    classes: {
      valid: [...valid, realValid],
      invalid: [...invalid, realInvalid],
      unknown: [...unknown, ...olderEvents],
      'real-valid': [realValid],
      'real-invalid': [realInvalid],
    },
    description: {
      valid: `${valid.length} events drawn with seed ${seed} (every event type) + real receivedGroupInvitation-1`,
      invalid: `one single mutation of each drawn event (${invalid.length}) + real newChatItems-1 (fields missing)`,
      unknown: `${unknown.length} drawn events with an unknown tag + ${olderEvents.length} real events not in the docs`,
      'real-valid': 'real receivedGroupInvitation-1 (simplex-chat v6.5.4.1, 254 keys)',
      'real-invalid': 'real newChatItems-1 (older server: required User fields missing)',
    },
  }
}

/** Total JSON text bytes of a class. */
export function textBytes(inputs: readonly BenchInput[]): number {
  return inputs.reduce((sum, input) => sum + Buffer.byteLength(input.text), 0)
}
