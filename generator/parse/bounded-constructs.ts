import {attention, blockQuote, labelEnd, list, setextUnderline} from 'micromark-core-commonmark'
import type {Construct, Event, Extension, Point, Resolver, Tokenizer} from 'micromark-util-types'
import type {RuleId} from '../diagnostics.js'

/**
 * The markdown constructs micromark handles in more than linear time, counted while
 * it parses, so a document cannot spend more than a bounded amount of work on any of
 * them. Each is CommonMark's own construct (from `micromark-core-commonmark`, the one
 * remark-parse uses) with a counter around it: the tree is the same, and the count is
 * of what the parser really builds, not of a second reading of the text.
 *
 * - Emphasis: the attention resolver walks back over every earlier delimiter run of its
 *   paragraph for each closer, so its time is quadratic in the runs of one paragraph
 *   (64 KiB of `*a_ ` is half a minute).
 * - Setext headings: each one rewrites the event list of everything parsed before it in
 *   the section, so their time is quadratic in their number.
 * - Lists and block quotes opened on one line (`- - - - x`): quadratic in their number.
 * - Link ends (`]`): each looks back for its opening and on for a resource (`(url)`) that may
 *   run to the end of the paragraph, so their time is quadratic in the brackets of a paragraph.
 * - Lazy lines (a paragraph in a block quote or list item continued by a line without the
 *   `>` or the indent): each walks back over the events of its paragraph, so their time is
 *   quadratic in their number. micromark records each line's laziness on its parser; the
 *   record is watched from the first container opened (no line is lazy before one).
 */
export interface ConstructLimits {
  /** Most emphasis delimiter runs (`*`, `_` sequences) in one paragraph or heading. */
  maxDelimiterRuns: number
  /** Most setext headings (a line underlined with `===` or `---`) in one section. */
  maxSetextHeadings: number
  /** Most lists and block quotes opened on one line. */
  maxContainersPerLine: number
  /** Most lazy continuation lines in one section. */
  maxLazyLines: number
  /** Most closing brackets (`]`, a link or image end) in one paragraph or heading. */
  maxLinkEnds: number
}

/** A bound was crossed while parsing: where (in the parsed text) and which. */
export class ParseLimitError extends Error {
  constructor(
    message: string,
    readonly place: {line: number; column: number},
    readonly ruleId: RuleId,
  ) {
    super(message)
    this.name = 'ParseLimitError'
  }

  /** The same error, `lines` lines further down (for text parsed on its own that starts there). */
  movedDown(lines: number): ParseLimitError {
    return new ParseLimitError(this.message, {line: this.place.line + lines, column: this.place.column}, this.ruleId)
  }
}

/** What one parse has counted so far. */
interface Counts {
  limits: ConstructLimits
  setextHeadings: Set<number>
  /** The line containers were last opened on, and the offsets of those opened on it. */
  line: number
  openedOnLine: Set<number>
  lazyLines: Set<number>
  /** The closing brackets seen, by the tokenizer of the paragraph (or heading) they are in. */
  linkEnds: WeakMap<object, Set<number>>
  /** The parsers whose record of lazy lines is watched. */
  watched: WeakSet<object>
}

let counts: Counts | null = null

/**
 * Run `parse` with `limits` counted (see `boundedConstructs`). Parsing is synchronous,
 * so one module-level count is enough; it is dropped afterwards, whatever happens.
 *
 * @throws ParseLimitError at the first construct past a limit (its place is in the parsed text).
 */
export function withConstructLimits<T>(limits: ConstructLimits, parse: () => T): T {
  counts = {
    limits,
    setextHeadings: new Set(),
    line: 0,
    openedOnLine: new Set(),
    lazyLines: new Set(),
    linkEnds: new WeakMap(),
    watched: new WeakSet(),
  }
  try {
    return parse()
  } finally {
    counts = null
  }
}

function active(): Counts {
  if (counts === null) throw new Error('bounded constructs parsed outside withConstructLimits')
  return counts
}

const attentionResolveAll: Resolver = (events, context) => {
  const {limits} = active()
  let runs = 0
  for (const [kind, token] of events) {
    if (kind === 'enter' && token.type === 'attentionSequence' && ++runs > limits.maxDelimiterRuns)
      throw new ParseLimitError(
        `More than ${limits.maxDelimiterRuns} emphasis delimiter runs (\`*\`, \`_\`) in one paragraph`,
        pointOf(token.start),
        'too-large',
      )
  }
  return attention.resolveAll!(events, context)
}

