/**
 * Size and cold start of issue 18 (i): esbuild (bundle, minify, format esm) + gzip (node:zlib) of
 * `decodeChatEvent` alone, of the whole package, and of ajv's standalone code of the same
 * generated/schema.json (its runtime helpers bundled in); and the cold import time of the built
 * package (generated/dist/esm/index.js) against the ajv standalone bundle, each in a fresh process,
 * alternated, median.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {gzipSync} from 'node:zlib'
import Ajv2020 from 'ajv/dist/2020.js'
import standaloneCode from 'ajv/dist/standalone/index.js'
import * as esbuild from 'esbuild'
import {SCHEMA_FILE} from './ajv.js'
import {median} from './stats.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const WORK = path.join(ROOT, '.tmp', 'bench-size')
const DIST = path.join(ROOT, 'generated', 'dist', 'esm', 'index.js')

export interface SizeRow {
  name: string
  minified: number
  gzipped: number
}

export interface SizeCompare {
  sizes: SizeRow[]
  /** Cold import, ms (median over fresh processes): the package and ajv standalone. */
  importMs: {package: number | null; ajvStandalone: number}
}

async function minGzip(name: string, options: esbuild.BuildOptions): Promise<{row: SizeRow; code: Uint8Array}> {
  const result = await esbuild.build({
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    ...options,
  })
  const code = result.outputFiles![0]!.contents
  return {row: {name, minified: code.byteLength, gzipped: gzipSync(code).byteLength}, code}
}

/** ms to import `file` in a fresh node process (the import only, node's own start-up excluded). */
function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t)`
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'}))
}

export async function runSizeCompare(runs: number): Promise<SizeCompare> {
  mkdirSync(WORK, {recursive: true})
  const stdin = (contents: string) => ({
    stdin: {contents, resolveDir: path.join(ROOT, 'bench'), sourcefile: 'bench/entry.ts', loader: 'ts' as const},
  })
  const decoder = await minGzip(
    'decodeChatEvent alone (ours)',
    stdin("export {decodeChatEvent} from '../generated/src/index.ts'\n"),
  )
  const whole = await minGzip('whole package (ours, generated/src/index.ts)', {
    entryPoints: [path.join(ROOT, 'generated', 'src', 'index.ts')],
  })
  const ajv = new Ajv2020.default({
    discriminator: true,
    allErrors: false,
    strict: false,
    code: {source: true, esm: true},
  })
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object)
  const source = path.join(WORK, 'ajv-standalone.mjs')
  writeFileSync(source, standaloneCode.default(ajv, validate))
  const ajvBundle = await minGzip('ajv standalone (same schema.json, runtime bundled)', {
    entryPoints: [source],
    platform: 'node',
  })
  const ajvFile = path.join(WORK, 'ajv-standalone.bundle.mjs')
  writeFileSync(ajvFile, ajvBundle.code)
  const times = {package: [] as number[], ajv: [] as number[]}
  for (let run = 0; run < runs; run++) {
    if (existsSync(DIST)) times.package.push(importMs(DIST))
    times.ajv.push(importMs(ajvFile))
  }
  return {
    sizes: [decoder.row, whole.row, ajvBundle.row],
    importMs: {package: times.package.length > 0 ? median(times.package) : null, ajvStandalone: median(times.ajv)},
  }
}
