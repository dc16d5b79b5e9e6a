/**
 * `loadSpec`: reading the docs from a folder or downloading them from an http(s)
 * folder URL, served here by a local server on 127.0.0.1.
 */
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {cp, mkdir, mkdtemp, rm, symlink, truncate, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {InputError} from '../generator/input-error.js'
import {loadSpec} from '../generator/load/index.js'
import {formatDiagnostics} from '../generator/diagnostics.js'
import {buildSchema, generateInMemory} from '../generator/pipeline.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument, writeMiniSpec} from './support/mini-spec.js'
import {runCliCapturing} from './support/run-cli.js'

const root = path.resolve(import.meta.dirname, '..')
const NEWEST_EVENTS = readFileSync(path.join(root, 'spec/EVENTS.md'), 'utf8')
const NEWEST_TYPES = readFileSync(path.join(root, 'spec/TYPES.md'), 'utf8')
/** An EVENTS.md with one error on line 3: an event before any category heading. */
const BROKEN_EVENTS = '# API Events\n\n### Orphan\n'

/** An optional document the folder does not have: COMMANDS.md is absent from `ok/` and `broken/`. */
const ABSENT = {status: 404, type: 'text/plain', body: '404: Not Found'}

/** What each folder of the test server answers for `EVENTS.md`, `TYPES.md` and `COMMANDS.md`. */
const routes: Record<
  string,
  (name: string) => {status?: number; type?: string; body: string; location?: string} | 'hang'
> = {
  ok: (name) =>
    name === 'COMMANDS.md'
      ? ABSENT
      : {type: 'text/plain; charset=utf-8', body: name === 'EVENTS.md' ? NEWEST_EVENTS : NEWEST_TYPES},
  broken: (name) =>
    name === 'COMMANDS.md' ? ABSENT : {type: 'text/plain', body: name === 'EVENTS.md' ? BROKEN_EVENTS : NEWEST_TYPES},
  missing: () => ({status: 404, type: 'text/plain', body: '404: Not Found'}),
  hang: () => 'hang',
  html: () => ({type: 'text/html; charset=utf-8', body: '<!doctype html><html><body>GitHub</body></html>'}),
  'html-as-text': () => ({type: 'text/plain', body: '<!DOCTYPE html>\n<html></html>'}),
  json: () => ({type: 'application/json', body: '{"message": "Not Found"}'}),
  'no-heading': () => ({type: 'text/plain', body: 'Just some text.\n'}),
  moved: (name) => ({status: 301, location: `/ok/${name}`, body: ''}),
  'moved-broken': (name) => ({status: 302, location: `../broken/${name}`, body: ''}),
  'moved-missing': (name) => ({status: 307, location: `/missing/${name}`, body: ''}),
  'moved-no-heading': (name) => ({status: 308, location: `/no-heading/${name}`, body: ''}),
  loop: (name) => ({status: 302, location: `/loop/${name}`, body: ''}),
  // The same server under another name: another origin all the same.
  elsewhere: (name) => ({status: 302, location: `${base.replace('127.0.0.1', 'localhost')}ok/${name}`, body: ''}),
  'to-metadata': () => ({status: 302, location: 'http://169.254.169.254/latest/meta-data/', body: ''}),
  mini: (name) =>
    name === 'COMMANDS.md'
      ? ABSENT
      : {type: 'text/plain', body: name === 'EVENTS.md' ? eventsDocument(MINI_EVENTS) : typesDocument(MINI_TYPES)},
}

/**
 * `/auth/*` serves the docs only with HTTP Basic `user:secret`; `/query/*` only with `?token=abc`;
 * `/private-mini/*` the small spec only with `?token=s3cr3t` (generating it is quick).
 */
const GUARDED: Record<
  string,
  {allowed: (request: {authorization?: string; search: string}) => boolean; serves: string}
> = {
  auth: {
    allowed: ({authorization}) => authorization === `Basic ${Buffer.from('user:secret').toString('base64')}`,
    serves: 'ok',
  },
  query: {allowed: ({search}) => search === '?token=abc', serves: 'ok'},
  'private-mini': {allowed: ({search}) => search === '?token=s3cr3t', serves: 'mini'},
}

let server: Server
let base: string
/** Every request the server received, as `host/path?query`. */
const requested: string[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(`${request.headers.host}${request.url}`)
    const url = new URL(request.url ?? '/', 'http://localhost')
    const [, folder = '', name = ''] = url.pathname.split('/')
    // Close each connection: a reused keep-alive socket the server has just timed out
    // gives ECONNRESET when a slow machine stalls between two requests.
    response.setHeader('connection', 'close')
    const guard = GUARDED[folder]
    const allowed = guard?.allowed({authorization: request.headers.authorization, search: url.search}) ?? true
    const answer = !allowed
      ? {status: 403, type: 'text/plain', body: 'Forbidden'}
      : (routes[guard?.serves ?? folder]?.(name) ?? {status: 404, body: ''})
    if (answer === 'hang') return // never answer: the client must time out
    response.writeHead(answer.status ?? 200, {
      ...(answer.type ? {'content-type': answer.type} : {}),
      ...(answer.location ? {location: answer.location} : {}),
    })
    response.end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** The message of the InputError `promise` rejects with. */
async function inputErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => expect.fail('expected loadSpec to fail'),
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(InputError)
  return (error as InputError).message
}

describe('loadSpec from a URL', () => {
  it('downloads both documents', async () => {
    const documents = await loadSpec(`${base}ok/`)
    expect(String(documents.events.value)).toBe(NEWEST_EVENTS)
    expect(String(documents.types.value)).toBe(NEWEST_TYPES)
  })

  it('adds the trailing slash a folder URL is missing', async () => {
    const documents = await loadSpec(`${base}ok`)
    expect(documents.events.path).toBe(`${base}ok/EVENTS.md`)
  })

  it('names each vfile by its URL and keeps the file name as basename', async () => {
    const {events, types} = await loadSpec(`${base}ok/`)
    expect([events.path, events.basename]).toEqual([`${base}ok/EVENTS.md`, 'EVENTS.md'])
    expect([types.path, types.basename]).toEqual([`${base}ok/TYPES.md`, 'TYPES.md'])
  })

  it('builds a schema whose sources are named by file name', async () => {
    const result = buildSchema(await loadSpec(`${base}ok/`))
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.schema.sources.events.file).toBe('EVENTS.md')
  })

  it('locates parse errors at the URL', async () => {
    const result = buildSchema(await loadSpec(`${base}broken/`))
    expect(result.ok).toBe(false)
    expect(formatDiagnostics(result.files, false)).toContain(`${base}broken/EVENTS.md\n3:1`)
  })

  it('reports an HTTP error status', async () => {
    expect(await inputErrorOf(loadSpec(`${base}missing/`))).toMatch(
      new RegExp(`^GET ${base}missing/(EVENTS|TYPES)\\.md: HTTP 404 Not Found$`),
    )
  })

  it('times out on a server that never answers', async () => {
    expect(await inputErrorOf(loadSpec(`${base}hang/`, {timeoutMs: 200}))).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/hang\/(EVENTS|TYPES|COMMANDS)\.md: timed out after 200 ms$/,
    )
  })

  it('rejects an HTML page served as text/html', async () => {
    expect(await inputErrorOf(loadSpec(`${base}html/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES|COMMANDS)\.md\), got text\/html$/,
    )
  })

  it('rejects an HTML page served as text/plain', async () => {
    expect(await inputErrorOf(loadSpec(`${base}html-as-text/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES|COMMANDS)\.md\), got text\/html$/,
    )
  })

  it('rejects a JSON answer', async () => {
    expect(await inputErrorOf(loadSpec(`${base}json/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES|COMMANDS)\.md\), got application\/json$/,
    )
  })

  it('rejects text that does not open with a "# " heading', async () => {
    expect(await inputErrorOf(loadSpec(`${base}no-heading/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES|COMMANDS)\.md\), got text not starting with a "# " heading$/,
    )
  })

  it('reports a refused connection as a network error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await inputErrorOf(loadSpec(`http://127.0.0.1:${port}/api/`))).toMatch(
      new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/api/(EVENTS|TYPES|COMMANDS)\\.md: network error: .*ECONNREFUSED`),
    )
  })
})

describe('loadSpec from a URL: redirects', () => {
  it('follows a redirect within the same origin', async () => {
    const {events, types} = await loadSpec(`${base}moved/`)
    expect([String(events.value), String(types.value)]).toEqual([NEWEST_EVENTS, NEWEST_TYPES])
    expect(events.basename).toBe('EVENTS.md')
  })

  it('locates parse errors at the URL and where it was redirected', async () => {
    const result = buildSchema(await loadSpec(`${base}moved-broken/`))
    expect(formatDiagnostics(result.files, false)).toContain(
      `${base}moved-broken/EVENTS.md (redirected to ${base}broken/EVENTS.md)\n3:1`,
    )
  })

  it('names where a redirect went in an error', async () => {
    expect(await inputErrorOf(loadSpec(`${base}moved-missing/`))).toMatch(
      new RegExp(
        `^GET ${base}moved-missing/(EVENTS|TYPES)\\.md \\(redirected to ${base}missing/\\1\\.md\\): HTTP 404 Not Found$`,
      ),
    )
  })

  it('never quotes the body a redirect led to', async () => {
    const message = await inputErrorOf(loadSpec(`${base}moved-no-heading/?token=s3cr3t`))
    expect(message).toMatch(
      /\(redirected to http:\/\/127\.0\.0\.1:\d+\/no-heading\/(EVENTS|TYPES|COMMANDS)\.md\): expected markdown \(\1\.md\), got text not starting with a "# " heading$/,
    )
    expect(message).not.toContain('Just some text')
  })

  it('follows at most 5 redirects', async () => {
    const message = await inputErrorOf(loadSpec(`${base}loop/`))
    expect(message).toMatch(/^GET .*\/loop\/(EVENTS|TYPES|COMMANDS)\.md \(redirected to .*\): more than 5 redirects$/)
    const file = /\/loop\/(\w+\.md)/.exec(message)![1]
    expect(requested.filter((request) => request.endsWith(`/loop/${file}`))).toHaveLength(6)
  })

  it('refuses a redirect to another host, without requesting it', async () => {
    const message = await inputErrorOf(loadSpec(`${base}elsewhere/`))
    expect(message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/elsewhere\/(EVENTS|TYPES|COMMANDS)\.md: HTTP 302 redirect to http:\/\/localhost:\d+\/ok\/\1\.md, another origin: not followed/,
    )
    expect(requested.filter((request) => request.startsWith('localhost'))).toEqual([])
  })

  it('refuses a redirect to a link-local address (cloud metadata)', async () => {
    expect(await inputErrorOf(loadSpec(`${base}to-metadata/`))).toMatch(
      /: HTTP 302 redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/, another origin: not followed/,
    )
  })

  /** A fetch answering from `answers` (URL → status, Location, body), recording each URL requested. */
  const fakeFetch = (answers: Record<string, {status: number; location?: string; body?: string}>, log: string[]) =>
    (async (input: string | URL | Request) => {
      const url = String(input)
      log.push(url)
      const answer = answers[url] ?? {status: 404}
      return new Response(answer.body ?? null, {
        status: answer.status,
        headers: {'content-type': 'text/plain', ...(answer.location ? {location: answer.location} : {})},
      })
    }) as typeof fetch

  it('follows an upgrade from http to https on the same host', async () => {
    const log: string[] = []
    const fetch = fakeFetch(
      {
        'http://docs.example/api/EVENTS.md': {status: 301, location: 'https://docs.example/api/EVENTS.md'},
        'http://docs.example/api/TYPES.md': {status: 301, location: 'https://docs.example/api/TYPES.md'},
        'https://docs.example/api/EVENTS.md': {status: 200, body: NEWEST_EVENTS},
        'https://docs.example/api/TYPES.md': {status: 200, body: NEWEST_TYPES},
      },
      log,
    )
    const {events} = await loadSpec('http://docs.example/api/', {fetch})
    expect(String(events.value)).toBe(NEWEST_EVENTS)
    expect(events.history[0]).toBe(
      'http://docs.example/api/EVENTS.md (redirected to https://docs.example/api/EVENTS.md)',
    )
    expect(log).toContain('https://docs.example/api/TYPES.md')
  })

  it.each([
    [
      'another host, even over https',
      'https://docs.example/',
      'https://evil.example/EVENTS.md?token=s3cr3t',
      'another origin',
    ],
    ['http from https (a downgrade)', 'https://docs.example/', 'http://docs.example/EVENTS.md', 'another origin'],
    ['another port of the same host', 'http://docs.example/', 'https://docs.example:6379/EVENTS.md', 'another origin'],
    ['a file: URL', 'https://docs.example/', 'file:///etc/passwd', 'a file: URL'],
  ])('refuses a redirect to %s', async (_, spec, location, why) => {
    const log: string[] = []
    // Every document redirects to `location`: whichever is refused first is reported.
    const redirect = {status: 302, location}
    const names = ['EVENTS.md', 'TYPES.md', 'COMMANDS.md']
    const fetch = fakeFetch(Object.fromEntries(names.map((name) => [`${spec}${name}`, redirect])), log)
    const message = await inputErrorOf(loadSpec(spec, {fetch}))
    const shown = location.replace('?token=s3cr3t', '?***')
    expect(message).toMatch(/^GET \S+\/(EVENTS|TYPES|COMMANDS)\.md: /)
    expect(message.replace(/^GET \S+: /, '')).toBe(
      `HTTP 302 redirect to ${shown}, ${why}: not followed ` +
        '(only redirects within the same origin, or from http to https on the same host, are)',
    )
    expect(log).not.toContain(location)
  })
})

describe('loadSpec from a URL: size limit', () => {
  it('refuses a body over maxBytes, naming the URL and the limit', async () => {
    expect(await inputErrorOf(loadSpec(`${base}ok/`, {maxBytes: 1000}))).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/ok\/(EVENTS|TYPES)\.md: body larger than the limit of 1000 bytes \(--max-bytes 1000\)$/,
    )
  })

  it('accepts a body of exactly maxBytes', async () => {
    const size = Math.max(Buffer.byteLength(NEWEST_EVENTS), Buffer.byteLength(NEWEST_TYPES))
    const {types} = await loadSpec(`${base}ok/`, {maxBytes: size})
    expect(String(types.value)).toBe(NEWEST_TYPES)
  })
})

describe('loadSpec from a URL: credentials and query strings', () => {
  const withUser = () => base.replace('http://', 'http://user:secret@')

  it('sends the user name and password of the URL as HTTP Basic credentials', async () => {
    const {events} = await loadSpec(`${withUser()}auth/`)
    expect(String(events.value)).toBe(NEWEST_EVENTS)
  })

  it('error output does not echo the URL password', async () => {
    const message = await inputErrorOf(loadSpec(`${withUser()}missing/`))
    expect(message).toMatch(/^GET http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/missing\/(EVENTS|TYPES)\.md: HTTP 404/)
    expect(message).not.toContain('secret')
    expect(message).not.toContain('user')
  })

  it('diagnostics do not echo the URL password', async () => {
    const result = buildSchema(await loadSpec(`${base.replace('http://', 'http://user:secret@')}broken/`))
    const printed = formatDiagnostics(result.files, false)
    expect(printed).toContain(`${base.replace('http://', 'http://***:***@')}broken/EVENTS.md\n3:1`)
    expect(printed).not.toContain('secret')
  })

  it('keeps the query string when fetching', async () => {
    const {types} = await loadSpec(`${base}query/?token=abc`)
    expect(String(types.value)).toBe(NEWEST_TYPES)
    expect(await inputErrorOf(loadSpec(`${base}query/`))).toMatch(/HTTP 403 Forbidden$/)
  })

  it('prints the query string as ***, in errors and in located diagnostics, and keeps the file name as basename', async () => {
    const message = await inputErrorOf(loadSpec(`${base}missing?token=s3cr3t`))
    expect(message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/missing\/(EVENTS|TYPES)\.md\?\*\*\*: HTTP 404 Not Found$/)
    const documents = await loadSpec(`${base}broken/?token=s3cr3t`)
    expect(documents.events.basename).toBe('EVENTS.md')
    const printed = formatDiagnostics(buildSchema(documents).files, false)
    expect(printed).toContain(`${base}broken/EVENTS.md?***\n3:1`)
    expect(`${message}\n${printed}`).not.toContain('s3cr3t')
  })

  it('prints the query string of a URL that does not parse as *** too', async () => {
    const message = await inputErrorOf(loadSpec('http://[bad/api/?token=s3cr3t'))
    expect(message).toBe('invalid spec URL http://[bad/api/?***')
  })

  it('writes no query string into the generated files, naming the URL with ?*** instead', async () => {
    const {files} = await generateInMemory({spec: `${base}private-mini/?token=s3cr3t`, format: false})
    expect(files.size).toBeGreaterThan(10)
    for (const [name, text] of files) expect(text, name).not.toContain('s3cr3t')
    expect(files.get('src/index.ts')).toContain(`Command: npx simplex-events generate --spec ${base}private-mini/?***`)
    expect(files.get('package.json')).toContain(`--spec ${base}private-mini/?***`)
  })
})

describe('a spec folder as the generated headers name it', () => {
  /** The mini spec copied to `<checkout>/spec`, generated for `<checkout>/out`. */
  const generateInCheckout = async (checkout: string) => {
    const spec = path.join(checkout, 'spec')
    await cp(await writeMiniSpec(), spec, {recursive: true})
    return (await generateInMemory({spec, out: path.join(checkout, 'out'), format: false})).files
  }

  it('is relative to the output folder, so the output does not depend on where the checkout is', async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'simplex-events-checkout-'))
    try {
      const here = await generateInCheckout(path.join(scratch, 'here'))
      const there = await generateInCheckout(path.join(scratch, 'deeper', 'there'))
      expect(here.get('src/index.ts')).toContain('Command: npx simplex-events generate --spec ../spec --out . (')
      for (const [name, text] of here) expect(text, name).not.toContain(scratch)
      expect(there).toEqual(here)
    } finally {
      await rm(scratch, {recursive: true, force: true})
    }
  })
})

describe('loadSpec from a folder', () => {
  let emptyFolder: string

  beforeAll(async () => {
    emptyFolder = await mkdtemp(path.join(os.tmpdir(), 'simplex-events-load-spec-'))
    await writeFile(path.join(emptyFolder, 'TYPES.md'), NEWEST_TYPES)
  })

  afterAll(async () => {
    await rm(emptyFolder, {recursive: true, force: true})
  })

  it('reads both documents', async () => {
    const {events, types} = await loadSpec(path.join(root, 'spec'))
    expect([events.basename, String(types.value)]).toEqual(['EVENTS.md', NEWEST_TYPES])
  })

  it('names the document a folder lacks', async () => {
    expect(await inputErrorOf(loadSpec(emptyFolder))).toBe(`spec folder ${emptyFolder} has no EVENTS.md`)
  })

  it('says when the folder does not exist', async () => {
    const missing = path.join(emptyFolder, 'nope')
    expect(await inputErrorOf(loadSpec(missing))).toBe(`spec folder ${missing} does not exist`)
  })
})

describe('loadSpec from a folder: only regular files inside it, under the size limit', () => {
  let scratch: string
  /** A spec folder whose TYPES.md is real and whose EVENTS.md `make` creates. */
  const specFolder = async (name: string, make: (events: string) => Promise<void>) => {
    const folder = path.join(scratch, name)
    await mkdir(folder)
    await writeFile(path.join(folder, 'TYPES.md'), NEWEST_TYPES)
    await make(path.join(folder, 'EVENTS.md'))
    return folder
  }

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'simplex-events-spec-files-'))
    await writeFile(path.join(scratch, 'secrets.txt'), 'API_KEY=hunter2\n')
  })

  afterAll(async () => {
    await rm(scratch, {recursive: true, force: true})
  })

  const cases: [string, (events: string) => Promise<void>, RegExp][] = [
    ['a directory named EVENTS.md', (events) => mkdir(events), /: not a regular file \(a directory\)$/],
    [
      'a symlink to /dev/zero',
      (events) => symlink('/dev/zero', events),
      /: a symbolic link to \/dev\/zero, outside the spec folder$/,
    ],
    [
      'a FIFO (which would block a read forever)',
      async (events) => void execFileSync('mkfifo', [events]),
      /: not a regular file \(a FIFO\)$/,
    ],
    [
      'a symlink to a file outside the folder',
      (events) => symlink(path.join(scratch, 'secrets.txt'), events),
      /: a symbolic link to .*secrets\.txt, outside the spec folder$/,
    ],
    [
      'a file over the default limit of 8 MiB',
      async (events) => {
        await writeFile(events, '# API Events\n')
        await truncate(events, 8 * 1024 * 1024 + 1) // sparse: nothing is written
      },
      /: larger than the limit of 8 MiB \(--max-bytes 8388608\)$/,
    ],
  ]

  it.each(cases)('refuses %s with exit 2 and a one-line message naming the file', async (name, make, detail) => {
    const folder = await specFolder(name.replaceAll(/\W+/g, '-'), make)
    const events = path.join(folder, 'EVENTS.md')
    expect(await inputErrorOf(loadSpec(folder))).toMatch(new RegExp(`^spec file ${escape(events)}${detail.source}`))
    const run = await runCliCapturing('schema', '--spec', folder)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^simplex-events: spec file [^\n]*\n$/)
    expect(run.stderr).not.toContain('hunter2')
    expect(run.stdout).toBe('')
  })

  it('follows a symlink that stays inside the spec folder', async () => {
    const folder = await specFolder('inner-link', async (events) => {
      await mkdir(path.join(path.dirname(events), 'versions'))
      await writeFile(path.join(path.dirname(events), 'versions', 'EVENTS.md'), NEWEST_EVENTS)
      await symlink(path.join('versions', 'EVENTS.md'), events)
    })
    const {events} = await loadSpec(folder)
    expect(String(events.value)).toBe(NEWEST_EVENTS)
  })

  it('applies maxBytes to folder files too', async () => {
    const folder = path.join(root, 'spec')
    expect(await inputErrorOf(loadSpec(folder, {maxBytes: 1000}))).toMatch(
      /^spec file .*(EVENTS|TYPES)\.md: larger than the limit of 1000 bytes \(--max-bytes 1000\)$/,
    )
  })
})

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
