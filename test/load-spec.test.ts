/**
 * `loadSpec`: reading the docs from a folder or downloading them from an http(s)
 * folder URL, served here by a local server on 127.0.0.1.
 */
import {readFileSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {InputError} from '../generator/cli-io.js'
import {loadSpec} from '../generator/load-spec.js'
import {formatDiagnostics} from '../generator/report.js'
import {buildSchema} from '../generator/schema/index.js'

const root = path.resolve(import.meta.dirname, '..')
const NEWEST_EVENTS = readFileSync(path.join(root, 'spec/EVENTS.md'), 'utf8')
const NEWEST_TYPES = readFileSync(path.join(root, 'spec/TYPES.md'), 'utf8')
/** An EVENTS.md with one error on line 3: an event before any category heading. */
const BROKEN_EVENTS = '# API Events\n\n### Orphan\n'

/** What each folder of the test server answers for `EVENTS.md` and `TYPES.md`. */
const routes: Record<string, (name: string) => {status?: number; type?: string; body: string} | 'hang'> = {
  ok: (name) => ({type: 'text/plain; charset=utf-8', body: name === 'EVENTS.md' ? NEWEST_EVENTS : NEWEST_TYPES}),
  broken: (name) => ({type: 'text/plain', body: name === 'EVENTS.md' ? BROKEN_EVENTS : NEWEST_TYPES}),
  missing: () => ({status: 404, type: 'text/plain', body: '404: Not Found'}),
  hang: () => 'hang',
  html: () => ({type: 'text/html; charset=utf-8', body: '<!doctype html><html><body>GitHub</body></html>'}),
  'html-as-text': () => ({type: 'text/plain', body: '<!DOCTYPE html>\n<html></html>'}),
  json: () => ({type: 'application/json', body: '{"message": "Not Found"}'}),
  'no-heading': () => ({type: 'text/plain', body: 'Just some text.\n'}),
}

let server: Server
let base: string

beforeAll(async () => {
  server = createServer((request, response) => {
    const [, folder = '', name = ''] = (request.url ?? '').split('/')
    const answer = routes[folder]?.(name) ?? {status: 404, body: ''}
    if (answer === 'hang') return // never answer: the client must time out
    response.writeHead(answer.status ?? 200, answer.type ? {'content-type': answer.type} : {})
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
      /^GET http:\/\/127\.0\.0\.1:\d+\/hang\/(EVENTS|TYPES)\.md: timed out after 200 ms$/,
    )
  })

  it('rejects an HTML page served as text/html', async () => {
    expect(await inputErrorOf(loadSpec(`${base}html/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES)\.md\), got text\/html$/,
    )
  })

  it('rejects an HTML page served as text/plain', async () => {
    expect(await inputErrorOf(loadSpec(`${base}html-as-text/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES)\.md\), got text\/html$/,
    )
  })

  it('rejects a JSON answer', async () => {
    expect(await inputErrorOf(loadSpec(`${base}json/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES)\.md\), got application\/json$/,
    )
  })

  it('rejects text that does not open with a "# " heading', async () => {
    expect(await inputErrorOf(loadSpec(`${base}no-heading/`))).toMatch(
      /: expected markdown \((EVENTS|TYPES)\.md\), got text not starting with a "# " heading: "Just some text\.\\n"$/,
    )
  })

  it('reports a refused connection as a network error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await inputErrorOf(loadSpec(`http://127.0.0.1:${port}/api/`))).toMatch(
      new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/api/(EVENTS|TYPES)\\.md: network error: .*ECONNREFUSED`),
    )
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
