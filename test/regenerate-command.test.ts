/** The command `check`'s `Fix:` line names: exact for the folder it runs in. */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {regenerateCommands} from '../generator/commands/regenerate-command.js'
import {DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS} from '../generator/load/index.js'
import {DEFAULT_OUT, PINNED_SPEC} from '../generator/paths.js'
import type {GenerationOptions} from '../generator/commands/generation-options.js'

const root = path.resolve(import.meta.dirname, '..')
const defaults: GenerationOptions = {
  spec: PINNED_SPEC,
  out: DEFAULT_OUT,
  timeout: DEFAULT_TIMEOUT_MS,
  maxBytes: DEFAULT_MAX_BYTES,
}

describe('regenerateCommands', () => {
  const cases: {name: string; cwd: string; options: Partial<GenerationOptions>; want: string[]}[] = [
    {
      name: 'the repository root, defaults: npx or the npm script',
      cwd: root,
      options: {},
      want: ['npx simplex-events generate', 'npm run generate'],
    },
    {
      name: 'a folder of the repository with no package.json of its own: npx finds the binary',
      cwd: path.join(root, 'generator', 'emit'),
      options: {},
      want: ['npx simplex-events generate', 'npm run generate'],
    },
    {
      name: 'inside generated/, a package of its own: npx would ask the registry, npm --prefix does not',
      cwd: path.join(root, 'generated', 'src'),
      options: {},
      want: ['npm --prefix ../.. exec -- simplex-events generate'],
    },
    {
      name: 'outside the repository',
      cwd: path.parse(root).root,
      options: {},
      want: [`npm --prefix ${path.relative(path.parse(root).root, root)} exec -- simplex-events generate`],
    },
    {
      name: 'the options check ran with, in the order --help lists them; no npm script, which takes none',
      cwd: root,
      options: {spec: 'my spec', compat: ['old'], out: 'out', overlay: false, timeout: 500, maxBytes: 1000},
      want: [
        "npx simplex-events generate --spec 'my spec' --compat old --out out --no-overlay --timeout 500 --max-bytes 1000",
      ],
    },
    {
      name: '--no-compat and an overlay file, quoted for the shell',
      cwd: root,
      options: {compat: false, overlay: "it's.json"},
      want: [`npx simplex-events generate --no-compat --overlay 'it'\\''s.json'`],
    },
  ]
  for (const {name, cwd, options, want} of cases) {
    it(name, () => expect(regenerateCommands({...defaults, ...options}, cwd)).toEqual(want))
  }
})
