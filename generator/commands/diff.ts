import {Option, type Command} from 'commander'
import {FailureExit, type CliIo} from '../cli-io.js'
import {DiagnosticsError} from '../diagnostics.js'
import type {SchemaChange} from '../diff/compare.js'
import {CHANGE_FORMATS, formatChanges, type ChangeFormat} from '../diff/format.js'
import {comparisonNotes} from '../diff/notes.js'
import {maxBytesOption, timeoutOption} from './generation-options.js'
import type {ReadSchema} from '../pipeline.js'

const FAIL_ON = ['breaking', 'warning', 'any', 'none'] as const
type FailOn = (typeof FAIL_ON)[number]

const EXAMPLE = `
Each of <old> and <new> is a folder or an http(s) URL holding EVENTS.md and TYPES.md.

Example:
  $ simplex-events diff spec/compat/2025-09-27 \\
      https://raw.githubusercontent.com/simplex-chat/simplex-chat/stable/bots/api/ --format markdown

Formats: text, markdown (for a pull request), json, changelog (a CHANGELOG section), github (workflow
annotations), junit (one test case per change, breaking ones failing).

Exit codes: 0 no failing change, 1 a change tripped --fail-on, 2 usage or input error.`

/**
 * Register `simplex-events diff <old> <new> [--format] [--fail-on]`: compare two
 * versions of the docs and list what changed for a bot that decodes events.
 *
 * @param program the root command.
 * @param io where the changes (stdout) and the failure reason (stderr) go.
 */
export function registerDiffCommand(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description('list the changes between two versions of the docs, breaking ones first')
    .argument('<old>', 'older spec folder or URL')
    .argument('<new>', 'newer spec folder or URL')
    .addOption(new Option('--format <format>', 'output format').choices(CHANGE_FORMATS).default('text'))
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 on breaking changes, on breaking changes and warnings, on any change, or never',
      )
        .choices(FAIL_ON)
        .default('breaking'),
    )
    .addOption(timeoutOption())
    .addOption(maxBytesOption())
    .addHelpText('after', EXAMPLE)
    .action(
      async (
        oldSource: string,
        newSource: string,
        options: {format: ChangeFormat; failOn: FailOn; timeout: number; maxBytes: number},
      ) => {
        // Loaded here, not at start-up: reading the docs type-checks syntax blocks (TypeScript), so `--help` stays quick.
        const [{readSchema}, {compareSchemas}, {changeSides}] = await Promise.all([
          import('../pipeline.js'),
          import('../diff/compare.js'),
          import('../diff/sides.js'),
        ])
        // The docs as upstream wrote them: no overlay on either side.
        const read = (spec: string) =>
          // Each side is the docs of one version: a spec folder's compat.json is not read.
          readSchema({
            spec,
            compat: [],
            overlay: false,
            timeout: options.timeout,
            maxBytes: options.maxBytes,
          })
        const [before, after] = await Promise.allSettled([read(oldSource), read(newSource)])
        // Report the errors of both versions at once, not just the first one's.
        const failed = [before, after].flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))
        if (failed.length === 2 && failed.every((error) => error instanceof DiagnosticsError))
          throw new DiagnosticsError(...failed.flatMap((error: DiagnosticsError) => error.reports))
        if (failed.length > 0) throw failed[0]
        const readOf = (result: typeof before) => (result as PromiseFulfilledResult<ReadSchema>).value
        const changes = compareSchemas(readOf(before).schema, readOf(after).schema)
        const names = {before: oldSource, after: newSource}
        const notes = comparisonNotes(readOf(before).schema, readOf(after).schema, names)
        const sides = changeSides(names, {before: readOf(before).origins, after: readOf(after).origins})
        io.stdout(formatChanges(changes, options.format, io.color, notes, sides))
        const reason = failureOf(changes, options.failOn)
        if (reason) throw new FailureExit(reason)
      },
    )
}

/** Which severities each `--fail-on` policy counts. */
const COUNTED: Record<FailOn, readonly SchemaChange['severity'][]> = {
  breaking: ['breaking'],
  warning: ['breaking', 'warning'],
  any: ['breaking', 'warning', 'safe'],
  none: [],
}

/** The one-line reason to exit 1, or `null` when the policy lets the changes pass. */
function failureOf(changes: SchemaChange[], failOn: FailOn): string | null {
  const counted = changes.filter((change) => COUNTED[failOn].includes(change.severity))
  const count = counted.length
  if (count === 0) return null
  const plural = count === 1 ? '' : 's'
  const noun =
    failOn === 'breaking'
      ? `breaking change${plural}`
      : failOn === 'warning'
        ? `change${plural} breaking or warning (${counted.filter((change) => change.severity === 'breaking').length} breaking)`
        : `change${plural}`
  return `${count} ${noun} (--fail-on ${failOn})`
}
