import path from 'node:path'
import {DiagnosticsError} from './cli-io.js'
import {emitLibrary, type EmitTimings} from './emit/index.js'
import {loadSpec, redactUrl} from './load-spec.js'
import {applyOverlay, loadOverlay, OVERLAY_FILE} from './overlay.js'
import {formatDiagnostics} from './report.js'
import {buildSchema} from './schema/index.js'
import type {Schema} from './schema/types.js'
import {PINNED_SPEC} from './paths.js'
import {GENERATOR_VERSION} from './version.js'

/** Where `generate` and `check` read from. */
export interface GenerateSource {
  /** A spec folder or an http(s) URL of one. */
  spec: string
  /** An overlay file, or `false` for none; default: `overlay.json` in the spec folder if there is one (none for a URL). */
  overlay?: string | false
  /** Colour in diagnostics. */
  color?: boolean
  /** Download timeout for a spec URL, in milliseconds. */
  timeout?: number
  /** Largest spec document, in bytes (a file, or a download after decompression). */
  maxBytes?: number
  /** Format the output with prettier (default `true`; only tests that run the code turn it off). */
  format?: boolean
  /** Called as each stage starts (`parsing and checking`, ...), for a progress line. */
  onStage?: (stage: string) => void
}

/** Milliseconds spent in each stage of one generation. */
export interface GenerateTimings extends EmitTimings {
  load: number
  parse: number
}

/** The generated tree, the schema it came from, and where the time went. */
export interface Generation {
  files: Map<string, string>
  schema: Schema
  timings: GenerateTimings
}

/**
 * Run the pipeline in memory: load the docs, parse and check them, apply the
 * overlay, emit every file. Nothing is written.
 *
 * @throws DiagnosticsError with located messages when a document does not parse or check;
 *   InputError when the spec or the overlay cannot be read.
 */
export async function generateInMemory(source: GenerateSource): Promise<Generation> {
  const timings: GenerateTimings = {load: 0, parse: 0, build: 0, format: 0}
  const stage = source.onStage ?? (() => {})
  let started = performance.now()
  stage('loading the docs')
  const documents = await loadSpec(source.spec, {timeoutMs: source.timeout, maxBytes: source.maxBytes})
  const defaultOverlay = /^https?:/i.test(source.spec) ? null : path.join(source.spec, OVERLAY_FILE)
  const {overlay, sha256: overlaySha256} =
    typeof source.overlay === 'string'
      ? await loadOverlay(source.overlay, true)
      : await loadOverlay(source.overlay === false ? null : defaultOverlay, false)
  timings.load = performance.now() - started

  started = performance.now()
  stage('parsing and checking')
  const result = buildSchema(documents)
  if (!result.ok) throw new DiagnosticsError(formatDiagnostics(result.files, source.color ?? false))
  const schema = applyOverlay(result.schema, overlay)
  timings.parse = performance.now() - started

  const files = await emitLibrary(
    {
      schema,
      overlaySha256,
      specSource: describeSpecSource(source.spec),
      generatorVersion: GENERATOR_VERSION,
      ...(source.format === false ? {format: false} : {}),
    },
    timings,
    stage,
  )
  return {files, schema, timings}
}

/**
 * The spec as the header names it: `null` for the pinned spec, a URL without its user
 * name and password, or the folder as given (with `/` separators).
 */
export function describeSpecSource(spec: string): string | null {
  if (/^https?:/i.test(spec)) return URL.canParse(spec) ? redactUrl(new URL(spec)) : spec
  return path.resolve(spec) === PINNED_SPEC ? null : spec.split(path.sep).join('/')
}
