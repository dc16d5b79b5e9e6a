import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root: two levels up from `generator/` when run from source, three from `dist/generator/`. */
const here = path.dirname(fileURLToPath(import.meta.url))
export const PROJECT_ROOT =
  path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '..', '..') : path.resolve(here, '..')

/** The pinned upstream spec folder. */
export const PINNED_SPEC = path.join(PROJECT_ROOT, 'spec')

/** True when this generator runs as an installed package (inside `node_modules`), not from its repository. */
export const INSTALLED = PROJECT_ROOT.split(path.sep).includes('node_modules')

/**
 * The default output folder of `generate` and `check`, resolved like the default `--spec`: from a
 * checkout of this repository, its own `generated/` (whatever the current folder); installed as a
 * package, `generated/` in the current folder (it never writes inside its own package). Written
 * relative to the current folder, as messages show it.
 */
export const DEFAULT_OUT = INSTALLED
  ? 'generated'
  : path.relative(process.cwd(), path.join(PROJECT_ROOT, 'generated')) || '.'
