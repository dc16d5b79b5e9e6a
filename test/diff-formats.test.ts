/**
 * `diff --format changelog|github|junit`: given two doc versions of the repository, want the output in
 * test/fixtures/diff/ byte for byte (fork → newest and 2025-09-27 → newest; see its README to regenerate);
 * and each format's escaping on hand-made changes.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCliCapturing} from './support/run-cli.js'
import {xmlProblems} from './support/xml-well-formed.js'
import {compareSchemas, type SchemaChange} from '../generator/diff/compare.js'
import {escapeData, escapeProperty} from '../generator/diff/format-annotations.js'
import {formatChanges, type ChangeFormat} from '../generator/diff/format.js'
import {comparisonNotes} from '../generator/diff/notes.js'
import {changeSides} from '../generator/diff/sides.js'
import {readSchema, type ReadSchema} from '../generator/pipeline.js'

const root = path.resolve(import.meta.dirname, '..')
const fixture = (name: string) => readFileSync(path.join(root, 'test/fixtures/diff', name), 'utf8')

const PAIRS = [
  {name: 'fork-to-newest', before: 'spec/compat/2026-fork-d94cbb0', after: 'spec'},
  {name: '2025-09-27-to-newest', before: 'spec/compat/2025-09-27', after: 'spec'},
] as const
const FORMATS: readonly [ChangeFormat, string][] = [
  ['changelog', 'changelog.md'],
  ['github', 'github.txt'],
  ['junit', 'junit.xml'],
]

const reads = new Map<string, ReadSchema>()
// As `diff` reads each side: the docs of that folder alone, without the overlay.
const read = (spec: string) => readSchema({spec: path.join(root, spec), compat: [], overlay: false})

/** What `diff OLD NEW --format F` prints, run from the repository's root, as the fixtures were made. */
function output(pair: (typeof PAIRS)[number], format: ChangeFormat): string {
  const before = reads.get(pair.before)!
  const after = reads.get(pair.after)!
  const names = {before: pair.before, after: pair.after}
  const changes = compareSchemas(before.schema, after.schema)
  const notes = comparisonNotes(before.schema, after.schema, names)
  return formatChanges(
    changes,
    format,
    false,
    notes,
    changeSides(names, {before: before.origins, after: after.origins}, root),
  )
}

beforeAll(async () => {
  for (const spec of new Set(PAIRS.flatMap((pair) => [pair.before, pair.after]))) reads.set(spec, await read(spec))
}, 60_000)

describe.each(PAIRS)('diff $before $after', (pair) => {
  it.each(FORMATS)('--format %s gives test/fixtures/diff/<pair>.%s', (format, extension) => {
    expect(output(pair, format)).toBe(fixture(`${pair.name}.${extension}`))
  })

  it('junit: valid XML, one test case per change, the breaking ones failing', () => {
    const xml = output(pair, 'junit')
    expect(xmlProblems(xml)).toEqual([])
    const changes = compareSchemas(reads.get(pair.before)!.schema, reads.get(pair.after)!.schema)
    const breaking = changes.filter((change) => change.severity === 'breaking').length
    expect(xml.match(/<testcase /g)).toHaveLength(changes.length)
    expect(xml.match(/<failure type="breaking"/g)).toHaveLength(breaking)
    expect(xml).toContain(`tests="${changes.length}" failures="${breaking}"`)
  })

  it('github: one workflow command per change and a summary, error for breaking, warning for warnings', () => {
    const lines = output(pair, 'github').trimEnd().split('\n')
    const changes = compareSchemas(reads.get(pair.before)!.schema, reads.get(pair.after)!.schema)
    expect(lines).toHaveLength(changes.length + 1)
    const counts = {error: 0, warning: 0, notice: 0}
    for (const line of lines.slice(0, -1)) counts[/^::(error|warning|notice) /.exec(line)![1] as keyof typeof counts]++
    expect(counts).toEqual({
      error: changes.filter((change) => change.severity === 'breaking').length,
      warning: changes.filter((change) => change.severity === 'warning').length,
      notice: changes.filter((change) => change.severity === 'safe').length,
    })
  })
})

