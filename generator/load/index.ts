import {stat} from 'node:fs/promises'
import {VFile} from 'vfile'
import {InputError} from '../input-error.js'
import {DEFAULT_MAX_BYTES, SPEC_FILES, loadSpecDirectory} from './folder.js'
import {formatBytes} from '../format-bytes.js'
import {isSpecUrl} from './spec-kind.js'
import {isRedirect, MAX_REDIRECTS, redirectRefusal} from './redirects.js'
import type {SpecDocuments} from './spec-documents.js'

export {DEFAULT_MAX_BYTES} from './folder.js'

/** Options of `loadSpec`. */
export interface LoadSpecOptions {
  /** Give up on each download after this many milliseconds (default 15 000). */
  timeoutMs?: number
  /** Refuse a document (a file, or a download after decompression) larger than this many bytes (default 8 MiB). */
  maxBytes?: number
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch
}

/** How long one download may take unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * Read EVENTS.md and TYPES.md from a spec folder or from an http(s) URL of one,
 * e.g. `https://raw.githubusercontent.com/simplex-chat/simplex-chat/stable/bots/api/`.
 *
 * A downloaded document's vfile `path` is its URL without the query string, so
 * its `basename` is still `EVENTS.md` / `TYPES.md` (what the IR and the checks
 * key on); its first path (`history[0]`, what vfile-reporter prints) is the URL
 * as printed (`redactUrl`), so locations read `https://.../EVENTS.md?***:12:3`.
 * Every URL in a message or a vfile has its user name, password and query string
 * replaced by `***`: the user name and password are sent as HTTP Basic
 * credentials (fetch refuses URLs that hold them), the query string as it is.
 *
 * @param source a folder path, or an http(s) URL of a folder (a trailing slash is
 *   added to its path when missing; its query string is sent with each file's URL).
 * @param options download timeout and size limit, and the fetch implementation.
 * @returns both documents as vfiles.
 * @throws InputError when the folder or a file is missing or not a regular file,
 *   a document is over the size limit, or a download fails, times out, is
 *   redirected more than 5 times or out of its origin (`redirects.ts`), or
 *   returns something other than markdown.
 */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<SpecDocuments> {
  if (!isSpecUrl(source)) return loadFolder(source, options)
  let base: URL
  try {
    base = new URL(source)
  } catch {
    throw new InputError(`invalid spec URL ${redactUrlText(source)}`)
  }
  const download = (name: string) => downloadDocument(documentUrl(base, name), name, options)
  // COMMANDS.md is optional, as in a folder: older doc versions have none (a 404 means absent).
  const [events, types, commands] = await Promise.all([
    download(SPEC_FILES.events),
    download(SPEC_FILES.types),
    downloadDocument(documentUrl(base, SPEC_FILES.commands), SPEC_FILES.commands, options, true),
  ])
  return {events: events!, types: types!, ...(commands ? {commands} : {})}
}

/**
 * `url` as it may be printed or written into the output: user name, password and query string replaced
 * by `***` (`https://***:***@host/api/?***`). A query string is a credential as much as a password
 * (private raw files are served as `?token=...`), so it is never shown, only sent.
 *
 * @param url an absolute URL.
 * @returns its text with the credentials redacted.
 */
export function redactUrl(url: URL): string {
  const shown = new URL(url)
  if (shown.username) shown.username = '***'
  if (shown.password) shown.password = '***'
  if (shown.search) shown.search = '***'
  return shown.href
}

