/**
 * Provenance you can read: `spec/provenance.json` (untrusted, checked), the `specInfo` export and its copy in
 * the generated package.json, and doc links rewritten to the upstream commit (or to plain text). Also the
 * `connectTarget` parameter, which the docs' syntax uses unconditionally, required in the generated types.
 */
import {createHash} from 'node:crypto'
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {InputError} from '../generator/input-error.js'
import {headingAnchor, resolveDocLinks} from '../generator/emit/doc-links.js'
import {PROVENANCE_FILE, readSpecOrigins, type SpecOrigins} from '../generator/load/provenance.js'
import {PINNED_SPEC} from '../generator/paths.js'
import {readSchema} from '../generator/pipeline.js'
import {SCHEMA_VERSION, type Schema} from '../generator/schema/types.js'
import {commandString, specInfo} from '../generated/src/index.js'
import {writeMiniSpec} from './support/mini-spec.js'
import {pinnedTree} from './support/shared-builds.js'
import {ownedFiles} from './support/owned-files.js'
import {temporaryFolder} from './support/temp-folders.js'

/** This run's build of the pinned spec (unformatted): what `generated/` holds once formatted. */
const generated = await pinnedTree()
const TYPES_COMMIT = '03c8bf5add6c3c323b8d69268981e35755b29e86'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('doc links in generated/', () => {
  it('no link to ./COMMANDS.md, ./TYPES.md, ./EVENTS.md or a bare #anchor is left in any generated file', async () => {
    const links: string[] = []
    // The files the generator owns: not a node_modules or package-lock.json of the package's install steps.
    for (const file of (await ownedFiles(generated)).map((name) => path.join(generated, name))) {
      const text = await readFile(file, 'utf8')
      for (const match of text.matchAll(/\]\((?:\.\/)?(?:COMMANDS|TYPES|EVENTS)\.md[^)]*\)|\]\(#[^)]*\)/g))
        links.push(`${path.relative(generated, file)}: ${match[0]}`)
    }
    expect(links).toEqual([])
  })

  it('the docs links point at the pinned commit on GitHub', async () => {
    const events = await readFile(path.join(generated, 'src', 'events.ts'), 'utf8')
    expect(events).toContain(
      `[APIAcceptContact](https://github.com/simplex-chat/simplex-chat/blob/${TYPES_COMMIT}/bots/api/COMMANDS.md#apiacceptcontact)`,
    )
  })

  it('each record type, event and command links to its heading upstream', async () => {
    const read = (file: string) => readFile(path.join(generated, 'src', file), 'utf8')
    // Each document at the commit spec/provenance.json names for it (EVENTS.md's is not TYPES.md's).
    const upstream = (file: string, name: string) =>
      new RegExp(
        `\\[${file}: ${name}\\]\\(https://github\\.com/[\\w.-]+/[\\w.-]+/blob/[0-9a-f]{40}/bots/api/${file}#${name.toLowerCase()}\\)`,
      )
    expect(await read('types.ts')).toMatch(upstream('TYPES.md', 'GroupInfo'))
    expect(await read('events.ts')).toMatch(upstream('EVENTS.md', 'NewChatItems'))
    expect(await read('commands.ts')).toMatch(upstream('COMMANDS.md', 'APIJoinGroup'))
    expect(await read('chat-client-overloads.ts')).toMatch(upstream('COMMANDS.md', 'APIJoinGroup'))
  })
})

/** A schema holding one event whose description is `markdown` (read from EVENTS.md). */
function withDescription(markdown: string): Schema {
  const location = {file: 'EVENTS.md', line: 1, column: 1}
  return {
    schemaVersion: SCHEMA_VERSION,
    sources: {events: {file: 'EVENTS.md', sha256: ''}, types: {file: 'TYPES.md', sha256: ''}},
    categories: [],
    events: [{name: 'E', tag: 'e', category: 'C', rank: 'main', description: [markdown], fields: [], location}],
    types: [],
    commandCategories: [],
    commands: [],
  }
}

const resolved = (markdown: string, origins: SpecOrigins) =>
  resolveDocLinks(withDescription(markdown), origins).events[0]!.description[0]

