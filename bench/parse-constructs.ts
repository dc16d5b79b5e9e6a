/**
 * Does every document within the parse limits parse in linear time? For each markdown
 * construct micromark handles in super-linear time (and a few it handles well, for
 * comparison), builds one section holding it as densely as the limits allow, grows the
 * section 1x-16x (4 KiB to 64 KiB, the section limit) and then the document 1x-16x (one
 * to sixteen such 64 KiB sections, to 1 MiB, the document limit), and prints
 * milliseconds per KiB of `toBoundedMdast`, the parse `generate` runs: flat numbers mean
 * linear. The contender, `remark-parse` alone (no limits), is timed at 4 KiB and 16 KiB
 * on the construct as the limits would not let it be (one paragraph of delimiter runs,
 * one section of setext headings, one line of lists): its ms/KiB grows with the size.
 *
 *     npx tsx bench/parse-constructs.ts [--only NAME] [--no-remark]
 *
 * Each size is parsed 3 times after a warm-up; the median is printed. The sections are
 * valid markdown for any doc version (they are not API docs: the limits apply before
 * the documents are read as EVENTS.md, TYPES.md or COMMANDS.md). Exit 1 if a section
 * breaks a limit (a mistake in this file: every input must be one `generate` accepts).
 */
import {performance} from 'node:perf_hooks'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {DEFAULT_PARSE_LIMITS, toBoundedMdast} from '../generator/parse/index.js'
import {median} from './stats.js'

const limits = DEFAULT_PARSE_LIMITS
const KIB = 1024

/** Repeat `unit` (from a counter) until the text reaches `bytes`. */
function fill(bytes: number, unit: (index: number) => string): string {
  let text = ''
  for (let index = 0; text.length < bytes; index++) text += unit(index)
  return text
}

/** `unit` (holding `items` list items) as often as a section's item limit allows, then paragraphs to `bytes`. */
function listsThenText(bytes: number, unit: string, items: number): string {
  const lists = unit.repeat(Math.floor(limits.maxSectionListItems / items))
  return `${lists}\n${fill(bytes - lists.length, (index) => `word ${index}\n\n`)}`
}

