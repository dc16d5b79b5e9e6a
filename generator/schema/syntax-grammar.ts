import type {SourceLocation} from './types.js'

/** How a placeholder puts its parameter into the command string: `<name>`, `<str(name)>`, `<json(name)>`. */
export type PlaceholderForm = 'plain' | 'str' | 'json'

/** One `<...>` of a plain `**Syntax**:` grammar block. */
export interface GrammarPlaceholder {
  /** The parameter (or field) it names. */
  name: string
  form: PlaceholderForm
  /** `<ids[0]>`, `<ids[1]>`: the element of an array parameter; `null` otherwise. */
  index: number | null
  /** Inside `[...]`: the command string may leave it out. */
  optional: boolean
  /** 0-based line within the code block. */
  line: number
  /** 0-based offset of the `<` within that line. */
  column: number
}

/** The placeholders of a grammar, or the first thing that makes it unreadable (0-based, as above). */
export type GrammarReading =
  {ok: true; placeholders: GrammarPlaceholder[]} | {ok: false; message: string; line: number; column: number}

const PLACEHOLDER = /^(?:(str|json)\((\w+)\)|(\w+)(?:\[(\d+)\])?)$/

/**
 * Read the plain grammar of a `**Syntax**:` block (`/_connect plan <userId> <connectTarget>`,
 * `/_address <userId>[ pq_ratchet=on|off]`): literal text, `[...]` optional parts
 * (nested allowed) and `<...>` placeholders. Literal alternatives (`on|off`,
 * `observer|member`) are plain text here; they stand for bool and enum values.
 *
 * @param code the block's code.
 * @returns every placeholder with whether it sits inside `[...]`, or the first error:
 *   an unclosed `[` or `<`, a stray `]`, a placeholder that is not `name`, `str(name)`,
 *   `json(name)` or `name[i]`.
 */
export function readSyntaxGrammar(code: string): GrammarReading {
  const placeholders: GrammarPlaceholder[] = []
  const open: {line: number; column: number}[] = []
  const lines = code.split(/\r?\n/)
  for (const [line, text] of lines.entries()) {
    for (let column = 0; column < text.length; column++) {
      const char = text[column]
      if (char === '[') {
        open.push({line, column})
      } else if (char === ']') {
        if (!open.pop()) return {ok: false, message: 'Unexpected `]` without an opening `[`', line, column}
      } else if (char === '<') {
        const end = text.indexOf('>', column)
        if (end < 0) return {ok: false, message: 'Expected `>` to close the placeholder `<`', line, column}
        const inner = text.slice(column + 1, end)
        const match = PLACEHOLDER.exec(inner)
        if (!match)
          return {
            ok: false,
            message: `Unreadable placeholder \`<${inner}>\` (expected \`<name>\`, \`<str(name)>\`, \`<json(name)>\` or \`<name[i]>\`)`,
            line,
            column,
          }
        const [, wrapper, wrapped, bare, index] = match
        placeholders.push({
          name: (wrapped ?? bare)!,
          form: (wrapper as PlaceholderForm | undefined) ?? 'plain',
          index: index === undefined ? null : Number(index),
          optional: open.length > 0,
          line,
          column,
        })
        column = end
      }
    }
  }
  const unclosed = open.pop()
  if (unclosed) return {ok: false, message: 'Expected `]` to close the optional part `[`', ...unclosed}
  return {ok: true, placeholders}
}

/**
 * Where a position inside a code block is in its document.
 *
 * @param fence the location of the block's opening fence.
 * @param line 0-based line within the code.
 * @param column 0-based offset within that line.
 */
export function locationInBlock(fence: SourceLocation, line: number, column: number): SourceLocation {
  // The code starts on the line after the fence; remark strips the fence's indentation from each line.
  return {file: fence.file, line: fence.line + 1 + line, column: fence.column + column}
}

/**
 * The identifiers an expression of a `javascript` syntax block names
 * (`'/_connect plan ' + userId + ' ' + connectTarget // JavaScript` gives
 * `userId`, `connectTarget`): a lexical scan that skips string literals and the
 * trailing comment, enough to tell which parameters the expression reads.
 *
 * @param code the block's code.
 * @returns the identifiers, each once.
 */
export function identifiersOfExpression(code: string): Set<string> {
  const names = new Set<string>()
  const token = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|\/\/.*|([A-Za-z_$][\w$]*)/g
  for (const match of code.matchAll(token)) if (match[1]) names.add(match[1])
  return names
}
