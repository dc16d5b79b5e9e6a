import type {DriftReport, DriftShape, Verdict} from './analyse.js'

/** Output formats of `simplex-events drift`. */
export const DRIFT_FORMATS = ['text', 'markdown', 'json'] as const
export type DriftFormat = (typeof DRIFT_FORMATS)[number]

const LABELS: Record<Verdict['kind'], string> = {
  'covered-by-overlay': 'covered by overlay',
  'older-server': 'older server',
  'newer-server': 'newer server',
  proposal: 'proposal',
  'report-upstream': 'report upstream',
}

/** Shapes no overlay entry and no doc version of the range explain: what `drift` exits 1 for. */
export function unexplained(report: DriftReport): DriftShape[] {
  return report.shapes.filter((shape) => shape.verdict.kind === 'proposal' || shape.verdict.kind === 'report-upstream')
}

/**
 * Render a drift report.
 *
 * - `text`: a summary line, then one line per shape (its verdict, the shape, how many frames), the frames that
 *   show it, and for a proposal the overlay entry to add, as JSON.
 * - `markdown`: a draft report to file upstream: each difference no doc version explains, with what the docs
 *   say, what the wire sent, the evidence frames and the overlay entry that works around it; then a table of
 *   what is explained (overlay, older or newer servers).
 * - `json`: the report as `analyseDrift` returns it.
 *
 * @returns the output, newline-terminated.
 */
export function formatDrift(report: DriftReport, format: DriftFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`
    case 'text':
      return formatText(report)
    case 'markdown':
      return formatMarkdown(report)
  }
}

function summaryOf(report: DriftReport): string {
  const count = (kind: Verdict['kind']) => report.shapes.filter((shape) => shape.verdict.kind === kind).length
  const shapes = `${report.shapes.length} issue ${report.shapes.length === 1 ? 'shape' : 'shapes'}`
  const frames = `${report.frames} ${report.frames === 1 ? 'frame' : 'frames'}`
  const kinds = (Object.keys(LABELS) as Verdict['kind'][]).map((kind) => `${count(kind)} ${LABELS[kind]}`)
  return `${shapes} in ${frames} against the docs of ${report.docs}: ${kinds.join(', ')}`
}

const framesOf = (shape: DriftShape) => `${shape.frames.length} ${shape.frames.length === 1 ? 'frame' : 'frames'}`

function whyOf(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'covered-by-overlay':
      return `; overlay ${verdict.entry}`
    case 'older-server':
    case 'newer-server':
      return `; as doc ${verdict.versions.length === 1 ? 'version' : 'versions'} ${verdict.versions.join(', ')} ${verdict.versions.length === 1 ? 'says' : 'say'}`
    case 'proposal':
      return '; add to the overlay:'
    case 'report-upstream':
      return '; no doc version or overlay entry says it'
  }
}

function formatText(report: DriftReport): string {
  const lines = [summaryOf(report)]
  for (const shape of report.shapes) {
    lines.push(`${LABELS[shape.verdict.kind].padEnd(18)}  ${shape.key}: ${framesOf(shape)}${whyOf(shape.verdict)}`)
    if (shape.verdict.kind === 'proposal')
      lines.push(
        ...JSON.stringify(shape.verdict.entry, null, 2)
          .split('\n')
          .map((line) => `    ${line}`),
      )
    lines.push(`    in ${shape.frames.map((frame) => frame.source).join(', ')}`)
  }
  return `${lines.join('\n')}\n`
}

function formatMarkdown(report: DriftReport): string {
  const open = unexplained(report)
  const lines = [
    `## Bot API docs and the wire: ${open.length} ${open.length === 1 ? 'difference' : 'differences'}`,
    '',
    `${report.frames} ${report.frames === 1 ? 'frame' : 'frames'} a bot received, decoded in lenient mode by the docs of ${code(report.docs)}` +
      (report.range.length > 1 ? ` (doc versions compared: ${report.range.map(code).join(', ')})` : '') +
      '. Each difference below is one shape of issue (the tag, the issue, the path with array positions as `[]`), however many frames show it.',
  ]
  for (const shape of open) {
    lines.push(
      '',
      `### ${code(shape.tag ?? '(no tag)')} ${shape.code} ${code(shape.path)}`,
      '',
      `- The docs say: ${code(shape.expected)}.`,
      `- The wire sent: ${code(shape.frames[0]!.found)} at ${code(shape.frames[0]!.path)}, in ${framesOf(shape)}:`,
      ...shape.frames.map((frame) => `  - ${code(frame.source)}: ${code(frame.found)}`),
    )
    if (shape.verdict.kind === 'proposal')
      lines.push(
        '',
        'Until the docs say so, this overlay entry makes the generated decoders accept it:',
        '',
        '```json',
        JSON.stringify(shape.verdict.entry, null, 2),
        '```',
      )
  }
  const explained = report.shapes.filter((shape) => !open.includes(shape))
  if (explained.length > 0) {
    lines.push('', '### Explained', '', '| Verdict | Shape | Frames | Why |', '| --- | --- | --- | --- |')
    for (const shape of explained)
      lines.push(
        `| ${LABELS[shape.verdict.kind]} | ${cell(code(shape.key))} | ${shape.frames.length} | ${cell(whyOf(shape.verdict).replace(/^; /, ''))} |`,
      )
  }
  return `${lines.join('\n')}\n`
}

/** A code span around `text`, fenced with more backticks than it holds. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`
}

/** GFM table cells end at an unescaped `|`, even inside code spans. */
const cell = (text: string) => text.replace(/\|/g, '\\|')