/** Each construct: a section body of about `bytes`, as dense in it as the limits allow. */
const CONSTRUCTS: Record<string, (bytes: number) => string> = {
  // A paragraph of `*a_ `: every run can open or close, none match (the attention resolver's worst case).
  'emphasis runs': (bytes) => fill(bytes, () => `${'*a_ '.repeat(limits.maxDelimiterRuns / 2)}\n\n`),
  'strong runs': (bytes) => fill(bytes, () => `${'**a__ '.repeat(limits.maxDelimiterRuns / 2)}\n\n`),
  'emphasis pairs': (bytes) => fill(bytes, () => `${'*a* '.repeat(limits.maxDelimiterRuns / 2)}\n\n`),
  // Plain paragraphs, then the most setext headings a section may have at its end: each rewrites all before it.
  'setext headings': (bytes) =>
    fill(bytes - limits.maxSetextHeadings * 4, (index) => `word ${index}\n\n`) +
    'a\n-\n'.repeat(limits.maxSetextHeadings),
  // As deep as lists may nest, on every line, as many items as a section may hold, then paragraphs.
  'lists on one line': (bytes) => listsThenText(bytes, `${'- '.repeat(limits.maxNesting)}x\n`, limits.maxNesting),
  'block quotes on one line': (bytes) => fill(bytes, () => `${'> '.repeat(limits.maxNesting)}x\n`),
  'nested list items': (bytes) =>
    listsThenText(
      bytes,
      Array.from({length: limits.maxNesting}, (_, depth) => `${'  '.repeat(depth)}- x\n`).join(''),
      limits.maxNesting,
    ),
  'list items': (bytes) => listsThenText(bytes, '- x\n', 1),
  // One paragraph in a block quote, the most lazy lines a section may have spread through it: each walks back over it.
  'lazy lines': (bytes) => {
    const quoted = Math.max(0, Math.floor((bytes / limits.maxLazyLines - 2) / 4))
    // The blank line that ends the section is lazy too: one fewer.
    return `> a\n${`${'> b\n'.repeat(quoted)}c\n`.repeat(limits.maxLazyLines - 1)}`
  },
  'open brackets': (bytes) => fill(bytes, () => '[a '),
  // Paragraphs of the most closing brackets a paragraph may hold.
  'brackets closed late': (bytes) =>
    fill(bytes, () => `${'[a '.repeat(limits.maxLinkEnds)}${'] '.repeat(limits.maxLinkEnds)}\n\n`),
  'link openings': (bytes) => fill(bytes, () => `${'[a]('.repeat(limits.maxLinkEnds)}\n\n`),
  'open html attributes': (bytes) => fill(bytes, () => '<a b="'),
  'code spans': (bytes) => fill(bytes, (index) => `${'`'.repeat((index % 40) + 1)}a `),
  'plain paragraphs': (bytes) => fill(bytes, (index) => `Some words, ${index}, **bold** and \`code\`.\n\n`),
}

/** The constructs the limits bound, as they would be without the limits. */
const UNBOUNDED: Record<string, (bytes: number) => string> = {
  'emphasis runs': (bytes) => fill(bytes, () => '*a_ '),
  'strong runs': (bytes) => fill(bytes, () => '**a__ '),
  'setext headings': (bytes) => fill(bytes, () => 'a\n-\n'),
  'lists on one line': (bytes) => `${fill(bytes / 4, () => '- ')}x\n`,
  'lazy lines': (bytes) => `> a\n${fill(bytes, () => 'b\n')}`,
  'brackets closed late': (bytes) => fill(bytes / 2, () => '[a ') + fill(bytes / 2, () => '] '),
  'link openings': (bytes) => fill(bytes, () => '[a]('),
}

const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const withRemark = !args.includes('--no-remark')
const remark = unified().use(remarkParse)

function section(name: string, body: string): string {
  return `## ${name}\n\n${body}\n`
}

/**
 * Median milliseconds of `run`, after one warm-up. Each run gets another `salt` for its
 * headings: sections are cached by their text, and a cached one is not parsed again.
 */
function timed(run: (salt: number) => void): number {
  run(0)
  return median(
    Array.from({length: 3}, (_, index) => {
      const start = performance.now()
      run(index + 1)
      return performance.now() - start
    }),
  )
}

function boundedParse(text: string): void {
  const file = new VFile({path: 'BENCH.md', value: text})
  if (toBoundedMdast(file, limits) === null) {
    console.error(`a bench input breaks a limit: ${String(file.messages[0])}`)
    process.exit(1)
  }
}

const perKib = (ms: number, text: string) => (ms / (Buffer.byteLength(text) / KIB)).toFixed(1).padStart(6)

// Warm the parser up (JIT) on every construct once, so the first sizes of the first row measure parsing too.
for (const body of Object.values(CONSTRUCTS)) boundedParse(`# T\n\n${section('warm-up', body(4 * KIB))}`)

console.log('ms/KiB of toBoundedMdast; one section 4 KiB → 60 KiB, then 1 → 16 sections of 60 KiB (~1 MiB)')
console.log(
  `${'construct'.padEnd(26)} ${['4K', '16K', '60K'].map((size) => size.padStart(6)).join(' ')} | ${['1×60K', '4×60K', '16×60K'].map((size) => size.padStart(6)).join(' ')}${withRemark ? ' | remark-parse alone: 4K, 16K' : ''}`,
)
for (const [name, body] of Object.entries(CONSTRUCTS)) {
  if (only !== undefined && name !== only) continue
  const row: string[] = []
  // The list-item limit is per document: those constructs stop growing at it ('-').
  for (const size of [4, 16, 60]) {
    const one = body(size * KIB)
    row.push(cell((salt) => `# T\n\n${section(`${name} ${salt}`, one)}`))
  }
  row.push('|')
  for (const count of [1, 4, 16]) {
    const one = body(60 * KIB)
    row.push(
      cell(
        (salt) =>
          `# T\n\n${Array.from({length: count}, (_, index) => section(`${name} ${salt}.${index}`, one)).join('')}`,
      ),
    )
  }
  if (withRemark) {
    row.push('|')
    for (const size of [4, 16]) {
      const one = (UNBOUNDED[name] ?? body)(size * KIB)
      row.push(
        perKib(
          timed((salt) => remark.parse(section(`${name} ${salt}`, one))),
          one,
        ),
      )
    }
  }
  console.log(`${name.padEnd(26)} ${row.join(' ')}`)
}

/** ms/KiB of the bounded parse of `text` (a fresh one for each salt), or `-` past the list-item limit. */
function cell(text: (salt: number) => string): string {
  if (!fitsItems(text(0))) return '     -'
  return perKib(
    timed((salt) => boundedParse(text(salt))),
    text(0),
  )
}

/** Whether the list items of `text` are within the document's limit (a rough count of markers). */
function fitsItems(text: string): boolean {
  const markers = text.match(/(?<=^|[ >])- /gm)?.length ?? 0
  return markers <= limits.maxListItems
}
