import {
  StructureKind,
  type ImportDeclarationStructure,
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type MethodSignatureStructure,
  type OptionalKind,
  type ModuleDeclarationStructure,
  type PropertySignatureStructure,
  type TypeAliasDeclarationStructure,
  type TypeParameterDeclarationStructure,
  type VariableStatementStructure,
} from 'ts-morph'

/**
 * Print a module's statements as `printStructure` followed by prettier (`PRETTIER_OPTIONS`) prints them, for
 * the structures declarations are made of (imports, interfaces with properties or method signatures, type
 * aliases, namespaces, `const` declarations) in the layouts prettier gives them, so that emitting those modules
 * does not run prettier: `null` for anything else (a structure or a member it does not know, a type text not in
 * prettier's spacing, a line it would have to break in a way not modelled here), and the module is printed and
 * formatted as before. test/generate.test.ts runs prettier over every generated file and asserts no change, and
 * test/emit/formatted-print.test.ts compares this printer with prettier on every module of every doc version.
 */
export function printFormatted(statements: readonly unknown[]): string | null {
  try {
    const out: string[] = []
    printStatements(statements, '', out)
    return out.length === 0 ? '' : `${out.join('\n')}\n`
  } catch (error) {
    if (error === UNSUPPORTED) return null
    throw error
  }
}

/** `printWidth` of `PRETTIER_OPTIONS`. */
const WIDTH = 110
const INDENT = '  '
const UNSUPPORTED = new Error('not printed here: printed by ts-morph and formatted by prettier')

function unsupported(): never {
  throw UNSUPPORTED
}

type Kinded = {kind?: StructureKind}

/** Statements that `printStructure` always separates from what precedes them by a blank line. */
const BLOCK_KINDS = new Set([StructureKind.Interface, StructureKind.Module])

function printStatements(statements: readonly unknown[], indent: string, out: string[]): void {
  let previous: StructureKind | null = null
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) unsupported()
    const {kind} = statement as Kinded
    if (kind === undefined) unsupported()
    // printStructure: a blank line after a `}` and before an interface or namespace (not first in its block).
    if (previous !== null && (BLOCK_KINDS.has(previous) || BLOCK_KINDS.has(kind))) out.push('')
    switch (kind) {
      case StructureKind.ImportDeclaration:
        importDeclaration(statement as ImportDeclarationStructure, indent, out)
        break
      case StructureKind.Interface:
        interfaceDeclaration(statement as InterfaceDeclarationStructure, indent, out)
        break
      case StructureKind.TypeAlias:
        typeAlias(statement as TypeAliasDeclarationStructure, indent, out)
        break
      case StructureKind.Module:
        namespace(statement as ModuleDeclarationStructure, indent, out)
        break
      case StructureKind.VariableStatement:
        variableStatement(statement as VariableStatementStructure, indent, out)
        break
      default:
        unsupported()
    }
    previous = kind
  }
}

/** Only these keys may be set (to anything but `undefined`/`false`/`[]`): any other is not printed here. */
function only(structure: object, keys: readonly string[]): void {
  for (const [key, value] of Object.entries(structure)) {
    if (keys.includes(key) || value === undefined || value === false) continue
    if (Array.isArray(value) && value.length === 0) continue
    unsupported()
  }
}

function importDeclaration(structure: ImportDeclarationStructure, indent: string, out: string[]): void {
  only(structure, ['kind', 'isTypeOnly', 'namespaceImport', 'namedImports', 'moduleSpecifier'])
  const from = ` from ${stringText(structure.moduleSpecifier)}`
  const head = `${indent}import ${structure.isTypeOnly ? 'type ' : ''}`
  if (structure.namespaceImport !== undefined) {
    if (structure.namedImports && (structure.namedImports as unknown[]).length > 0) unsupported()
    return line(out, `${head}* as ${name(structure.namespaceImport)}${from}`)
  }
  const named = (structure.namedImports ?? []) as unknown[]
  if (!Array.isArray(named) || named.length === 0) unsupported()
  const specifiers = named.map((each) => {
    if (typeof each === 'string') return name(each)
    if (typeof each !== 'object' || each === null) unsupported()
    only(each, ['kind', 'name', 'isTypeOnly'])
    const specifier = each as {name: string; isTypeOnly?: boolean}
    return `${specifier.isTypeOnly ? 'type ' : ''}${name(specifier.name)}`
  })
  const flat = `${head}{${specifiers.join(', ')}}${from}`
  if (flat.length <= WIDTH) return line(out, flat)
  out.push(`${head}{`)
  for (const specifier of specifiers) line(out, `${indent}${INDENT}${specifier},`)
  line(out, `${indent}}${from}`)
}

