import path from 'node:path'
import {InputError} from '../input-error.js'
import {isSpecUrl} from './spec-kind.js'
import type {SpecDocuments} from './spec-documents.js'
import type {SourceDocument} from '../schema/types.js'
import {readSpecFolderFile, SPEC_FILES} from './folder.js'

/** File name of the machine-readable provenance inside a spec folder (optional). */
export const PROVENANCE_FILE = 'provenance.json'

/** A document of a spec: `EVENTS.md`, `TYPES.md` or `COMMANDS.md`. */
export type SpecFileName = (typeof SPEC_FILES)[keyof typeof SPEC_FILES]

/** A file of a GitHub repository at one commit. */
export interface CommitOrigin {
  /** `owner/name` on github.com. */
  repository: string
  /** 40 lower-case hex digits. */
  commit: string
  /** The file's path in the repository (`bots/api/TYPES.md`). */
  path: string
}

/** Where one document's bytes came from: a commit (`provenance.json`), or the URL it was downloaded from. */
export type DocumentOrigin = {commit: CommitOrigin} | {url: string}

/** The origin of each document that has a known one. */
export type SpecOrigins = Partial<Record<SpecFileName, DocumentOrigin>>

const DOCUMENT_NAMES: readonly string[] = Object.values(SPEC_FILES)
// GitHub's rules for owner and repository names; a path of plain segments (none starts with `.`, no URL syntax).
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/
const COMMIT = /^[0-9a-f]{40}$/
const SHA256 = /^[0-9a-f]{64}$/
const PATH_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/

/**
 * The origin of each document of a spec. A URL spec: the URL each document was downloaded from, as it may be
 * printed (the loader's `redactUrl`: no credentials or query string). A folder: `provenance.json` in it, if
 * there is one, which names for each document the GitHub repository, commit and path its bytes are from, and
 * their sha256. The file is untrusted like the documents: read under the folder's rules, every value checked
 * against a strict pattern, and a sha256 that is not the document's is an error (the document changed since
 * its commit was recorded), so a stale commit is never published as the source.
 *
 * @param spec the spec folder or URL, as given to `loadSpec`.
 * @param documents the loaded documents (a URL's are named by their printed URL).
 * @param sources each document's sha256, as the parser computed it.
 * @throws InputError naming the file and the key when `provenance.json` is not valid.
 */
export async function readSpecOrigins(
  spec: string,
  documents: SpecDocuments,
  sources: Record<string, SourceDocument | undefined>,
  maxBytes: number,
): Promise<SpecOrigins> {
  if (isSpecUrl(spec)) {
    const origins: SpecOrigins = {}
    for (const file of [documents.events, documents.types, documents.commands]) {
      if (file?.basename) origins[file.basename as SpecFileName] = {url: String(file.history[0])}
    }
    return origins
  }
  const text = await readSpecFolderFile(spec, PROVENANCE_FILE, maxBytes)
  if (text === null) return {}
  const file = path.join(spec, PROVENANCE_FILE)
  const fail = (detail: string) => new InputError(`${file}: ${detail}`)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw fail('not valid JSON')
  }
  const entries = isRecord(data) && Object.keys(data).length === 1 ? data.documents : undefined
  if (!isRecord(entries)) throw fail('expected {"documents": {"EVENTS.md": {...}, ...}}')
  const digests = new Map(Object.values(sources).flatMap((source) => (source ? [[source.file, source.sha256]] : [])))
  const origins: SpecOrigins = {}
  for (const [name, entry] of Object.entries(entries)) {
    // Keys are shown through JSON.stringify: a key is file text, and may hold control characters.
    const where = `documents[${JSON.stringify(name)}]`
    if (!DOCUMENT_NAMES.includes(name)) throw fail(`${where}: not a document (${DOCUMENT_NAMES.join(', ')})`)
    if (!isRecord(entry)) throw fail(`${where}: expected {"repository", "commit", "path", "sha256"}`)
    const extra = Object.keys(entry).find((key) => !['repository', 'commit', 'path', 'sha256'].includes(key))
    if (extra !== undefined) throw fail(`${where}.${JSON.stringify(extra)}: not a provenance key`)
    const {repository, commit, path: filePath, sha256} = entry
    if (typeof repository !== 'string' || !REPOSITORY.test(repository))
      throw fail(`${where}.repository: expected owner/name of a GitHub repository`)
    if (typeof commit !== 'string' || !COMMIT.test(commit))
      throw fail(`${where}.commit: expected 40 lower-case hex digits`)
    if (typeof filePath !== 'string' || !isPlainPath(filePath) || filePath.split('/').at(-1) !== name)
      throw fail(`${where}.path: expected the path of ${name} in the repository (plain segments, ending /${name})`)
    if (typeof sha256 !== 'string' || !SHA256.test(sha256))
      throw fail(`${where}.sha256: expected 64 lower-case hex digits`)
    const actual = digests.get(name)
    if (actual === undefined) throw fail(`${where}: the spec folder has no ${name}`)
    if (actual !== sha256)
      throw fail(
        `${where}.sha256 is ${sha256}, but ${name} has sha256 ${actual}: the document changed since its commit was recorded (update ${PROVENANCE_FILE})`,
      )
    origins[name as SpecFileName] = {commit: {repository, commit, path: filePath}}
  }
  return origins
}

/**
 * The URL of a document on GitHub at its commit (`https://github.com/owner/name/blob/<commit>/bots/api/TYPES.md`),
 * or `null` when its origin is not a commit. Built only from values `readSpecOrigins` checked.
 */
export function commitUrl(origin: DocumentOrigin | undefined): string | null {
  if (!origin || !('commit' in origin)) return null
  const {repository, commit, path: filePath} = origin.commit
  return `https://github.com/${repository}/blob/${commit}/${filePath}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPlainPath(text: string): boolean {
  return text.split('/').every((segment) => PATH_SEGMENT.test(segment))
}
