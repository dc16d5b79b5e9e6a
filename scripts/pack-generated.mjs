#!/usr/bin/env node
// Build and pack the generated package into dist-pkg/ of the repository, leaving generated/ as it is: the
// package is copied to a temporary folder, built there with the root TypeScript (scripts/build-generated.mjs;
// no install in generated/) and packed from there without its `prepack` (the build just ran). One build,
// no package-lock.json, dist/ or .tgz left in generated/.
//
// Usage: node scripts/pack-generated.mjs [package-dir] [destination] (npm run pack:generated: generated/, dist-pkg/)

import {spawn} from 'node:child_process'
import {cp, mkdir, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {buildGenerated} from './build-generated.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** Where the tarball goes (gitignored). */
export const PACK_DESTINATION = path.join(ROOT, 'dist-pkg')
/** Entries of the package folder that are not the package: build output, installs, earlier packs. */
const NOT_COPIED = new Set(['dist', 'node_modules', 'package-lock.json'])

/**
 * Run `npm <args>` in `cwd`; resolve with its stdout, reject with its output when it fails.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<string>}
 */
function npm(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`npm ${args.join(' ')} failed (exit ${code}):\n${stderr}`)),
    )
  })
}

/**
 * Build the package in `dir` in a copy and pack it into `destination`.
 * @param {string} dir the generated package (default generated/).
 * @param {string} destination the folder the tarball is written to.
 * @returns {Promise<string>} the tarball's path.
 */
export async function packGenerated(dir, destination = PACK_DESTINATION) {
  const source = path.resolve(dir)
  const staging = await mkdtemp(path.join(tmpdir(), 'simplex-events-pack-'))
  try {
    const copy = path.join(staging, 'package')
    await cp(source, copy, {
      recursive: true,
      filter: (file) => {
        const name = path.relative(source, file).split(path.sep)[0]
        return !NOT_COPIED.has(name) && !name.endsWith('.tgz')
      },
    })
    await buildGenerated(copy)
    await mkdir(destination, {recursive: true})
    const report = JSON.parse(
      await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], copy),
    )
    return path.join(destination, report[0].filename)
  } finally {
    await rm(staging, {recursive: true, force: true})
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  try {
    const tarball = await packGenerated(process.argv[2] ?? path.join(ROOT, 'generated'), process.argv[3])
    const shown = path.relative(process.cwd(), tarball) || tarball
    console.log(`packed ${shown} in ${Math.round(performance.now() - started)} ms`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
