/**
 * The inputs of the contender benchmark (`compare.ts`), built from the real frames of
 * test/fixtures/frames (copied from ../shared/frames) and checked against the library they measure:
 * generated/, the compatibility build over every doc version of spec/compat.json (2025-09-27,
 * 2026-088a33e, the fork, the pinned newest). Every valid input is valid for that build; every broken
 * one is broken for it, at the paths listed with it.
 *
 * Deterministic: a fixed seed, the same inputs on every run of the same code and fixtures.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {decodeChatEvent} from '../generated/src/index.js'
import {drawEvents, prng, SEED} from './inputs.js'
import type {Schema} from '../generator/schema/types.js'

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}
type JsonObject = {[key: string]: Json}
/** A path as its segments: keys and array indices. */
export type Segments = (string | number)[]

/** One input: its JSON text and the value `JSON.parse` makes of it. */
export interface CompareInput {
  label: string
  text: string
  value: unknown
  /** For a broken input: every path it is broken at (a first error must be at or above one of them). */
  broken?: Segments[]
}

const FRAMES = path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'frames')
/** How many variants the variant and mix classes hold. */
export const VARIANTS = 200
/** String fields whose value is free text (names, message texts), changed in variants. */
const TEXT_KEYS = new Set([
  'displayName',
  'fullName',
  'localDisplayName',
  'groupName',
  'description',
  'text',
  'shortDescr',
  'localAlias',
])

function read(folder: string, name: string): JsonObject {
  return JSON.parse(readFileSync(path.join(FRAMES, folder, `${name}.json`), 'utf8')) as JsonObject
}

export function input(label: string, value: unknown, broken?: Segments[]): CompareInput {
  const text = JSON.stringify(value)
  const result: CompareInput = {label, text, value: JSON.parse(text)}
  if (broken) result.broken = broken
  return result
}

function valid(value: unknown): boolean {
  return decodeChatEvent(value).ok
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Every [path, value] of a JSON value, depth-first in key order (the docs' order in a real frame). */
function walk(value: Json, at: Segments = [], out: [Segments, Json][] = []): [Segments, Json][] {
  if (at.length > 0) out.push([at, value])
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...at, index], out))
  else if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value)) walk(value[key]!, [...at, key], out)
  return out
}

function parentOf(root: Json, at: Segments): {[key: string]: Json} & Json[] {
  let node = root as Record<string | number, Json>
  for (const segment of at.slice(0, -1)) node = node[segment] as Record<string | number, Json>
  return node as {[key: string]: Json} & Json[]
}

function remove(root: JsonObject, at: Segments): JsonObject {
  const copy = clone(root)
  delete parentOf(copy, at)[at[at.length - 1] as string]
  return copy
}

function set(root: JsonObject, at: Segments, value: Json): JsonObject {
  const copy = clone(root)
  ;(parentOf(copy, at) as Record<string | number, Json>)[at[at.length - 1]!] = value
  return copy
}

/** The object fields of `frame` the compat build lets it leave out (found by leaving each out). */
function optionalFields(frame: JsonObject): Segments[] {
  return walk(frame)
    .filter(([at]) => typeof at[at.length - 1] === 'string' && at[at.length - 1] !== 'type')
    .map(([at]) => at)
    .filter((at) => valid(remove(frame, at)))
}

/** The object fields of `frame` the compat build requires (leaving one out is a `missing` error at it). */
function requiredFields(frame: JsonObject): Segments[] {
  return walk(frame)
    .filter(([at]) => typeof at[at.length - 1] === 'string' && at[at.length - 1] !== 'type')
    .map(([at]) => at)
    .filter((at) => {
      const result = decodeChatEvent(remove(frame, at))
      return !result.ok && result.error.code === 'missing' && sameSegments(parseOurPath(result.error.path), at)
    })
}

/**
 * `count` realistic variants of a real frame: other ids (numeric `…Id` fields), other texts (names and
 * message texts), each optional field present in the capture left out with probability 1/4; keys stay
 * in the capture's order (the docs' order). Each variant is checked valid for the compat build.
 */
