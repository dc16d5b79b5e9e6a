import {distinctResponses} from '../schema/responses.js'
import type {Field, Schema, TypeExpression} from '../schema/types.js'

/** Whose field a field is, as the overlay names its owner. */
export type FieldOwner =
  | {kind: 'event'; name: string}
  | {kind: 'type'; name: string}
  | {kind: 'member'; union: string; member: string}
  | {kind: 'response'; tag: string}

/** What an issue is about in the docs. */
export type IssuePlace =
  /** A field of the docs: missing, or of another type on the wire (`value` is what the wire sent). */
  | {kind: 'field'; owner: FieldOwner; field: Field; value?: unknown}
  /** A tag of a discriminated union the docs do not list. */
  | {kind: 'member'; union: string; tag: string}
  /** A value of an enum the docs do not list. */
  | {kind: 'value'; enum: string; value: string}
  /** A frame whose tag is no event or response of the docs. */
  | {kind: 'frame'; tag: string}

/**
 * The overlay's name of a field (`User.agentUserId`, `Union.Member.field`, `event Name.field`), or `null` for
 * a response's own field, which the overlay cannot correct.
 */
export function overlayTarget(owner: FieldOwner, field: Field): string | null {
  switch (owner.kind) {
    case 'event':
      return `event ${owner.name}.${field.wireName}`
    case 'type':
      return `${owner.name}.${field.wireName}`
    case 'member':
      return `${owner.union}.${owner.member}.${field.wireName}`
    case 'response':
      return null
  }
}

type Segment = {key: string} | {index: number}

/** `$.chatItems[0].chatInfo["a.b"]` → `chatItems`, 0, `chatInfo`, `a.b`. */
export function pathSegments(path: string): Segment[] | null {
  const segments: Segment[] = []
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy
  pattern.lastIndex = 1
  if (!path.startsWith('$')) return null
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path)
    if (!match) return null
    if (match[1] !== undefined) segments.push({key: match[1]})
    else if (match[2] !== undefined) segments.push({index: Number(match[2])})
    else segments.push({key: JSON.parse(match[3]!) as string})
  }
  return segments
}

type Located =
  | {at: 'object'; owner: FieldOwner; fields: readonly Field[]; value: unknown}
  | {at: 'value'; type: TypeExpression; value: unknown; field: {owner: FieldOwner; field: Field}}

/**
 * Find what an issue of a decoded frame is about: walk its path through the docs and the frame's value
 * together (a union's member is the one the value's `type` tag picks).
 *
 * @param schema the docs the frame was decoded by.
 * @param root the frame's event or response, as the decoder took it.
 * @param resp the frame's `resp` value.
 * @param issue the issue's code and path (from `resp`: `$.user.agentUserId`).
 * @returns the place, or `null` when the path leaves what the docs describe.
 */
export function placeOf(
  schema: Schema,
  root: {kind: 'event' | 'response'; tag: string},
  resp: unknown,
  issue: {code: string; path: string},
): IssuePlace | null {
  const segments = pathSegments(issue.path)
  if (!segments) return null
  const start = rootOf(schema, root)
  if (!start) return null
  if (issue.code === 'missing') {
    const last = segments.at(-1)
    if (!last || !('key' in last)) return null
    const parent = walk(schema, start, resp, segments.slice(0, -1))
    const fields = parent && objectOf(schema, parent)
    const field = fields?.fields.find((candidate) => candidate.wireName === last.key)
    return fields && field ? {kind: 'field', owner: fields.owner, field} : null
  }
  if (issue.code === 'unknown-tag') {
    const union = walk(schema, start, resp, segments.slice(0, -1))
    const tag = union && union.at === 'value' ? (union.value as {type?: unknown} | null)?.type : undefined
    const name = union?.at === 'value' && union.type.kind === 'reference' ? union.type.name : undefined
    return name !== undefined && typeof tag === 'string' ? {kind: 'member', union: name, tag} : null
  }
  const located = walk(schema, start, resp, segments)
  if (!located || located.at !== 'value') return null
  if (issue.code === 'unknown-enum' && located.type.kind === 'reference' && typeof located.value === 'string')
    return {kind: 'value', enum: located.type.name, value: located.value}
  if (issue.code === 'type' && segments.at(-1) && 'key' in segments.at(-1)!)
    return {kind: 'field', ...located.field, value: located.value}
  return null
}

function rootOf(schema: Schema, root: {kind: 'event' | 'response'; tag: string}): Located | null {
  if (root.kind === 'event') {
    const event = schema.events.find((candidate) => candidate.tag === root.tag)
    return event ? {at: 'object', owner: {kind: 'event', name: event.name}, fields: event.fields, value: null} : null
  }
  const response = distinctResponses(schema).find((candidate) => candidate.tag === root.tag)
  return response
    ? {at: 'object', owner: {kind: 'response', tag: root.tag}, fields: response.fields, value: null}
    : null
}

function walk(schema: Schema, start: Located, resp: unknown, segments: readonly Segment[]): Located | null {
  let here: Located | null = {...start, value: resp}
  for (const segment of segments) {
    if (!here) return null
    const value = childOf(here.value, segment)
    if (here.at === 'value') {
      const type: TypeExpression = here.type
      if (type.kind === 'array' && 'index' in segment)
        here = {at: 'value', type: type.element, value, field: here.field}
      else if (type.kind === 'map' && 'key' in segment) here = {at: 'value', type: type.value, value, field: here.field}
      else {
        const object = objectOf(schema, here)
        here = object && 'key' in segment ? fieldOf(object, segment.key, value) : null
      }
    } else here = 'key' in segment ? fieldOf(here, segment.key, value) : null
  }
  return here
}

function fieldOf(object: Extract<Located, {at: 'object'}>, key: string, value: unknown): Located | null {
  const field = object.fields.find((candidate) => candidate.wireName === key)
  return field ? {at: 'value', type: field.type, value, field: {owner: object.owner, field}} : null
}

/** The fields of a value that is an object of the docs: a record, or the member of a union its tag picks. */
function objectOf(schema: Schema, here: Located): Extract<Located, {at: 'object'}> | null {
  if (here.at === 'object') return here
  if (here.type.kind !== 'reference') return null
  const {name} = here.type
  const type = schema.types.find((candidate) => candidate.name === name)
  if (type?.kind === 'record')
    return {at: 'object', owner: {kind: 'type', name}, fields: type.fields, value: here.value}
  if (type?.kind === 'union') {
    const tag = (here.value as {type?: unknown} | null)?.type
    const member = type.members.find((candidate) => candidate.tag === tag)
    if (member)
      return {
        at: 'object',
        owner: {kind: 'member', union: name, member: member.name},
        fields: member.fields,
        value: here.value,
      }
  }
  return null
}

function childOf(value: unknown, segment: Segment): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  if ('index' in segment) return Array.isArray(value) ? value[segment.index] : undefined
  return Object.hasOwn(value, segment.key) ? (value as Record<string, unknown>)[segment.key] : undefined
}
