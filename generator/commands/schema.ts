import type {Command} from 'commander'
import type {CliIo} from '../cli-io.js'
import {PINNED_SPEC} from '../paths.js'
import {compatOption, compatSources} from './generation-options.js'
import {serializeSchema} from '../schema/index.js'

/** `simplex-events schema [--spec DIR] [--compat DIR ...]`: print the intermediate schema as JSON. */
export function registerSchemaCommand(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the intermediate schema of a spec folder as JSON')
    .option(
      '--spec <dir|url>',
      'folder (or http(s) URL of a folder) holding EVENTS.md, TYPES.md and COMMANDS.md',
      PINNED_SPEC,
    )
    .addOption(compatOption())
    .option('--no-compat', "the spec alone, ignoring the spec folder's compat.json")
    .action(async (options: {spec: string; compat?: string[] | false}) => {
      // Loaded here, not at start-up: the pipeline pulls in TypeScript, ts-morph and prettier.
      const {readSchema} = await import('../pipeline.js')
      // The docs as they are: the overlay corrects what the generator emits, not what the docs say.
      const compat = compatSources(options.compat)
      const {schema} = await readSchema({spec: options.spec, compat, overlay: false})
      io.stdout(serializeSchema(schema))
    })
}
