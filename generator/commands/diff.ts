import {Option, type Command} from 'commander'
import type {VFile} from 'vfile'
import {DiagnosticsError, FailureExit, type CliIo} from '../cli-io.js'
import {compareSchemas, type SchemaChange} from '../diff/compare.js'
import {CHANGE_FORMATS, formatChanges, type ChangeFormat} from '../diff/format.js'
import {loadSpec} from '../load-spec.js'
import {maxBytesOption, timeoutOption} from './generation-options.js'
import {formatDiagnostics} from '../report.js'
import {buildSchema} from '../schema/index.js'

const FAIL_ON = ['breaking', 'any', 'none'] as const
type FailOn = (typeof FAIL_ON)[number]

const EXAMPLE = `
Each of <old> and <new> is a folder or an http(s) URL holding EVENTS.md and TYPES.md.

Example:
  $ simplex-events diff test/fixtures/docs/2025-09-27 \\
      https://raw.githubusercontent.com/simplex-chat/simplex-chat/stable/bots/api/ --format markdown

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
      new Option('--fail-on <severity>', 'exit 1 on breaking changes, on any change, or never')
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
        const download = {timeoutMs: options.timeout, maxBytes: options.maxBytes}
        const [before, after] = await Promise.all([loadSpec(oldSource, download), loadSpec(newSource, download)])
        const results = [buildSchema(before), buildSchema(after)]
        // Report the errors of both versions at once, not just the first one's.
        const failed: VFile[] = results.flatMap((result) => (result.ok ? [] : result.files))
        if (failed.length > 0) throw new DiagnosticsError(formatDiagnostics(failed, io.color))
        const [oldSchema, newSchema] = results.map((result) => (result.ok ? result.schema : null))
        const changes = compareSchemas(oldSchema!, newSchema!)
        io.stdout(formatChanges(changes, options.format, io.color))
        const reason = failureOf(changes, options.failOn)
        if (reason) throw new FailureExit(reason)
      },
    )
}

/** The one-line reason to exit 1, or `null` when the policy lets the changes pass. */
function failureOf(changes: SchemaChange[], failOn: FailOn): string | null {
  const count =
    failOn === 'breaking'
      ? changes.filter((change) => change.severity === 'breaking').length
      : failOn === 'any'
        ? changes.length
        : 0
  if (count === 0) return null
  const noun =
    failOn === 'breaking' ? (count === 1 ? 'breaking change' : 'breaking changes') : count === 1 ? 'change' : 'changes'
  return `${count} ${noun} (--fail-on ${failOn})`
}
