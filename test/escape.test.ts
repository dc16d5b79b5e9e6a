/**
 * One escaping function per context doc text can reach (string literal, JSON, doc comment,
 * line comment, markdown text, markdown code, HTML comment), tested with the characters
 * that break each: U+2028/U+2029, `*\/`, backticks, `${`, `</script>`, terminal escapes.
 */
import fc from 'fast-check'
import type {Html, InlineCode, Paragraph, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {ts} from 'ts-morph'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {
  commentText,
  htmlCommentText,
  jsonFileText,
  jsonLiteral,
  lineCommentText,
  markdownCode,
  markdownText,
  stringLiteral,
} from '../generator/emit/escape.js'
import {identifierProblem, isIdentifier} from '../generator/names/index.js'

const RUNS = process.env.PROPERTY_RUNS === 'full' ? 20_000 : 500
// A fixed seed keeps `npm test` deterministic; PROPERTY_SEED explores others.
fc.configureGlobal({seed: Number(process.env.PROPERTY_SEED ?? 20261129)})
const HOSTILE = [
  '\u2028',
  '\u2029',
  '*/',
  '/*',
  '//',
  '`',
  '${',
  '}',
  '</script>',
  '<!--',
  '-->',
  '--',
  '\u001b[2J',
  '\u001b]8;;x\u0007',
  '\u009b',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\r',
  '\n',
  '\t',
  '"',
  "'",
  '\\',
  '@internal',
  '{@link x}',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&',
  '#',
  '|',
  '~',
  ' ',
  'a',
  'Z',
  '0',
  'é',
  '😀',
  '\u0000',
]
/** Strings made of the pieces that break some context. */
const hostileText = fc.array(fc.constantFrom(...HOSTILE), {maxLength: 12}).map((parts) => parts.join(''))
const anyText = fc.oneof(hostileText, fc.string({unit: 'grapheme'}), fc.string({unit: 'binary'}))
/**
 * The literal characters each GFM autolink literal needs (github.github.com/gfm/#autolinks-extension-, as
 * cmark-gfm and micromark-extension-gfm-autolink-literal read them): `www.` for a www link (any case), `://`
 * after the scheme of a URL (`http`, `https`, `ftp`), `@` for an email (also `mailto:` and `xmpp:`). Both scan
 * the source's literal characters, which an escape or a character reference is not: markdown without
 * these sequences has no autolink literal.
 */
const AUTOLINK_LITERAL = /www\.|:\/\/|@/i
/** Pieces of bare URLs and emails GitHub would link, mixed with the hostile pieces. */
const autolinkPieces = [
  'http://',
  'HTTPS://',
  'ftp://',
  'www.',
  'WwW.',
  'evil.example',
  '@',
  'a@b.co',
  'mailto:',
  'xmpp:',
  '<http://x>',
  ':',
  '/',
  '.',
]
const autolinkText = fc
  .array(fc.constantFrom(...HOSTILE, ...autolinkPieces), {maxLength: 12})
  .map((parts) => parts.join(''))
const RAW_INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/

/** The parser's own diagnostics of a source file (internal to TypeScript, but stable for years). */
const syntaxErrors = (source: ts.SourceFile) => (source as unknown as {parseDiagnostics: unknown[]}).parseDiagnostics

const evaluate = (expression: string): unknown => new Function(`"use strict"; return (${expression})`)()
const markdown = unified().use(remarkParse)
/** The characters `text` shows once its invisible ones are written as `\uXXXX`. */
const visible = (text: string, keepBreaks: boolean) =>
  text.replace(
    keepBreaks ? RAW_INVISIBLE : /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

describe('stringLiteral and jsonLiteral', () => {
  it('a string literal evaluates to exactly the text and holds no raw line separator or control', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = stringLiteral(text)
        expect(literal).not.toMatch(RAW_INVISIBLE)
        expect(evaluate(literal)).toBe(text)
      }),
      {numRuns: RUNS},
    )
  })

  it('a JSON literal is a JS expression and JSON text of exactly the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(hostileText, hostileText), (value, record) => {
        for (const data of [value, record]) {
          const literal = jsonLiteral(data)
          expect(literal).not.toMatch(RAW_INVISIBLE)
          // Compared as JSON: JSON data has no -0 (`JSON.stringify(-0)` is "0").
          expect(JSON.stringify(evaluate(literal))).toBe(JSON.stringify(data))
          expect(JSON.stringify(JSON.parse(jsonFileText(data)))).toBe(JSON.stringify(data))
        }
      }),
      {numRuns: RUNS},
    )
  })

  it('U+2028 and U+2029 are written as escapes', () => {
    expect(stringLiteral('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"')
  })
})

