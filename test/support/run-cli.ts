import {runCli} from '../../generator/cli.js'

/** What one CLI run printed, and its exit code. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Run the CLI in this process with its output captured (no colour). */
export async function runCliCapturing(...argv: string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color: false,
  })
  return {code, stdout, stderr}
}
