/**
 * Proof that the parser skips nothing: every field line of the raw documents,
 * found with a plain regular expression (not the parser), comes back in the same
 * order when the IR is rendered line by line; every field points at its own line;
 * every enum value line is an enum value of the IR. COMMANDS.md is rendered back
 * whole: every non-blank line, in order.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {slug} from 'github-slugger'
import {describe, expect, it} from 'vitest'
import {COMMANDS_TITLE} from '../generator/parse/commands-document.js'
import {buildSchema} from '../generator/pipeline.js'
import type {CommandDefinition, Field, Schema, SyntaxBlock} from '../generator/schema/index.js'
import {renderField} from '../generator/schema/render.js'
import {allFields} from './support/schema-fields.js'

const root = path.resolve(import.meta.dirname, '..')

/** A field line: `- name: ...`, `- type: "tag"`, `- : word32`; not TOC links (`- [X](#x)`) nor enum values (`- "x"`). */
const FIELD_LINE = /^- [\w]*: /
const ENUM_VALUE_LINE = /^- "/

interface DocumentPair {
  label: string
  events: string
  types: string
}

const PAIRS: DocumentPair[] = [
  {label: 'newest (spec/)', events: 'spec/EVENTS.md', types: 'spec/TYPES.md'},
  {
    label: '2025-09-27',
    events: 'spec/compat/2025-09-27/EVENTS.md',
    types: 'spec/compat/2025-09-27/TYPES.md',
  },
  {
    label: 'seed-intermediate',
    events: 'test/fixtures/docs/seed-intermediate/EVENTS.md',
    types: 'spec/compat/2026-088a33e/TYPES.md',
  },
]

function linesOf(relative: string): string[] {
  return readFileSync(path.join(root, relative), 'utf8').split('\n')
}

function schemaOf(pair: DocumentPair): Schema {
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: readFileSync(path.join(root, pair.events), 'utf8')}),
    types: new VFile({path: 'TYPES.md', value: readFileSync(path.join(root, pair.types), 'utf8')}),
  })
  if (!result.ok)
    expect.fail(`${pair.label} does not parse: ${result.files.flatMap((file) => file.messages.map(String)).join('; ')}`)
  return result.schema
}

const tagLine = (tag: string) => `- type: "${tag}"`
const fieldLine = (field: Field) => `- ${renderField(field)}`

/** EVENTS.md rendered back from the IR: per event its tag line, then its fields. */
function renderEvents(schema: Schema): string[] {
  return schema.events.flatMap((event) => [tagLine(event.tag), ...event.fields.map(fieldLine)])
}

/** TYPES.md rendered back from the IR: records' fields, union members' tag lines and fields, in document order. */
function renderTypes(schema: Schema): string[] {
  return schema.types.flatMap((type) => {
    switch (type.kind) {
      case 'record':
        return type.fields.map(fieldLine)
      case 'union':
        return type.members.flatMap((member) => [tagLine(member.tag), ...member.fields.map(fieldLine)])
      case 'enum':
        return []
    }
  })
}

describe.each(PAIRS)('$label', (pair) => {
  const schema = schemaOf(pair)
  const eventsLines = linesOf(pair.events)
  const typesLines = linesOf(pair.types)

  it('renders back every field line of EVENTS.md, in order', () => {
    const source = eventsLines.filter((line) => FIELD_LINE.test(line))
    expect(source.length).toBeGreaterThan(schema.events.length)
    expect(renderEvents(schema)).toEqual(source)
  })

  it('renders back every field line of TYPES.md, in order', () => {
    const source = typesLines.filter((line) => FIELD_LINE.test(line))
    expect(source.length).toBeGreaterThan(schema.types.length)
    expect(renderTypes(schema)).toEqual(source)
  })

  it('locates every field at the source line it renders to', () => {
    const misplaced = allFields(schema)
      .map((field) => {
        const lines = field.location.file === 'EVENTS.md' ? eventsLines : typesLines
        return {
          at: `${field.location.file}:${field.location.line}`,
          source: lines[field.location.line - 1],
          rendered: fieldLine(field),
        }
      })
      .filter((entry) => entry.source !== entry.rendered)
    expect(misplaced).toEqual([])
  })

  it('locates every field at column 1 (its list item)', () => {
    expect(new Set(allFields(schema).map((field) => field.location.column))).toEqual(new Set([1]))
  })

  it('reads every `- "value"` line of TYPES.md as an enum value, in order', () => {
    const source = typesLines.filter((line) => ENUM_VALUE_LINE.test(line))
    const values = schema.types.flatMap((type) =>
      type.kind === 'enum' ? type.values.map((value) => `- "${value.value}"`) : [],
    )
    expect(source.length).toBeGreaterThan(0)
    expect(values).toEqual(source)
  })

  it('locates every enum value at its source line', () => {
    const misplaced = schema.types
      .flatMap((type) => (type.kind === 'enum' ? type.values : []))
      .filter((value) => typesLines[value.location.line - 1] !== `- "${value.value}"`)
    expect(misplaced).toEqual([])
  })
})

