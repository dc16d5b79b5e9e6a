import {lstat} from 'node:fs/promises'
import path from 'node:path'
import {createTwoFilesPatch, diffLines} from 'diff'
import type {Command} from 'commander'
import {FailureExit, type CliIo} from '../cli-io.js'
import {readManifest, withManifest} from '../write/manifest.js'
import {KEPT_FOLDERS, listTree, MAX_FILE_BYTES, readRegularFile} from '../write/output-tree.js'
import {leftoverFolders} from '../write/write-tree.js'
import {compatSources, withGenerationOptions, type GenerationOptions} from './generation-options.js'
import {regenerateCommands} from './regenerate-command.js'

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
    .option('--stat', 'one line per stale file (lines added and removed) instead of the diff')
    .addHelpText('after', '\nExample (CI):\n  $ simplex-events check || exit 1\n')
    .action(async (options: GenerationOptions & {stat?: boolean}) => {
      const regenerate = regenerateCommands(options)
      // Before generating: a mistyped --out is one line at once, not after the whole generation.
      await assertPresent(options.out, regenerate[0]!)
      // Loaded here, not at start-up: the emitter (ts-morph, prettier) is most of the CLI's start-up time.
      const {generateInMemory} = await import('../pipeline.js')
      const progress = io.progress
      const {files} = await generateInMemory({
        ...options,
        compat: compatSources(options.compat),
        ...(progress ? {onStage: (stage: string) => progress(`check: ${stage}...`)} : {}),
      })
      progress?.('')
      // What generate writes: the files and their manifest, which is compared like any generated file.
      const expected = withManifest(files)
      const {files: actual, notGenerated} = await readGeneratedTree(options.out, expected)
      const names = [...new Set([...expected.keys(), ...actual.keys()])]
        .filter((name) => !notGenerated.has(name))
        .sort()
      const stale = names.filter((name) => expected.get(name) !== actual.get(name))
      if (stale.length === 0 && notGenerated.size === 0) {
        io.stdout(`${options.out} is up to date (${expected.size} files).\n`)
        return
      }
      for (const name of stale) {
        if (options.stat) {
          io.stdout(`${statLine(name, actual.get(name), expected.get(name))}\n`)
          continue
        }
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
      for (const [name, what] of notGenerated) io.stdout(`not generated: ${name} is ${what}\n`)
      const all = [...stale, ...notGenerated.keys()].sort()
      // Generate replaces what is at a generated file's path, and keeps anything else it did not write.
      const inTheWay = [...notGenerated.keys()].filter((name) => !expected.has(name))
      const [generate, ...alternatives] = regenerate.map((command) => `\`${command}\``)
      const fixes = [
        ...(inTheWay.length > 0 ? [`remove ${inTheWay.join(', ')} (generate keeps what it did not write)`] : []),
        ...(all.length > inTheWay.length
          ? [`run ${generate}${alternatives.map((command) => ` (or ${command})`).join('')} and commit the result`]
          : []),
      ]
      throw new FailureExit(
        `${all.length} stale file${all.length === 1 ? '' : 's'} in ${options.out}: ${all.join(', ')}\n` +
          `Fix: ${fixes.join('; ')}.`,
      )
    })
}

/**
 * Fail (exit 1) with one line when the output folder is missing, instead of a diff of every file: a
 * mistyped `--out`, or a kill during `generate`'s swap (it is missing until the next run; the temporary
 * folders beside it are named).
 *
 * @param out the output folder.
 * @param generate the command that creates it.
 */
async function assertPresent(out: string, generate: string): Promise<void> {
  const missing = await lstat(out).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  )
  if (!missing) return
  const leftovers = await leftoverFolders(out)
  if (leftovers.length === 0) throw new FailureExit(`${out} does not exist; check --out, or run \`${generate}\``)
  throw new FailureExit(
    `${out} is missing (an interrupted generate?); run \`${generate}\`\n` +
      `Left beside it by an interrupted generate: ${leftovers.join(', ')}`,
  )
}

/**
 * The generated files of the tree `out` as they are on disk: the files `expected` names and the files its
 * manifest lists (an earlier run wrote them; `generate` removes them when unchanged). Files the generator
 * did not write are left out: `generate` keeps them, generated mark or not. Links, FIFOs, devices and files
 * over `MAX_FILE_BYTES` are never read (a link could point at a secret, a device never ends): each is named
 * in `notGenerated` with what it is.
 */
async function readGeneratedTree(
  out: string,
  expected: ReadonlyMap<string, string>,
): Promise<{files: Map<string, string>; notGenerated: Map<string, string>}> {
  const root = path.resolve(out)
  const manifest = await readManifest(root)
  const listed = manifest.kind === 'manifest' ? manifest.files : new Map<string, string>()
  const files = new Map<string, string>()
  const notGenerated = new Map<string, string>()
  for (const entry of await listTree(root)) {
    if (entry.kind === 'directory' || (!entry.path.includes('/') && KEPT_FOLDERS.has(entry.path))) continue
    const file = path.join(root, entry.path)
    if (entry.kind !== 'file') {
      notGenerated.set(entry.path, `a ${entry.kind}`)
      continue
    }
    if (!expected.has(entry.path) && !listed.has(entry.path)) continue
    const read = await readRegularFile(file)
    if (read.kind === 'file') files.set(entry.path, read.text)
    else
      notGenerated.set(entry.path, read.kind === 'too large' ? `larger than ${MAX_FILE_BYTES} bytes` : `a ${read.kind}`)
  }
  return {files, notGenerated}
}

/** `src/events.ts | +3 -2` (`missing on disk` / `not generated` when one side is absent): a stale file in one line. */
function statLine(name: string, onDisk: string | undefined, generated: string | undefined): string {
  if (onDisk === undefined) return `${name} | missing on disk`
  if (generated === undefined) return `${name} | not generated`
  let added = 0
  let removed = 0
  for (const part of diffLines(onDisk, generated)) {
    if (part.added) added += part.count ?? 0
    if (part.removed) removed += part.count ?? 0
  }
  return `${name} | +${added} -${removed}`
}
