import type {Command} from 'commander'
import {DEFAULT_OUT, PINNED_SPEC} from '../paths.js'

/** Options shared by `generate` and `check`: where the spec, the overlay and the output are. */
export interface GenerationOptions {
  spec: string
  out: string
  overlay?: string
}

/**
 * Add `--spec`, `--out` and `--overlay` to a command.
 *
 * @param outHelp what `--out` means for this command.
 */
export function withGenerationOptions(command: Command, outHelp: string): Command {
  return command
    .option('--spec <dir|url>', 'folder (or http(s) URL of a folder) holding EVENTS.md and TYPES.md', PINNED_SPEC)
    .option('--out <dir>', outHelp, DEFAULT_OUT)
    .option('--overlay <file>', 'corrections to apply (default: overlay.json in the spec folder; none for a URL)')
}
