import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type * as prettier from 'prettier'
import {printStructure, StructureKind, type StatementStructures} from 'ts-morph'
import {PROJECT_ROOT} from '../paths.js'
import type {Schema} from '../schema/types.js'
import {missingBotCommands} from './chat-bot.js'
import {createFormatPool, type FormatPool} from './format-pool.js'
import {printFormatted} from './formatted-print.js'
import {resolveDocLinks} from './doc-links.js'
import {jsonFileText, lineCommentText} from './escape.js'
import {emitJsonSchema} from './json-schema.js'
import {packageJson, readme, tsconfigFiles} from './package-files.js'
import {specInfoData} from './spec-info.js'
import {NameRegistry} from './module-scope.js'
import {emitPackageModules} from './package-modules.js'
import type {SpecOrigins} from '../load/provenance.js'

/** The command the headers name for the pinned spec (no machine-specific paths, so output is the same everywhere). */
export const GENERATE_COMMAND = 'npx simplex-events generate'

/** The bot layer's template: copied, with the emitted `chat-bot.ts`, only when the spec has every command it sends. */
export const BOT_TEMPLATE_FILE = 'bot.ts'

/** Hand-written runtime pieces copied from `templates/` into `src/` (`BOT_TEMPLATE_FILE` only with the bot). */
export const TEMPLATE_FILES = [
  'primitives.ts',
  'runtime.ts',
  'lenient.ts',
  'envelope.ts',
  'shape-checks.ts',
  'shape-table.ts',
  'decoding.ts',
  'dispatch.ts',
  'issue-shapes.ts',
  'client.ts',
  'command-reader.ts',
  'command-writer.ts',
  BOT_TEMPLATE_FILE,
] as const

/**
 * The test kit's hand-written parts, copied from `templates/testing/` into `src/testing/` (the
 * `simplex-chat-events/testing` subpath): generic over the schema, bound by the emitted `testing/index.ts`.
 */
export const TESTING_TEMPLATE_FILES = ['fixtures.ts', 'bot-fixtures.ts', 'default-answers.ts', 'fake-core.ts'] as const

/**
 * Bindings: code the same for every spec but written against the output's own modules (`./chat-client.js`),
 * copied from `templates/bindings/` to the same path under `src/`. tsconfig.json's `rootDirs` puts
 * templates/bindings/ beside generated/src/, so they are type-checked against the committed output.
 */
export const BINDING_FILES = ['chat-client.ts', 'chat-bot.ts', 'testing/index.ts'] as const

/** The files only a spec with every command the bot sends gets: the bot layer and its binding. */
const BOT_FILES: ReadonlySet<string> = new Set([BOT_TEMPLATE_FILE, 'chat-bot.ts'])

/**
 * Prettier options of the output: fixed here, never read from the environment, so output is byte-stable. The
 * file path makes prettier read TypeScript, not TSX (`<T>(x: T) => x` needs no comma); no file is read.
 */
export const PRETTIER_OPTIONS: prettier.Options = {
  parser: 'typescript',
  filepath: 'generated.ts',
  printWidth: 110,
  semi: false,
  singleQuote: true,
  trailingComma: 'all',
  bracketSpacing: false,
}

/**
 * The options `emitLibrary` formats with: `PRETTIER_OPTIONS` with prettier's babel-ts parser, which prints the
 * generated code as the typescript parser does (a test runs prettier with `PRETTIER_OPTIONS` over every
 * generated file and asserts no change) in about a third less time.
 */
const EMIT_PRETTIER_OPTIONS: prettier.Options = {...PRETTIER_OPTIONS, parser: 'babel-ts'}

/** Time spent in each emission step, in milliseconds. */
export interface EmitTimings {
  build: number
  format: number
}

/** The schema (with the overlay applied) and what the headers say about where it came from. */
export interface EmitInput {
  schema: Schema
  /** sha256 of overlay.json, or `null` when there is none. */
  overlaySha256: string | null
  /**
   * The spec as `describeSpecSource` names it (a folder relative to the output folder, or a URL without
   * credentials or query string); `null` for the pinned spec.
   */
  specSource?: string | null
  /**
   * Where each document came from (`readSpecOrigins`): doc links point at a document's commit, and `specInfo`
   * names it. Default `{}`: nothing known, every relative doc link is written as its text.
   */
  origins?: SpecOrigins
  /**
   * Each doc version of a compatibility build, oldest first (the last is the spec's own): how the headers name
   * it and its documents' origins, for `specInfo`. Default: the spec alone, with `specSource` and `origins`.
   */
  versions?: {specSource: string | null; origins: SpecOrigins}[]
  /** Version of the generator (`simplex-events`), for the header. */
  generatorVersion: string
  /** Format the TypeScript with prettier (default). Tests that only run the code may skip it: it is the slow step. */
  format?: boolean
  /**
   * The pool that formats (`createFormatPool`), started before the schema was read so that its workers load
   * prettier meanwhile; `emitLibrary` drains and stops it. Default: one started here.
   */
  formatPool?: FormatPool
}