export function variantsOf(frame: JsonObject, count: number, seed: number, label: string): CompareInput[] {
  const random = prng(seed)
  const uniform = () => random() / 2 ** 32
  const optional = optionalFields(frame)
  const leaves = walk(frame)
  const out: CompareInput[] = []
  for (let index = 0; out.length < count; index++) {
    if (index > count * 5) throw new Error(`${label}: too many variants the compat build rejects`)
    let variant = clone(frame)
    for (const [at, value] of leaves) {
      const key = at[at.length - 1]
      if (typeof value === 'number' && typeof key === 'string' && /(^id|Id)$/.test(key))
        variant = set(variant, at, 1 + (random() % 100_000))
      else if (typeof value === 'string' && typeof key === 'string' && TEXT_KEYS.has(key))
        variant = set(
          variant,
          at,
          `${value.slice(0, random() % 12)} ${'variant text '.repeat(random() % 4)}${random() % 1000}`,
        )
    }
    // Leave out from the deepest path first, so a dropped parent never hides a dropped child's index.
    for (const at of [...optional].reverse()) if (uniform() < 0.25) variant = removeIfPresent(variant, at)
    if (valid(variant)) out.push(input(`${label} variant ${out.length}`, variant))
  }
  return out
}

function removeIfPresent(root: JsonObject, at: Segments): JsonObject {
  let node: unknown = root
  for (const segment of at) {
    if (node === null || typeof node !== 'object' || !(segment in node)) return root
    node = (node as Record<string | number, unknown>)[segment]
  }
  return remove(root, at)
}

/** A key's value made the wrong JSON type (number ↔ string, boolean → string, object/array → number). */
function wrongType(value: Json): Json {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return 7
  if (typeof value === 'boolean') return String(value)
  return 7
}

/** The first (`early`) or last (`late`) leaf at depth ≥ `depth` whose wrong type the compat build reports at it. */
function breakOne(frame: JsonObject, where: 'early' | 'late', depth: number): {value: JsonObject; at: Segments} {
  const leaves = walk(frame).filter(
    ([at, value]) =>
      at.length >= depth && (value === null || typeof value !== 'object') && at[at.length - 1] !== 'type',
  )
  if (where === 'late') leaves.reverse()
  for (const [at, value] of leaves) {
    const broken = set(frame, at, wrongType(value))
    const result = decodeChatEvent(broken)
    if (!result.ok && sameSegments(parseOurPath(result.error.path), at)) return {value: broken, at}
  }
  throw new Error(`no leaf to break ${where}`)
}

/** Our `$.a.b[0]["c d"]` path as segments. */
export function parseOurPath(text: string): Segments {
  const segments: Segments = []
  const pattern = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g
  for (const match of text.slice(1).matchAll(pattern))
    segments.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(match[3]!) as string)))
  return segments
}

export function sameSegments(a: Segments, b: Segments): boolean {
  return a.length === b.length && a.every((segment, index) => String(segment) === String(b[index]))
}

/** Whether `prefix` is `at` or an ancestor of it. */
export function isAncestorOrSelf(prefix: Segments, at: Segments): boolean {
  return prefix.length <= at.length && prefix.every((segment, index) => String(segment) === String(at[index]))
}

/** Every input class of the contender benchmark. */
export interface CompareInputs {
  stable: CompareInput[]
  older: CompareInput[]
  variants: CompareInput[]
  mix: CompareInput[]
  drawn: CompareInput[]
  brokenLate: CompareInput[]
  brokenEarly: CompareInput[]
  skew: CompareInput[]
  invalidMix: CompareInput[]
  /** What each class is, and for which docs it is valid or broken. */
  notes: string[]
}

/**
 * The real events of the mix: the two complete frames, and the trimmed v7.0.0/v6.5.4.1 captures of
 * events completed: the `user` their source trimmed put back (the complete v6.5.4.1 frame's, first after
 * `type` as in EVENTS.md), and each other required field their source trimmed copied from an object
 * under the same key in the complete v6.5.4.1 frame. A capture that cannot be completed is left out and noted.
 */
