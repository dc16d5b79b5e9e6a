import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import {commitUrl, type SpecOrigins} from '../load/provenance.js'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'

/** One document of a doc version, as `specInfo` describes it. */
export interface SpecDocumentInfo {
  file: string
  sha256: string
  /** The GitHub commit its bytes are from, with the file's URL there. */
  commit?: {repository: string; commit: string; path: string; url: string}
  /** The URL it was downloaded from (credentials and query string as `***`). */
  url?: string
}

/** What `specInfo` holds: the data of the generated constant, and of `specInfo` in the generated package.json. */
export interface SpecInfoData {
  versions: {label?: string; spec: string | null; documents: SpecDocumentInfo[]}[]
  overlaySha256: string | null
  generator: string
}

/** What the build was generated from, for `specInfo`. */
export interface SpecInfoInput {
  schema: Schema
  /**
   * Each doc version, oldest first, as `Schema.versions` lists them (one for a single-version schema): the
   * spec as the headers name it (`describeSpecSource`, `null` for the pinned spec) and its documents' origins.
   */
  versions: {specSource: string | null; origins: SpecOrigins}[]
  overlaySha256: string | null
  generatorVersion: string
}

/**
 * The provenance of a build: each doc version it decodes (one, or each of a compatibility build's range),
 * each document's sha256 and where its bytes came from.
 */
export function specInfoData(input: SpecInfoInput): SpecInfoData {
  const {versions} = input.schema
  const sourcesOfVersions = versions?.map(({sources}) => sources) ?? [input.schema.sources]
  if (sourcesOfVersions.length !== input.versions.length)
    throw new Error(`specInfo: ${input.versions.length} versions given for a schema of ${sourcesOfVersions.length}`)
  return {
    versions: input.versions.map(({specSource, origins}, index) => ({
      ...(versions ? {label: versions[index]!.label} : {}),
      spec: specSource,
      documents: versionDocuments(sourcesOfVersions[index]!, origins),
    })),
    overlaySha256: input.overlaySha256,
    generator: `simplex-events ${input.generatorVersion}`,
  }
}

/** A version's documents, with the commit or URL each came from where known. */
function versionDocuments(sources: Schema['sources'], origins: SpecOrigins): SpecDocumentInfo[] {
  return [sources.events, sources.types, ...(sources.commands ? [sources.commands] : [])].map(
    ({file, sha256}): SpecDocumentInfo => {
      const origin = origins[file as keyof SpecOrigins]
      const url = commitUrl(origin)
      if (origin && 'commit' in origin && url) return {file, sha256, commit: {...origin.commit, url}}
      return origin && 'url' in origin ? {file, sha256, url: origin.url} : {file, sha256}
    },
  )
}

/** The statements of `spec-info.ts`: the `SpecInfo` types and the `specInfo` constant (data only, as JSON). */
export function emitSpecInfo(data: SpecInfoData, scope: ModuleScope): StatementStructures[] {
  const documentInfo = scope.export('SpecDocumentInfo')
  const versionInfo = scope.export('SpecVersionInfo')
  const info = scope.export('SpecInfo')
  const readonlyProperty = (name: string, type: string, doc: string, optional = false) => ({
    kind: StructureKind.PropertySignature as const,
    name,
    type,
    isReadonly: true,
    hasQuestionToken: optional,
    docs: describe([doc]),
  })
  return [
    {
      kind: StructureKind.Interface,
      name: documentInfo,
      isExported: true,
      docs: describe(['One document of a doc version the package was generated from.']),
      properties: [
        readonlyProperty('file', 'string', '`EVENTS.md`, `TYPES.md` or `COMMANDS.md`.'),
        readonlyProperty('sha256', 'string', 'sha256 of the document, lower-case hex.'),
        readonlyProperty(
          'commit',
          '{readonly repository: string; readonly commit: string; readonly path: string; readonly url: string}',
          'The GitHub commit its bytes are from: repository (`owner/name`), commit, the path in the repository and the URL of the file there. Absent when not known.',
          true,
        ),
        readonlyProperty(
          'url',
          'string',
          'The URL it was downloaded from, user name, password and query string shown as `***`; for a spec read from a URL.',
          true,
        ),
      ],
    },
    {
      kind: StructureKind.Interface,
      name: versionInfo,
      isExported: true,
      docs: describe(['One version of the docs the package decodes.']),
      properties: [
        readonlyProperty(
          'label',
          'string',
          'How the doc comments name this version (`In doc versions: ...`); in a compatibility build only.',
          true,
        ),
        readonlyProperty(
          'spec',
          'string | null',
          'The spec as `simplex-events generate --spec` was given it (a folder relative to the package, or a URL with its credentials and query string as `***`); `null` for the pinned spec of simplex-events, `<pinned>/...` for a folder inside it (its older doc versions).',
        ),
        readonlyProperty('documents', `readonly ${documentInfo}[]`, 'Its documents: EVENTS.md, TYPES.md, COMMANDS.md.'),
      ],
    },
    {
      kind: StructureKind.Interface,
      name: info,
      isExported: true,
      docs: describe(['What the package was generated from.']),
      properties: [
        readonlyProperty(
          'versions',
          `readonly ${versionInfo}[]`,
          'The doc versions the package decodes, oldest first; the last is the one its types follow.',
        ),
        readonlyProperty(
          'overlaySha256',
          'string | null',
          'sha256 of the overlay applied (`overlay.json`), or `null`.',
        ),
        readonlyProperty('generator', 'string', 'The generator and its version (`simplex-events 1.2.3`).'),
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([
        "What the package was generated from: each doc version, each document's sha256 and its upstream commit or URL, and the overlay. The generated `package.json` holds the same as `specInfo`.",
      ]),
      declarations: [{name: scope.export('specInfo'), type: info, initializer: jsonLiteral(data)}],
    },
  ]
}
