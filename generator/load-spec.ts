import {stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {InputError} from './cli-io.js'
import {SPEC_FILES, loadSpecDirectory} from './load.js'
import type {SpecDocuments} from './parse/index.js'

/** Options of `loadSpec`. */
export interface LoadSpecOptions {
  /** Give up on each download after this many milliseconds (default 15 000). */
  timeoutMs?: number
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch
}

/** How long one download may take unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * Read EVENTS.md and TYPES.md from a spec folder or from an http(s) URL of one,
 * e.g. `https://raw.githubusercontent.com/simplex-chat/simplex-chat/stable/bots/api/`.
 *
 * A downloaded document's vfile `path` is its URL: vfile keeps a string URL
 * verbatim, so its `basename` is still `EVENTS.md` / `TYPES.md` (what the IR and
 * the checks key on) and vfile-reporter prints locations as
 * `https://.../EVENTS.md:12:3`.
 *
 * @param source a folder path, or an http(s) URL of a folder (a trailing slash is added when missing).
 * @param options download timeout and fetch implementation.
 * @returns both documents as vfiles.
 * @throws InputError when the folder or a file is missing, or a download fails,
 *   times out or returns something other than markdown.
 */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<SpecDocuments> {
  if (!/^https?:\/\//i.test(source)) return loadFolder(source)
  let base: URL
  try {
    base = new URL(source.endsWith('/') ? source : `${source}/`)
  } catch {
    throw new InputError(`invalid spec URL ${source}`)
  }
  const download = (name: string) => downloadDocument(new URL(name, base).href, name, options)
  const [events, types] = await Promise.all([download(SPEC_FILES.events), download(SPEC_FILES.types)])
  return {events, types}
}

async function loadFolder(directory: string): Promise<SpecDocuments> {
  const info = await stat(directory).catch(() => null)
  if (!info) throw new InputError(`spec folder ${directory} does not exist`)
  if (!info.isDirectory()) throw new InputError(`spec folder ${directory} is not a folder`)
  try {
    return await loadSpecDirectory(directory)
  } catch (error) {
    const {code, path: filePath} = error as NodeJS.ErrnoException
    if (code === 'ENOENT' && filePath)
      throw new InputError(`spec folder ${directory} has no ${path.basename(filePath)}`)
    throw error
  }
}

async function downloadDocument(url: string, name: string, options: LoadSpecOptions): Promise<VFile> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  // One signal for the request and the body: a server that stalls mid-body times out too.
  const signal = AbortSignal.timeout(timeoutMs)
  const fail = (detail: string) => new InputError(`GET ${url}: ${detail}`)
  let body: string
  let contentType: string
  try {
    const response = await (options.fetch ?? fetch)(url, {signal, redirect: 'follow'})
    if (!response.ok) throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
    contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    body = await response.text()
  } catch (error) {
    if (error instanceof InputError) throw error
    if (signal.aborted) throw fail(`timed out after ${timeoutMs} ms`)
    throw fail(`network error: ${describeNetworkError(error)}`)
  }
  const notMarkdown = whyNotMarkdown(body, contentType)
  if (notMarkdown) throw fail(`expected markdown (${name}), got ${notMarkdown}`)
  return new VFile({path: url, value: body})
}

/** undici's `fetch failed` hides the reason in `cause` (`connect ECONNREFUSED 127.0.0.1:80`). */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause
  if (cause instanceof Error && cause.message) return cause.message
  return error.message
}

/**
 * Why `body` is not a docs markdown file, or `null` when it is. Catches the usual
 * wrong URLs: a GitHub HTML page instead of the raw file, a JSON API answer.
 */
function whyNotMarkdown(body: string, contentType: string): string | null {
  if (contentType === 'text/html' || contentType === 'application/xhtml+xml' || contentType === 'application/json')
    return contentType
  const start = body.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('<')) return 'text/html'
  if (start.startsWith('{') || start.startsWith('[')) return 'JSON'
  // Both upstream documents open with a `# ` title (`# API Events`, `# API Types`).
  if (!start.startsWith('# '))
    return start === ''
      ? 'an empty body'
      : `text not starting with a "# " heading: ${JSON.stringify(start.slice(0, 40))}`
  return null
}
