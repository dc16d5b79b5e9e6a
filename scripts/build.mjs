#!/usr/bin/env node
// Compile the generator into dist/ (tsconfig.build.json) and stamp it with the hash of the sources it read
// (bin/dist-freshness.js), so the CLI runs dist/ only while it matches them. The hash is taken before tsc
// reads anything: a file edited during the build leaves a stamp that no longer matches, never a stale dist.
//
// Usage: node scripts/build.mjs

import {spawnSync} from 'node:child_process'
import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {sourceHash, STAMP_FILE} from '../bin/dist-freshness.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

rmSync(path.join(ROOT, 'dist'), {recursive: true, force: true})
const hash = sourceHash(ROOT)
const built = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.build.json'], {cwd: ROOT, stdio: 'inherit'})
if (built.status !== 0) process.exit(built.status ?? 1)
writeFileSync(path.join(ROOT, STAMP_FILE), `${hash}\n`)