/** Text that may hold a URL that does not parse: what is between `//` and `@`, and a query string, redacted all the same. */
function redactUrlText(text: string): string {
  return text.replace(/([a-z]+:\/\/)[^/?#\s]*@/gi, '$1***@').replace(/\?[^#\s]+/g, '?***')
}

/** The URL of `name` in the folder `base`: its path, then `name`, with `base`'s query string. */
function documentUrl(base: URL, name: string): URL {
  const url = new URL(base)
  url.hash = ''
  url.pathname = `${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}${name}`
  return url
}

async function loadFolder(directory: string, options: LoadSpecOptions): Promise<SpecDocuments> {
  const info = await stat(directory).catch(() => null)
  if (!info) throw new InputError(`spec folder ${directory} does not exist`)
  if (!info.isDirectory()) throw new InputError(`spec folder ${directory} is not a folder`)
  return loadSpecDirectory(directory, {maxBytes: options.maxBytes})
}

/** Download one document; an `optional` one answered with 404 is `null`. */
async function downloadDocument(
  url: URL,
  name: string,
  options: LoadSpecOptions,
  optional = false,
): Promise<VFile | null> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const shown = redactUrl(url)
  // One signal for the request, its redirects and the body: a server that stalls mid-body times out too;
  // `tooLarge` stops the transfer as soon as the limit is passed.
  const timeout = AbortSignal.timeout(timeoutMs)
  const tooLarge = new AbortController()
  const signal = AbortSignal.any([timeout, tooLarge.signal])
  // Where the body comes from: `url`, or where its redirects led. Messages name both.
  let current = url
  const where = () => (current === url ? shown : `${shown} (redirected to ${redactUrl(current)})`)
  const fail = (detail: string) => new InputError(`GET ${where()}: ${detail}`)
  const overLimit = () => fail(`body larger than the limit of ${formatBytes(maxBytes)} (--max-bytes ${maxBytes})`)
  let body: string
  let contentType: string
  try {
    let response: Response
    // Redirects are followed here, not by fetch, so each one is checked against `redirectRefusal` first.
    for (let redirects = 0; ; redirects++) {
      response = await (options.fetch ?? fetch)(withoutCredentials(current), {
        signal,
        redirect: 'manual',
        // Every URL followed has the host of `url` (the redirect policy), so its credentials may go along.
        headers: basicAuthorization(url),
      })
      if (!isRedirect(response.status)) break
      await response.body?.cancel()
      const status = `HTTP ${response.status}`
      const location = response.headers.get('location')
      if (location === null) throw fail(`${status} redirect without a Location`)
      if (!URL.canParse(location, current)) throw fail(`${status} redirect to a Location that is not a URL`)
      if (redirects === MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`)
      const next = new URL(location, current)
      next.hash = ''
      const refusal = redirectRefusal(current, next)
      if (refusal !== null)
        throw fail(
          `${status} redirect to ${redactUrl(next)}, ${refusal}: not followed ` +
            '(only redirects within the same origin, or from http to https on the same host, are)',
        )
      current = next
    }
    if (optional && response.status === 404) {
      await response.body?.cancel()
      return null
    }
    if (!response.ok) throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
    contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    // Content-Length counts the encoded body; without an encoding it is the size we would read.
    const declared = Number(response.headers.get('content-length'))
    if (!response.headers.has('content-encoding') && declared > maxBytes) {
      tooLarge.abort()
      throw overLimit()
    }
    body = await readLimited(response, maxBytes, () => {
      tooLarge.abort()
      return overLimit()
    })
  } catch (error) {
    if (error instanceof InputError) throw error
    if (timeout.aborted) throw fail(`timed out after ${timeoutMs} ms`)
    throw fail(`network error: ${redactUrlText(describeNetworkError(error))}`)
  }
  const notMarkdown = whyNotMarkdown(body, contentType)
  if (notMarkdown) throw fail(`expected markdown (${name}), got ${notMarkdown}`)
  // vfile-reporter prints the first path (as printed, naming a redirect); `basename` reads the last.
  const file = new VFile({path: where(), value: body})
  const withoutQuery = new URL(shown)
  withoutQuery.search = ''
  file.path = withoutQuery.href
  return file
}

/**
 * The body of `response` as UTF-8 text, read chunk by chunk: the bytes counted are
 * the decoded ones fetch hands over (after gzip or br), so a small compressed
 * body cannot inflate past `maxBytes` in memory.
 *
 * @param onOverLimit called once the limit is passed; returns the error to throw.
 */
async function readLimited(response: Response, maxBytes: number, onOverLimit: () => Error): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder('utf-8')
  let received = 0
  let text = ''
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      const error = onOverLimit()
      await reader.cancel().catch(() => {})
      throw error
    }
    text += decoder.decode(value, {stream: true})
  }
  return text + decoder.decode()
}

function withoutCredentials(url: URL): string {
  const bare = new URL(url)
  bare.username = ''
  bare.password = ''
  return bare.href
}

/** The `Authorization` header for a URL's user name and password, if it has any. */
function basicAuthorization(url: URL): Record<string, string> {
  if (!url.username && !url.password) return {}
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  return {authorization: `Basic ${Buffer.from(credentials).toString('base64')}`}
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
  // The body is not quoted: it is not the document (an error page, or whatever a server put there).
  if (!start.startsWith('# ')) return start === '' ? 'an empty body' : 'text not starting with a "# " heading'
  return null
}
