import type {Command} from 'commander'
import type {CliIo} from '../cli-io.js'
import {generateInMemory} from '../generate.js'
import {DEFAULT_OUT, PINNED_SPEC} from '../paths.js'
import {writeTreeAtomically} from '../write-tree.js'

/** `simplex-events generate [--spec DIR|URL] [--out DIR]`: regenerate the library, atomically. */
export function registerGenerateCommand(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description('generate the typed event library from a spec folder or URL')
    .option('--spec <dir|url>', 'folder (or http(s) URL of a folder) holding EVENTS.md and TYPES.md', PINNED_SPEC)
    .option('--out <dir>', 'output folder, replaced as a whole', DEFAULT_OUT)
    .option('--overlay <file>', 'corrections to apply (default: overlay.json in the spec folder)')
    .addHelpText('after', '\nExample:\n  $ simplex-events generate --spec spec --out generated\n')
    .action(async (options: {spec: string; out: string; overlay?: string}) => {
      const started = performance.now()
      const {files, schema, timings} = await generateInMemory({...options, color: io.color})
      const writeStarted = performance.now()
      await writeTreeAtomically(options.out, files)
      const write = performance.now() - writeStarted
      const bytes = [...files.values()].reduce((total, text) => total + Buffer.byteLength(text), 0)
      io.stdout(
        `Generated ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) into ${options.out}: ` +
          `${schema.events.length} events, ${schema.types.length} types\n`,
      )
      for (const name of files.keys()) io.stdout(`  ${name}\n`)
      const ms = (value: number) => `${value.toFixed(0)} ms`
      io.stdout(
        `Time: ${ms(performance.now() - started)} (load ${ms(timings.load)}, parse+check ${ms(timings.parse)}, ` +
          `emit ${ms(timings.build)}, format ${ms(timings.format)}, write ${ms(write)})\n`,
      )
    })
}
