import path from 'node:path'
import {mergeSchemas} from './compat/merge-schemas.js'
import {emitLibrary, type EmitTimings} from './emit/index.js'
import {createFormatPool} from './emit/format-pool.js'
import {DEFAULT_MAX_BYTES, loadSpec, redactUrl} from './load/index.js'
import {isSpecUrl} from './load/spec-kind.js'
import {readCompatConfig} from './load/compat-config.js'
import {readSpecOrigins, type SpecOrigins} from './load/provenance.js'
import {applyOverlay, loadOverlay, overlayNameError} from './overlay/index.js'
import type {VFile} from 'vfile'
import {DiagnosticsError, hasErrors, reportError} from './diagnostics.js'
import {InputError} from './input-error.js'
import {checkCommandStringTypes, type CommandStringTypeError} from './emit/check-command-strings.js'
import {startCommandStringChecker, type CommandStringChecker} from './emit/command-string-checker.js'
import {parseSpec} from './parse/index.js'
import type {SpecDocuments} from './load/spec-documents.js'
import {printable} from './sanitize.js'
import {compileSyntaxTemplates} from './parse/syntax-templates.js'
import {checkNames, reportNameCollisions} from './names/index.js'
import type {NameCollision} from './names/claims.js'
import {packageNameCollisions} from './emit/package-modules.js'
import {checkSchema} from './schema/check.js'
import type {Schema} from './schema/types.js'
import {DEFAULT_OUT, PINNED_SPEC} from './paths.js'
import {GENERATOR_VERSION} from './version.js'