/** The title block of COMMANDS.md: the parser checks the title and reads past the intro paragraph. */
const COMMANDS_PREAMBLE = [`# ${COMMANDS_TITLE}`, 'This file is generated automatically.']

const COMMAND_FOLDERS = [
  {label: 'newest (spec/)', folder: 'spec'},
  {label: 'fork d94cbb0', folder: 'spec/compat/2026-fork-d94cbb0'},
  {label: '2025-09-27', folder: 'spec/compat/2025-09-27'},
]

/** Every non-blank line of a block of markdown source. */
const nonBlank = (text: string) => text.split('\n').filter((line) => line.trim() !== '')

const codeBlock = (block: SyntaxBlock) => ['```' + (block.lang ?? ''), ...nonBlank(block.code), '```']

/** One command as its section's lines, from the IR alone. */
function renderCommand(command: CommandDefinition): string[] {
  const responses = command.responses.flatMap((response) => [
    response.description ? `${response.name}: ${response.description}` : `${response.name}:`,
    tagLine(response.tag),
    ...response.fields.map(fieldLine),
  ])
  return [
    `### ${command.name}`,
    ...command.description.flatMap(nonBlank),
    ...(command.networkUsage === null ? [] : [`*Network usage*: ${command.networkUsage}.`]),
    ...(command.parameters.length > 0 ? ['**Parameters**:', ...command.parameters.map(fieldLine)] : []),
    '**Syntax**:',
    ...command.syntax.flatMap(codeBlock),
    command.responses.length === 1 ? '**Response**:' : '**Responses**:',
    ...responses.flatMap(nonBlank),
    ...(command.errors.length > 0
      ? ['**Errors**:', ...command.errors.map((error) => `- ${error.name}: ${error.description}`)]
      : []),
    '---',
  ]
}

/** COMMANDS.md rendered back from the IR: title block, table of contents, then each category and its commands. */
function renderCommands(schema: Schema): string[] {
  const byName = new Map(schema.commands.map((command) => [command.name, command]))
  const toc = schema.commandCategories.flatMap((category) => [
    `[${category.name}](#${slug(category.name)})`,
    ...category.commands.map((name) => `- [${name}](#${slug(name)})`),
  ])
  const sections = schema.commandCategories.flatMap((category) => [
    `## ${category.name}`,
    ...category.description.flatMap(nonBlank),
    ...category.commands.flatMap((name) => renderCommand(byName.get(name)!)),
  ])
  return [...COMMANDS_PREAMBLE, ...toc, '---', ...sections]
}

describe.each(COMMAND_FOLDERS)('COMMANDS.md, $label', ({folder}) => {
  const read = (name: string) => readFileSync(path.join(root, folder, name), 'utf8')
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: read('EVENTS.md')}),
    types: new VFile({path: 'TYPES.md', value: read('TYPES.md')}),
    commands: new VFile({path: 'COMMANDS.md', value: read('COMMANDS.md')}),
  })
  if (!result.ok) expect.fail(`${folder} does not build`)
  const schema = result.schema
  const lines = read('COMMANDS.md').split('\n')

  it('renders back every non-blank line of COMMANDS.md, in order', () => {
    const source = lines.filter((line) => line.trim() !== '')
    expect(source.length).toBeGreaterThan(schema.commands.length * 10)
    expect(renderCommands(schema)).toEqual(source)
  })

  it('locates every parameter and response field at the source line it renders to', () => {
    const fields = schema.commands.flatMap((command) => [
      ...command.parameters,
      ...command.responses.flatMap((response) => response.fields),
    ])
    const misplaced = fields.filter((field) => lines[field.location.line - 1] !== fieldLine(field))
    expect(fields.length).toBeGreaterThan(schema.commands.length)
    expect(misplaced).toEqual([])
  })

  it('locates every command at its heading and every syntax block at its fence', () => {
    const misplaced = schema.commands.filter(
      (command) =>
        lines[command.location.line - 1] !== `### ${command.name}` ||
        command.syntax.some((block) => lines[block.location!.line - 1] !== '```' + (block.lang ?? '')),
    )
    expect(misplaced).toEqual([])
  })
})
