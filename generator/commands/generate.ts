import path from 'node:path'
import type {Command} from 'commander'
import type {CliIo} from '../cli-io.js'
import {compatSources, withGenerationOptions, type GenerationOptions} from './generation-options.js'
import {MANIFEST_NAME, withManifest} from '../write/manifest.js'
import {lockOutput} from '../write/output-lock.js'
import {assertReplaceable, writeTreeAtomically} from '../write/write-tree.js'

/** `simplex-events generate [--spec DIR|URL] [--out DIR]`: regenerate the library, atomically. */
export function registerGenerateCommand(program: Command, io: CliIo): void {
  withGenerationOptions(
    program.command('generate').description('generate the typed event library from a spec folder or URL'),
    'output folder; its generated files are replaced as a whole, everything else in it is kept',
  )
    .addHelpText('after', '\nExample:\n  $ simplex-events generate --spec spec --out generated\n')
    .action(async (options: GenerationOptions) => {
      const started = performance.now()
      // Lock first: a second run fails at once instead of after generating, and before loading the emitter.
      const lock = await lockOutput(options.out)
      try {
        await assertReplaceable(options.out)
        const {generateInMemory} = await import('../pipeline.js')
        const progress = io.progress
        const {files, schema, timings} = await generateInMemory({
          ...options,
          compat: compatSources(options.compat),
          ...(progress ? {onStage: (stage: string) => progress(`generate: ${stage}...`)} : {}),
        })
        progress?.('')
        const writeStarted = performance.now()
        const outcome = await writeTreeAtomically(options.out, files, {lock})
        const write = performance.now() - writeStarted
        const written = withManifest(files)
        const bytes = [...written.values()].reduce((total, text) => total + Buffer.byteLength(text), 0)
        io.stdout(
          `Generated ${written.size} files (${(bytes / 1024).toFixed(0)} KiB) into ${options.out}: ` +
            `${schema.events.length} events, ${schema.types.length} types, ${schema.commands.length} commands\n`,
        )
        for (const name of written.keys()) io.stdout(`  ${name}\n`)
        for (const name of outcome.removed) io.stdout(`Removed ${name} (no longer generated)\n`)
        if (outcome.kept.length > 0) io.stdout(`Kept what it did not write: ${outcome.kept.join(', ')}\n`)
        for (const name of outcome.edited) {
          io.stdout(`Kept ${name}: an earlier run generated it, but it was changed since; remove it if unneeded\n`)
        }
        if (outcome.manifestIgnored !== undefined) {
          io.stderr(
            `warning: ignored ${path.join(options.out, MANIFEST_NAME)}: ${outcome.manifestIgnored}; ` +
              'no file it lists was removed\n',
          )
        }
        for (const folder of outcome.leftBehind) {
          io.stderr(`warning: left ${folder} in place: it holds entries the generated tree has in their place\n`)
        }
        const ms = (value: number) => `${value.toFixed(0)} ms`
        io.stdout(
          `Time: ${ms(performance.now() - started)} (load ${ms(timings.load)}, parse+check ${ms(timings.parse)}, ` +
            `emit ${ms(timings.build)}, format ${ms(timings.format)}, write ${ms(write)})\n`,
        )
      } finally {
        await lock.release()
      }
    })
}
