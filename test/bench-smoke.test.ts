/**
 * The benchmark still runs to the end (issue 18): `bench/run.ts --quick` on one round, two groups and the
 * contenders that need no generation step (ajv, TypeBox), without sizes or generation. It exits 0 only when
 * every contender agrees on every input, so inputs that stop being valid for the generated library (what
 * broke `npm run bench` before the compat build) fail here.
 */
import {execFile} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')

describe('npm run bench', () => {
  it('runs the quick mode to the end, contenders agreeing, and prints the table and the targets', async () => {
    const {stdout} = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'bench', 'run.ts'),
        '--quick',
        '--rounds',
        '1',
        '--groups',
        'stable,errors',
        '--contenders',
        'ajv,TypeBox',
        '--no-size',
        '--no-write',
      ],
      {cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024},
    )
    expect(stdout).toContain('| (a) stable real frame receivedGroupInvitation-1 |')
    expect(stdout).toContain('| (e) first error: skew (5 missing) |')
    expect(stdout).toContain('## Targets of issue 18')
    expect(stdout).not.toContain('DISAGREEMENTS')
  })
})