describe('resolveDocLinks', () => {
  const origins: SpecOrigins = {
    'TYPES.md': {commit: {repository: 'simplex-chat/simplex-chat', commit: TYPES_COMMIT, path: 'bots/api/TYPES.md'}},
    'EVENTS.md': {commit: {repository: 'o/r', commit: 'a'.repeat(40), path: 'bots/api/EVENTS.md'}},
  }

  it('a link to a document with a commit, or within the same document, becomes its URL at the commit', () => {
    expect(resolved('Its [User](./TYPES.md#user) and [NewChatItems](#newchatitems).', origins)).toBe(
      `Its [User](https://github.com/simplex-chat/simplex-chat/blob/${TYPES_COMMIT}/bots/api/TYPES.md#user) and ` +
        `[NewChatItems](https://github.com/o/r/blob/${'a'.repeat(40)}/bots/api/EVENTS.md#newchatitems).`,
    )
  })

  it('without a commit a relative link is plain text; absolute links and code spans stay as written', () => {
    expect(resolved('Use [APISendMessages](./COMMANDS.md#apisendmessages) command.', origins)).toBe(
      'Use APISendMessages command.',
    )
    expect(resolved('See [*the* docs](../README.md), [site](https://simplex.chat).', {})).toBe(
      'See *the* docs, [site](https://simplex.chat).',
    )
    expect(resolved('Write `[User](./TYPES.md#user)` as is.', {})).toBe('Write `[User](./TYPES.md#user)` as is.')
  })

  it('an anchor that is not a plain slug is not put into a URL', () => {
    expect(resolved('[User](./TYPES.md#a"b)', origins)).toBe('User')
  })

  it('sets upstreamUrl on each node whose document has a commit: its heading anchor at the commit', () => {
    const linked = resolveDocLinks(withDescription('text'), origins)
    expect(linked.events[0]!.upstreamUrl).toBe(`https://github.com/o/r/blob/${'a'.repeat(40)}/bots/api/EVENTS.md#e`)
    expect(resolveDocLinks(withDescription('text'), {}).events[0]!.upstreamUrl).toBeUndefined()
  })

  it('a compatibility build links only the nodes its newest version has (the origins are the newest documents)', () => {
    const schema = withDescription('text')
    schema.versions = [
      {label: 'old', sources: schema.sources},
      {label: 'new', sources: schema.sources},
    ] as Schema['versions']
    schema.events.push({...schema.events[0]!, name: 'Gone', tag: 'gone', versions: ['old']})
    schema.events[0]!.versions = ['old', 'new']
    const [kept, gone] = resolveDocLinks(schema, origins).events
    expect([kept!.upstreamUrl?.endsWith('EVENTS.md#e'), gone!.upstreamUrl]).toEqual([true, undefined])
  })

  it('headingAnchor writes the anchor GitHub gives a heading', () => {
    expect(['GroupInfo', 'Contact connection events', 'A.B (c)'].map(headingAnchor)).toEqual([
      'groupinfo',
      'contact-connection-events',
      'ab-c',
    ])
  })
})

describe('provenance.json', () => {
  const documents = () => ({events: new VFile({path: 'EVENTS.md'}), types: new VFile({path: 'TYPES.md'})})
  const sources = {
    events: {file: 'EVENTS.md', sha256: 'e'.repeat(64)},
    types: {file: 'TYPES.md', sha256: 't'.repeat(64)},
  }
  const entry = (overrides: Record<string, unknown> = {}) => ({
    repository: 'simplex-chat/simplex-chat',
    commit: TYPES_COMMIT,
    path: 'bots/api/TYPES.md',
    sha256: sources.types.sha256.replaceAll('t', 'f'),
    ...overrides,
  })
  async function originsOf(
    provenance: unknown,
    digests = {...sources, types: {file: 'TYPES.md', sha256: 'f'.repeat(64)}},
  ) {
    const folder = await temporaryFolder('provenance-')
    await writeFile(path.join(folder, PROVENANCE_FILE), JSON.stringify(provenance))
    return readSpecOrigins(folder, documents(), digests, 1 << 20)
  }
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) =>
        error instanceof InputError ? error.message.replace(/^.*provenance\.json: /, '') : `${error}`,
    )

  it('the pinned spec names the commit of each document, with its sha256', async () => {
    const recorded = JSON.parse(await readFile(path.join(PINNED_SPEC, PROVENANCE_FILE), 'utf8')) as {
      documents: Record<string, {sha256: string}>
    }
    for (const [name, {sha256: digest}] of Object.entries(recorded.documents))
      expect(sha256(await readFile(path.join(PINNED_SPEC, name), 'utf8')), name).toBe(digest)
  })

  it('a valid entry gives the commit; a folder without the file gives nothing', async () => {
    expect(await originsOf({documents: {'TYPES.md': entry()}})).toEqual({
      'TYPES.md': {commit: {repository: 'simplex-chat/simplex-chat', commit: TYPES_COMMIT, path: 'bots/api/TYPES.md'}},
    })
    const empty = await temporaryFolder('provenance-')
    expect(await readSpecOrigins(empty, documents(), sources, 1 << 20)).toEqual({})
  })

  it.each([
    [{documents: {'TYPES.md': entry({sha256: 'e'.repeat(64)})}}, /sha256 is e{64}, but TYPES.md has sha256 f{64}/],
    [{documents: {'TYPES.md': entry({commit: 'main'})}}, /commit: expected 40 lower-case hex digits/],
    [{documents: {'TYPES.md': entry({repository: 'evil.com/x?y'})}}, /repository: expected owner\/name/],
    [{documents: {'TYPES.md': entry({path: '../TYPES.md'})}}, /path: expected the path of TYPES.md/],
    [{documents: {'TYPES.md': entry({path: 'bots/api/EVENTS.md'})}}, /path: expected the path of TYPES.md/],
    [{documents: {'TYPES.md': entry({url: 'javascript:x'})}}, /"url": not a provenance key/],
    [{documents: {'README.md': entry()}}, /not a document/],
    [{documents: {'COMMANDS.md': entry({path: 'bots/api/COMMANDS.md'})}}, /the spec folder has no COMMANDS\.md/],
    [{documents: []}, /expected \{"documents"/],
    ['x', /expected \{"documents"/],
  ])('%j is a clear error', async (provenance, message) => {
    expect(await errorOf(originsOf(provenance))).toMatch(message)
  })

  it('not JSON is an error that does not quote the file', async () => {
    const folder = await temporaryFolder('provenance-')
    await writeFile(path.join(folder, PROVENANCE_FILE), '\u001b[31m not json')
    expect(await errorOf(readSpecOrigins(folder, documents(), sources, 1 << 20))).toBe('not valid JSON')
  })

  it('a document changed after its commit was recorded fails reading the spec', async () => {
    const folder = await writeMiniSpec()
    const recorded = entry({sha256: sha256(await readFile(path.join(folder, 'TYPES.md'), 'utf8'))})
    await writeFile(path.join(folder, PROVENANCE_FILE), JSON.stringify({documents: {'TYPES.md': recorded}}))
    expect((await readSchema({spec: folder})).origins['TYPES.md']).toEqual({
      commit: {repository: recorded.repository, commit: TYPES_COMMIT, path: recorded.path},
    })
    await writeFile(path.join(folder, 'TYPES.md'), `${await readFile(path.join(folder, 'TYPES.md'), 'utf8')}\n`)
    expect(await errorOf(readSchema({spec: folder}))).toMatch(
      /documents\["TYPES\.md"\]\.sha256 is [0-9a-f]{64}, but TYPES\.md has/,
    )
  })
})