function mixFrames(notes: string[]): [string, JsonObject][] {
  const stable = read('complete', 'receivedGroupInvitation-1')
  const frames: [string, JsonObject][] = [
    ['complete/receivedGroupInvitation-1', stable],
    ['complete/newChatItems-1', read('complete', 'newChatItems-1')],
  ]
  const donors = walk(stable).filter(
    ([, value]) => value !== null && typeof value === 'object' && !Array.isArray(value),
  )
  for (const name of ['newChatItems-1', 'newChatItems-3', 'receivedGroupInvitation-1', 'chatItemUpdated-2']) {
    const {type, user: _user, ...rest} = read('trimmed', name)
    let completed = {type: type!, user: stable.user!, ...rest} as JsonObject
    let copied = 0
    for (let result = decodeChatEvent(completed); !result.ok && copied < 40; result = decodeChatEvent(completed)) {
      const at = parseOurPath(result.error.path)
      const field = at[at.length - 1]
      const owner = at
        .slice(0, -1)
        .reverse()
        .find((segment) => typeof segment === 'string')
      const donor = donors.find(
        ([path, value]) =>
          path[path.length - 1] === owner && typeof field === 'string' && field in (value as JsonObject),
      )
      if (result.error.code !== 'missing' || !donor) break
      completed = set(completed, at, (donor[1] as JsonObject)[field as string]!)
      copied++
    }
    const result = decodeChatEvent(completed)
    if (result.ok) frames.push([`trimmed/${name} (+ user, ${copied} fields)`, completed])
    else notes.push(`mix: trimmed/${name} left out, not completed: ${result.error.message}`)
  }
  return frames
}

/** Build every class (about a second: each optional field is found by leaving it out). */
export function buildCompareInputs(schema: Schema | null, variants = VARIANTS): CompareInputs {
  const notes: string[] = []
  const stable = read('complete', 'receivedGroupInvitation-1')
  const older = read('complete', 'newChatItems-1')
  for (const [name, frame] of [
    ['receivedGroupInvitation-1', stable],
    ['newChatItems-1', older],
  ] as const)
    if (!valid(frame)) throw new Error(`the compat build rejects the real ${name} frame: generated/ out of date?`)
  const frames = mixFrames(notes)
  const perFrame = Math.ceil(variants / frames.length)
  const mixLists = frames.map(([label, frame], index) => variantsOf(frame, perFrame, SEED + index, label))
  const mix: CompareInput[] = []
  for (let index = 0; mix.length < variants; index++)
    mix.push(mixLists[index % frames.length]![Math.floor(index / frames.length)]!)

  const late = breakOne(stable, 'late', 3)
  const early = breakOne(stable, 'early', 2)
  const required = requiredFields(stable).filter((at) => at[0] === 'user' && at.length === 2)
  const missing = required.slice(-5)
  if (missing.length < 5) throw new Error('fewer than 5 required user fields in the real frame')
  let skewed = stable
  for (const at of missing) skewed = remove(skewed, at)

  const invalidMix = frames.map(([label, frame], index) => {
    if (index % 3 === 2) {
      const fields = requiredFields(frame)
      const at = fields[fields.length - 1]!
      return input(`${label} missing ${at.join('.')}`, remove(frame, at), [at])
    }
    const broken = breakOne(frame, index % 3 === 0 ? 'late' : 'early', 2)
    return input(`${label} broken at ${broken.at.join('.')}`, broken.value, [broken.at])
  })
  notes.push(
    'inputs valid for generated/ (compat build of spec/compat.json: 2025-09-27, 2026-088a33e, fork d94cbb0, pinned 2026-03c8bf5); checked before timing',
    `stable: real receivedGroupInvitation-1 (simplex-chat v6.5.4.1, ${stable ? walk(stable).length : 0} keys); older: real newChatItems-1 (2025-05 server, about v6.3)`,
    `variants: ${variants} variants of receivedGroupInvitation-1 (ids, texts, each of its ${optionalFields(stable).length} optional fields left out with p 1/4, keys in doc order)`,
    `mix: ${variants} variants of ${frames.length} real events (${frames.map(([label]) => label).join(', ')})`,
    `broken late: receivedGroupInvitation-1 with ${late.at.join('.')} of the wrong type; broken early: ${early.at.join('.')}`,
    `skew: receivedGroupInvitation-1 without ${missing.map((at) => at.join('.')).join(', ')} (required in every doc version: a server older than all the docs)`,
    `invalid mix: each real event of the mix with one field of the wrong type (late or early) or one required field left out`,
  )
  return {
    stable: [input('receivedGroupInvitation-1', stable)],
    older: [input('newChatItems-1', older)],
    variants: variantsOf(stable, variants, SEED, 'receivedGroupInvitation-1'),
    mix,
    drawn: (schema ? drawEvents(schema) : []).map((event, index) =>
      input(`drawn ${index} (${String(event.type)})`, event),
    ),
    brokenLate: [input(`receivedGroupInvitation-1 broken late`, late.value, [late.at])],
    brokenEarly: [input(`receivedGroupInvitation-1 broken early`, early.value, [early.at])],
    skew: [input('receivedGroupInvitation-1 without 5 required user fields', skewed, missing)],
    invalidMix,
    notes,
  }
}
