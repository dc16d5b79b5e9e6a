import {createHash} from 'node:crypto'
import path from 'node:path'
import {describeTypeExpression} from '../schema/render.js'
import {PRIMITIVES, type Field, type PrimitiveName, type Schema} from '../schema/types.js'
import {InputError} from '../cli-io.js'
import {readBoundedFile} from '../load/bounded-file.js'
import {DEFAULT_MAX_BYTES, readSpecFolderFile} from '../load/folder.js'

/** File name of the overlay inside a spec folder (optional). */
export const OVERLAY_FILE = 'overlay.json'

/**
 * One documented correction: where the live wire differs from the docs.
 * `from` must still be what the docs say, so a correction that upstream has
 * since fixed (or changed) fails loudly instead of applying blindly.
 */
export interface Correction {
  /** `Type.field`, `Union.Member.field` or `event Name.field`. */
  target: string
  /** The field's type as the docs write it (compact form: `int64`, `[User]`). */
  from: string
  /** The primitive the wire really carries. */
  to: PrimitiveName
  /** Why, in one line. */
  reason: string
  /** The real frame that proves it (a path in this repository) and what it shows. */
  evidence: string
}

export interface Overlay {
  corrections: Correction[]
}

/** An overlay as read, with the digest of its file (`null` when there is none). */
export interface LoadedOverlay {
  overlay: Overlay
  sha256: string | null
}

/**
 * Where an overlay is read from: `overlay.json` of a spec folder (untrusted, read under the folder's rules;
 * none when the folder has none), or a file the user named with `--overlay` (which must exist).
 */
export type OverlaySource = {specFolder: string} | {file: string}

/** Options of `loadOverlay`. */
export interface LoadOverlayOptions {
  /** Refuse an overlay larger than this many bytes (default: the documents' limit, 8 MiB). */
  maxBytes?: number
}

/**
 * Read an overlay. Either way it must be a regular file (never a FIFO or a device, which would block or
 * never end) of at most `maxBytes`; `overlay.json` of a spec folder must also stay inside the folder, like
 * the documents. What is wrong is said without quoting the file: it may not be an overlay at all.
 *
 * @param source the spec folder or the named file, or `null` for no overlay.
 * @throws InputError when a named file is missing, the file breaks those rules, or it is not a valid overlay.
 */
export async function loadOverlay(
  source: OverlaySource | null,
  options: LoadOverlayOptions = {},
): Promise<LoadedOverlay> {
  const none: LoadedOverlay = {overlay: {corrections: []}, sha256: null}
  if (source === null) return none
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  let file: string
  let text: string | null
  if ('specFolder' in source) {
    file = path.join(source.specFolder, OVERLAY_FILE)
    text = await readSpecFolderFile(source.specFolder, OVERLAY_FILE, maxBytes)
    if (text === null) return none
  } else {
    file = source.file
    // Named by the user, so a link is followed; but a FIFO or a device is still refused.
    const fail = (detail: string) => new InputError(`overlay file ${file}: ${detail}`)
    text = await readBoundedFile(file, {maxBytes, followLinks: true, fail})
    if (text === null) throw new InputError(`overlay file ${file} does not exist`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new InputError(`${file}: not valid JSON${jsonErrorPlace(text, error as Error)}`)
  }
  const corrections = (data as {corrections?: unknown})?.corrections
  if (!Array.isArray(corrections)) throw new InputError(`${file}: expected {"corrections": [...]}`)
  for (const [index, correction] of corrections.entries()) {
    for (const key of ['target', 'from', 'to', 'reason', 'evidence'] as const) {
      if (typeof correction?.[key] !== 'string')
        throw new InputError(`${file}: corrections[${index}].${key}: expected a string`)
    }
    if (!(PRIMITIVES as readonly string[]).includes(correction.to)) {
      throw new InputError(`${file}: corrections[${index}].to: expected one of ${PRIMITIVES.join(', ')}`)
    }
  }
  return {overlay: {corrections: corrections as Correction[]}, sha256: createHash('sha256').update(text).digest('hex')}
}

/**
 * Where `JSON.parse` stopped, as ` at line L, column C`, or `''`. Only the position is taken from its
 * message: V8 quotes the text it could not parse, and bytes of a file that is not an overlay are never printed.
 */
function jsonErrorPlace(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1]
  if (position === undefined) return /end of JSON input/.test(error.message) ? ' (it ends too early)' : ''
  const before = text.slice(0, Number(position)).split('\n')
  return ` at line ${before.length}, column ${before.at(-1)!.length + 1}`
}

/**
 * Apply an overlay to a schema.
 *
 * Each corrected field gets the primitive the wire carries as its type, and a `correction`
 * saying what the docs say and why, which the emitters put in its doc comment.
 *
 * @returns a corrected copy of the schema (the input is not changed).
 * @throws InputError when a target does not exist or its docs type is no longer `from`.
 */
export function applyOverlay(schema: Schema, overlay: Overlay): Schema {
  const corrected: Schema = structuredClone(schema)
  for (const correction of overlay.corrections) {
    const field = findField(corrected, correction.target)
    const now = describeTypeExpression(field.type)
    if (now !== correction.from) {
      throw new InputError(
        `overlay: ${correction.target} is \`${now}\` in the docs, not \`${correction.from}\`; the correction no longer applies (update or remove it in spec/${OVERLAY_FILE})`,
      )
    }
    field.type = {kind: 'primitive', name: correction.to}
    field.correction = {docsType: correction.from, reason: correction.reason, evidence: correction.evidence}
  }
  return corrected
}

/** The field a target names: `Type.field`, `Union.Member.field` or `event Name.field`. */
function findField(schema: Schema, target: string): Field {
  const eventMatch = /^event (\w+)\.(\w+)$/.exec(target)
  const parts = target.split('.')
  let fields: Field[] | undefined
  if (eventMatch) {
    fields = schema.events.find((event) => event.name === eventMatch[1])?.fields
  } else if (parts.length === 2) {
    const type = schema.types.find((candidate) => candidate.name === parts[0])
    fields = type?.kind === 'record' ? type.fields : undefined
  } else if (parts.length === 3) {
    const type = schema.types.find((candidate) => candidate.name === parts[0])
    fields = type?.kind === 'union' ? type.members.find((member) => member.name === parts[1])?.fields : undefined
  }
  const fieldName = eventMatch ? eventMatch[2] : parts.at(-1)
  const field = fields?.find((candidate) => candidate.name === fieldName)
  if (!field) throw new InputError(`overlay: no field ${target} in the docs`)
  return field
}