function interfaceDeclaration(structure: InterfaceDeclarationStructure, indent: string, out: string[]): void {
  only(structure, ['kind', 'name', 'isExported', 'docs', 'typeParameters', 'properties', 'methods'])
  docs(structure.docs, indent, out)
  const head = `${indent}${structure.isExported ? 'export ' : ''}interface ${name(structure.name)}${typeParameters(structure.typeParameters)}`
  const properties = (structure.properties ?? []) as PropertySignatureStructure[]
  const methods = (structure.methods ?? []) as MethodSignatureStructure[]
  if (properties.length === 0 && methods.length === 0) return line(out, `${head} {}`)
  // printStructure separates the two kinds by a line of its own.
  if (properties.length > 0 && methods.length > 0) unsupported()
  line(out, `${head} {`)
  const inner = indent + INDENT
  for (const property of properties) propertySignature(property, inner, out)
  for (const method of methods) methodSignature(method, inner, out)
  out.push(`${indent}}`)
}

function propertySignature(structure: PropertySignatureStructure, indent: string, out: string[]): void {
  if (typeof structure !== 'object' || structure === null) unsupported()
  only(structure, ['kind', 'name', 'type', 'hasQuestionToken', 'isReadonly', 'docs'])
  docs(structure.docs, indent, out)
  const head = `${indent}${structure.isReadonly ? 'readonly ' : ''}${name(structure.name)}${structure.hasQuestionToken ? '?' : ''}:`
  const type = typeText(structure.type)
  if (`${head} ${type}`.length <= WIDTH) return line(out, `${head} ${type}`)
  // Too long: a union breaks after the colon, one member a line (an object member would be hugged: not here).
  const members = unionMembers(type)
  if (members.length < 2 || members.some((member) => member.startsWith('{'))) unsupported()
  out.push(head)
  for (const member of members) line(out, `${indent}${INDENT}| ${member}`)
}

function methodSignature(structure: MethodSignatureStructure, indent: string, out: string[]): void {
  if (typeof structure !== 'object' || structure === null) unsupported()
  only(structure, ['kind', 'name', 'docs', 'parameters', 'returnType'])
  docs(structure.docs, indent, out)
  const parameters = (structure.parameters ?? []).map((parameter) => {
    only(parameter, ['kind', 'name', 'type', 'hasQuestionToken'])
    return `${name(parameter.name)}${parameter.hasQuestionToken ? '?' : ''}: ${typeText(parameter.type)}`
  })
  const returns = `: ${typeText(structure.returnType)}`
  const flat = `${indent}${name(structure.name)}(${parameters.join(', ')})${returns}`
  if (flat.length <= WIDTH) return line(out, flat)
  if (parameters.length === 0) unsupported()
  out.push(`${indent}${name(structure.name)}(`)
  for (const parameter of parameters) line(out, `${indent}${INDENT}${parameter},`)
  line(out, `${indent})${returns}`)
}

function typeAlias(structure: TypeAliasDeclarationStructure, indent: string, out: string[]): void {
  only(structure, ['kind', 'name', 'isExported', 'docs', 'type', 'typeParameters'])
  docs(structure.docs, indent, out)
  const head = `${indent}${structure.isExported ? 'export ' : ''}type ${name(structure.name)}${typeParameters(structure.typeParameters)} =`
  const type = typeText(structure.type)
  if (`${head} ${type}`.length <= WIDTH) return line(out, `${head} ${type}`)
  // Too long for one line: a union goes on the next line if it fits there, else one member a line.
  const members = unionMembers(type)
  if (members.length < 2 || members.some((member) => member.startsWith('{'))) unsupported()
  const inner = indent + INDENT
  out.push(head)
  if (`${inner}${type}`.length <= WIDTH) return line(out, `${inner}${type}`)
  for (const member of members) line(out, `${inner}| ${member}`)
}

function namespace(structure: ModuleDeclarationStructure, indent: string, out: string[]): void {
  only(structure, ['kind', 'name', 'isExported', 'declarationKind', 'statements', 'docs'])
  if (structure.declarationKind !== 'namespace' || !Array.isArray(structure.statements)) unsupported()
  docs(structure.docs, indent, out)
  const head = `${indent}${structure.isExported ? 'export ' : ''}namespace ${name(structure.name)}`
  if (structure.statements.length === 0) return line(out, `${head} {}`)
  line(out, `${head} {`)
  printStatements(structure.statements, indent + INDENT, out)
  out.push(`${indent}}`)
}

