/**
 * The typia contender: `typia.createIs`, `createAssert` and `createValidate` of the generated `ChatEvent`
 * type (generated/src/index.ts, the same IR as generated/schema.json). typia is a compile-time transform;
 * instead of patching the compiler (ts-patch), its own `typia generate` command writes the transformed
 * module, once per version of the generated types, into `.tmp/bench-typia/<hash>/` (about 15 s).
 *
 * typia checks TypeScript types, not the JSON Schema: the docs' `UTCTime` pattern and `int`/`word32`
 * ranges are plain `string`/`number` for it, so the bench inputs never break only those.
 */
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {IValidation} from 'typia'

const ROOT = path.resolve(import.meta.dirname, '..')
const CACHE = path.join(ROOT, '.tmp', 'bench-typia')

const SOURCE = `import typia from 'typia'
import type {ChatEvent} from '../../../../generated/src/index.js'
export const is = typia.createIs<ChatEvent>()
export const assert = typia.createAssert<ChatEvent>()
export const validate = typia.createValidate<ChatEvent>()
`

/** The three typia functions of `ChatEvent`. */
export interface TypiaValidator {
  is: (value: unknown) => boolean
  /** Throws typia's `TypeGuardError` (with `path`, `$input.user.x`) at the first error. */
  assert: (value: unknown) => unknown
  validate: (value: unknown) => IValidation<unknown>
  /** Time `typia generate` took, or 0 when cached. */
  generateMs: number
}

function typesHash(): string {
  const hash = createHash('sha256')
  hash.update(readFileSync(path.join(ROOT, 'node_modules', 'typia', 'package.json')))
  const sources = path.join(ROOT, 'generated', 'src')
  for (const name of readdirSync(sources).sort())
    if (name.endsWith('.ts')) hash.update(name).update(readFileSync(path.join(sources, name)))
  return hash.digest('hex').slice(0, 16)
}

/** Generate (unless cached) and import the typia checkers of the current generated types. */
export async function loadTypia(log: (line: string) => void = () => {}): Promise<TypiaValidator> {
  const folder = path.join(CACHE, typesHash())
  const output = path.join(folder, 'out', 'checkers.ts')
  let generateMs = 0
  if (!existsSync(output)) {
    log('typia: generating the checkers of the generated types (typia generate, ~15 s, cached in .tmp/bench-typia)')
    const started = performance.now()
    rmSync(CACHE, {recursive: true, force: true})
    const work = `${folder}.partial`
    mkdirSync(path.join(work, 'in'), {recursive: true})
    writeFileSync(path.join(work, 'in', 'checkers.ts'), SOURCE)
    writeFileSync(
      path.join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['in/*.ts'],
      }),
    )
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'typia', 'lib', 'executable', 'typia.js'),
        'generate',
        '--input',
        'in',
        '--output',
        'out',
        '--project',
        'tsconfig.json',
      ],
      {cwd: work, stdio: ['ignore', 'ignore', 'inherit']},
    )
    if (!existsSync(path.join(work, 'out', 'checkers.ts'))) throw new Error('typia generate wrote no checkers.ts')
    renameSync(work, folder)
    generateMs = performance.now() - started
  }
  const module = (await import(pathToFileURL(output).href)) as Omit<TypiaValidator, 'generateMs'>
  return {is: module.is, assert: module.assert, validate: module.validate, generateMs}
}
