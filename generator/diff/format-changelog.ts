import type {SchemaChange} from './compare.js'
import {bySeverity, code, summaryOf} from './format-parts.js'
import {CHANGE_RULES, type ChangelogSection} from './rules.js'
import type {ChangeSides} from './sides.js'

const SECTIONS: readonly ('Breaking' | ChangelogSection)[] = ['Breaking', 'Added', 'Changed', 'Fixed']

/**
 * A CHANGELOG section (Keep a Changelog's shape) for the changes between two doc versions: a heading naming
 * both, the summary, then `### Breaking` (every breaking change) and `### Added`, `### Changed`, `### Fixed`
 * (the others, by their rule's `changelog` section), each in comparison order; an empty section is left out.
 * A line links its subject to the heading of the docs that says it (the newer docs, the older for a removal)
 * where that document's page is known, starts with `**Warning:**` for a warning, and ends with the reason.
 *
 * @param changes the changes, in comparison order.
 * @param notes what the comparison left out, as `> Note:` lines.
 * @param sides the versions' names and document pages.
 * @returns markdown, newline-terminated.
 */
export function formatChangelog(
  changes: readonly SchemaChange[],
  notes: readonly string[],
  sides: ChangeSides,
): string {
  const lines = [`## SimpleX Chat bot API: ${code(sides.names.before)} → ${code(sides.names.after)}`, '']
  const noted = notes.flatMap((note) => [`> Note: ${oneLine(note)}`, ''])
  if (changes.length === 0) return [...lines, 'No changes.', '', ...noted].join('\n')
  lines.push(`${summaryOf(bySeverity(changes))}.`, '', ...noted)
  for (const section of SECTIONS) {
    const inSection = changes.filter((change) => sectionOf(change) === section)
    if (inSection.length === 0) continue
    lines.push(`### ${section}`, '', ...inSection.map((change) => itemOf(change, sides)), '')
  }
  return lines.join('\n')
}

function sectionOf(change: SchemaChange): 'Breaking' | ChangelogSection {
  return change.severity === 'breaking' ? 'Breaking' : CHANGE_RULES[change.rule].changelog
}

function itemOf(change: SchemaChange, sides: ChangeSides): string {
  const subject = code(change.subject)
  const page = change.location && sides.pages?.[change.location.side][change.location.file]
  const linked = page ? `[${subject}](${page}#${change.location!.anchor})` : subject
  const warning = change.severity === 'warning' ? '**Warning:** ' : ''
  return `- ${warning}${linked} ${CHANGE_RULES[change.rule].words}${valuesOf(change)} — ${oneLine(change.reason)}`
}

/** `: \`int\` → \`int64\``, `: \`int64?\`` (added), `: was \`int64?\`` (removed), or nothing. */
function valuesOf({before, after}: SchemaChange): string {
  if (before !== undefined && after !== undefined) return `: ${code(before)} → ${code(after)}`
  if (after !== undefined) return `: ${code(after)}`
  if (before !== undefined) return `: was ${code(before)}`
  return ''
}

/** A list item ends at a blank line; a note or reason is one line anyway. */
const oneLine = (text: string) => text.replace(/\r?\n/g, ' ')