describe('commentText', () => {
  it('cannot end the doc comment early or start a TSDoc tag; the comment is all trivia', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const body = commentText(text)
        expect(body).not.toContain('*/')
        expect(body).not.toMatch(/(^|\s|\{)@/)
        expect(body).not.toMatch(RAW_INVISIBLE)
        const source = ts.createSourceFile('x.ts', `/** ${body} */`, ts.ScriptTarget.Latest)
        expect(source.statements).toHaveLength(0)
        expect(syntaxErrors(source)).toHaveLength(0)
      }),
      {numRuns: RUNS},
    )
  })

  it('keeps the words: `*/` becomes `*\\/`, `@internal` becomes `\\@internal`', () => {
    expect(commentText('a */ b @internal c')).toBe('a *\\/ b \\@internal c')
    expect(commentText('mail me@example.com')).toBe('mail me@example.com')
  })
})

describe('lineCommentText', () => {
  it('stays on one line whatever the text holds', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = lineCommentText(text)
        expect(line).not.toMatch(/[\n\r\u2028\u2029]/)
        const source = ts.createSourceFile('x.ts', `// ${line}\n`, ts.ScriptTarget.Latest)
        expect(source.statements).toHaveLength(0)
      }),
      {numRuns: RUNS},
    )
  })
})

describe('markdown', () => {
  it('markdownText renders as exactly its characters, never markup, HTML, a link or a code span', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, autolinkText), (text) => {
        const tree = markdown.parse(`x ${markdownText(text)} x`) as Root
        expect(tree.children).toHaveLength(1)
        const paragraph = tree.children[0] as Paragraph
        expect(paragraph.children.every((node) => node.type === 'text')).toBe(true)
        expect(toString(paragraph)).toBe(`x ${visible(text, false)} x`)
      }),
      {numRuns: RUNS},
    )
  })

  it('markdownText leaves no bare URL or email for GitHub to autolink, and renders it as the same characters', () => {
    const urls = [
      'http://evil.example',
      'HTTPS://evil.example/path?q=1',
      'ftp://evil.example',
      'www.evil.example',
      'WWW.evil.example',
      '<http://x>',
      'a@b.co',
      'mailto:a@b.co',
      'xmpp:a@b.co/phone',
      '(www.evil.example)',
      '_http://evil.example_',
    ]
    for (const text of urls) {
      const escaped = markdownText(text)
      expect(escaped, text).not.toMatch(AUTOLINK_LITERAL)
      expect(toString(markdown.parse(escaped)), text).toBe(text)
    }
    expect(markdownText('see http://evil.example, www.evil.example or a@b.co')).toBe(
      'see http&#58;//evil.example, www&#46;evil.example or a&#64;b.co',
    )
    fc.assert(
      fc.property(autolinkText, (text) => {
        expect(markdownText(text)).not.toMatch(AUTOLINK_LITERAL)
      }),
      {numRuns: RUNS},
    )
  })

  it('markdownCode is one code span showing exactly the text', () => {
    fc.assert(
      fc.property(
        anyText.filter((text) => text.trim() !== ''),
        (text) => {
          const tree = markdown.parse(`x ${markdownCode(text)} x`) as Root
          const paragraph = tree.children[0] as Paragraph
          const code = paragraph.children.filter((node) => node.type === 'inlineCode') as InlineCode[]
          expect(code).toHaveLength(1)
          expect(code[0]!.value).toBe(visible(text, false))
        },
      ),
      {numRuns: RUNS},
    )
  })

  it('htmlCommentText cannot close its HTML comment', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const body = htmlCommentText(text)
        expect(body).not.toContain('--')
        const tree = markdown.parse(`<!-- ${body} -->`) as Root
        expect(tree.children).toHaveLength(1)
        expect((tree.children[0] as Html).type).toBe('html')
      }),
      {numRuns: RUNS},
    )
  })
})

describe('the identifier rule', () => {
  it('every name it accepts is a plain ASCII identifier that can be declared as a value and a type', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/)), (name) => {
        if (!isIdentifier(name)) return
        expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/)
        expect(() => new Function(`"use strict"; let ${name} = 1; return ${name}`)).not.toThrow()
        const source = ts.createSourceFile(
          'x.ts',
          `export type ${name} = 1; export interface ${name}X {}`,
          ts.ScriptTarget.Latest,
        )
        expect(syntaxErrors(source)).toHaveLength(0)
      }),
      {numRuns: RUNS},
    )
  })

  it('refuses what the docs could smuggle in', () => {
    for (const name of [
      '',
      'a b',
      'a-b',
      'a\u2028',
      'é',
      '1a',
      '$a',
      'a$',
      'class',
      'await',
      'string',
      'never',
      'x'.repeat(101),
    ]) {
      expect(identifierProblem(name), JSON.stringify(name)).not.toBeNull()
    }
    for (const name of ['User', 'chat_', '_x', 'CIContent', 'A1']) expect(identifierProblem(name)).toBeNull()
  })
})
