import {createTwoFilesPatch} from 'diff'
import type {Command} from 'commander'
import {FailureExit, type CliIo} from '../cli-io.js'
import {generateInMemory} from '../generate.js'
import {DEFAULT_OUT} from '../paths.js'
import {withGenerationOptions, type GenerationOptions} from './generation-options.js'
import {readTree} from '../write-tree.js'

/**
 * `simplex-events check`: regenerate in memory, compare with the tree on disk.
 * Exit 0 when equal; exit 1 with a unified diff per stale file. Never writes.
 */
export function registerCheckCommand(program: Command, io: CliIo): void {
  withGenerationOptions(
    program
      .command('check')
      .description('fail (exit 1, with a diff) when the generated folder is not what the spec generates; never writes'),
    'the generated folder to compare',
  )
    .addHelpText('after', '\nExample (CI):\n  $ simplex-events check || exit 1\n')
    .action(async (options: GenerationOptions) => {
      const {files: expected} = await generateInMemory({...options, color: io.color})
      const actual = await readTree(options.out)
      const names = [...new Set([...expected.keys(), ...actual.keys()])].sort()
      const stale = names.filter((name) => expected.get(name) !== actual.get(name))
      if (stale.length === 0) {
        io.stdout(`${options.out} is up to date (${expected.size} files).\n`)
        return
      }
      for (const name of stale) {
        io.stdout(
          createTwoFilesPatch(
            `a/${name}`,
            `b/${name}`,
            actual.get(name) ?? '',
            expected.get(name) ?? '',
            actual.has(name) ? 'on disk' : 'missing on disk',
            expected.has(name) ? 'generated' : 'not generated',
          ),
        )
      }
      throw new FailureExit(
        `${stale.length} stale file${stale.length === 1 ? '' : 's'} in ${options.out}: ${stale.join(', ')}\n` +
          `Fix: run \`npx simplex-events generate${options.out === DEFAULT_OUT ? '' : ` --out ${options.out}`}\` (or \`npm run generate\`) and commit the result.`,
      )
    })
}