describe('specInfo', () => {
  it('is exported and names each pinned document with its sha256 and upstream commit', async () => {
    const version = specInfo.versions.at(-1)
    expect(version!.label).toBe('2026-03c8bf5')
    expect(version!.spec).toBeNull()
    for (const document of version!.documents) {
      expect(document.sha256).toBe(sha256(await readFile(path.join(PINNED_SPEC, document.file), 'utf8')))
      expect(document.commit?.url).toBe(
        `https://github.com/${document.commit?.repository}/blob/${document.commit?.commit}/bots/api/${document.file}`,
      )
    }
    expect(version!.documents.map((document) => document.file)).toEqual(['EVENTS.md', 'TYPES.md', 'COMMANDS.md'])
  })

  it('lists the older doc versions of spec/compat.json, oldest first, with what is known of their origin', async () => {
    expect(specInfo.versions.map(({label, spec}) => [label, spec])).toEqual([
      ['2025-09-27', '<pinned>/compat/2025-09-27'],
      ['2026-088a33e', '<pinned>/compat/2026-088a33e'],
      ['2026-fork-d94cbb0', '<pinned>/compat/2026-fork-d94cbb0'],
      ['2026-03c8bf5', null],
    ])
    for (const {label, documents} of specInfo.versions.slice(0, -1)) {
      for (const document of documents) {
        const file = path.join(PINNED_SPEC, 'compat', label!, document.file)
        expect(document.sha256).toBe(sha256(await readFile(file, 'utf8')))
      }
    }
    const commits = specInfo.versions.map(({documents}) => documents.map((document) => document.commit?.commit ?? null))
    expect(commits.slice(0, -1)).toEqual([
      [null, null, null],
      ['088a33e09ca8e3f2abf66075dbdde789c752e6b7', '088a33e09ca8e3f2abf66075dbdde789c752e6b7'],
      ['1df5e8b4daf9f566c92b7d914bfc87674b689e8a', null, null],
    ])
  })

  it('the generated package.json holds the same', async () => {
    const manifest = JSON.parse(await readFile(path.join(generated, 'package.json'), 'utf8')) as {specInfo: unknown}
    expect(manifest.specInfo).toEqual(specInfo)
  })
})

describe('APIConnectPlan.connectTarget', () => {
  it('is required in the parameter type and the JSON Schema, so no command string carries "undefined"', async () => {
    expect(
      commandString('APIConnectPlan', {userId: 1, connectTarget: 'https://simplex.chat/a#x', resolveMode: 'never'}),
    ).toBe('/_connect plan 1 https://simplex.chat/a#x')
    const commands = await readFile(path.join(generated, 'src', 'commands.ts'), 'utf8')
    const parameters = /export interface APIConnectPlan \{([^}]*)\}/.exec(commands)![1]!
    // This run's build is unformatted: a member ends with `;` until prettier removes it.
    expect(parameters).toMatch(/^\s*connectTarget: string;?$/m)
    expect(parameters).toContain('Optional in the docs (`?`)')
    const jsonSchema = JSON.parse(await readFile(path.join(generated, 'schema.json'), 'utf8')) as {
      $defs: Record<string, {required: string[]}>
    }
    expect(jsonSchema.$defs['CC.APIConnectPlan']!.required).toContain('connectTarget')
  })
})
