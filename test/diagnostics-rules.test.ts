/**
 * Every diagnostic rule is documented (docs/diagnostics.md, printed from `DIAGNOSTIC_RULES`), and its
 * documented example is its test: the edit of the pinned docs reports that rule, with the URL of its entry.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {
  DIAGNOSTIC_RULES,
  DIAGNOSTICS_DOC,
  formatDiagnosticRules,
  ruleUrl,
  type DiagnosticRule,
  type DocEdit,
  type RuleId,
} from '../generator/diagnostics-rules.js'
import {buildCompatSchema, buildSchema} from '../generator/pipeline.js'
import type {SpecDocuments} from '../generator/load/spec-documents.js'

const SPEC = path.resolve(import.meta.dirname, '..', 'spec')
const FILES = ['EVENTS.md', 'TYPES.md', 'COMMANDS.md'] as const
const PINNED = Object.fromEntries(FILES.map((name) => [name, readFileSync(path.join(SPEC, name), 'utf8')]))

/** The pinned docs with `edits` made, as fresh vfiles. */
function documentsWith(edits: readonly DocEdit[]): SpecDocuments {
  const text = {...PINNED}
  for (const {file, find, replace} of edits) {
    const at = text[file]!.indexOf(find)
    expect(at, `\`${find}\` is in ${file}`).toBeGreaterThanOrEqual(0)
    expect(text[file]!.indexOf(find, at + 1), `\`${find}\` is in ${file} once`).toBe(-1)
    text[file] = text[file]!.slice(0, at) + replace + text[file]!.slice(at + find.length)
  }
  const file = (name: (typeof FILES)[number]) => new VFile({path: path.join(SPEC, name), value: text[name]})
  return {events: file('EVENTS.md'), types: file('TYPES.md'), commands: file('COMMANDS.md')}
}

/** Every message the example of `rule` gives: the edited docs built alone, or as an older version for `compat`. */
function messagesOf(rule: DiagnosticRule) {
  const edited = documentsWith(rule.example)
  const result =
    rule.stage === 'compat'
      ? buildCompatSchema([
          {label: 'older', documents: edited},
          {label: 'pinned', documents: documentsWith([])},
        ])
      : buildSchema(edited)
  return result.files.flatMap((file) => file.messages)
}

const doc = readFileSync(DIAGNOSTICS_DOC, 'utf8')
/** The warnings the pinned docs themselves give (`syntax-optional`): an example must add one. */
const PINNED_MESSAGES = buildSchema(documentsWith([])).files.flatMap((file) => file.messages)
const rules = Object.entries(DIAGNOSTIC_RULES) as [RuleId, DiagnosticRule][]

describe('docs/diagnostics.md', () => {
  it('is what formatDiagnosticRules prints (regenerate it from generator/diagnostics-rules.ts)', () => {
    expect(doc).toBe(formatDiagnosticRules())
  })

  it('has an entry for each of the rules, under a heading that is its anchor', () => {
    const headings = [...doc.matchAll(/^## (\S+)\n\nStage: /gm)].map((match) => match[1])
    expect(headings).toEqual(rules.map(([id]) => id))
    expect(rules.length).toBeGreaterThanOrEqual(46)
  })
})

describe.each(rules)('rule %s', (id, rule) => {
  it('is reported by its documented example, with the URL of its entry', () => {
    const messages = messagesOf(rule)
    const mine = messages.filter((message) => message.ruleId === id)
    const before = PINNED_MESSAGES.filter((message) => message.ruleId === id).length
    expect(
      mine.length - before,
      messages.map((message) => `${message.ruleId}: ${message.reason}`).join('\n'),
    ).toBeGreaterThan(0)
    expect(mine[0]!.url).toBe(ruleUrl(id))
    expect(new URL(mine[0]!.url!).hash).toBe(`#${id}`)
    expect(mine[0]!.fatal).toBe(rule.stage !== 'warning')
  })
})
