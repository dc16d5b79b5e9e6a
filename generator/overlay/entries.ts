import {InputError} from '../input-error.js'
import {identifierProblem} from '../names/index.js'
import {parseCompactFieldLine} from '../parse/type-expression.js'
import {PRIMITIVES, type PrimitiveName} from '../schema/types.js'

/** File name of the overlay inside a spec folder (optional). */
export const OVERLAY_FILE = 'overlay.json'

/**
 * One documented correction of a field: where the live wire differs from the docs.
 * `from` must still be what the docs say, so a correction that upstream has
 * since fixed (or changed) fails loudly instead of applying blindly.
 */
export interface Correction {
  /** `Type.field`, `Union.Member.field` or `event Name.field`. */
  target: string
  /** The field's type as the docs write it (compact form: `int64`, `[User]`). */
  from: string
  /** The primitive the wire really carries; absent when only `optional` corrects the field. */
  to?: PrimitiveName
  /** `true`: the docs require the field, and the wire may omit it. */
  optional?: true
  /** Why, in one line. */
  reason: string
  /** The real frame that proves it (a path in this repository) and what it shows. */
  evidence: string
}

/**
 * A response the wire sends that no doc version documents. It joins `ChatResponse` under the name upstream's
 * constructor has (`CRAgentSubs` → `AgentSubs`: the tag with its first letter upper-cased), and answers no
 * command of the docs. A doc version that lists the tag makes it an error: the docs cover it now.
 */
export interface ResponseAddition {
  /** The `type` tag (`agentSubs`). */
  response: string
  /** Field lines in the docs' syntax, compact (`activeSubs: {string : int}`, `user: User`, `note: string?`). */
  fields: string[]
  /** Why, in one line. */
  reason: string
  /** The real frame that proves it (a path in this repository) and what it shows. */
  evidence: string
}

/** The entries of an overlay file. */
export interface Overlay {
  corrections: Correction[]
  /** Absent: none. */
  additions?: ResponseAddition[]
}

const OVERLAY_KEYS = ['corrections', 'additions'] as const
const CORRECTION_KEYS = ['target', 'from', 'to', 'optional', 'reason', 'evidence'] as const
const ADDITION_KEYS = ['response', 'fields', 'reason', 'evidence'] as const

/** The name of the response a tag is: upstream's constructor without its `CR` prefix (`agentSubs` → `AgentSubs`). */
export function addedResponseName(tag: string): string {
  return tag.charAt(0).toUpperCase() + tag.slice(1)
}

/**
 * The overlay a parsed overlay file holds, its entries checked for shape; what they refer to is checked where
 * they apply (`applyOverlay`). Keys starting with `$` are comments (`$comment`); any other unknown key is an
 * error, so a misspelt one (`optinal`) never goes unnoticed.
 *
 * @param file how messages name the file.
 * @throws InputError naming the file and the entry (`corrections[0].to`) of the first problem.
 */
export function readOverlay(data: unknown, file: string): Overlay {
  const fail = (at: string, detail: string) => new InputError(`${file}: ${at}${detail}`)
  const expected = 'expected {"corrections": [...], "additions": [...]}'
  if (!isObject(data)) throw fail('', expected)
  // A file with neither key may be something else: its keys are not printed.
  if (!OVERLAY_KEYS.some((key) => Object.hasOwn(data, key)) && Object.keys(data).some((key) => !key.startsWith('$')))
    throw fail('', `${expected}, not other keys`)
  checkKeys(data, OVERLAY_KEYS, '', fail)
  const entries = (key: 'corrections' | 'additions'): Record<string, unknown>[] => {
    const list = Object.hasOwn(data, key) ? data[key] : []
    if (!Array.isArray(list)) throw fail(key, ': expected an array')
    for (const [index, entry] of list.entries())
      if (!isObject(entry)) throw fail(`${key}[${index}]`, ': expected an object')
    return list as Record<string, unknown>[]
  }
  const corrections = entries('corrections')
  for (const [index, correction] of corrections.entries()) checkCorrection(correction, `corrections[${index}]`, fail)
  const additions = entries('additions')
  const tags = new Map<unknown, number>()
  for (const [index, addition] of additions.entries()) {
    const at = `additions[${index}]`
    checkAddition(addition, at, fail)
    const first = tags.get(addition.response)
    if (first !== undefined)
      throw fail(`${at}.response`, `: response \`${addition.response}\` is added by additions[${first}] already`)
    tags.set(addition.response, index)
  }
  return {
    corrections: corrections as unknown as Correction[],
    ...(additions.length > 0 ? {additions: additions as unknown as ResponseAddition[]} : {}),
  }
}

type Fail = (at: string, detail: string) => InputError

function checkCorrection(correction: Record<string, unknown>, at: string, fail: Fail): void {
  checkKeys(correction, CORRECTION_KEYS, at, fail)
  for (const key of ['target', 'from', 'reason', 'evidence'] as const) checkString(correction, key, at, fail)
  const {to, optional} = correction
  if (to !== undefined && !(PRIMITIVES as readonly unknown[]).includes(to))
    throw fail(`${at}.to`, `: expected one of ${PRIMITIVES.join(', ')}`)
  if (to !== undefined && to === correction.from) throw fail(`${at}.to`, ': the same as `from`, so it corrects nothing')
  if (optional !== undefined && optional !== true)
    throw fail(`${at}.optional`, ': expected true (leave it out for a field the wire always sends)')
  if (to === undefined && optional === undefined)
    throw fail(at, ': expected `to` (the primitive the wire sends), `optional: true` (the wire may omit it), or both')
}

function checkAddition(addition: Record<string, unknown>, at: string, fail: Fail): void {
  checkKeys(addition, ADDITION_KEYS, at, fail)
  for (const key of ['response', 'reason', 'evidence'] as const) checkString(addition, key, at, fail)
  const tag = addition.response as string
  if (tag === '') throw fail(`${at}.response`, ": expected the response's tag, not an empty string")
  const problem = identifierProblem(addedResponseName(tag))
  if (problem)
    throw fail(
      `${at}.response`,
      `: \`${tag}\` names the response \`${addedResponseName(tag)}\`, not a TypeScript identifier: ${problem}`,
    )
  const {fields} = addition
  if (!Array.isArray(fields)) throw fail(`${at}.fields`, ': expected an array of field lines (`name: type`)')
  const names = new Set<string>()
  for (const [index, line] of fields.entries()) {
    const place = `${at}.fields[${index}]`
    if (typeof line !== 'string') throw fail(place, ': expected a field line as a string (`name: type`)')
    const field = parseCompactFieldLine(line)
    if ('error' in field) throw fail(place, `, column ${field.column}: ${field.error}`)
    if (field.name === '') throw fail(place, ': expected a field name before `:`')
    if (field.name === 'type') throw fail(place, ': `type` is the tag of the response, not a field')
    if (names.has(field.name)) throw fail(place, `: field \`${field.name}\` is listed twice`)
    names.add(field.name)
  }
}

function checkKeys(entry: Record<string, unknown>, known: readonly string[], at: string, fail: Fail): void {
  for (const key of Object.keys(entry)) {
    if (key.startsWith('$') || known.includes(key)) continue
    const expected = `expected ${known.join(', ')}; keys starting with $ are comments`
    throw fail(at, `${at ? ': ' : ''}unknown key ${JSON.stringify(key)} (${expected})`)
  }
}

function checkString(entry: Record<string, unknown>, key: string, at: string, fail: Fail): void {
  if (typeof entry[key] !== 'string') throw fail(`${at}.${key}`, ': expected a string')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
