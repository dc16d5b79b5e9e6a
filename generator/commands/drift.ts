import {Option, type Command} from 'commander'
import {FailureExit, type CliIo} from '../cli-io.js'
import {PINNED_SPEC} from '../paths.js'
import {compatOption, compatSources, maxBytesOption, timeoutOption} from './generation-options.js'

const FORMATS = ['text', 'markdown', 'json'] as const

const EXAMPLE = `
Each FRAMES file is one frame (a captured "resp" value, or {"corrId"?, "resp"}) or a JSONL log, one frame a line.

Example:
  $ simplex-events drift test/fixtures/frames/*/*.json --format markdown

Exit codes: 0 every issue is explained (the overlay, or a doc version of the range), 1 a difference no doc
version or overlay entry explains, 2 usage or input error.`

/**
 * Register `simplex-events drift FRAMES... [--spec] [--compat] [--overlay] [--format]`: decode frames a bot
 * received by the docs alone, group the issues by shape and say what explains each: the overlay, an older or
 * newer doc version of the range, or nothing yet (with the overlay entry to add).
 *
 * @param program the root command.
 * @param io where the report (stdout) and the failure reason (stderr) go.
 */
export function registerDriftCommand(program: Command, io: CliIo): void {
  program
    .command('drift')
    .description('group the decode issues of frames a bot received by shape, and explain or propose a fix for each')
    .argument('<frames...>', 'files of frames: one JSON frame each, or a JSONL log')
    .option('--spec <dir|url>', 'the docs to decode by (folder or http(s) URL)', PINNED_SPEC)
    .addOption(compatOption())
    .option('--no-compat', "compare with the spec alone, ignoring the spec folder's compat.json")
    .option(
      '--overlay <file>',
      'the overlay whose entries count as covering (default: overlay.json in the spec folder)',
    )
    .option('--no-overlay', 'count no overlay entry as covering')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(timeoutOption())
    .addOption(maxBytesOption())
    .addHelpText('after', EXAMPLE)
    .action(
      async (
        files: string[],
        options: {
          spec: string
          compat?: string[] | false
          overlay?: string | false
          format: (typeof FORMATS)[number]
          timeout: number
          maxBytes: number
        },
      ) => {
        // Loaded here, not at start-up: building the decoders pulls in TypeScript, ts-morph and the pipeline.
        const [{readFrames}, {readSchema}, {loadOverlay}, {isSpecUrl}, {loadDecoders}, {analyseDrift}, drift] =
          await Promise.all([
            import('../drift/frames.js'),
            import('../pipeline.js'),
            import('../overlay/index.js'),
            import('../load/spec-kind.js'),
            import('../drift/decoders.js'),
            import('../drift/analyse.js'),
            import('../drift/format.js'),
          ])
        const frames = await readFrames(files, options.maxBytes)
        const reading = {
          spec: options.spec,
          overlay: false as const,
          timeout: options.timeout,
          maxBytes: options.maxBytes,
        }
        // The docs as written decode the frames; the range (compat.json or --compat) and the overlay explain them.
        const docs = await readSchema({...reading, compat: []})
        const compat = compatSources(options.compat)
        const range = compat?.length === 0 ? docs : await readSchema({...reading, ...(compat ? {compat} : {})})
        const overlaySource =
          typeof options.overlay === 'string'
            ? {file: options.overlay}
            : options.overlay === false || isSpecUrl(options.spec)
              ? null
              : {specFolder: options.spec}
        const {overlay} = await loadOverlay(overlaySource, {maxBytes: options.maxBytes})
        const decoders = await loadDecoders(docs.schema)
        const report = analyseDrift(frames, {
          docs: docs.schema,
          decoders,
          range: range.schema,
          overlay,
        })
        io.stdout(drift.formatDrift(report, options.format))
        const open = drift.unexplained(report).length
        if (open > 0)
          throw new FailureExit(
            `${open} ${open === 1 ? 'shape' : 'shapes'} of issue no doc version or overlay entry explains`,
          )
      },
    )
}
