import {describeTypeExpression} from '../schema/render.js'
import type {Schema} from '../schema/types.js'
import type {Correction, Overlay, ResponseAddition} from '../overlay/index.js'
import type {FrameDecoders, FrameIssue} from './decoders.js'
import type {ReceivedFrame} from './frames.js'
import {overlayTarget, placeOf, type IssuePlace} from './places.js'
import {explainingVersions} from './skew.js'

/** What explains one shape of issue, or what to do about it. */
export type Verdict =
  /** The overlay already corrects it: `corrections[0] User.agentUserId`. */
  | {kind: 'covered-by-overlay'; entry: string}
  /** A doc version of the range older (or newer) than the docs decoded by says what the frame shows. */
  | {kind: 'older-server' | 'newer-server'; versions: string[]}
  /** No doc version says it: an overlay entry to add, with the evidence. */
  | {kind: 'proposal'; entry: {corrections: [Correction]} | {additions: [ResponseAddition]}}
  /** No doc version says it and no overlay entry can (a union member, an enum value, an event). */
  | {kind: 'report-upstream'}

/** Issues of one shape across the frames, and what explains them. */
export interface DriftShape {
  /** `tag code path (expected)`, as the generated `issueShapeKey` makes it. */
  key: string
  tag: string | undefined
  code: string
  /** The path with array positions as `[]`, from the frame's `resp`. */
  path: string
  expected: string
  count: number
  /** The frames that show it, in reading order, each with its first issue of this shape. */
  frames: {source: string; path: string; found: string}[]
  verdict: Verdict
}

/** The result of `analyseDrift`. */
export interface DriftReport {
  frames: number
  /** Label of the docs decoded by, and the range's versions, oldest first. */
  docs: string
  range: string[]
  shapes: DriftShape[]
}

/** What `analyseDrift` reads the frames with. */
export interface DriftSources {
  /** The docs alone (no overlay, no compatibility build): the decoders were built from it. */
  docs: Schema
  decoders: FrameDecoders
  /** The compatibility build's merged schema without the overlay (the docs alone when there is no range). */
  range: Schema
  overlay: Overlay
}

/**
 * Decode each frame in lenient mode by the docs, group the issues by shape (the generated `issueShapeKey`),
 * and say for each shape what explains it: the overlay, a doc version of the range (an older or newer
 * server), or nothing yet, with the overlay entry to add.
 *
 * @param frames the frames read (`readFrames`).
 * @param sources the docs, their decoders, the range and the overlay.
 * @returns the shapes in the order first seen.
 */
export function analyseDrift(frames: readonly ReceivedFrame[], sources: DriftSources): DriftReport {
  const {docs, decoders} = sources
  const groups = new Map<
    string,
    {shape: Omit<DriftShape, 'verdict'>; place: IssuePlace | null; hasCorrId: boolean; resp: unknown}
  >()
  const note = (
    tag: string | undefined,
    issue: FrameIssue,
    {source, frame}: ReceivedFrame,
    place: () => IssuePlace | null,
  ) => {
    const key = decoders.issueShapeKey(tag, issue)
    const known = groups.get(key)
    const seen = {source, path: issue.path, found: issue.found}
    if (known) {
      known.shape.count++
      if (!known.shape.frames.some((frame) => frame.source === source)) known.shape.frames.push(seen)
      return
    }
    const path = key.slice(`${tag ?? '(no tag)'} ${issue.code} `.length, -` (${issue.expected})`.length)
    groups.set(key, {
      shape: {key, tag, code: issue.code, path, expected: issue.expected, count: 1, frames: [seen]},
      place: place(),
      hasCorrId: typeof frame.corrId === 'string',
      resp: frame.resp,
    })
  }
  for (const received of frames) {
    const {frame} = received
    const decoded = decoders.decodeFrame(JSON.stringify(frame), {mode: 'lenient', maxIssues: 1000})
    const corrId = typeof frame.corrId === 'string'
    if (decoded.kind === 'unknown') {
      const tag = decoded.type
      const issue: FrameIssue = {
        code: corrId ? 'unknown-response' : 'unknown-event',
        path: '$.type',
        expected: corrId ? 'a response of the docs' : 'an event of the docs',
        found: JSON.stringify(tag ?? null),
        message: '',
      }
      note(tag, issue, received, () => (tag === undefined ? null : {kind: 'frame', tag}))
      continue
    }
    if (decoded.kind === 'error') {
      for (const issue of decoded.issues) note(undefined, fromResp(issue), received, () => null)
      continue
    }
    const tag = decoded.kind === 'event' ? decoded.event.type : decoded.response.type
    const root = {kind: decoded.kind, tag}
    for (const raw of decoded.issues) {
      const issue = fromResp(raw)
      note(tag, issue, received, () => placeOf(docs, root, frame.resp, issue))
    }
  }
  const labels = (sources.range.versions ?? []).map((version) => version.label)
  const docsLabel = labels.at(-1) ?? 'the docs'
  const shapes = [...groups.values()].map(({shape, place, hasCorrId, resp}) => ({
    ...shape,
    verdict: verdictOf(shape, place, hasCorrId, resp, sources, labels, docsLabel),
  }))
  return {frames: frames.length, docs: docsLabel, range: labels, shapes}
}

