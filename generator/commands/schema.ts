import type {Command} from 'commander'
import type {CliIo} from '../cli-io.js'
import {DiagnosticsError} from '../cli-io.js'
import {PINNED_SPEC} from '../paths.js'
import {loadSpecDirectory} from '../load.js'
import {formatDiagnostics} from '../report.js'
import {buildSchema, serializeSchema} from '../schema/index.js'

/** `simplex-events schema [--spec DIR]`: print the intermediate schema as JSON. */
export function registerSchemaCommand(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the intermediate schema of a spec folder as JSON')
    .option('--spec <dir>', 'folder holding EVENTS.md and TYPES.md', PINNED_SPEC)
    .action(async (options: {spec: string}) => {
      const result = buildSchema(await loadSpecDirectory(options.spec))
      if (!result.ok) throw new DiagnosticsError(formatDiagnostics(result.files, io.color))
      io.stdout(serializeSchema(result.schema))
    })
}
