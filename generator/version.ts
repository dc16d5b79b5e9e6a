import {readFileSync} from 'node:fs'
import path from 'node:path'
import {PROJECT_ROOT} from './paths.js'

/** The generator's own version, from its package.json (the installed package's, when installed). */
export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {version: string}
).version
