import {InvalidArgumentError, Option, type Command} from 'commander'
import {DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS} from '../load/index.js'
import {DEFAULT_OUT, PINNED_SPEC} from '../paths.js'

/** Options shared by `generate` and `check`: where the spec, the overlay and the output are. */
export interface GenerationOptions {
  spec: string
  /**
   * `--compat`, newest first: older doc versions merged into a compatibility build; `false` for
   * `--no-compat`; absent: the spec folder's `compat.json`, if there is one.
   */
  compat?: string[] | false
  out: string
  overlay?: string | false
  timeout: number
  maxBytes: number
}

/** `--timeout <ms>`: how long each download of a spec URL may take. */
export function timeoutOption(): Option {
  return new Option('--timeout <ms>', 'give up on a spec URL download after this many milliseconds')
    .default(DEFAULT_TIMEOUT_MS)
    .argParser((value) => {
      const milliseconds = Number(value)
      if (!Number.isInteger(milliseconds) || milliseconds <= 0)
        throw new InvalidArgumentError('expected a positive whole number of milliseconds')
      return milliseconds
    })
}

/** `--max-bytes <n>`: the largest spec document read from a folder or downloaded (after decompression). */
export function maxBytesOption(): Option {
  return new Option('--max-bytes <n>', 'refuse a spec document (file or download, after decompression) over n bytes')
    .default(DEFAULT_MAX_BYTES)
    .argParser((value) => {
      const bytes = Number(value)
      if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(bytes) || bytes <= 0)
        throw new InvalidArgumentError('expected a positive whole number of bytes')
      return bytes
    })
}

/** `--compat <dir|url>`, repeatable: an older doc version for a compatibility build (newest first). */
export function compatOption(): Option {
  return new Option(
    '--compat <dir|url>',
    'also accept what this older doc version documents (a compatibility build); repeat it, newest first ' +
      '(default: the list in compat.json of the spec folder, if there is one)',
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
}

/** The compatibility list `readSchema` takes: `--no-compat` is none, no option the spec folder's `compat.json`. */
export function compatSources(compat: string[] | false | undefined): string[] | undefined {
  return compat === false ? [] : compat
}

/**
 * Add `--spec`, `--compat`, `--out`, `--overlay`/`--no-overlay`, `--timeout` and `--max-bytes` to a command.
 *
 * @param outHelp what `--out` means for this command.
 */
export function withGenerationOptions(command: Command, outHelp: string): Command {
  return command
    .option('--spec <dir|url>', 'folder (or http(s) URL of a folder) holding EVENTS.md and TYPES.md', PINNED_SPEC)
    .addOption(compatOption())
    .option('--no-compat', "build from the spec alone, ignoring the spec folder's compat.json")
    .option('--out <dir>', outHelp, DEFAULT_OUT)
    .option(
      '--overlay <file>',
      'corrections to apply, a regular file of at most --max-bytes ' +
        '(default: overlay.json in the spec folder if there is one; none for a URL)',
    )
    .option('--no-overlay', 'apply no corrections')
    .addOption(timeoutOption())
    .addOption(maxBytesOption())
}

/**
 * The command-line arguments that give `options` again, defaults left out: what `check` passes on to the
 * `generate` it suggests.
 *
 * @param options parsed options of `check` or `generate`.
 * @returns arguments in the order `--help` lists the options.
 */
export function generationArguments(options: GenerationOptions): string[] {
  const compat =
    options.compat === false ? ['--no-compat'] : (options.compat ?? []).flatMap((source) => ['--compat', source])
  const overlay =
    options.overlay === false ? ['--no-overlay'] : options.overlay === undefined ? [] : ['--overlay', options.overlay]
  return [
    ...(options.spec === PINNED_SPEC ? [] : ['--spec', options.spec]),
    ...compat,
    ...(options.out === DEFAULT_OUT ? [] : ['--out', options.out]),
    ...overlay,
    ...(options.timeout === DEFAULT_TIMEOUT_MS ? [] : ['--timeout', String(options.timeout)]),
    ...(options.maxBytes === DEFAULT_MAX_BYTES ? [] : ['--max-bytes', String(options.maxBytes)]),
  ]
}