/**
 * `export const name = value`, one declaration: a data literal (`dataLiteral`) in prettier's layout, else a text on
 * one line, or an array of strings `as const satisfies readonly T[]` one element a line.
 */
function variableStatement(structure: VariableStatementStructure, indent: string, out: string[]): void {
  only(structure, ['kind', 'isExported', 'declarationKind', 'docs', 'declarations'])
  if (structure.declarationKind !== 'const' || structure.declarations.length !== 1) unsupported()
  const [declaration] = structure.declarations
  only(declaration!, ['kind', 'name', 'type', 'initializer'])
  if (typeof declaration!.initializer !== 'string') unsupported()
  docs(structure.docs, indent, out)
  const type = declaration!.type === undefined ? '' : `: ${typeText(declaration!.type)}`
  const head = `${indent}${structure.isExported ? 'export ' : ''}const ${name(declaration!.name)}${type} =`
  const data = dataLiteral(declaration!.initializer)
  if (data && data.kind !== 'string') return printData(data, indent, `${head.slice(indent.length)} `, '', out)
  const value = typeText(declaration!.initializer)
  if (`${head} ${value}`.length <= WIDTH) return line(out, `${head} ${value}`)
  // `[a, b] as const satisfies readonly T[]`, too long: the array breaks, one element a line.
  const array = /^\[([^[\]]*)\]( as const satisfies readonly [A-Za-z_$][\w$]*\[\])$/.exec(value)
  if (!array || type !== '') unsupported()
  const elements = array[1]!.split(', ')
  if (elements.some((element) => !/^'[^']*'$/.test(element))) unsupported()
  out.push(`${head} [`)
  for (const element of elements) line(out, `${indent}${INDENT}${element},`)
  line(out, `${indent}]${array[2]}`)
}

/** A value of a data literal: JSON, with unquoted keys and calls of one argument (`Object.fromEntries([...])`). */
type Data =
  | {kind: 'string'; text: string}
  | {kind: 'atom'; text: string}
  | {kind: 'array'; items: Data[]}
  | {kind: 'object'; entries: [string, Data][]}
  | {kind: 'call'; callee: string; argument: Data}

/** `text` read as a data literal, or `null` when it is anything else. */
function dataLiteral(text: string): Data | null {
  let at = 0
  const space = () => {
    while (text[at] === ' ') at++
  }
  const fail = (): never => {
    throw UNSUPPORTED
  }
  const expect = (char: string) => {
    space()
    if (text[at] !== char) fail()
    at++
  }
  const jsonString = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(text.slice(at))
    if (!match) fail()
    at += match![0].length
    return match![0]
  }
  const value = (depth: number): Data => {
    if (depth > 64) fail()
    space()
    const char = text[at]
    if (char === '"') return {kind: 'string', text: quoted(jsonString())}
    if (char === '[') {
      at++
      const items: Data[] = []
      space()
      if (text[at] === ']') return (at++, {kind: 'array', items})
      for (;;) {
        items.push(value(depth + 1))
        space()
        if (text[at] === ']') return (at++, {kind: 'array', items})
        expect(',')
      }
    }
    if (char === '{') {
      at++
      const entries: [string, Data][] = []
      space()
      if (text[at] === '}') return (at++, {kind: 'object', entries})
      for (;;) {
        space()
        let key: string
        if (text[at] === '"') key = JSON.parse(jsonString()) as string
        else {
          const match = /^[A-Za-z_$][\w$]*/.exec(text.slice(at))
          if (!match) fail()
          key = match![0]
          at += key.length
        }
        // A key prettier would keep quoted, or that sets the prototype in a literal: not modelled.
        if (!/^[A-Za-z_$][\w$]*$/.test(key) || key === '__proto__') fail()
        expect(':')
        entries.push([key, value(depth + 1)])
        space()
        if (text[at] === '}') return (at++, {kind: 'object', entries})
        expect(',')
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?![\w.])/.exec(text.slice(at))
    if (number) return ((at += number[0].length), {kind: 'atom', text: number[0]})
    const word = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/.exec(text.slice(at))
    if (!word) fail()
    at += word![0].length
    if (['true', 'false', 'null'].includes(word![0])) return {kind: 'atom', text: word![0]}
    expect('(')
    const argument = value(depth + 1)
    expect(')')
    return {kind: 'call', callee: word![0], argument}
  }
  try {
    const result = value(0)
    space()
    return at === text.length ? result : null
  } catch (error) {
    if (error === UNSUPPORTED) return null
    throw error
  }
}

/** A JSON string as prettier quotes it: single quotes unless the text has more of them than double quotes. */
function quoted(json: string): string {
  const content = json.slice(1, -1)
  const doubles = (content.match(/\\"/g) ?? []).length
  const singles = (content.match(/'/g) ?? []).length
  const quote = singles > doubles ? '"' : "'"
  // JSON escapes only `"`, `\\` and control characters: the other quote is unescaped, the chosen one escaped.
  const body = content.replace(/\\(.)|(["'])/gs, (match, escaped: string | undefined, bare: string | undefined) => {
    const char = escaped ?? bare!
    if (char === '"' || char === "'") return char === quote ? `\\${char}` : char
    return match
  })
  return `${quote}${body}${quote}`
}

function flatData(data: Data): string {
  switch (data.kind) {
    case 'string':
    case 'atom':
      return data.text
    case 'array':
      return `[${data.items.map(flatData).join(', ')}]`
    case 'object':
      return `{${data.entries.map(([key, value]) => `${key}: ${flatData(value)}`).join(', ')}}`
    case 'call':
      return `${data.callee}(${flatData(data.argument)})`
  }
}

/**
 * Whether prettier breaks `data` whatever the width: an array of more than one element, all arrays or all
 * objects of more than one element each (prettier's rule for matrices and lists of records), or anything that
 * holds one (a broken group breaks the groups around it).
 */
function breaks(data: Data): boolean {
  switch (data.kind) {
    case 'string':
    case 'atom':
      return false
    case 'call':
      return breaks(data.argument)
    case 'object':
      return data.entries.some(([, value]) => breaks(value))
    case 'array': {
      const [first] = data.items
      const matrix =
        data.items.length > 1 &&
        (first!.kind === 'array' || first!.kind === 'object') &&
        data.items.every(
          (item) =>
            item.kind === first!.kind &&
            (item.kind === 'array' ? item.items.length > 1 : item.kind === 'object' && item.entries.length > 1),
        )
      return matrix || data.items.some(breaks)
    }
  }
}

/** `data` after `prefix` (on the line at `indent`) and before `suffix`, as prettier lays it out. */
function printData(data: Data, indent: string, prefix: string, suffix: string, out: string[]): void {
  const flat = `${indent}${prefix}${flatData(data)}${suffix}`
  if (!breaks(data) && flat.length <= WIDTH) return void out.push(flat)
  const inner = indent + INDENT
  switch (data.kind) {
    case 'string':
      // A property's string that does not fit goes on the next line (a key of 1 or 2 characters keeps it).
      if (!/^[A-Za-z_$][\w$]{2,}: $/.test(prefix)) unsupported()
      // There, however long: prettier does not break a string.
      out.push(`${indent}${prefix.trimEnd()}`, `${inner}${data.text}${suffix}`)
      return
    case 'atom':
      return unsupported()
    case 'array':
      // An array of numbers fills its lines (prettier's `fill`): not modelled.
      if (data.items.length === 0 || data.items.every((item) => item.kind === 'atom')) unsupported()
      line(out, `${indent}${prefix}[`)
      for (const item of data.items) printData(item, inner, '', ',', out)
      return line(out, `${indent}]${suffix}`)
    case 'object':
      if (data.entries.length === 0) unsupported()
      line(out, `${indent}${prefix}{`)
      for (const [key, value] of data.entries) printData(value, inner, `${key}: `, ',', out)
      return line(out, `${indent}}${suffix}`)
    case 'call':
      // The one argument, an array or object, hugged: `f([` ... `])`.
      if (data.argument.kind !== 'array' && data.argument.kind !== 'object') unsupported()
      return printData(data.argument, indent, `${prefix}${data.callee}(`, `)${suffix}`, out)
  }
}

function typeParameters(
  parameters: readonly (string | OptionalKind<TypeParameterDeclarationStructure>)[] | undefined,
): string {
  if (!parameters || parameters.length === 0) return ''
  const printed = parameters.map((parameter) => {
    if (typeof parameter === 'string') return name(parameter)
    only(parameter, ['kind', 'name', 'constraint', 'default'])
    const constraint = parameter.constraint === undefined ? '' : ` extends ${typeText(parameter.constraint)}`
    const fallback = parameter.default === undefined ? '' : ` = ${typeText(parameter.default)}`
    return `${name(parameter.name)}${constraint}${fallback}`
  })
  return `<${printed.join(', ')}>`
}

/**
 * ts-morph's JSDoc (`/** text *\/` on one line, else ` * ` before each line) as prettier re-indents it: each line
 * after the first trimmed and indented one space past the comment.
 */
function docs(
  structures: readonly (string | OptionalKind<JSDocStructure>)[] | undefined,
  indent: string,
  out: string[],
): void {
  for (const structure of structures ?? []) {
    if (typeof structure !== 'object' || structure === null) unsupported()
    only(structure, ['kind', 'description', 'tags'])
    if (structure.description !== undefined && typeof structure.description !== 'string') unsupported()
    let text = structure.description ?? ''
    const tags = (structure.tags ?? []).map((tag) => {
      only(tag, ['kind', 'tagName', 'text'])
      if (tag.text !== undefined && typeof tag.text !== 'string') unsupported()
      const body = tag.text ?? ''
      return `@${tag.tagName}${body.length > 0 && !/^\r?\n/.test(body) ? ' ' : ''}${body}`
    })
    if (tags.length > 0) text += `${text.length > 0 ? '\n' : ''}${tags.join('\n')}`
    if (text.includes('*/') || text.includes('\r')) unsupported()
    const lines = text.split('\n')
    const single = lines.length <= 1
    if (lines[0]!.length === 0 && !single) lines.shift()
    if (single) {
      out.push(`${indent}/** ${lines[0] ?? ''} */`)
      continue
    }
    out.push(`${indent}/**`)
    for (const each of lines) out.push(`${indent} ${` *${each.length > 0 ? ` ${each}` : ''}`.trim()}`)
    out.push(`${indent} */`)
  }
}

/** A code line, which must fit the width (prettier would break it, in a way not modelled here). */
function line(out: string[], text: string): void {
  if (text.length > WIDTH) unsupported()
  out.push(text)
}

function name(text: unknown): string {
  if (typeof text !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(text)) unsupported()
  return text
}

/** A module specifier as prettier quotes it. */
function stringText(text: unknown): string {
  if (typeof text !== 'string' || /['"\\\n\r]/.test(text)) unsupported()
  return `'${text}'`
}

/**
 * A type (or a `const`'s value) as prettier prints it: double-quoted strings single-quoted, and only texts
 * already in prettier's spacing (one space around `|`, `&`, `=>`, after `,` `:` and `;`, none inside brackets).
 */
function typeText(text: unknown): string {
  if (typeof text !== 'string') unsupported()
  let result = ''
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    if (char === '"' || char === "'") {
      const end = text.indexOf(char, index + 1)
      if (end < 0) unsupported()
      const content = text.slice(index + 1, end)
      if (/['"\\\n\r]/.test(content)) unsupported()
      // A quoted key (`{'a': 1}`) is unquoted by prettier when it can be.
      if (/^ ?\??:/.test(text.slice(end + 1))) unsupported()
      result += `'${content}'`
      index = end + 1
      continue
    }
    // Spacing prettier gives whatever the text had: `, ` between elements, none inside braces (bracketSpacing).
    if (char === ',' && text[index + 1] !== ' ') {
      result += ', '
      index++
      continue
    }
    if (char === '{' && text[index + 1] === ' ') {
      result += '{'
      index += 2
      continue
    }
    if (char === ' ' && text[index + 1] === '}') {
      index++
      continue
    }
    if (!/[\w$.[\]<>,|&:?(){} ;=]/.test(char) || (char === '=' && text[index + 1] !== '>')) unsupported()
    result += char
    index++
  }
  const code = result.replace(/'[^']*'/g, "''")
  if (/  |[[(<{] | [\])>},;:?]|[,;:|&](?! )|[^ ][|&]|[^ ]=>|=>(?! )|\(\)(?! =>)|\?(?!:)|^ | $/.test(code)) unsupported()
  // Members of an object type are separated by `;` (prettier's, with `semi: false` too), never by `,`.
  const open: string[] = []
  for (const char of code) {
    if ('([{<'.includes(char)) open.push(char)
    else if (')]}'.includes(char)) open.pop()
    else if (char === '>' && open.at(-1) === '<') open.pop()
    else if (char === ',' && open.at(-1) === '{') unsupported()
    else if (char === ';' && open.at(-1) !== '{') unsupported()
  }
  return result
}

/** The members of a union printed flat (`A | B | C`), split at its top-level `|`; one when it is not a union. */
function unionMembers(type: string): string[] {
  const members: string[] = []
  let depth = 0
  let start = 0
  for (let index = 0; index < type.length; index++) {
    const char = type[index]!
    if (char === "'") index = type.indexOf("'", index + 1)
    else if ('([{<'.includes(char)) depth++
    else if (')]}'.includes(char) || (char === '>' && type[index - 1] !== '=')) depth--
    else if (char === '|' && depth === 0) {
      members.push(type.slice(start, index).trim())
      start = index + 1
    }
  }
  members.push(type.slice(start).trim())
  return members
}