/** Paths from the frame's `resp` (`$.resp.user` → `$.user`), as the docs and the overlay see them. */
function fromResp(issue: FrameIssue): FrameIssue {
  return {...issue, path: issue.path.replace(/^\$\.resp(?=$|[.[])/, '$')}
}

function verdictOf(
  shape: Omit<DriftShape, 'verdict'>,
  place: IssuePlace | null,
  hasCorrId: boolean,
  resp: unknown,
  sources: DriftSources,
  labels: readonly string[],
  docsLabel: string,
): Verdict {
  if (!place) return {kind: 'report-upstream'}
  const covered = coveringEntry(place, shape.code, sources.overlay)
  if (covered !== null) return {kind: 'covered-by-overlay', entry: covered}
  const versions = explainingVersions(sources.range, place, shape.code).filter((label) => label !== docsLabel)
  if (versions.length > 0) {
    const newer = versions.filter((label) => labels.indexOf(label) > labels.indexOf(docsLabel))
    return {kind: newer.length === versions.length ? 'newer-server' : 'older-server', versions}
  }
  return proposalOf(shape, place, hasCorrId, resp) ?? {kind: 'report-upstream'}
}

/** The overlay entry that already makes the docs say what the wire sends, by its place in the file. */
function coveringEntry(place: IssuePlace, code: string, overlay: Overlay): string | null {
  if (place.kind === 'frame') {
    const index = (overlay.additions ?? []).findIndex((addition) => addition.response === place.tag)
    return index < 0 ? null : `additions[${index}] response ${place.tag}`
  }
  if (place.kind !== 'field') return null
  const target = overlayTarget(place.owner, place.field)
  const index = overlay.corrections.findIndex(
    (correction) =>
      correction.target === target && (code === 'missing' ? correction.optional === true : correction.to !== undefined),
  )
  return index < 0 ? null : `corrections[${index}] ${target}`
}

function proposalOf(
  shape: Omit<DriftShape, 'verdict'>,
  place: IssuePlace,
  hasCorrId: boolean,
  resp: unknown,
): Verdict | null {
  const sources = shape.frames.map((frame) => frame.source)
  const shown =
    sources.length > 3 ? `${sources.slice(0, 3).join(', ')} and ${sources.length - 3} more` : sources.join(', ')
  const first = shape.frames[0]!
  if (place.kind === 'field') {
    const target = overlayTarget(place.owner, place.field)
    if (target === null) return null
    const from = describeTypeExpression(place.field.type)
    if (shape.code === 'missing') {
      const reason = `the wire omits it: ${sources.length} ${sources.length === 1 ? 'frame lacks' : 'frames lack'} it`
      return {
        kind: 'proposal',
        entry: {corrections: [{target, from, optional: true, reason, evidence: `${shown}: ${first.path} is missing`}]},
      }
    }
    const to = primitiveOf(place.value)
    if (to === null) return null
    const reason = `the wire sends a JSON ${to === 'string' ? 'string' : to === 'bool' ? 'boolean' : 'number'} where the docs say ${from}`
    return {
      kind: 'proposal',
      entry: {corrections: [{target, from, to, reason, evidence: `${shown}: ${first.path} is ${first.found}`}]},
    }
  }
  if (place.kind === 'frame' && hasCorrId) {
    return {
      kind: 'proposal',
      entry: {
        additions: [
          {
            response: place.tag,
            fields: fieldLinesOf(resp),
            reason: `the core answers with \`${place.tag}\`, which no doc version lists (fields as the first frame has them: check them)`,
            evidence: shown,
          },
        ],
      },
    }
  }
  return null
}

/** The overlay's primitive for a JSON value the wire sent (`to`), or `null` for an object, array or null. */
function primitiveOf(value: unknown): Correction['to'] | null {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'double'
  return null
}

/** Field lines of the overlay's compact syntax for what an object holds (`activeSubs: {string : int64}`), `type` left out. */
function fieldLinesOf(resp: unknown): string[] {
  if (typeof resp !== 'object' || resp === null || Array.isArray(resp)) return []
  return Object.entries(resp)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${key}: ${typeLineOf(value)}`)
}

function typeLineOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length > 0 ? typeLineOf(value[0]) : 'string'}]`
  if (typeof value === 'object' && value !== null) {
    const values = Object.values(value)
    return values.length > 0 && values.every((entry) => typeof entry !== 'object' || entry === null)
      ? `{string : ${typeLineOf(values[0])}}`
      : 'JSONObject'
  }
  return primitiveOf(value) ?? 'JSONObject'
}
