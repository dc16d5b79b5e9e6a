import type {Command} from 'commander'
import type {CliIo} from '../cli-io.js'
import {generateInMemory} from '../generate.js'
import {withGenerationOptions, type GenerationOptions} from './generation-options.js'
import {writeTreeAtomically} from '../write-tree.js'

/** `simplex-events generate [--spec DIR|URL] [--out DIR]`: regenerate the library, atomically. */
export function registerGenerateCommand(program: Command, io: CliIo): void {
  withGenerationOptions(
    program.command('generate').description('generate the typed event library from a spec folder or URL'),
    'output folder, replaced as a whole',
  )
    .addHelpText('after', '\nExample:\n  $ simplex-events generate --spec spec --out generated\n')
    .action(async (options: GenerationOptions) => {
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
