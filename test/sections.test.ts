/**
 * Section-by-section parsing gives exactly what a whole-document parse gives (every
 * node and position, hence the same schema), and the limits checked before parsing
 * are located where the problem is.
 */
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parseEventsDocument} from '../generator/parse/events-document.js'
import {parseSpec, toBoundedMdast, toMdast} from '../generator/parse/index.js'
import {DEFAULT_PARSE_LIMITS} from '../generator/parse/limits.js'
import {splitSections} from '../generator/parse/sections.js'
import {parseTypesDocument} from '../generator/parse/types-document.js'
import {memoByContent} from './support/content-memo.js'
import {DOC_FOLDERS} from './support/doc-versions.js'

const root = path.resolve(import.meta.dirname, '..')
const remark = unified().use(remarkParse)
/**
 * The reference: remark-parse on the whole text (super-linear on the real docs: most of this file's time), once per
 * distinct text. Several folders pair with spec/'s documents, and the parseSpec case reads spec/ again.
 */
const wholeDocument = {parse: (text: string) => memoByContent('remark-parse', [text], () => remark.parse(text))}

/** `toStrictEqual`, with node's deep equality first: vitest's walks these trees several times slower. */
function expectSameTree(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected)
}

/** Every EVENTS.md / TYPES.md pair in spec/, spec/compat/ and test/fixtures/docs (seed-intermediate pairs with spec/TYPES.md). */
const snapshots = DOC_FOLDERS
const read = (folder: string, name: string) => {
  const file = path.join(root, folder, name)
  return readFileSync(readdirSync(path.dirname(file)).includes(name) ? file : path.join(root, 'spec', name), 'utf8')
}

describe('section-by-section parsing equals a whole-document parse', () => {
  // `parseSpec` (what `buildSchema` runs) parses with `toBoundedMdast`, which is `toMdast` after the limits.
  const documents = snapshots.flatMap((folder) => [
    [folder, 'EVENTS.md', parseEventsDocument] as const,
    [folder, 'TYPES.md', parseTypesDocument] as const,
  ])

  it.each(documents)('%s/%s: the same mdast, and the same schema JSON', (folder, name, parseDocument) => {
    const text = read(folder, name)
    const sectioned = toMdast(new VFile({path: name, value: text}))
    const whole = wholeDocument.parse(text)
    expect(splitSections(text).length).toBeGreaterThan(40)
    expectSameTree(sectioned, whole)
    const schemaOf = (tree: typeof whole) => JSON.stringify(parseDocument(tree, new VFile({path: name, value: text})))
    expect(schemaOf(sectioned)).toBe(schemaOf(whole))
  })

  it('parseSpec (buildSchema) reads spec/ to the schema of whole-document parses', () => {
    const file = (name: string) => new VFile({path: name, value: read('spec', name)})
    const {categories, events, types} = parseSpec({events: file('EVENTS.md'), types: file('TYPES.md')})
    const whole = {
      ...parseEventsDocument(wholeDocument.parse(read('spec', 'EVENTS.md')), file('EVENTS.md')),
      types: parseTypesDocument(wholeDocument.parse(read('spec', 'TYPES.md')), file('TYPES.md')),
    }
    expect(JSON.stringify({categories, events, types})).toBe(JSON.stringify(whole))
  })

  it.each([
    [
      'a fence opened in a list item, closed by the heading',
      '- item\n  ```\n  code\n## Heading\n```\n## in code\n```\n## after\n',
    ],
    ['an HTML block running into a heading', '<div>\n## inside html\n\n## real\n'],
    ['an HTML comment across a heading', '<!-- open\n## in comment\n-->\n## real\n'],
    ['a fence the line scan takes for HTML', '<!---->\n```\n-->\n## in code\ntext\n'],
    ['CRLF and CR line endings', 'a\r\n## b\r\n- x\r\n  - y\r\n### c\rtext\r## d\n'],
    ['blank lines around headings', '\n\n## a\n\n\n## b\n\n'],
    ['an indented heading (code)', '# t\n    ## indented code\n## h\n'],
    ['block quotes and lazy lines', '> quote\n## h\n> q2\nlazy\n## h2'],
    ['a loose list item', '- a\n\n  b\n## h\n- c\n'],
    ['fences of different lengths', '```\n## a\n```\n## b\n~~~~\n## c\n~~~\n## d\n~~~~\n## e\n'],
    ['a byte order mark', '\uFEFF# t\n## a\n- x\n'],
    ['an unclosed fence in a list item', '- ```\n## a\n```\n## b\n'],
    ['a link reference definition (not split)', '[x]: /u\n## a\n[x]\n'],
  ])('%s', (_, text) => {
    expect(toMdast(new VFile({value: text}))).toStrictEqual(wholeDocument.parse(text))
  })
})

describe('limits checked before parsing', () => {
  const messagesOf = (text: string) => {
    const file = new VFile({path: 'EVENTS.md', value: text})
    const tree = toBoundedMdast(file)
    return {
      tree,
      messages: file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`),
    }
  }

  it('nesting deeper than 8 is too-deep at the marker that goes too deep', () => {
    expect(messagesOf(`# T\n\n- a\n  ${'- '.repeat(12)}x\n`)).toEqual({
      tree: null,
      messages: ['4:17 Lists or block quotes nest more than 8 deep too-deep'],
    })
  })

  it('more than 16 containers opened on one line stop the parse at the 17th', () => {
    expect(messagesOf(`# T\n\n${'> - '.repeat(500)}x\n`)).toEqual({
      tree: null,
      messages: ['3:33 More than 16 lists or block quotes opened on one line too-deep'],
    })
  })

  it('8 levels of lists and block quotes parse', () => {
    expect(messagesOf(`> > - - - - - - x\n`).messages).toEqual([])
  })

  it('a thematic break of many dashes is not nesting', () => {
    expect(messagesOf(`# T\n\n${'- '.repeat(20)}\n`).messages).toEqual([])
  })

  it('list markers in fenced code are not nesting', () => {
    expect(messagesOf(`# T\n\n\`\`\`\n${'- '.repeat(20)}x\n\`\`\`\n`).messages).toEqual([])
  })

  it('a document over the size limit is too-large at 1:1', () => {
    const text = `# T\n\n${'word '.repeat(DEFAULT_PARSE_LIMITS.maxDocumentBytes / 5 + 1)}\n`
    expect(messagesOf(text).messages).toEqual(['1:1 Document is 1 MiB, more than the limit of 1 MiB too-large'])
  })

  it('a section over the size limit is too-large at its heading', () => {
    const text = `# T\n\n## Big\n\n${'word '.repeat(DEFAULT_PARSE_LIMITS.maxSectionBytes / 5 + 1)}\n`
    expect(messagesOf(text).messages).toEqual([
      '3:1 Section is 64 KiB (to the next heading), more than the limit of 64 KiB too-large',
    ])
  })

  it('the list item past the limit is too-large where it starts', () => {
    const items = DEFAULT_PARSE_LIMITS.maxListItems
    const text = `# T\n${Array.from({length: items + 1}, (_, index) => `${index % 1000 === 0 ? '## S\n' : ''}- x\n`).join('')}`
    const {messages} = messagesOf(text)
    // Line 1 is the title; a heading precedes every thousandth item, the one past the limit too.
    expect(messages).toEqual([
      `${1 + (items + 1) + (items / 1000 + 1)}:1 More than ${items} list items in one document too-large`,
    ])
  })
})
