import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Command, CommanderError} from 'commander'
import {colorEnabled, EXIT, FailureExit, printableIo, type CliIo} from './cli-io.js'
import {DiagnosticsError, formatDiagnostics} from './diagnostics.js'
import {InputError} from './input-error.js'
import {registerCheckCommand} from './commands/check.js'
import {registerGenerateCommand} from './commands/generate.js'
import {registerSchemaCommand} from './commands/schema.js'
import {registerDiffCommand} from './commands/diff.js'
import {registerDriftCommand} from './commands/drift.js'
import {versionText} from './version.js'

const defaultIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  color: colorEnabled(process.env, Boolean(process.stderr.isTTY)),
  // One line, rewritten in place, then cleared.
  ...(process.stderr.isTTY ? {progress: (text: string) => void process.stderr.write(`\r\u001b[2K${text}`)} : {}),
}

/**
 * Run the CLI with `argv` (the arguments after the script path).
 *
 * @param argv command-line arguments.
 * @param rawIo where output goes; tests pass their own. Everything written to it is made printable first.
 * @returns the exit code (0 ok, 1 drift or breaking changes, 2 usage or input error).
 */
export async function runCli(argv: string[], rawIo: CliIo = defaultIo): Promise<number> {
  // Output quotes input (docs, file names, URLs, arguments): no control character of it reaches a terminal.
  const io = printableIo(rawIo)
  const program = new Command('simplex-events')
    .description('Generate a typed, validated TypeScript event library from the SimpleX Chat bot API docs')
    .exitOverride()
    .configureOutput({writeOut: io.stdout, writeErr: io.stderr})
    .showHelpAfterError()
    .version(versionText(), '-V, --version', 'print the generator version and the pinned spec it carries')
  registerGenerateCommand(program, io)
  registerCheckCommand(program, io)
  registerSchemaCommand(program, io)
  registerDiffCommand(program, io)
  registerDriftCommand(program, io)
  try {
    await program.parseAsync(argv, {from: 'user'})
    return EXIT.ok
  } catch (error) {
    return exitCodeOf(error, io)
  }
}

function exitCodeOf(error: unknown, io: CliIo): number {
  // --help and --version end through here with exit code 0; other commander errors are usage errors.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usageOrInput
  if (error instanceof FailureExit) {
    if (error.message) io.stderr(`${error.message}\n`)
    return EXIT.driftOrBreaking
  }
  if (error instanceof DiagnosticsError) {
    const report = error.reports.map((files) => formatDiagnostics(files, io.color)).join('')
    io.stderr(report.endsWith('\n') ? report : `${report}\n`)
    return EXIT.usageOrInput
  }
  if (error instanceof InputError || isFileSystemError(error)) {
    io.stderr(`simplex-events: ${(error as Error).message}\n`)
    return EXIT.usageOrInput
  }
  throw error
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'path' in error
}

/** Exit quietly when the reader of stdout goes away (`simplex-events schema | head`). */
export function exitOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(process.exitCode ?? 0)
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  exitOnClosedPipe()
  process.exitCode = await runCli(process.argv.slice(2))
}
