import type {SchemaChange} from './compare.js'
import {bySeverity, summaryOf, valuesOf} from './format-parts.js'
import {CHANGE_RULES} from './rules.js'
import {annotatedPlace, type ChangeSides} from './sides.js'

const COMMAND = {breaking: 'error', warning: 'warning', safe: 'notice'} as const

/**
 * GitHub Actions workflow commands, one line per change: `::error` for a breaking change, `::warning` for
 * a warning, `::notice` for a safe one, titled by the rule, with `file`, `line` and `col` where the docs
 * say it when that version is a folder under the working folder (GitHub shows the annotation on the line of
 * a pull request's diff); then a notice per note and one with the summary. Values are escaped as the
 * Actions toolkit does: `%`, `\r` and `\n` in the message, and also `:` and `,` in properties, so doc text
 * can neither end a command nor start another.
 *
 * @param changes the changes, in comparison order.
 * @param notes what the comparison left out.
 * @param sides the versions' names and folders.
 * @returns the lines, newline-terminated.
 */
export function formatAnnotations(
  changes: readonly SchemaChange[],
  notes: readonly string[],
  sides: ChangeSides,
): string {
  const lines = changes.map((change) => {
    const properties: [string, string][] = []
    const place = annotatedPlace(change.location, sides)
    if (place) properties.push(['file', place.file], ['line', String(place.line)], ['col', String(place.column)])
    properties.push(['title', `${change.rule} (${change.severity})`])
    const message = `${change.subject} ${CHANGE_RULES[change.rule].words}${valuesOf(change)} — ${change.reason}`
    return command(COMMAND[change.severity], properties, message)
  })
  for (const note of notes) lines.push(command('notice', [['title', 'not compared']], note))
  const summary = changes.length === 0 ? 'No changes.' : summaryOf(bySeverity(changes))
  lines.push(
    command('notice', [['title', 'simplex-events diff']], `${sides.names.before} → ${sides.names.after}: ${summary}`),
  )
  return `${lines.join('\n')}\n`
}

function command(name: string, properties: readonly [string, string][], message: string): string {
  const shown = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')
  return `::${name}${shown ? ` ${shown}` : ''}::${escapeData(message)}`
}

/** The toolkit's `escapeData`: what would end the command line or read as an escape. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** The toolkit's `escapeProperty`: also `:` (ends the properties) and `,` (separates them). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
