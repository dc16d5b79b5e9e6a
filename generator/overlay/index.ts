import {createHash} from 'node:crypto'
import path from 'node:path'
import {describeTypeExpression} from '../schema/render.js'
import type {Field, Schema} from '../schema/types.js'
import {InputError} from '../input-error.js'
import {readBoundedFile} from '../load/bounded-file.js'
import {DEFAULT_MAX_BYTES, readSpecFolderFile} from '../load/folder.js'
import {addResponses} from './additions.js'
import {OVERLAY_FILE, readOverlay, type Correction, type Overlay} from './entries.js'

export {OVERLAY_FILE} from './entries.js'
export {overlayNameError} from './additions.js'
export type {Correction, Overlay, ResponseAddition} from './entries.js'

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
 * the documents. What is wrong is said without quoting the file, which may not be an overlay at all: a
 * JSON error by its line and column, an entry by its path (`corrections[0].to`, `readOverlay`).
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
  return {overlay: readOverlay(data, file), sha256: createHash('sha256').update(text).digest('hex')}
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
 * Apply an overlay to a schema: its corrections, then its additions (`addResponses`).
 *
 * Each corrected field gets the primitive the wire carries as its type, or becomes optional, or both, and a
 * `correction` saying what the docs say and why, which the emitters put in its doc comment.
 *
 * @returns a corrected copy of the schema (the input is not changed).
 * @throws InputError when a target does not exist, its docs type is no longer `from`, a field to make
 *   optional is optional already, or an addition does not apply.
 */
export function applyOverlay(schema: Schema, overlay: Overlay): Schema {
  const corrected: Schema = structuredClone(schema)
  for (const correction of overlay.corrections) correct(findField(corrected, correction.target), correction)
  addResponses(corrected, overlay.additions ?? [])
  return corrected
}

/** Apply one correction to the field it targets, once the docs still say what it corrects. */
function correct(field: Field, correction: Correction): void {
  const now = describeTypeExpression(field.type)
  const stale = `the correction no longer applies (update or remove it in spec/${OVERLAY_FILE})`
  if (now !== correction.from)
    throw new InputError(
      `overlay: ${correction.target} is \`${now}\` in the docs, not \`${correction.from}\`; ${stale}`,
    )
  if (correction.optional && field.optional)
    throw new InputError(`overlay: ${correction.target} is optional in the docs (\`${now}?\`) already; ${stale}`)
  if (correction.to) field.type = {kind: 'primitive', name: correction.to}
  if (correction.optional) field.optional = true
  field.correction = {
    docsType: correction.from,
    ...(correction.optional ? {docsRequired: true as const} : {}),
    reason: correction.reason,
    evidence: correction.evidence,
  }
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