/**
 * Emit the whole generated package as files (relative path → content).
 * TypeScript is built with ts-morph from structures (one call per file), then
 * formatted with prettier (in worker threads: `createFormatPool`); templates are copied with a header.
 */
export async function emitLibrary(
  input: EmitInput,
  timings?: EmitTimings,
  stage: (name: string) => void = () => {},
): Promise<Map<string, string>> {
  const origins = input.origins ?? {}
  // Every description is emitted from here on: the docs' links to each other do not resolve in the package.
  const schema = resolveDocLinks(input.schema, origins)
  const started = performance.now()
  stage('emitting')
  const header = headerLines(input)
  const specInfo = specInfoData({
    schema,
    versions: input.versions ?? defaultVersions(input, origins),
    overlaySha256: input.overlaySha256,
    generatorVersion: input.generatorVersion,
  })
  // A spec without a command the bot sends gets no bot (the README says why): never a bot that cannot compile.
  const withBot = missingBotCommands(schema).length === 0
  const registry = new NameRegistry()
  const modules = emitPackageModules(schema, registry, specInfo)
  // The name check ran on the docs (located errors); a collision here is a bug, or an overlay the check missed.
  const [collision] = registry.collisions()
  if (collision)
    throw new Error(
      `internal: \`${collision.name}\` is declared in ${collision.scope} for ${collision.first.owner} and for ${collision.second.owner}`,
    )
  const comment = header.map((line) => `// ${line}`).join('\n')
  // Each emitted file goes to prettier as soon as it is printed: a worker formats it while the next is built.
  if (input.format === false) await input.formatPool?.close()
  const pool = input.format === false ? null : (input.formatPool ?? createFormatPool())
  const typescript = new Map<string, Promise<string> | string>()
  let built = started
  try {
    for (const [name, statements] of modules) {
      // A module of declarations is printed in prettier's format (`printFormatted`): prettier is not run on it.
      const printed = pool ? printFormatted(statements) : null
      if (printed !== null) {
        typescript.set(`src/${name}`, `${comment}\n\n${printed}`)
        continue
      }
      // Printed from the structures alone: no TypeScript source file is made (parsing it was most of emitting).
      if (pool) {
        const formatted = formatInParts(statements, comment, pool)
        // Awaited in order below; a rejection of one after an earlier one failed is not left unhandled.
        formatted.catch(() => {})
        typescript.set(`src/${name}`, formatted)
        continue
      }
      typescript.set(`src/${name}`, `${comment}\n\n${printStructure({kind: StructureKind.SourceFile, statements})}`)
    }
    // The templates are kept in the output's format (.prettierrc.json: printWidth 110 for templates/), so they
    // are copied as they are, after the header; a test asserts that prettier leaves every generated file as it is.
    const copies: [source: string, output: string][] = [
      ...TEMPLATE_FILES.map((name) => [name, name] as [string, string]),
      ...TESTING_TEMPLATE_FILES.map((name) => [`testing/${name}`, `testing/${name}`] as [string, string]),
      ...BINDING_FILES.map((name) => [`bindings/${name}`, name] as [string, string]),
    ]
    for (const [source, output] of copies.filter(([, output]) => withBot || !BOT_FILES.has(output))) {
      const text = await readFile(path.join(PROJECT_ROOT, 'templates', ...source.split('/')), 'utf8')
      typescript.set(`src/${output}`, `${comment}\n\n${text}`)
    }
    built = performance.now()
  } catch (error) {
    await pool?.close()
    throw error
  }
  // This thread formats too, from here on; the progress line names the first file, in order, not yet formatted.
  const drained = pool?.drain()
  const files = new Map<string, string>()
  try {
    for (const [name, text] of typescript) {
      if (typeof text !== 'string') stage(`formatting ${name}`)
      files.set(name, await text)
    }
  } finally {
    // A file prettier rejects fails the generation once every other file has settled and the workers stopped.
    await drained
  }
  files.set('schema.json', jsonFileText(emitJsonSchema(schema, header.join(' '))))
  files.set('package.json', packageJson(header.join(' '), specInfo))
  // tsconfig files are JSON with comments, so they carry the header as the TypeScript files do.
  for (const [name, text] of Object.entries(tsconfigFiles(`${comment}\n`))) files.set(name, text)
  files.set('README.md', readme(schema, header.join(' ')))
  if (timings) {
    timings.build = built - started
    timings.format = performance.now() - built
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** A module printed larger than this is formatted in parts of about this size, on as many threads as are free. */
const PART_CHARS = 100_000

/** Statements `printStructure` separates from the one before by a blank line (`ensureBlankLine`). */
const BLANK_LINE_BEFORE: ReadonlySet<StructureKind> = new Set([
  StructureKind.Function,
  StructureKind.Class,
  StructureKind.Interface,
  StructureKind.Module,
  StructureKind.Enum,
])

/**
 * A module's statements printed (`printStructure`) and formatted by `pool`: a large module (decode.ts) in parts
 * of whole top-level statements, each formatted on its own, so the pool's threads share it. Prettier formats
 * each top-level statement on its own (it keeps at most one blank line between two, as the printed text has
 * them), so the parts joined, with the blank line `printStructure` puts between the two statements where one is
 * cut, are the module formatted whole; test/generate.test.ts asserts prettier leaves every file unchanged.
 */
async function formatInParts(statements: readonly unknown[], comment: string, pool: FormatPool): Promise<string> {
  // Each statement printed on its own is the text printStructure gives it among the others; between two it
  // writes a blank line after a `}` or before a block (`ensureBlankLine`), else a line break (each ends with one).
  const printed = statements.map((statement) =>
    printStructure({kind: StructureKind.SourceFile, statements: [statement as StatementStructures]}),
  )
  const blankBefore = (index: number) => {
    const kind = (statements[index] as {kind?: StructureKind}).kind
    return index > 0 && (/\}\s*$/.test(printed[index - 1]!) || (kind !== undefined && BLANK_LINE_BEFORE.has(kind)))
  }
  const total = printed.reduce((sum, text) => sum + text.length, 0)
  const parts: {text: string; blankBefore: boolean}[] = []
  let text = ''
  let start = 0
  for (let index = 0; index < statements.length; index++) {
    if (index > start && blankBefore(index)) text += '\n'
    text += printed[index]!
    if (index < statements.length - 1 && (total <= PART_CHARS * 1.5 || text.length < PART_CHARS)) continue
    parts.push({text: parts.length === 0 ? `${comment}\n\n${text}` : text, blankBefore: blankBefore(start)})
    text = ''
    start = index + 1
  }
  if (parts.length === 0) parts.push({text: `${comment}\n\n`, blankBefore: false})
  const formatted = await Promise.all(parts.map((part) => pool.format(part.text, EMIT_PRETTIER_OPTIONS)))
  return formatted.map((each, index) => (parts[index]!.blankBefore ? `\n${each}` : each)).join('')
}

function headerLines({schema, overlaySha256, specSource, generatorVersion}: EmitInput): string[] {
  // A spec folder is named relative to the output folder, so the command is the one to run in that folder.
  const out = specSource && !/^https?:/i.test(specSource) ? ' --out .' : ''
  const command = specSource ? `${GENERATE_COMMAND} --spec ${specSource}${out}` : GENERATE_COMMAND
  return [
    'Generated by simplex-events from the SimpleX Chat bot API docs. Do not edit: change the generator or the spec, then regenerate.',
    `Spec: EVENTS.md sha256 ${schema.sources.events.sha256}, TYPES.md sha256 ${schema.sources.types.sha256}` +
      (schema.sources.commands ? `, COMMANDS.md sha256 ${schema.sources.commands.sha256}` : '') +
      (overlaySha256 ? `, overlay.json sha256 ${overlaySha256}` : ''),
    `Command: ${command} (simplex-events ${generatorVersion})`,
  ].map(lineCommentText)
}

/** Without `versions`: the spec as given is the newest version, nothing is known about the older ones. */
function defaultVersions(input: EmitInput, origins: SpecOrigins): NonNullable<EmitInput['versions']> {
  const older = (input.schema.versions ?? []).slice(0, -1).map(() => ({specSource: null, origins: {}}))
  return [...older, {specSource: input.specSource ?? null, origins}]
}
