// The parse limits are enforced on what remark-parse builds (issue 16): a line scan that misreads a
// fence or an HTML block cannot hide lists from them, and the constructs micromark handles in
// super-linear time (emphasis runs, setext headings, lists opened on one line) are bounded while it parses.
import {performance} from 'node:perf_hooks'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {DEFAULT_PARSE_LIMITS, toBoundedMdast} from '../generator/parse/index.js'

function messagesOf(text: string): string[] {
  const file = new VFile({path: 'EVENTS.md', value: text})
  const tree = toBoundedMdast(file)
  const messages = file.messages.map(
    (message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`,
  )
  if (messages.length > 0) expect(tree).toBeNull()
  return messages
}

/** `text` is refused with `expected` and quickly: the bound stops the parse, it does not wait for it. */
function refusedQuickly(text: string, expected: string[]): void {
  const start = performance.now()
  expect(messagesOf(text)).toEqual(expected)
  expect(performance.now() - start).toBeLessThan(3000)
}

// What made the line scan skip every later line, while remark-parse still reads lists after it.
const BLINDERS: Record<string, string> = {
  'a fence indented in a list item, closed by the item ending': '- a\n  ```\nb\n\n',
  'a line starting `<b` inside a paragraph': 'text\n<b>bold</b>\n',
  'an HTML comment opened in a list item': '- <!--\nb\n\n',
}

describe('nesting and list items: counted on the tree remark-parse builds', () => {
  for (const [name, blinder] of Object.entries(BLINDERS)) {
    it(`after ${name}, 1,000 list markers on one line are too-deep (no stack overflow)`, () => {
      const lines = blinder.split('\n').length - 1
      refusedQuickly(`# T\n\n${blinder}${'- '.repeat(1000)}x\n`, [
        `${3 + lines}:33 More than 16 lists or block quotes opened on one line too-deep`,
      ])
    })

    it(`after ${name}, lists nested by indentation are too-deep at the ninth level`, () => {
      const lines = blinder.split('\n').length - 1
      // 150 levels, one per line (22 KiB).
      const nested = Array.from({length: 150}, (_, depth) => `${'  '.repeat(depth)}- x\n`).join('')
      expect(messagesOf(`# T\n\n${blinder}${nested}`)).toEqual([
        `${3 + lines + 8}:17 Lists or block quotes nest more than 8 deep too-deep`,
      ])
    })
  }

  it('block quotes and lists mixed on one line count alike', () => {
    refusedQuickly(`# T\n\n${'> 1. '.repeat(600)}x\n`, [
      '3:41 More than 16 lists or block quotes opened on one line too-deep',
    ])
  })

  it('list items past the document limit are too-large where the one past it starts, across sections', () => {
    // 1,000 items a section (the section limit); the fence trick in the last, where it cannot join sections.
    const sections = `## S\n${'- x\n'.repeat(1000)}`.repeat(10)
    expect(messagesOf(`# T\n\n${sections}## Z\n\n- a\n  \`\`\`\nb\n`)).toEqual([
      `10015:1 More than ${DEFAULT_PARSE_LIMITS.maxListItems} list items in one document too-large`,
    ])
  })

  it('list items past the section limit are too-large at the one past it', () => {
    expect(messagesOf(`# T\n\n- a\n  \`\`\`\nb\n\n${'- x\n'.repeat(1000)}`)).toEqual([
      `1006:1 More than ${DEFAULT_PARSE_LIMITS.maxSectionListItems} list items in one section too-large`,
    ])
  })

  it('a tree nested deeper than maxTreeDepth by inline nodes is too-deep', () => {
    // Emphasis six deep: root > paragraph > emphasis x 6 > text; the text in the fourth is at depth 6.
    const file = new VFile({path: 'EVENTS.md', value: `# T\n\n${'*a '.repeat(6)}b${' a*'.repeat(6)}\n`})
    expect(toBoundedMdast(file, {...DEFAULT_PARSE_LIMITS, maxTreeDepth: 5})).toBeNull()
    expect(
      file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`),
    ).toEqual(['3:11 Markdown nests more than 5 deep too-deep'])
  })
})

describe('super-linear constructs: bounded while remark-parse reads them', () => {
  it('64 KiB of `*a_ ` in one paragraph is too-large at the 33rd delimiter run, at once', () => {
    refusedQuickly(`# T\n\n${'*a_ '.repeat(16 * 1024 - 16)}\n`, [
      '3:65 More than 32 emphasis delimiter runs (`*`, `_`) in one paragraph too-large',
    ])
  })

  it('delimiter runs inside a link label are counted too', () => {
    refusedQuickly(`# T\n\n[${'**a__ '.repeat(5000)}](x)\n`, [
      '3:98 More than 32 emphasis delimiter runs (`*`, `_`) in one paragraph too-large',
    ])
  })

  it('delimiter runs in a heading are counted', () => {
    refusedQuickly(`# T ${'*a_ '.repeat(5000)}\n`, [
      '1:69 More than 32 emphasis delimiter runs (`*`, `_`) in one paragraph too-large',
    ])
  })

  it('64 KiB of unclosed `[a](` in one paragraph is too-large at the 101st closing bracket, at once', () => {
    refusedQuickly(`# T\n\n${'[a]('.repeat(16 * 1024 - 16)}\n`, [
      '3:403 More than 100 closing brackets (`]`, link ends) in one paragraph too-large',
    ])
  })

  it('setext headings past the limit are too-large at the one past it', () => {
    refusedQuickly(`# T\n\n${'a\n-\n'.repeat(8000)}`, [
      '104:1 More than 50 setext headings (lines underlined with === or ---) in one section too-large',
    ])
  })

  for (const [container, opener] of [
    ['a block quote', '> a'],
    ['a list item', '- a'],
  ]) {
    it(`lazy lines continuing ${container} past the limit are too-large at the one past it`, () => {
      refusedQuickly(`# T\n\n${opener}\n${'b\n'.repeat(20_000)}`, [
        '1004:1 More than 1000 lazy lines (continuing a block quote or list item without its `>` or indent) in one section too-large',
      ])
    })
  }

  it('within the limits, paragraphs of emphasis parse to the same tree as remark-parse alone', () => {
    const text = `# T\n\n${'*a* **b** _c_ __d__ '.repeat(4)}\n\nSetext\n===\n\n- a\n  - b\n    > c\n`
    const tree = toBoundedMdast(new VFile({path: 'EVENTS.md', value: text}))
    expect(JSON.stringify(tree)).toContain('"type":"strong"')
    expect(JSON.stringify(tree)).toContain('"type":"heading","depth":1')
  })
})
