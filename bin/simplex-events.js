#!/usr/bin/env node
// Runs the compiled generator (npm run build), so no TypeScript runtime is needed. In a checkout whose sources
// changed since the last build, dist/ is stale: the sources run instead, through tsx (a devDependency).
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {distIsCurrent} from './dist-freshness.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = distIsCurrent(root) ? await import('../dist/generator/cli.js') : await sourceCli()

cli.exitOnClosedPipe()
process.exitCode = await cli.runCli(process.argv.slice(2))

/** generator/cli.ts through tsx's loader (one process: no second start). */
async function sourceCli() {
  const {register} = await import('tsx/esm/api')
  register()
  return import('../generator/cli.ts')
}
