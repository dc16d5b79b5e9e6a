import type {SchemaChange} from './compare.js'
import {bySeverity, valuesOf} from './format-parts.js'
import {CHANGE_RULES} from './rules.js'
import {annotatedPlace, type ChangeSides} from './sides.js'

/**
 * A JUnit XML report, for CI systems that show test results: one `<testsuite>` for the comparison, one
 * `<testcase>` per change (named by its subject and values, `classname` its rule, `file` and `line` where the
 * docs say it when that version is a folder), a breaking change failing (`<failure type="breaking">` with
 * the reason), a warning or a safe change passing with its severity and reason in `<system-out>`. Notes go
 * in the suite's `<system-out>`. Every value is escaped for XML, and a character XML 1.0 cannot hold (a
 * control character, a lone surrogate) is written as its `\uXXXX` escape.
 *
 * @param changes the changes, in comparison order.
 * @param notes what the comparison left out.
 * @param sides the versions' names and folders.
 * @returns the document, newline-terminated.
 */
export function formatJunit(changes: readonly SchemaChange[], notes: readonly string[], sides: ChangeSides): string {
  const [breaking] = bySeverity(changes)
  const suite = attributes({
    name: `simplex-events diff ${sides.names.before} → ${sides.names.after}`,
    tests: String(changes.length),
    failures: String(breaking.length),
    errors: '0',
    skipped: '0',
  })
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuite${suite}>`]
  for (const change of changes) {
    const place = annotatedPlace(change.location, sides)
    const where: Record<string, string> = place ? {file: place.file, line: String(place.line)} : {}
    const name = `${change.subject} ${CHANGE_RULES[change.rule].words}${valuesOf(change)}`
    lines.push(`  <testcase${attributes({name, classname: change.rule, ...where})}>`)
    if (change.severity === 'breaking')
      lines.push(
        `    <failure${attributes({type: 'breaking', message: change.reason})}>${text(change.reason)}</failure>`,
      )
    else lines.push(`    <system-out>${text(`${change.severity}: ${change.reason}`)}</system-out>`)
    lines.push('  </testcase>')
  }
  if (notes.length > 0)
    lines.push(`  <system-out>${text(notes.map((note) => `note: ${note}`).join('\n'))}</system-out>`)
  lines.push('</testsuite>', '')
  return lines.join('\n')
}

// XML 1.0's Char production: tab, line feed, carriage return and U+0020 up, less surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const unrepresentable = (value: string) =>
  value.replace(NOT_XML, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** Character data: `&`, `<` and `>` (as in `]]>`) escaped. */
function text(value: string): string {
  return unrepresentable(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** ` key="value"` for each, in order; a value's quotes and whitespace that attribute normalisation would change escaped. */
function attributes(values: Record<string, string>): string {
  return Object.entries(values)
    .map(
      ([key, value]) =>
        ` ${key}="${text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;')}"`,
    )
    .join('')
}
