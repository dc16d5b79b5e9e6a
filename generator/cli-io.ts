/** Exit codes, as the README documents them. */
export const EXIT = {ok: 0, driftOrBreaking: 1, usageOrInput: 2} as const

/** Streams and settings the CLI writes to; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Colour output (only on a TTY). */
  color: boolean
}

/** An error the CLI reports as a usage or input error (exit 2), message only. */
export class InputError extends Error {}

/** Located parse or check errors, already formatted by vfile-reporter (exit 2). */
export class DiagnosticsError extends Error {}

/** A command's result that is not an error but must exit 1 (drift, breaking changes). */
export class FailureExit extends Error {}
