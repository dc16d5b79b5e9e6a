import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {runCli} from '../generator/cli.js'
import {
  DiagnosticsError,
  formatDiagnostics,
  MAX_MESSAGES_PER_FILE,
  reportError,
  reportWarning,
} from '../generator/diagnostics.js'
import {readSchema} from '../generator/pipeline.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument} from './support/mini-spec.js'
import {runCliCapturing} from './support/run-cli.js'

const located = (text: string) => text.split('\n').filter((line) => /^\s*\d+:\d+\s/.test(line))

describe('diagnostics are capped per file (issue 16: a 131 KB doc printed 32,670 errors)', () => {
  it(`prints the first ${MAX_MESSAGES_PER_FILE} messages of a file and says how many more there are`, () => {
    const file = new VFile({path: 'TYPES.md', value: ''})
    for (let line = 1; line <= 150; line++) reportError(file, `Bad line ${line}`, {line, column: 1}, 'field-line')
    for (let line = 151; line <= 153; line++) reportWarning(file, 'Odd', {line, column: 1}, 'syntax-optional')
    const other = new VFile({path: 'EVENTS.md', value: ''})
    reportError(other, 'One problem', {line: 1, column: 1}, 'title')
    const text = formatDiagnostics([file, other], false)
    expect(located(text)).toHaveLength(MAX_MESSAGES_PER_FILE + 1)
    expect(text).toContain('Bad line 100')
    expect(text).not.toContain('Bad line 101')
    expect(text).toContain('One problem')
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'TYPES.md: 50 errors and 3 warnings more, not shown (the first 100 are above)',
    )
  })

  it('a file within the cap gets no extra line', () => {
    const file = new VFile({path: 'TYPES.md', value: ''})
    reportError(file, 'Bad', {line: 1, column: 1}, 'field-line')
    expect(formatDiagnostics([file], false)).not.toContain('not shown')
  })

  const directory = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-diagnostics-'))
  afterAll(() => rmSync(directory, {recursive: true, force: true}))

  it('schema on a TYPES.md of 5,000 bad field lines prints 100 of them and the count of the rest (exit 2)', async () => {
    // 50 types of 100 bad lines (a section holds at most 1,000 list items).
    const bad = Array.from({length: 50}, (_, type) => ({
      name: `Bad${type}`,
      body: ['**Record type**:', ...Array.from({length: 100}, (_, index) => `- f${index} int`)],
    }))
    writeFileSync(path.join(directory, 'TYPES.md'), typesDocument([...MINI_TYPES, ...bad]))
    writeFileSync(path.join(directory, 'EVENTS.md'), eventsDocument(MINI_EVENTS))
    const run = await runCliCapturing('schema', '--spec', directory)
    expect(run.code).toBe(2)
    expect(located(run.stderr)).toHaveLength(MAX_MESSAGES_PER_FILE)
    expect(run.stderr).toMatch(/TYPES\.md: 4900 errors more, not shown \(the first 100 are above\)/)
  })
})

describe('the pipeline hands diagnostics back as data; the CLI colours them', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-diagnostics-data-'))
  afterAll(() => rmSync(directory, {recursive: true, force: true}))
  writeFileSync(path.join(directory, 'EVENTS.md'), '# Events\n')
  writeFileSync(path.join(directory, 'TYPES.md'), typesDocument(MINI_TYPES))

  it('readSchema rejects with a DiagnosticsError holding the vfiles, its message the report without colour', async () => {
    const error = await readSchema({spec: directory, overlay: false}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DiagnosticsError)
    const {reports, message} = error as DiagnosticsError
    expect(reports).toHaveLength(1)
    const messages = reports[0]!.flatMap((file) => file.messages.map((each) => [file.basename, each.ruleId]))
    expect(messages).toContainEqual(['EVENTS.md', 'title'])
    expect(message).toBe(formatDiagnostics(reports[0]!, false))
    expect(message).not.toContain('\u001b[')
  })

  it('the CLI prints the same report, in colour when colour is on', async () => {
    const plain = await runCliCapturing('schema', '--spec', directory)
    const error = (await readSchema({spec: directory, overlay: false}).catch(
      (caught: unknown) => caught,
    )) as DiagnosticsError
    expect(plain.stderr).toBe(error.message.endsWith('\n') ? error.message : `${error.message}\n`)
    let coloured = ''
    await runCli(['schema', '--spec', directory], {
      stdout: () => {},
      stderr: (text) => void (coloured += text),
      color: true,
    })
    expect(coloured).toContain('\u001b[')
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain.stderr)
  })
})
