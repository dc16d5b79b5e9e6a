#!/usr/bin/env node
// Build the generated package (default `generated/`) into its `dist/`: `dist/esm` from tsconfig.json,
// `dist/cjs` from tsconfig.cjs.json plus `dist/cjs/package.json` marking it CommonJS. Uses the
// TypeScript of the root node_modules, so the generated package needs no install of its own.
// Idempotent: a stale `dist/` is removed first.
//
// Usage: node scripts/build-generated.mjs [package-dir]

import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
/** Same content as the `build` script of the generated package.json writes (see generator/emit/package-files.ts). */
const CJS_PACKAGE_JSON = '{"type": "commonjs"}\n'

/**
 * Run `tsc -p <project>` in `cwd`; resolve with its combined output, reject when it fails.
 * @param {string} cwd
 * @param {string} project
 * @returns {Promise<string>}
 */
function tsc(cwd, project) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, '-p', project], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output)
      else reject(new Error(`tsc -p ${project} failed (${signal ?? `exit ${code}`}) in ${cwd}:\n${output}`))
    })
  })
}

/**
 * Build the package in `dir` into `dir/dist`.
 * @param {string} dir folder holding package.json, tsconfig.json and tsconfig.cjs.json.
 */
export async function buildGenerated(dir) {
  const packageDir = path.resolve(dir)
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.cjs.json']) {
    if (!existsSync(path.join(packageDir, file)))
      throw new Error(`${packageDir}: no ${file}; run \`npx tsx generator/cli.ts generate\` first`)
  }
  if (!existsSync(TSC)) throw new Error(`${TSC} not found; run npm install in ${ROOT}`)
  const dist = path.join(packageDir, 'dist')
  await rm(dist, {recursive: true, force: true})
  // The two builds are independent; run them side by side.
  await Promise.all([tsc(packageDir, 'tsconfig.json'), tsc(packageDir, 'tsconfig.cjs.json')])
  await mkdir(path.join(dist, 'cjs'), {recursive: true})
  await writeFile(path.join(dist, 'cjs', 'package.json'), CJS_PACKAGE_JSON)
  for (const entry of ['esm/index.js', 'esm/index.d.ts', 'cjs/index.js', 'cjs/index.d.ts']) {
    if (!existsSync(path.join(dist, entry))) throw new Error(`build produced no dist/${entry}`)
  }
  return dist
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? path.join(ROOT, 'generated')
  const started = performance.now()
  try {
    const dist = await buildGenerated(dir)
    console.log(`built ${path.relative(process.cwd(), dist) || dist} in ${Math.round(performance.now() - started)} ms`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
