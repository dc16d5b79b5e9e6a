/**
 * What the CLI prints that comes from input (the docs, file names, arguments) is made printable: no
 * escape sequence of the input reaches a terminal. Colour follows FORCE_COLOR, NO_COLOR and the terminal.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runCli} from '../generator/cli.js'
import {colorEnabled} from '../generator/cli-io.js'
import {generateInMemory} from '../generator/pipeline.js'
import {printable} from '../generator/sanitize.js'
import {writeTreeAtomically} from '../generator/write/write-tree.js'
import {TINY_TYPES, writeTinySpec} from './support/tiny-spec.js'

const root = path.resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'simplex-events-printable-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

const ESC = '\u001b'
// A heading that clears the screen, hides a hyperlink (OSC 8) and ends a line where it should not.
const HOSTILE = `Contact${ESC}[2J${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;\u0007\u2028\u009b`
const hostileSpec = writeTinySpec(
  path.join(scratch, 'hostile-spec'),
  TINY_TYPES.replace('## Contact\n', `## ${HOSTILE}\n`),
)
const ESCAPED = 'Contact\\u001b[2J\\u001b]8;;https://evil.example\\u001b\\click\\u001b]8;;\\u0007\\u2028\\u009b'

/** Run the CLI in this process, as on a terminal with colour `color`. */
async function run(color: boolean, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color,
  })
  return {code, stdout, stderr}
}

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

describe('printable', () => {
  it('escapes C0 and C1 controls, DEL, U+2028, U+2029 and bidi controls; keeps tab and line feed', () => {
    expect(printable(`a${ESC}[2Jb\u0007\r\u007f\u0085\u009b\u2028\u2029\u202e\u2066\tc\n`)).toBe(
      'a\\u001b[2Jb\\u0007\\r\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2066\tc\n'.replace('\\r', '\\u000d'),
    )
    expect(printable('plain text, ünïcödé, 日本語\n')).toBe('plain text, ünïcödé, 日本語\n')
  })

  it('with keepColor, keeps colour sequences and escapes every other sequence', () => {
    expect(printable(`${ESC}[31merror${ESC}[39m ${ESC}[2J ${ESC}]8;;x${ESC}\\`, {keepColor: true})).toBe(
      `${ESC}[31merror${ESC}[39m \\u001b[2J \\u001b]8;;x\\u001b\\`,
    )
  })
})

describe('error output does not echo escape sequences from the docs', () => {
  it('a parse error about a heading with ESC sequences prints them escaped', async () => {
    const result = await run(false, 'schema', '--spec', hostileSpec)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Type \`${ESCAPED}\` is missing from the table of contents`)
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/)
  })

  it('with colour on, the reporter keeps its colours and the heading is still escaped', async () => {
    const result = await run(true, 'schema', '--spec', hostileSpec)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${ESC}[31merror${ESC}[39m`)
    expect(result.stderr).toContain(ESCAPED)
    expect(result.stderr.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  })

  it('generate and diff print the docs errors escaped too', async () => {
    const generate = await run(false, 'generate', '--spec', hostileSpec, '--out', path.join(scratch, 'never'))
    expect(generate.code).toBe(2)
    expect(generate.stderr).toContain(ESCAPED)
    const diff = await run(false, 'diff', hostileSpec, hostileSpec)
    expect(diff.code).toBe(2)
    expect(diff.stderr).toContain(ESCAPED)
    expect(generate.stderr + diff.stderr).not.toContain(ESC)
  })

  it('an error naming a path with ESC sequences prints it escaped', async () => {
    const result = await run(false, 'schema', '--spec', path.join(scratch, `missing${ESC}]0;title\u0007`))
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^simplex-events: .*missing\\u001b\]0;title\\u0007.*\n$/)
    expect(result.stderr).not.toContain(ESC)
  })

  it("check's diff of a stale file holding ESC sequences prints them escaped", async () => {
    const spec = writeTinySpec(path.join(scratch, 'tiny-spec'))
    const out = path.join(scratch, 'stale-with-escapes')
    await writeTreeAtomically(out, (await generateInMemory({spec})).files)
    writeFileSync(
      path.join(out, 'src', 'types.ts'),
      `// Generated by simplex-events\n// ${ESC}[2J${ESC}]0;pwned\u0007\n`,
    )
    const result = await run(false, 'check', '--spec', spec, '--out', out)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('-// \\u001b[2J\\u001b]0;pwned\\u0007')
    expect(result.stdout).not.toContain(ESC)
  })

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

describe('colorEnabled', () => {
  it('honours FORCE_COLOR (not empty, not 0 or false) over NO_COLOR and the terminal', () => {
    expect(colorEnabled({FORCE_COLOR: '1'}, false)).toBe(true)
    expect(colorEnabled({FORCE_COLOR: '3', NO_COLOR: '1'}, false)).toBe(true)
    expect(colorEnabled({FORCE_COLOR: 'true'}, false)).toBe(true)
    expect(colorEnabled({FORCE_COLOR: '0'}, true)).toBe(false)
    expect(colorEnabled({FORCE_COLOR: 'false'}, true)).toBe(false)
    expect(colorEnabled({FORCE_COLOR: ''}, false)).toBe(false)
    expect(colorEnabled({FORCE_COLOR: ''}, true)).toBe(true)
  })

  it('otherwise colours a terminal unless NO_COLOR is set and not empty', () => {
    expect(colorEnabled({}, true)).toBe(true)
    expect(colorEnabled({}, false)).toBe(false)
    expect(colorEnabled({NO_COLOR: '1'}, true)).toBe(false)
    expect(colorEnabled({NO_COLOR: ''}, true)).toBe(true)
  })
})
