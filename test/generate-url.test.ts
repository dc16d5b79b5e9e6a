import {readFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {MANIFEST_NAME} from '../generator/write/manifest.js'
import {readTree} from '../generator/write/write-tree.js'
import {runCliCapturing} from './support/run-cli.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument, writeMiniSpec} from './support/mini-spec.js'

const root = path.resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-url-'))
const documents: Record<string, string> = {
  'EVENTS.md': readFileSync(path.join(root, 'spec', 'EVENTS.md'), 'utf8'),
  'TYPES.md': readFileSync(path.join(root, 'spec', 'TYPES.md'), 'utf8'),
  'COMMANDS.md': readFileSync(path.join(root, 'spec', 'COMMANDS.md'), 'utf8'),
}

/**
 * A tree without what names where the spec came from (a URL or the pinned folder): the header's command line,
 * `specInfo` (src/spec-info.ts, and its copy in package.json), and the manifest, whose sha256s cover them.
 */
const withoutCommand = (tree: Map<string, string>) =>
  new Map(
    [...tree]
      .filter(([name]) => name !== MANIFEST_NAME && name !== 'src/spec-info.ts')
      .map(([name, text]) => {
        const unsourced = text.replace(/Command: npx simplex-events generate[^\n"]*/g, '')
        if (name !== 'package.json') return [name, unsourced]
        const {specInfo: _, ...rest} = JSON.parse(unsourced) as {specInfo?: unknown}
        return [name, JSON.stringify(rest)]
      }),
  )

/** The small spec of test/support/mini-spec.ts: generating it is quick (the pinned spec takes seconds). */
const miniDocuments: Record<string, string> = {
  'EVENTS.md': eventsDocument(MINI_EVENTS),
  'TYPES.md': typesDocument(MINI_TYPES),
}

/**
 * A local stand-in for upstream's raw folder: `/api/` serves the pinned docs, `/mini/` the small spec (no
 * COMMANDS.md: a 404, which means absent), other folders misbehave.
 */
let server: Server
let base: string
beforeAll(async () => {
  server = createServer((request, response) => {
    const [, folder, name = ''] = (request.url ?? '').split('/')
    if (folder === 'api' && documents[name]) {
      response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end(documents[name])
    } else if (folder === 'mini' && miniDocuments[name]) {
      response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end(miniDocuments[name])
    } else if (folder === 'html') {
      response.writeHead(200, {'content-type': 'text/html'}).end('<!doctype html><title>Sign in</title>')
    } else if (folder === 'slow') {
      // Never answers: the client's timeout must end the wait.
    } else {
      response.writeHead(404, {'content-type': 'text/plain'}).end('Not Found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(scratch, {recursive: true, force: true})
})

const cli = runCliCapturing

describe('generate --spec URL', () => {
  it('generates from a served spec folder, the same files as from the folder (without the overlay)', async () => {
    const fromUrl = path.join(scratch, 'from-url')
    const fromFolder = path.join(scratch, 'from-folder')
    const served = await cli('generate', '--spec', `${base}/mini`, '--out', fromUrl)
    expect(served.code, served.stderr).toBe(0)
    expect(served.stdout).toMatch(/^Generated \d+ files/)
    const local = await cli('generate', '--spec', await writeMiniSpec(), '--no-overlay', '--out', fromFolder)
    expect(local.code, local.stderr).toBe(0)
    // The same files, but for the header's command line, which names where the spec came from.
    const urlTree = await readTree(fromUrl)
    expect(withoutCommand(urlTree)).toEqual(withoutCommand(await readTree(fromFolder)))
    expect(urlTree.get('src/index.ts')).toContain(
      `Command: npx simplex-events generate --spec ${base}/mini (simplex-events`,
    )
    expect(urlTree.get('src/spec-info.ts')).toContain(`url: '${base}/mini/EVENTS.md'`)
  })

  it.each([
    ['a 404', '/missing/', /GET http:\/\/127\.0\.0\.1:\d+\/missing\/EVENTS\.md: HTTP 404/],
    ['a page that is not markdown', '/html/', /expected markdown/],
    ['a server that never answers', '/slow/', /timed out after 300 ms/],
  ])('reports %s and exits 2, writing nothing', async (_, folder, message) => {
    const out = path.join(scratch, `never-${folder.replaceAll('/', '')}`)
    const result = await cli('generate', '--spec', `${base}${folder}`, '--out', out, '--timeout', '300')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(() => statSync(out)).toThrow()
  })

  it('a URL spec has no overlay unless one is named, and a named overlay must exist', async () => {
    const out = path.join(scratch, 'named-overlay')
    const folder = await writeMiniSpec()
    const overlay = path.join(folder, 'overlay.json')
    const correction = {target: 'User.userId', from: 'int64', to: 'string', reason: 'test', evidence: 'none'}
    writeFileSync(overlay, JSON.stringify({corrections: [correction]}))
    const plain = await cli('generate', '--spec', `${base}/mini`, '--out', path.join(scratch, 'no-overlay'))
    expect(plain.code, plain.stderr).toBe(0)
    expect((await readTree(path.join(scratch, 'no-overlay'))).get('src/types.ts')).toContain('userId: number')
    const corrected = await cli('generate', '--spec', `${base}/mini`, '--overlay', overlay, '--out', out)
    expect(corrected.code, corrected.stderr).toBe(0)
    const fromFolder = path.join(scratch, 'overlay-from-folder')
    expect((await cli('generate', '--spec', folder, '--out', fromFolder)).code).toBe(0)
    expect(withoutCommand(await readTree(out))).toEqual(withoutCommand(await readTree(fromFolder)))
    expect((await readTree(out)).get('src/types.ts')).toContain('userId: string')
    const missing = await cli(
      'generate',
      '--spec',
      `${base}/mini`,
      '--overlay',
      path.join(scratch, 'nope.json'),
      '--out',
      out,
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nope.json does not exist')
  })

  it('--max-bytes refuses a larger body with exit 2, naming the URL and the limit, writing nothing', async () => {
    const out = path.join(scratch, 'never-max-bytes')
    const result = await cli('generate', '--spec', `${base}/api`, '--out', out, '--max-bytes', '4096')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^simplex-events: GET http:\/\/127\.0\.0\.1:\d+\/api\/(EVENTS|TYPES|COMMANDS)\.md: body larger than the limit of 4 KiB \(--max-bytes 4096\)\n$/,
    )
    expect(() => statSync(out)).toThrow()
  })

  it('diff takes --max-bytes too', async () => {
    const result = await cli('diff', path.join(root, 'spec'), `${base}/api`, '--max-bytes', '4096')
    expect(result.code).toBe(2)
    // Both sides load at once: whichever is refused first is reported.
    expect(result.stderr).toMatch(
      /(EVENTS|TYPES|COMMANDS)\.md: (body )?larger than the limit of 4 KiB \(--max-bytes 4096\)\n$/,
    )
  })

  it('rejects a --max-bytes that is not a positive whole number as a usage error', async () => {
    const result = await cli('generate', '--spec', `${base}/api`, '--max-bytes', '8MB')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('expected a positive whole number of bytes')
  })

  it('rejects a timeout that is not a positive whole number as a usage error', async () => {
    const result = await cli('generate', '--spec', `${base}/api`, '--timeout', 'soon')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('expected a positive whole number of milliseconds')
  })
})
