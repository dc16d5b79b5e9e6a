/**
 * A small line-based reader of COMMANDS.md and TYPES.md for the command-string
 * tests: each command's `**Parameters**:` list and ```javascript syntax block,
 * and each type's fields, members, values and ```javascript syntax block.
 *
 * Deliberately regex-based and fast (the real COMMANDS.md parser lives in
 * generator/parse/); it reads only what upstream's generated docs contain.
 */
import {readFileSync} from 'node:fs'

/** The pinned newest docs (spec/), which hold COMMANDS.md. */
export const NEWEST_COMMAND_DOCS = new URL('../../spec/', import.meta.url)

/** A parameter or field: its type as written with links reduced to names (`ChatRef`, `[int64]`, `[[ComposedMessage]]`). */
export interface DocField {
  name: string
  optional: boolean
  type: string
}

/** The ```javascript block of a `**Syntax**:` section, with where its code starts (1-based). */
export interface DocJavaScript {
  code: string
  line: number
  column: number
}

/** One `### Command` of COMMANDS.md. */
export interface DocCommand {
  name: string
  parameters: DocField[]
  javascript: DocJavaScript | null
}

/** One `## Type` of TYPES.md. */
export interface DocType {
  name: string
  kind: 'record' | 'union' | 'enum'
  fields: DocField[]
  members: {name: string; tag: string; fields: DocField[]}[]
  values: string[]
  javascript: DocJavaScript | null
}

/** Read a document of the fixture folder. */
export function readDoc(name: 'COMMANDS.md' | 'TYPES.md', folder: URL = NEWEST_COMMAND_DOCS): string {
  return readFileSync(new URL(name, folder), 'utf8')
}

/** Every `### Name` section of COMMANDS.md, document order. */
export function readCommands(text: string): DocCommand[] {
  return sections(text, '### ').map(({name, lines, start}) => {
    const parameters: DocField[] = []
    let inParameters = false
    for (const line of lines) {
      if (line === '**Parameters**:') inParameters = true
      else if (inParameters && line.startsWith('- ')) parameters.push(fieldOf(line))
      else inParameters = false
    }
    return {name, parameters, javascript: javascriptOf(lines, start)}
  })
}

/** Every `## Name` type section of TYPES.md, document order. */
export function readTypes(text: string): DocType[] {
  return sections(text, '## ').flatMap(({name, lines, start}) => {
    const kind = lines.includes('**Record type**:')
      ? 'record'
      : lines.includes('**Discriminated union type**:')
        ? 'union'
        : lines.includes('**Enum type**:')
          ? 'enum'
          : null
    if (kind === null) return []
    const type: DocType = {name, kind, fields: [], members: [], values: [], javascript: javascriptOf(lines, start)}
    for (const line of lines.slice(0, endOfBody(lines))) {
      const member = /^(\w+):$/.exec(line)
      if (kind === 'union' && member) type.members.push({name: member[1]!, tag: '', fields: []})
      else if (!line.startsWith('- ')) continue
      else if (kind === 'enum') type.values.push(JSON.parse(line.slice(2)) as string)
      else if (kind === 'record') type.fields.push(fieldOf(line))
      else {
        const field = fieldOf(line)
        const current = type.members.at(-1)!
        if (field.name === 'type') current.tag = JSON.parse(field.type) as string
        else current.fields.push(field)
      }
    }
    return [type]
  })
}

function sections(text: string, heading: string): {name: string; lines: string[]; start: number}[] {
  const lines = text.split('\n')
  const found: {name: string; lines: string[]; start: number}[] = []
  lines.forEach((line, index) => {
    if (line.startsWith(heading) && !line.startsWith(`${heading}#`)) {
      found.push({name: line.slice(heading.length).trim(), lines: [], start: index + 1})
    } else found.at(-1)?.lines.push(line)
  })
  return found
}

/** The body ends at the `**Syntax**:` marker or the section's `---`. */
function endOfBody(lines: readonly string[]): number {
  const end = lines.findIndex((line) => line === '**Syntax**:' || line === '---')
  return end === -1 ? lines.length : end
}

function fieldOf(line: string): DocField {
  const match = /^- (\w*): (.*?)(\?)?$/.exec(line)
  if (!match) throw new Error(`not a field line: ${line}`)
  const type = match[2]!.replace(/\[(\w+)\]\([^)]*\)/g, '$1')
  return {name: match[1]!, optional: match[3] === '?', type}
}

/** `start` is the 1-based line of the heading; section lines follow it. */
function javascriptOf(lines: readonly string[], start: number): DocJavaScript | null {
  const fence = lines.indexOf('```javascript')
  if (fence === -1) return null
  const close = lines.indexOf('```', fence + 1)
  return {code: lines.slice(fence + 1, close).join('\n'), line: start + fence + 2, column: 1}
}