describe('the fork → newest changelog', () => {
  it('has 107 changes: 24 breaking, 26 warnings (oasdiff WARN), 57 safe', () => {
    expect(fixture('fork-to-newest.changelog.md')).toContain('\n107 changes: 24 breaking, 26 warnings, 57 safe.\n')
  })

  it('links a subject of the newest docs to its heading at the pinned commit', () => {
    expect(fixture('fork-to-newest.changelog.md')).toContain(
      '- [`field User.clientService`](https://github.com/simplex-chat/simplex-chat/blob/03c8bf5add6c3c323b8d69268981e35755b29e86/bots/api/TYPES.md#user) added: `bool` — required:',
    )
  })

  it('does not link what the fork removed: its TYPES.md has no recorded commit', () => {
    expect(fixture('fork-to-newest.changelog.md')).toContain(
      '\n- `field CIMeta.msgSigned` removed: was `MsgSigStatus?` — ',
    )
  })

  it('has the sections Breaking, Added, Changed, Fixed in that order, empty ones left out, warnings marked', () => {
    const changelog = fixture('fork-to-newest.changelog.md')
    const headings = (text: string) => [...text.matchAll(/^### (.*)$/gm)].map((match) => match[1])
    expect(headings(changelog)).toEqual(['Breaking', 'Added'])
    expect(headings(fixture('2025-09-27-to-newest.changelog.md'))).toEqual(['Breaking', 'Added', 'Fixed'])
    expect(changelog).toContain(
      '- **Warning:** [`parameter APISendMessages.signMessages`](https://github.com/simplex-chat/simplex-chat/blob/03c8bf5add6c3c323b8d69268981e35755b29e86/bots/api/COMMANDS.md#apisendmessages) added: `bool` — a required bool',
    )
    const fixed = fixture('2025-09-27-to-newest.changelog.md').split('### Fixed\n')[1]
    expect(fixed).toContain('`field GroupSummary.currentMembers`')
  })
})

describe('the github format', () => {
  it('names the file and line of a folder under the working folder', () => {
    expect(fixture('fork-to-newest.github.txt')).toContain('::error file=spec/compat/2026-fork-d94cbb0/TYPES.md,line=')
  })

  it('escapes %, CR and LF in messages, and also : and , in properties, as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext')
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
  })

  it('keeps doc text from ending the command or starting another', () => {
    const line = formatChanges([HOSTILE], 'github', false, [], {
      names: {before: 'old', after: 'new'},
      folders: {after: 'docs,x:y'},
    }).split('\n')[0]!
    expect(line).toBe(
      '::error file=docs%2Cx%3Ay/TYPES.md,line=3,col=1,title=field-type-changed (breaking)::enum value E."a%0A::error::b%25" type changed: x → y — why',
    )
  })

  it('omits file and line for a version read from a URL', () => {
    const line = formatChanges([HOSTILE], 'github', false, [], {names: {before: 'old', after: 'https://host/api/'}})
    expect(line.split('\n')[0]).toMatch(/^::error title=field-type-changed \(breaking\)::/)
  })
})

describe('the junit format', () => {
  it('escapes markup and writes what XML cannot hold as \\u escapes', () => {
    const xml = formatChanges(
      [{...HOSTILE, subject: 'type <T> & "q"', reason: 'a \u0001 b \ud800 ]]> c'}],
      'junit',
      false,
      ['x < y'],
      {names: {before: 'a&b', after: 'c'}},
    )
    expect(xmlProblems(xml)).toEqual([])
    expect(xml).toContain('name="type &lt;T&gt; &amp; &quot;q&quot; type changed: x → y"')
    expect(xml).toContain('>a \\u0001 b \\ud800 ]]&gt; c</failure>')
    expect(xml).toContain('<system-out>note: x &lt; y</system-out>')
  })

  it('is an empty suite for no changes', () => {
    const xml = formatChanges([], 'junit', false, [], {names: {before: 'a', after: 'b'}})
    expect(xmlProblems(xml)).toEqual([])
    expect(xml).toContain('tests="0" failures="0"')
  })
})

describe('the changelog format', () => {
  it('says "No changes." for an empty list', () => {
    expect(formatChanges([], 'changelog', false, [], {names: {before: 'a', after: 'b'}})).toBe(
      '## SimpleX Chat bot API: `a` → `b`\n\nNo changes.\n',
    )
  })
})

describe('simplex-events diff --format', {timeout: 60_000}, () => {
  it('changelog prints the fixture from the repository root', async () => {
    const result = await runCliCapturing('diff', 'spec/compat/2026-fork-d94cbb0', 'spec', '--format', 'changelog')
    expect(result).toEqual({
      code: 1,
      stdout: fixture('fork-to-newest.changelog.md'),
      stderr: '24 breaking changes (--fail-on breaking)\n',
    })
  })
})

/** A change whose subject and values carry what each format must escape. */
const HOSTILE: SchemaChange = {
  kind: 'field-type-changed',
  rule: 'field-type-changed',
  subject: 'enum value E."a\n::error::b%"',
  severity: 'breaking',
  reason: 'why',
  before: 'x',
  after: 'y',
  location: {side: 'after', file: 'TYPES.md', line: 3, column: 1, anchor: 'e'},
}

describe('the changelog sections', () => {
  const change = (rule: SchemaChange['rule'], severity: SchemaChange['severity']): SchemaChange => ({
    kind: 'field-made-optional',
    rule,
    subject: `field R.${rule}`,
    severity,
    reason: 'why',
  })

  it('puts a change under its rule’s section, or under Breaking when it is breaking', () => {
    const changelog = formatChanges(
      [
        change('field-type-widened', 'safe'),
        change('field-made-optional', 'warning'),
        change('member-added', 'warning'),
        change('field-type-changed', 'breaking'),
      ],
      'changelog',
      false,
      [],
      {names: {before: 'a', after: 'b'}},
    )
    expect(changelog).toBe(
      [
        '## SimpleX Chat bot API: `a` → `b`',
        '',
        '4 changes: 1 breaking, 2 warnings, 1 safe.',
        '',
        '### Breaking',
        '',
        '- `field R.field-type-changed` type changed — why',
        '',
        '### Added',
        '',
        '- **Warning:** `field R.member-added` added — why',
        '',
        '### Changed',
        '',
        '- **Warning:** `field R.field-made-optional` made optional — why',
        '',
        '### Fixed',
        '',
        '- `field R.field-type-widened` type changed — why',
        '',
      ].join('\n'),
    )
  })
})