/** Where `generate` and `check` read from. */
export interface GenerateSource {
  /** A spec folder or an http(s) URL of one. */
  spec: string
  /**
   * Older doc versions (folders or URLs), newest first, for a compatibility build: one schema merged over
   * `spec` and these (`generator/compat/`); `[]` for the docs of `spec` alone. Default: the list in
   * `compat.json` of the spec folder if there is one (`readCompatConfig`), else none (always none for a URL).
   */
  compat?: readonly string[]
  /** The output folder (default: `generated/`): the headers name a spec folder relative to it. */
  out?: string
  /** An overlay file, or `false` for none; default: `overlay.json` in the spec folder if there is one (none for a URL). */
  overlay?: string | false
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
 * The pipeline of simplex-events, one stage per folder of `generator/`:
 *
 *     load/ (a folder or URL) → parse/ (mdast → IR) → names/ + schema/ (check) → parse/syntax-templates
 *       (compile) → emit/ structures (the name collisions) → overlay/ → emit/ → write/
 *
 * Each stage returns a new value; none changes what an earlier one returned. Failures come back as data:
 * a `DiagnosticsError` holds the vfiles with their located messages, and the caller reports them.
 *
 * `readSchema` runs it up to the overlay (the `schema` and `diff` commands), `generateInMemory`
 * to the emitted files (`generate`, `check`); `write/` puts a tree on disk (`generate`).
 */

/** What `readSchema` needs: where the spec is, and how to read it. */
export type SchemaSource = Omit<GenerateSource, 'format' | 'onStage'> & {onStage?: (stage: string) => void}

/** A checked schema, with the overlay applied, and what reading it took. */
export interface ReadSchema {
  schema: Schema
  /** sha256 of the overlay file applied, or `null`. */
  overlaySha256: string | null
  /** Where each document came from: the URL, or the commit `provenance.json` names. */
  origins: SpecOrigins
  /** Each doc version read, oldest first (the last is `spec`): the spec as given, and its documents' origins. */
  versions: {spec: string; origins: SpecOrigins}[]
  timings: {load: number; parse: number}
}

/**
 * Load the docs, parse and check them, apply the overlay.
 *
 * @throws DiagnosticsError with located messages when a document does not parse or check;
 *   InputError when the spec or the overlay cannot be read.
 */
export async function readSchema(source: SchemaSource): Promise<ReadSchema> {
  const started = performance.now()
  const {read, checked} = await startReadSchema(source)
  await checked
  return {...read, timings: {...read.timings, parse: performance.now() - started - read.timings.load}}
}

/** A schema read, and its last type checks (a compatibility build's), which may still be running. */
interface StartedRead {
  /** The schema as `readSchema` returns it once `checked` resolves (`timings.parse` up to now). */
  read: ReadSchema
  /** Resolves when every check passed; rejects with the DiagnosticsError `readSchema` throws. */
  checked: Promise<void>
}

/**
 * `readSchema`, returned as soon as the schema is known: in a compatibility build the type checks finish in
 * a worker (`startCommandStringChecker`) while the caller goes on (emits); `checked` says how they ended.
 */
async function startReadSchema(source: SchemaSource): Promise<StartedRead> {
  const stage = source.onStage ?? (() => {})
  let started = performance.now()
  stage('loading the docs')
  const loadOptions = {timeoutMs: source.timeout, maxBytes: source.maxBytes}
  const documents = await loadSpec(source.spec, loadOptions)
  const isUrl = isSpecUrl(source.spec)
  const maxBytes = source.maxBytes ?? DEFAULT_MAX_BYTES
  const config = source.compat === undefined && !isUrl ? await readCompatConfig(source.spec, maxBytes) : null
  const compatSpecs = source.compat ?? config?.compat ?? []
  const compat: DocVersionDocuments[] = []
  for (const spec of compatSpecs) compat.push({spec, documents: await loadSpec(spec, loadOptions)})
  const defaultOverlay = isUrl ? null : {specFolder: source.spec}
  const {overlay, sha256: overlaySha256} = await loadOverlay(
    typeof source.overlay === 'string' ? {file: source.overlay} : source.overlay === false ? null : defaultOverlay,
    {maxBytes: source.maxBytes},
  )
  const load = performance.now() - started

  started = performance.now()
  stage('parsing and checking')
  // A compatibility build type-checks each version and the merge: in a worker, beside the parsing.
  const checker = compat.length === 0 ? null : startCommandStringChecker()
  try {
    const build = checker
      ? startCompatBuild(
          labelVersions([
            ...[...compat].reverse(),
            {spec: source.spec, documents, ...(config?.label ? {label: config.label} : {})},
          ]),
          checker,
        )
      : null
    const single = build ? null : buildSchema(documents)
    // The merged schema as soon as there is one; else the build's messages once its checks answered.
    const result = build?.merged ? {ok: true as const, schema: build.merged} : build ? await build.result : single!
    if (!result.ok) throw new DiagnosticsError(result.files)
    const versions: ReadSchema['versions'] = []
    const schemas = result.schema.versions ?? [{sources: result.schema.sources}]
    try {
      for (const [index, {spec, documents: ofVersion}] of [
        ...[...compat].reverse(),
        {spec: source.spec, documents},
      ].entries())
        versions.push({spec, origins: await readSpecOrigins(spec, ofVersion, schemas[index]!.sources, maxBytes)})
    } catch (error) {
      // Read before the versions' checks answered: their messages come first, as when they were awaited here.
      const final = await build?.result
      if (final && !final.ok) throw new DiagnosticsError(final.files)
      throw error
    }
    const origins = versions.at(-1)!.origins
    const schema = applyOverlay(result.schema, overlay)
    if (overlay.corrections.length > 0 || (overlay.additions ?? []).length > 0) {
      // The docs' names were checked; a name the overlay's additions or corrections make may be taken.
      const [collision] = packageNameCollisions(schema)
      if (collision) {
        // A version's own messages come first, as when its checks were awaited before the overlay.
        const final = await build?.result
        if (final && !final.ok) throw new DiagnosticsError(final.files)
        throw overlayNameError(collision)
      }
    }
    const read = {schema, overlaySha256, origins, versions, timings: {load, parse: performance.now() - started}}
    if (overlay.corrections.length === 0 && compat.length === 0) return {read, checked: Promise.resolve()}
    // A correction changes a field's type, which a syntax may use (`items.join` where `items` became a string);
    // a compatibility build makes parameters optional. The templates and their locations are the newest docs'.
    const context = compat.length > 0 ? ' in the compatibility build' : ' with the overlay applied'
    if (!checker) {
      reportCommandStringTypeErrors(checkCommandStringTypes(schema), filesByName(single!.files), context)
      if (hasErrors(single!.files)) throw new DiagnosticsError(single!.files)
      return {read, checked: Promise.resolve()}
    }
    const errors = checker.check(schema)
    // Not awaited when a version fails first.
    errors.catch(() => {})
    const checked = (async () => {
      const final = await build!.result
      if (!final.ok) throw new DiagnosticsError(final.files)
      const {files} = final
      reportCommandStringTypeErrors(await errors, filesByName(files.slice(-versionFileCount(documents))), context)
      if (hasErrors(files)) throw new DiagnosticsError(files)
    })().finally(() => checker.close())
    // Awaited by the caller; a failure it finds first is not left unhandled.
    checked.catch(() => {})
    return {read, checked}
  } catch (error) {
    await checker?.close()
    throw error
  }
}

/**
 * Run the pipeline in memory: `readSchema`, then emit every file. Nothing is written.
 *
 * @throws DiagnosticsError with located messages when a document does not parse or check;
 *   InputError when the spec or the overlay cannot be read.
 */
export async function generateInMemory(source: GenerateSource): Promise<Generation> {
  const stage = source.onStage ?? (() => {})
  // Started now: its workers load prettier while this thread reads the docs.
  const formatPool = source.format === false ? null : createFormatPool()
  let started: StartedRead
  try {
    started = await startReadSchema(source)
  } catch (error) {
    await formatPool?.close()
    throw error
  }
  // The last type checks of a compatibility build run while this thread emits; their failure is thrown after.
  const {read, checked} = started
  const {schema, overlaySha256, origins, versions} = read
  const out = source.out ?? DEFAULT_OUT
  const timings: GenerateTimings = {...read.timings, build: 0, format: 0}
  // emitLibrary stops the pool; on a failure before it does, it is stopped here (closing twice does nothing).
  const files = await emitLibrary(
    {
      schema,
      overlaySha256,
      origins,
      specSource: describeSpecSource(source.spec, out),
      versions: versions.map(({spec, origins}) => ({specSource: describeSpecSource(spec, out), origins})),
      generatorVersion: GENERATOR_VERSION,
      ...(source.format === false ? {format: false} : {}),
      ...(formatPool ? {formatPool} : {}),
    },
    timings,
    stage,
  ).catch(async (error: unknown) => {
    await formatPool?.close()
    throw error
  })
  await checked
  return {files, schema, timings}
}

/**
 * The spec as the headers name it: `null` for the pinned spec, `<pinned>/compat/...` for a folder inside it,
 * a URL as it may be printed (`redactUrl`: no user name, password or query string), or the folder relative
 * to the output folder (with `/` separators), so the output is the same wherever the checkout is.
 */
export function describeSpecSource(spec: string, out: string): string | null {
  if (isSpecUrl(spec)) return URL.canParse(spec) ? redactUrl(new URL(spec)) : spec
  if (path.resolve(spec) === PINNED_SPEC) return null
  // A folder of the pinned spec (its older doc versions) is named the same wherever the package is installed.
  const inPinned = path.relative(PINNED_SPEC, path.resolve(spec))
  if (!inPinned.startsWith('..') && !path.isAbsolute(inPinned)) return `<pinned>/${inPinned.split(path.sep).join('/')}`
  return (path.relative(path.resolve(out), path.resolve(spec)) || '.').split(path.sep).join('/')
}

/** A schema read and checked, or the documents with their error messages. */
export type SchemaResult = {ok: true; schema: Schema; files: VFile[]} | {ok: false; files: VFile[]}

/**
 * Parse the documents, check the result, compile the syntax blocks into
 * command templates (`compileSyntaxTemplates`), check the names the emitters
 * register for it (`packageNameCollisions`: the modules built, not printed) and
 * type-check the command strings against their parameters (`checkCommandStringTypes`).
 *
 * @param documents EVENTS.md, TYPES.md and, optionally, COMMANDS.md as vfiles.
 * @returns the schema when neither document has an error; otherwise the files,
 *   whose messages say what is wrong where (print them with vfile-reporter).
 */
export function buildSchema(documents: SpecDocuments): SchemaResult {
  const read = readVersion(documents)
  if (!read.ok) return read
  reportCommandStringTypeErrors(checkCommandStringTypes(read.schema), read.byName)
  return hasErrors(read.files) ? {ok: false, files: read.files} : read
}

/** A version read up to its type check: the schema and its documents, or the documents with their errors. */
type VersionRead = (SchemaResult & {ok: true; byName: ReadonlyMap<string, VFile>}) | {ok: false; files: VFile[]}

/** `buildSchema` without the type check of the compiled syntax blocks (`checkCommandStringTypes`). */
function readVersion(documents: SpecDocuments): VersionRead {
  const files = [documents.events, documents.types, ...(documents.commands ? [documents.commands] : [])]
  const failed = {ok: false, files} as const
  const parsed = parseSpec(documents)
  const byName = filesByName(files)
  if (hasErrors(files)) return failed
  checkNames(parsed, byName)
  checkSchema(parsed, byName)
  // On a schema without errors: a dropped parameter or a duplicate command would only add follow-on errors.
  if (hasErrors(files)) return failed
  const schema = {...parsed, ...compileSyntaxTemplates(parsed.types, parsed.commands, byName)}
  if (hasErrors(files)) return failed
  // The names the emitters register, on the schema they will emit: a collision is located before anything is
  // written (a collision would also make the type check of the command strings report follow-on errors).
  reportNameCollisions(packageNameCollisions(schema), byName)
  if (hasErrors(files)) return failed
  return {ok: true, schema, files, byName}
}

/** One doc version's documents, the spec (folder or URL) they were loaded from, and its label if one was declared. */
interface DocVersionDocuments {
  spec: string
  documents: SpecDocuments
  label?: string
}

/**
 * Build each doc version (oldest first, the last the newest) and merge them into one compatibility
 * schema (`mergeSchemas`). A version that does not build fails with its own messages; a merge conflict
 * is an error at the newer version's node, naming both versions.
 */
export function buildCompatSchema(versions: readonly {label: string; documents: SpecDocuments}[]): SchemaResult {
  const built = versions.map(({label, documents}) => ({label, result: buildSchema(documents)}))
  return mergeVersions(built)
}

/** A compatibility build whose type checks still run: the merged schema if there will be one, and the result. */
interface StartedCompatBuild {
  /** The merge of every version, made while the checks run: `null` when a version or the merge failed. */
  merged: Schema | null
  /** `buildCompatSchema`'s result, once every version's check has answered. */
  result: Promise<SchemaResult>
}

/**
 * `buildCompatSchema` with the type checks in `checker`'s worker: each version's check starts as soon as it
 * is read, while this thread reads the next, and the merge is made while they run. The messages are
 * `buildCompatSchema`'s: a version's type errors after its other messages, conflicts only when every version built.
 */
function startCompatBuild(
  versions: readonly {label: string; documents: SpecDocuments}[],
  checker: CommandStringChecker,
): StartedCompatBuild {
  const read = versions.map(({label, documents}) => {
    const result = readVersion(documents)
    return {label, result, errors: result.ok ? checker.check(result.schema) : null}
  })
  // As `mergeVersions` will merge them if every check passes: its messages are reported only then.
  const merge =
    read.every(({result}) => result.ok) && read.length > 0
      ? mergeSchemas(read.flatMap(({label, result}) => (result.ok ? [{label, schema: result.schema}] : [])))
      : null
  // Checked once: they decide whether the merge is emitted now, and `mergeVersions` reports them.
  const collisions = merge?.ok ? packageNameCollisions(merge.schema) : []
  const result = Promise.all(
    read.map(async ({label, result, errors}): Promise<{label: string; result: SchemaResult}> => {
      if (!result.ok || !errors) return {label, result}
      reportCommandStringTypeErrors(await errors, result.byName)
      return {label, result: hasErrors(result.files) ? {ok: false, files: result.files} : result}
    }),
  ).then((built) => mergeVersions(built, merge ? {merged: merge, collisions} : undefined))
  // Emitted before the checks answer: only a merge whose names do not collide (`mergeVersions` reports them).
  const usable = merge?.ok && collisions.length === 0 ? merge.schema : null
  return {merged: usable, result}
}

/**
 * The versions built (oldest first) merged, or every version's messages and the merge's conflicts.
 * `before`: their merge, made already (the schemas are the same), and its name collisions when it merged.
 */
function mergeVersions(
  built: readonly {label: string; result: SchemaResult}[],
  before?: {merged: ReturnType<typeof mergeSchemas>; collisions: readonly NameCollision[]},
): SchemaResult {
  const files = built.flatMap(({result}) => result.files)
  const schemas = built.flatMap(({label, result}) => (result.ok ? [{label, schema: result.schema}] : []))
  if (schemas.length < built.length) return {ok: false, files}
  const merged = before?.merged ?? mergeSchemas(schemas)
  if (merged.ok) {
    // A merged field's types give shape checks no version has alone (`checkArray_User`): names checked again,
    // located in the newest version's documents (the merged nodes carry their locations).
    const collisions = before?.collisions ?? packageNameCollisions(merged.schema)
    reportNameCollisions(collisions, filesByName(built.at(-1)!.result.files))
    return hasErrors(files) ? {ok: false, files} : {ok: true, schema: merged.schema, files}
  }
  for (const conflict of merged.conflicts) {
    const version = built.find(({label}) => label === conflict.label)
    // Every conflict is printed: at its version's document, else (never expected) at the first document read.
    const file = (version && filesByName(version.result.files).get(conflict.location.file)) ?? files[0]!
    reportError(file, conflict.reason, conflict.location, conflict.ruleId)
  }
  return {ok: false, files}
}

/**
 * Each version's label, as messages and doc comments name it: a folder's name (`2025-09-27`), or the URL
 * as it may be printed; the spec as given where two folders share a name.
 *
 * @throws InputError when one version is given twice.
 */
function labelVersions(versions: readonly DocVersionDocuments[]): {label: string; documents: SpecDocuments}[] {
  const short = (spec: string) =>
    isSpecUrl(spec) && URL.canParse(spec) ? redactUrl(new URL(spec)) : path.basename(path.resolve(spec))
  const labels = versions.map(({spec, label}) => label ?? short(spec))
  const unique = labels.map((label, index) =>
    labels.indexOf(label) === labels.lastIndexOf(label) ? label : versions[index]!.spec,
  )
  const seen = new Set<string>()
  for (const label of unique) {
    if (seen.has(label)) throw new InputError(`${printable(label)} is given twice as a doc version (--spec, --compat)`)
    seen.add(label)
  }
  return versions.map(({documents}, index) => ({label: unique[index]!, documents}))
}

/** How many document files a version has (COMMANDS.md is optional). */
function versionFileCount(documents: SpecDocuments): number {
  return documents.commands ? 3 : 2
}

/** The documents by file name (`TYPES.md`), as locations name them. */
function filesByName(files: readonly VFile[]): ReadonlyMap<string, VFile> {
  return new Map(files.map((file) => [file.basename ?? String(file.path), file]))
}

/** A compiled syntax block that does not type-check (`text.join` on a string) is an error where its code is. */
function reportCommandStringTypeErrors(
  errors: readonly CommandStringTypeError[],
  files: ReadonlyMap<string, VFile>,
  context = '',
): void {
  for (const {owner, message, location} of errors) {
    const file = files.get(location.file)
    const reason = `The syntax of ${owner} does not type-check${context}: ${message}`
    if (file) reportError(file, reason, location, 'syntax-type')
  }
}
