import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root: two levels up from `generator/` when run from source, three from `dist/generator/`. */
const here = path.dirname(fileURLToPath(import.meta.url))
export const PROJECT_ROOT =
  path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '..', '..') : path.resolve(here, '..')

/** The pinned upstream spec folder. */
export const PINNED_SPEC = path.join(PROJECT_ROOT, 'spec')

/**
 * The default output folder of `generate` and `check`: `generated/` in the current folder (so an
 * installed CLI never writes inside its own package; `npm run` starts in the repository root).
 */
export const DEFAULT_OUT = 'generated'