const setextResolveTo: Resolver = (events: Event[], context) => {
  const state = active()
  // A construct can be tried twice at one place (a check, then the attempt): count places.
  state.setextHeadings.add(events.at(-1)![1].end.offset)
  if (state.setextHeadings.size > state.limits.maxSetextHeadings)
    throw new ParseLimitError(
      `More than ${state.limits.maxSetextHeadings} setext headings (lines underlined with === or ---) in one section`,
      pointOf(events.at(-1)![1].start),
      'too-large',
    )
  return setextUnderline.resolveTo!(events, context)
}

/** The link-end tokenizer, counting the closing brackets of each paragraph (at most once per place). */
const countingLinkEnds: Tokenizer = function (effects, ok, nok) {
  const state = active()
  const start = this.now()
  let seen = state.linkEnds.get(this)
  if (seen === undefined) state.linkEnds.set(this, (seen = new Set()))
  seen.add(start.offset)
  if (seen.size > state.limits.maxLinkEnds)
    throw new ParseLimitError(
      `More than ${state.limits.maxLinkEnds} closing brackets (\`]\`, link ends) in one paragraph`,
      pointOf(start),
      'too-large',
    )
  return labelEnd.tokenize.call(this, effects, ok, nok)
}

/** `container`'s tokenizer, counting each container it opens (at most once per place). */
function countingOpens(container: Construct): Tokenizer {
  return function (effects, ok, nok) {
    watchLazyLines(this.parser)
    const start = this.now()
    return container.tokenize.call(
      this,
      effects,
      (code) => {
        opened(start)
        return ok(code)
      },
      nok,
    )
  }
}

function opened(start: Point): void {
  const state = active()
  if (state.line !== start.line) {
    state.line = start.line
    state.openedOnLine = new Set()
  }
  state.openedOnLine.add(start.offset)
  if (state.openedOnLine.size > state.limits.maxContainersPerLine)
    throw new ParseLimitError(
      `More than ${state.limits.maxContainersPerLine} lists or block quotes opened on one line`,
      pointOf(start),
      'too-deep',
    )
}

/** Count the lines micromark marks lazy on `parser` (it sets `lazy[line]` for every line of a container). */
function watchLazyLines(parser: {lazy: Record<number, boolean>}): void {
  const state = active()
  if (state.watched.has(parser)) return
  state.watched.add(parser)
  parser.lazy = new Proxy(parser.lazy, {
    set(record, line, lazy) {
      if (lazy === true && typeof line === 'string') {
        state.lazyLines.add(Number(line))
        if (state.lazyLines.size > state.limits.maxLazyLines)
          throw new ParseLimitError(
            `More than ${state.limits.maxLazyLines} lazy lines (continuing a block quote or list item without its \`>\` or indent) in one section`,
            {line: Number(line), column: 1},
            'too-large',
          )
      }
      return Reflect.set(record, line, lazy)
    },
  })
}

function pointOf(point: Point): {line: number; column: number} {
  return {line: point.line, column: point.column}
}

const boundedAttention: Construct = {...attention, name: 'boundedAttention', resolveAll: attentionResolveAll}
const boundedSetextUnderline: Construct = {
  ...setextUnderline,
  name: 'boundedSetextUnderline',
  resolveTo: setextResolveTo,
}
const boundedLabelEnd: Construct = {...labelEnd, name: 'boundedLabelEnd', tokenize: countingLinkEnds}
const boundedList: Construct = {...list, name: 'boundedList', tokenize: countingOpens(list)}
const boundedBlockQuote: Construct = {...blockQuote, name: 'boundedBlockQuote', tokenize: countingOpens(blockQuote)}

const ASTERISK = 42
const PLUS = 43
const DASH = 45
const EQUALS = 61
const GREATER_THAN = 62
const RIGHT_BRACKET = 93
const UNDERSCORE = 95
const DIGITS = Array.from({length: 10}, (_, digit) => 48 + digit)

/**
 * The micromark extension: the counted constructs at the characters of CommonMark's
 * own, added before them (as extensions are), so they are tried first and the
 * originals only where they fail too. The originals stay enabled: a list's or block
 * quote's continuation attempts CommonMark's own construct to read the next item or
 * `>`, and a link label resolves the emphasis inside it with the `insideSpan` resolvers,
 * where the counted one now runs first.
 */
export const boundedConstructs: Extension = {
  document: {
    [ASTERISK]: boundedList,
    [PLUS]: boundedList,
    [DASH]: boundedList,
    ...Object.fromEntries(DIGITS.map((code) => [code, boundedList])),
    [GREATER_THAN]: boundedBlockQuote,
  },
  flow: {[DASH]: boundedSetextUnderline, [EQUALS]: boundedSetextUnderline},
  text: {[ASTERISK]: boundedAttention, [RIGHT_BRACKET]: boundedLabelEnd, [UNDERSCORE]: boundedAttention},
  insideSpan: {null: [boundedAttention]},
}
