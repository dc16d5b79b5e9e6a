/**
 * Colour in a CLI child process that is not a terminal follows FORCE_COLOR and NO_COLOR, and what the docs hold is
 * still escaped (test/printable.test.ts has the in-process cases). An end-to-end suite: it starts the CLI.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {ESC, ESCAPED, writeHostileSpec} from './support/hostile-heading.js'

const root = path.resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-color-env-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

const hostileSpec = writeHostileSpec(scratch)

/** Run the CLI as a child process (not a terminal) with `FORCE_COLOR` and `NO_COLOR` as given. */
function runChild(env: {FORCE_COLOR?: string; NO_COLOR?: string}, ...argv: string[]) {
  const {FORCE_COLOR: _force, NO_COLOR: _no, ...inherited} = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'generator', 'cli.ts'), ...argv], {
    cwd: root,
    env: {...inherited, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  child.stdout.resume()
  return new Promise<{code: number | null; stderr: string}>((resolve) =>
    child.on('close', (code) => resolve({code, stderr})),
  )
}

describe('error output does not echo escape sequences from the docs', () => {
  it('FORCE_COLOR=1 colours a child that is not a terminal, escapes included; NO_COLOR and FORCE_COLOR=0 do not', async () => {
    const [forced, noColor, forcedOff] = await Promise.all([
      runChild({FORCE_COLOR: '1'}, 'schema', '--spec', hostileSpec),
      runChild({NO_COLOR: '1'}, 'schema', '--spec', hostileSpec),
      runChild({FORCE_COLOR: '0'}, 'schema', '--spec', hostileSpec),
    ])
    expect(forced.code).toBe(2)
    expect(forced.stderr).toContain(`${ESC}[31merror${ESC}[39m`)
    expect(forced.stderr).toContain(ESCAPED)
    expect(forced.stderr).not.toContain(`${ESC}[2J`)
    for (const plain of [noColor, forcedOff]) {
      expect(plain.code).toBe(2)
      expect(plain.stderr).toContain(ESCAPED)
      expect(plain.stderr).not.toContain(ESC)
    }
  }, 60_000)
})
