/**
 * A compatibility build type-checks the syntax of every doc version, and of the merged schema, while the
 * next version is parsed and the merged schema emitted (in a worker thread when the generator runs compiled;
 * here, from the sources, in this thread): the messages are the ones `buildCompatSchema` gives, at the
 * version they belong to. The worker itself is tested with `fromSources`.
 */
import {cp, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkCommandStringTypes} from '../generator/emit/check-command-strings.js'
import {startCommandStringChecker} from '../generator/emit/command-string-checker.js'
import {loadSpec} from '../generator/load/index.js'
import {buildCompatSchema, buildSchema, readSchema} from '../generator/pipeline.js'
import {DiagnosticsError, formatDiagnostics} from '../generator/diagnostics.js'
import {commandsDocument, type MiniCommand} from './support/mini-commands.js'
import {writeMiniSpec} from './support/mini-spec.js'
import {temporaryFolder} from './support/temp-folders.js'

const sent = [{name: 'Sent', tag: 'sent'}]
const tags: MiniCommand = {
  name: 'Tags',
  parameters: ['- tags: [string]'],
  javascript: "'/tags ' + tags.join(',')",
  responses: sent,
}
/** `join` on a string: does not type-check. */
const joinedText: MiniCommand = {
  name: 'Send',
  parameters: ['- text: string'],
  javascript: "'/send ' + text.join(',')",
  responses: sent,
}
const send: MiniCommand = {name: 'Send', parameters: ['- text: string'], javascript: "'/send ' + text", responses: sent}

/** Two doc versions in folders `old/` and `new/` of a scratch folder, with these commands. */
async function twoVersions(older: MiniCommand[], newer: MiniCommand[]): Promise<{old: string; current: string}> {
  const scratch = await temporaryFolder('compat-check-')
  const mini = await writeMiniSpec()
  const [old, current] = [path.join(scratch, 'old'), path.join(scratch, 'new')]
  await cp(mini, old, {recursive: true})
  await cp(mini, current, {recursive: true})
  await writeFile(path.join(old, 'COMMANDS.md'), commandsDocument(older))
  await writeFile(path.join(current, 'COMMANDS.md'), commandsDocument(newer))
  return {old, current}
}

/** The report `readSchema` rejects with (the CLI prints it), or `null` when it resolves. */
async function readReport(spec: string, compat: string[]): Promise<string | null> {
  try {
    await readSchema({spec, compat, overlay: false})
    return null
  } catch (error) {
    if (!(error instanceof DiagnosticsError)) throw error
    return error.message
  }
}

describe('the type checks of a compatibility build, in a worker', () => {
  it("an older version's syntax that does not type-check is its located error, as in one thread", async () => {
    const {old, current} = await twoVersions([tags, joinedText], [tags, send])
    const report = await readReport(current, [old])
    const inOneThread = buildCompatSchema([
      {label: 'old', documents: await loadSpec(old)},
      {label: 'new', documents: await loadSpec(current)},
    ])
    expect(inOneThread.ok).toBe(false)
    expect(report).toBe(formatDiagnostics(inOneThread.files, false))
    expect(report).toMatch(
      /COMMANDS\.md\s+\d+:1\s+error\s+The syntax of command `Send` does not type-check: Property 'join' does not exist on type 'string'\.\s+syntax-type/,
    )
  })

  it('versions that type-check build the same schema as in one thread', async () => {
    const {old, current} = await twoVersions([tags, send], [tags, send])
    const inOneThread = buildCompatSchema([
      {label: 'old', documents: await loadSpec(old)},
      {label: 'new', documents: await loadSpec(current)},
    ])
    expect(inOneThread.ok).toBe(true)
    const read = await readSchema({spec: current, compat: [old], overlay: false})
    expect(read.schema.commands).toEqual(inOneThread.ok ? inOneThread.schema.commands : null)
  })

  it("the worker's errors are checkCommandStringTypes's, and a check after close runs in this thread", async () => {
    const {old} = await twoVersions([tags], [])
    const built = buildSchema(await loadSpec(old))
    if (!built.ok) throw new Error('the mini spec does not build')
    // `tags` made a string after the check: its `join` no longer type-checks.
    const schema = {
      ...built.schema,
      commands: built.schema.commands.map((command) => ({
        ...command,
        parameters: command.parameters.map((field) => ({...field, type: {kind: 'primitive', name: 'string'} as const})),
      })),
    }
    const wanted = checkCommandStringTypes(schema)
    expect(wanted.map(({owner, message}) => `${owner}: ${message}`)).toEqual([
      "command `Tags`: Property 'join' does not exist on type 'string'.",
    ])
    const checker = startCommandStringChecker({fromSources: true})
    try {
      expect(await checker.check(schema)).toEqual(wanted)
    } finally {
      await checker.close()
    }
    expect(await checker.check(schema)).toEqual(wanted)
  })
})
