/**
 * Bundle sizes of the generated library, with esbuild (`bundle`, `minify`,
 * `format: 'esm'`) and gzip (node:zlib, default level):
 *
 * - the whole library: `generated/src/index.ts`;
 * - one guard only: `import {isNewChatItems} from '../generated/src/index.ts'`
 *   (through esbuild's stdin), which tree-shaking must reduce to the guard: the
 *   check is that it is < 5% of the whole. When it is not, the inputs that stay
 *   in the guard bundle are listed (esbuild's metafile), which names the module
 *   whose top-level code could not be dropped.
 *
 *     npx tsx bench/size.ts [--json]
 */
import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {gzipSync} from 'node:zlib'
import * as esbuild from 'esbuild'
import {formatTargets, grouped, isMain, table, type Target} from './stats.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const ENTRY = path.join(ROOT, 'generated', 'src', 'index.ts')
const GUARD_SOURCE = "import {isNewChatItems} from '../generated/src/index.ts'\nexport {isNewChatItems}\n"
/** Largest guard bundle, as a share of the whole library's (minified bytes). */
const GUARD_SHARE = 0.05

export interface BundleSize {
  /** Bundled, not minified. */
  bytes: number
  minified: number
  gzipped: number
  /** Input files that contribute bytes to the minified bundle, largest first. */
  inputs: {file: string; bytes: number}[]
}

export interface SizeBenchResult {
  full: BundleSize
  guard: BundleSize
  /** guard.minified ÷ full.minified. */
  guardShare: number
  /** `generated/dist/esm` as built by its own tsc build (`npm run build:generated`), when present: its JS files, and their bundle. */
  dist: {esmJsBytes: number; files: number; bundle: BundleSize} | null
  targets: Target[]
}

async function bundle(options: esbuild.BuildOptions): Promise<BundleSize> {
  const common: esbuild.BuildOptions = {bundle: true, format: 'esm', write: false, logLevel: 'silent', ...options}
  const plain = await esbuild.build({...common, minify: false})
  const minified = await esbuild.build({...common, minify: true, metafile: true})
  const code = minified.outputFiles![0]!.contents
  const output = Object.values(minified.metafile!.outputs)[0]!
  return {
    bytes: plain.outputFiles![0]!.contents.byteLength,
    minified: code.byteLength,
    gzipped: gzipSync(code).byteLength,
    inputs: Object.entries(output.inputs)
      .map(([file, {bytesInOutput}]) => ({file, bytes: bytesInOutput}))
      .filter((input) => input.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
  }
}

async function distSize(): Promise<SizeBenchResult['dist']> {
  const folder = path.join(ROOT, 'generated', 'dist', 'esm')
  if (!existsSync(folder)) return null
  let esmJsBytes = 0
  let files = 0
  for (const name of readdirSync(folder, {recursive: true}) as string[]) {
    if (!name.endsWith('.js')) continue
    esmJsBytes += statSync(path.join(folder, name)).size
    files++
  }
  return {esmJsBytes, files, bundle: await bundle({entryPoints: [path.join(folder, 'index.js')], absWorkingDir: ROOT})}
}

export async function runSizeBench(): Promise<SizeBenchResult> {
  const full = await bundle({entryPoints: [ENTRY], absWorkingDir: ROOT})
  const guard = await bundle({
    stdin: {
      contents: GUARD_SOURCE,
      resolveDir: path.join(ROOT, 'bench'),
      sourcefile: 'bench/guard-only.ts',
      loader: 'ts',
    },
    absWorkingDir: ROOT,
  })
  const guardShare = guard.minified / full.minified
  return {
    full,
    guard,
    guardShare,
    dist: await distSize(),
    targets: [
      {
        name: 'tree-shaking: a bundle of one guard (isNewChatItems) < 5% of the whole library',
        kind: 'max',
        bound: GUARD_SHARE,
        ratio: guardShare,
        formula: 'minified guard bundle ÷ minified full bundle',
        percent: true,
      },
    ],
  }
}

export function formatSize(result: SizeBenchResult): string {
  const lines: string[] = []
  lines.push('## Bundle size (esbuild bundle, format esm; gzip: node:zlib)')
  lines.push('')
  lines.push(
    table(
      ['bundle', 'bytes', 'minified', 'min + gzip'],
      [
        [
          'generated/src/index.ts (everything)',
          grouped(result.full.bytes),
          grouped(result.full.minified),
          grouped(result.full.gzipped),
        ],
        [
          'import {isNewChatItems} only',
          grouped(result.guard.bytes),
          grouped(result.guard.minified),
          grouped(result.guard.gzipped),
        ],
        ...(result.dist
          ? [
              [
                'generated/dist/esm/index.js (built JS, everything)',
                grouped(result.dist.bundle.bytes),
                grouped(result.dist.bundle.minified),
                grouped(result.dist.bundle.gzipped),
              ],
            ]
          : []),
      ],
    ),
  )
  lines.push('')
  lines.push(
    `guard bundle = ${(result.guardShare * 100).toFixed(2)}% of the full one (minified); what it holds: ${result.guard.inputs.map((input) => `${input.file} ${input.bytes} B`).join(', ')}`,
  )
  lines.push(
    `full bundle, largest inputs: ${result.full.inputs
      .slice(0, 4)
      .map((input) => `${input.file} ${grouped(input.bytes)} B`)
      .join(', ')}`,
  )
  lines.push(
    result.dist
      ? `generated/dist/esm as built by tsc: ${result.dist.files} .js files, ${grouped(result.dist.esmJsBytes)} bytes`
      : 'generated/dist/esm: not built (`npm run build:generated` includes it; `npm run bench` does)',
  )
  if (result.guardShare >= GUARD_SHARE) {
    lines.push(
      'TREE-SHAKING FAILED: the modules above keep top-level code esbuild cannot prove free of side effects (a call or `new` without /* @__PURE__ */, a class with static initializers, or a module-level statement); see the inputs of the guard bundle.',
    )
  }
  lines.push('')
  lines.push(...formatTargets(result.targets))
  return lines.join('\n')
}

if (isMain(import.meta)) {
  const result = await runSizeBench()
  console.log(process.argv.includes('--json') ? JSON.stringify(result, null, 2) : formatSize(result))
  if (result.guardShare >= GUARD_SHARE) process.exitCode = 1
}
