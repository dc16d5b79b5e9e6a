import {spawn} from 'node:child_process'

const isWindows = process.platform === 'win32'

/** What a finished child process printed, its exit code and how long it ran. */
export interface ProcessRun {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/**
 * Child environment without the `npm_*` variables `npm test` sets: a nested npm would otherwise take the
 * root project's `npm_config_local_prefix` and friends and install into the wrong folder.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value
  }
  return {
    ...env,
    NO_COLOR: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  }
}

/** Run a command to completion; never rejects on a non-zero exit (the caller asserts the code). */
export function runProcess(command: string, args: readonly string[], cwd: string): Promise<ProcessRun> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], shell: isWindows})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr, ms: performance.now() - started}))
  })
}

/** `node <args>` with this process's Node.js. */
export const runNode = (args: readonly string[], cwd: string) => runProcess(process.execPath, args, cwd)

/** `npm <args>`. */
export const runNpm = (args: readonly string[], cwd: string) => runProcess(isWindows ? 'npm.cmd' : 'npm', args, cwd)

/** `npx <args>`. */
export const runNpx = (args: readonly string[], cwd: string) => runProcess(isWindows ? 'npx.cmd' : 'npx', args, cwd)
