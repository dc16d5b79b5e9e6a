import {printable} from './sanitize.js'

/** Exit codes, as the README documents them. */
export const EXIT = {ok: 0, driftOrBreaking: 1, usageOrInput: 2} as const

/** Streams and settings the CLI writes to; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Colour output (see `colorEnabled`). */
  color: boolean
  /** Where a progress line goes while a long command runs; only set for a terminal. */
  progress?: (text: string) => void
}

/** A command's result that is not an error but must exit 1 (drift, breaking changes). */
export class FailureExit extends Error {}

/**
 * Whether to colour output, as Node.js and chalk decide: `FORCE_COLOR` set and not empty turns colour on
 * (off for `0` or `false`), whatever else is set; otherwise `NO_COLOR` set and not empty turns it off;
 * otherwise colour is on for a terminal only.
 *
 * @param env the environment (`process.env`).
 * @param isTTY whether the output is a terminal.
 * @returns true to colour.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR) return false
  return isTTY
}

/**
 * Wrap `io` so everything printed is safe for a terminal (`printable`): text from input (the docs, file
 * names, URLs, arguments) cannot carry escape sequences through. With colour on, the colour sequences
 * the CLI writes itself are kept.
 *
 * @param io the streams to write to.
 * @returns streams with the same colour setting that escape control characters.
 */
export function printableIo(io: CliIo): CliIo {
  const options = {keepColor: io.color}
  return {
    stdout: (text) => io.stdout(printable(text, options)),
    stderr: (text) => io.stderr(printable(text, options)),
    color: io.color,
    ...(io.progress ? {progress: io.progress} : {}),
  }
}
