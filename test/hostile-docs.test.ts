/**
 * Issue 16: hostile documents, drawn from the grammar of the docs plus the constructs that broke
 * the limits before (nesting through every container, behind every construct that blinded the old
 * line scan; delimiter runs in paragraphs, headings and link labels; setext headings; deeply
 * nested type expressions; prototype names in every keyed place). `schema` runs on each in a child
 * process, which must give a success or a located input error (exit 2) for every one: never exit
 * 1, never a crash, never more than 5 s for one document or 500 MB for the process.
 *
 * All drawn documents run in one child, one after another (a child per document would cost a
 * TypeScript start-up each): a crash kills it and the test names the document it was reading.
 */
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {type Docs, PLACES, PROTOTYPE_KEYS} from './support/keyed-places.js'
import {commandsDocument, MINI_COMMANDS} from './support/mini-commands.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument} from './support/mini-spec.js'

const root = path.resolve(import.meta.dirname, '..')
const DOCUMENTS = 40
const MAX_MS = 5000
const MAX_RSS_MB = 500

// What made the old line scan stop reading while remark-parse went on.
const blinder = fc.constantFrom('', '- a\n  ```\nb\n\n', 'text\n<b>bold</b>\n', '- <!--\nb\n\n', '<div>\n', '```\n')
const containerMarker = fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '> ')

const nestedOnOneLine = fc
  .tuple(blinder, fc.array(containerMarker, {minLength: 1, maxLength: 3000}))
  .map(([before, markers]) => `${before}${markers.join('')}x\n`)
const nestedByIndentation = fc
  .tuple(blinder, fc.integer({min: 1, max: 250}), containerMarker)
  .map(
    ([before, depth, marker]) =>
      before + Array.from({length: depth}, (_, level) => `${'  '.repeat(level)}${marker}x\n`).join(''),
  )
const delimiterRuns = fc
  .tuple(
    fc.constantFrom('', '# ', '[', '- ', '> '),
    fc.array(fc.constantFrom('*', '_', '**', '__', '***', 'a', ' ', '`', '[', ']', '(x)', '\\*'), {
      minLength: 10,
      maxLength: 20_000,
    }),
    fc.constantFrom('', '](x)', '\n===', '\n---'),
  )
  .map(([before, runs, after]) => `${before}${runs.join('')}${after}\n`)
const setextHeadings = fc
  .tuple(fc.integer({min: 1, max: 4000}), fc.constantFrom('-', '==='))
  .map(([count, underline]) => `a\n${underline}\n`.repeat(count))
const hostileMarkdown = fc.oneof(nestedOnOneLine, nestedByIndentation, delimiterRuns, setextHeadings)

const deepType = fc
  .tuple(
    fc.integer({min: 1, max: 3000}),
    fc.constantFrom<[string, string]>(['[', ']'], ['{string: ', '}']),
    fc.constantFrom('int', '[User](./TYPES.md#user)', '"x"'),
  )
  .map(([depth, [open, close], inner]) => `- deep: ${open.repeat(depth)}${inner}${close.repeat(depth)}`)

/** Where a block of markdown goes: each replaces a paragraph or adds a section at the end. */
const BLOCK_PLACES: [keyof Docs, string][] = [
  ['events', 'A user was seen.'],
  ['events', 'This file is generated automatically.'],
  ['types', 'This file is generated automatically.'],
  ['commands', 'A command for tests.'],
  ['commands', 'Commands for tests.'],
]
/** Where a field line goes: after an existing one. */
const FIELD_PLACES: [keyof Docs, string][] = [
  ['events', '- type: "userSeen"'],
  ['types', '- userId: int64'],
  ['commands', '- text: string'],
  ['commands', '- type: "sent"'],
]

const hostileDocs = fc
  .record({
    keyed: fc.option(fc.tuple(fc.constantFrom(...Object.keys(PLACES)), fc.constantFrom(...PROTOTYPE_KEYS)), {freq: 2}),
    markdown: fc.option(fc.tuple(hostileMarkdown, fc.nat(BLOCK_PLACES.length), fc.boolean()), {freq: 2}),
    field: fc.option(fc.tuple(deepType, fc.nat(FIELD_PLACES.length - 1)), {freq: 2}),
  })
  .map(({keyed, markdown, field}) => {
    const docs: Required<Docs> = {
      events: eventsDocument(MINI_EVENTS),
      types: typesDocument(MINI_TYPES),
      commands: commandsDocument(MINI_COMMANDS),
      ...(keyed ? PLACES[keyed[0]]!(keyed[1]) : {}),
    }
    if (markdown) {
      const [block, at, asSection] = markdown
      const [document, paragraph] = BLOCK_PLACES[at] ?? BLOCK_PLACES[0]!
      docs[document] =
        asSection || at === BLOCK_PLACES.length
          ? `${docs[document]}\n## Hostile\n\n${block}`
          : docs[document].replace(paragraph, block)
    }
    if (field) {
      const [line, at] = field
      const [document, after] = FIELD_PLACES[at]!
      docs[document] = docs[document].replace(after, `${after}\n${line}`)
    }
    return docs
  })

interface ChildLine {
  folder?: string
  code?: number
  ms?: number
  stderr?: string
  crashed?: string
  peakRssKiB?: number
}

function runBatch(folders: string[]): Promise<{lines: ChildLine[]; code: number | null; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'support', 'schema-batch-child.ts'), ...folders],
      {cwd: root, stdio: ['ignore', 'pipe', 'pipe']},
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        lines: stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as ChildLine),
        code,
        stderr,
      }),
    )
  })
}

describe('hostile documents: schema in a child process', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-hostile-'))
  afterAll(() => rmSync(directory, {recursive: true, force: true}))

  it(`${DOCUMENTS} drawn documents each give a success or a located exit 2, within ${MAX_MS} ms and ${MAX_RSS_MB} MB`, async () => {
    const drawn = fc.sample(hostileDocs, {numRuns: DOCUMENTS, seed: 20261202})
    const folders = drawn.map((docs, index) => {
      const folder = path.join(directory, String(index))
      mkdirSync(folder)
      writeFileSync(path.join(folder, 'EVENTS.md'), docs.events)
      writeFileSync(path.join(folder, 'TYPES.md'), docs.types)
      writeFileSync(path.join(folder, 'COMMANDS.md'), docs.commands)
      return folder
    })
    const {lines, code, stderr} = await runBatch(folders)
    const results = lines.filter((line) => line.folder !== undefined)
    // A child that died names the document it was reading: the one after the last reported.
    expect(results.length, `the child stopped at ${folders[results.length]} (exit ${code}): ${stderr}`).toBe(
      folders.length,
    )
    expect(code).toBe(0)
    for (const result of results) {
      const what = `${result.folder}: ${result.crashed ?? result.stderr}`
      expect(result.crashed, what).toBeUndefined()
      expect([0, 2], what).toContain(result.code)
      if (result.code === 2) expect(result.stderr, what).toMatch(/^\s*\d+:\d+(?:-\d+:\d+)?\s+error\s/m)
      expect(result.ms, what).toBeLessThan(MAX_MS)
    }
    const peak = lines.find((line) => line.peakRssKiB !== undefined)!.peakRssKiB!
    expect(peak / 1024).toBeLessThan(MAX_RSS_MB)
    // The draw reaches what it is for: successes, and the limits' own errors.
    const errors = results.map((result) => result.stderr ?? '').join('\n')
    expect(results.some((result) => result.code === 0)).toBe(true)
    expect(errors).toMatch(/too-deep/)
    expect(errors).toMatch(/too-large/)
  }, 240_000)
})
