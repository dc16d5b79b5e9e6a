import {spawn, type ChildProcess} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'
import {createFakeCore, fixtures, type FakeCore} from '../generated/src/testing/index.js'
import {realResponse, textMessageEvent} from './support/frames.js'
import {pinnedTree} from './support/shared-builds.js'

/**
 * The ```ts examples of both READMEs compile against the generated package, under the root
 * tsconfig's options plus `noUnusedLocals`. Each block is its own module in a temporary
 * folder; its import of `simplex-chat-events` is pointed at `src/index.js` of this run's pinned build (which
 * TypeScript resolves to `index.ts`), so the check needs no build of the package. The generated README is
 * that build's too: both are what the generator makes now (`npm run check` holds generated/ to them).
 *
 * A block that is deliberately partial opts out with a first line `// not compiled: <why>`
 * (SKIP_MARKER); every other block is compiled, and the test asserts how many were.
 *
 * Then each compiled block runs as written on this Node.js: a bot against the fake core (its URL
 * pointed there), any other block loaded, its `onMessage` and `onReply` given real frames.
 */

const root = path.resolve(import.meta.dirname, '..')
const READMES = ['README.md', 'generated/README.md']
/** This run's pinned build (test/support/shared-builds.ts): what `generated/` holds once formatted. */
const pinnedSrc = path.join(await pinnedTree(), 'src')
/** Where each README is read from: the generated one from this run's build. */
const readmeFile = (readme: string) =>
  readme === 'generated/README.md' ? path.join(pinnedSrc, '..', 'README.md') : path.join(root, readme)
const PACKAGE_NAME = 'simplex-chat-events'
/** A ```ts block whose first line starts with this is not compiled. */
const SKIP_MARKER = '// not compiled:'

/**
 * Blocks known not to compile today, by README and ordinal (`README.md#1` is its first ```ts block:
 * stable while the prose around it changes).
 * Each is an `it.fails`: the suite stays green and the problem visible. When a README is
 * fixed its test starts passing, `it.fails` then fails, and the entry must be removed.
 */
const KNOWN_FAILURES = new Set<string>([])

interface Example {
  readme: string
  /** 1-based ordinal among the README's ```ts blocks. */
  ordinal: number
  /** 1-based line of the block's first code line. */
  line: number
  code: string
}

/**
 * The ```ts blocks of a markdown file, with the line of each one's first code line.
 *
 * @param readme path relative to the repository root.
 */
function tsBlocks(readme: string): Example[] {
  const lines = readFileSync(readmeFile(readme), 'utf8').split('\n')
  const blocks: Example[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,})ts\s*$/.exec(lines[index]!)
    if (!open) continue
    const start = index + 1
    let end = start
    while (end < lines.length && !lines[end]!.startsWith(open[1]!)) end++
    blocks.push({readme, ordinal: blocks.length + 1, line: start + 1, code: lines.slice(start, end).join('\n')})
    index = end
  }
  return blocks
}

const examples = READMES.flatMap(tsBlocks)
const isCompiled = (example: Example) => !example.code.trimStart().startsWith(SKIP_MARKER)
const compiled = examples.filter(isCompiled)
const nameOf = (example: Example) => `${example.readme}#${example.ordinal}`

/**
 * Two blocks of our own, compiled with the READMEs': one that must compile (the import rewrite and
 * options work, so an `it.fails` cannot pass for a broken harness) and one that must not (`noUnusedLocals` is on).
 */
const CONTROL_GOOD: Example = {
  readme: 'control-good',
  ordinal: 1,
  line: 1,
  code: [
    `import {decodeChatEvent, type ChatEvent} from '${PACKAGE_NAME}'`,
    'const result = decodeChatEvent({})',
    'export const event: ChatEvent | undefined = result.ok ? result.value : undefined',
  ].join('\n'),
}
const CONTROL_UNUSED: Example = {
  readme: 'control-unused',
  ordinal: 1,
  line: 1,
  code: `import {chatEventTags} from '${PACKAGE_NAME}'\nconst tags = chatEventTags`,
}

/** The block as a module: the package's specifiers, in either quotes, become the generated source's paths. */
function moduleText(example: Example): string {
  const entry = JSON.stringify(path.join(pinnedSrc, 'index.js'))
  const testing = JSON.stringify(path.join(pinnedSrc, 'testing', 'index.js'))
  return example.code
    .replace(new RegExp(`(['"])${PACKAGE_NAME}\\1`, 'g'), entry)
    .replace(new RegExp(`(['"])${PACKAGE_NAME}/testing\\1`, 'g'), testing)
}

/** Compile every block once (a program per block would type the package once per block). */
function compileAll(): Map<string, string[]> {
  const folder = exampleFolder()
  // The blocks are ESM, as the READMEs' users write them.
  writeFileSync(path.join(folder, 'package.json'), '{"type": "module"}\n')
  const files = new Map<string, Example>()
  for (const [index, example] of [...compiled, CONTROL_GOOD, CONTROL_UNUSED].entries()) {
    const file = path.join(folder, `example-${index}.ts`)
    writeFileSync(file, moduleText(example))
    files.set(file, example)
  }
  const configPath = path.join(root, 'tsconfig.json')
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file))
  const {options} = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath)
  const program = ts.createProgram([...files.keys()], {...options, noUnusedLocals: true, noEmit: true})
  const messages = new Map<string, string[]>()
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
  for (const [file, example] of files) {
    const source = program.getSourceFile(file)!
    const diagnostics = [
      ...global,
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]
    messages.set(
      nameOf(example),
      diagnostics.map((diagnostic) => {
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
        if (diagnostic.file !== source || diagnostic.start === undefined)
          return `${example.readme}:${example.line}: ${text}`
        const {line, character} = source.getLineAndCharacterOfPosition(diagnostic.start)
        return `${example.readme}:${example.line + line}:${character + 1}: TS${diagnostic.code} ${text}`
      }),
    )
  }
  return messages
}

const folders: string[] = []

/**
 * A new folder for example modules, inside the repository (`.tmp/`, gitignored), so that their imports of
 * other packages (`ws`) resolve from its node_modules as a user's do from theirs; removed after the suite.
 */
function exampleFolder(): string {
  mkdirSync(path.join(root, '.tmp'), {recursive: true})
  const folder = mkdtempSync(path.join(root, '.tmp', 'readme-examples-'))
  folders.push(folder)
  return folder
}
let results: Map<string, string[]> | undefined
const diagnosticsOf = (example: Example) => (results ??= compileAll()).get(nameOf(example)) ?? []

afterAll(() => {
  for (const folder of folders) rmSync(folder, {recursive: true, force: true})
})

describe('README examples compile against the generated package (noUnusedLocals)', () => {
  it('finds every ```ts block of both READMEs, and compiles all but those marked "// not compiled:"', () => {
    expect(examples.filter((example) => example.readme === 'README.md')).toHaveLength(3)
    expect(examples.filter((example) => example.readme === 'generated/README.md')).toHaveLength(6)
    expect(compiled).toHaveLength(9)
    expect([...KNOWN_FAILURES].filter((name) => !examples.some((example) => nameOf(example) === name))).toEqual([])
  })

  it('compiles a correct control block with no diagnostics, and reports an unused local in another', () => {
    expect(diagnosticsOf(CONTROL_GOOD)).toStrictEqual([])
    expect(diagnosticsOf(CONTROL_UNUSED)).toStrictEqual([
      "control-unused:2:7: TS6133 'tags' is declared but its value is never read.",
    ])
  })

  for (const example of compiled) {
    const test = KNOWN_FAILURES.has(nameOf(example)) ? it.fails : it
    test(`${nameOf(example)} (line ${example.line}) compiles with no diagnostics`, () => {
      expect(diagnosticsOf(example).join('\n')).toBe('')
    })
  }
})

describe('tsBlocks', () => {
  it('counts only ```ts fences and skips a block marked "// not compiled:"', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'readme-blocks-'))
    folders.push(folder)
    writeFileSync(
      path.join(folder, 'X.md'),
      [
        '# X',
        '```sh',
        'npm i',
        '```',
        '```ts',
        'const a = 1',
        '```',
        '```ts',
        `${SKIP_MARKER} partial`,
        'a',
        '```',
      ].join('\n'),
    )
    const blocks = tsBlocks(path.relative(root, path.join(folder, 'X.md')))
    expect(blocks.map((block) => [block.line, block.code])).toStrictEqual([
      [6, 'const a = 1'],
      [9, `${SKIP_MARKER} partial\na`],
    ])
    expect(blocks.filter(isCompiled)).toHaveLength(1)
  })
})

describe('README error messages', () => {
  it("the generated README's example error message is what decodeFrame prints for its input", async () => {
    const {decodeFrame} = await import('../generated/src/index.js')
    const readme = readFileSync(readmeFile('generated/README.md'), 'utf8')
    const examples = [...readme.matchAll(/\/\/ '(\{.*\})' gives: (.*)$/gm)]
    expect(examples.length).toBeGreaterThan(0)
    for (const [, input, message] of examples) {
      const frame = decodeFrame(input!)
      expect(frame.kind === 'error' ? frame.error.message : frame.kind).toBe(message)
    }
  })
})

/**
 * A vitest test ("Testing your bot"): compiled here, not run; examples/help-bot/bot.test.ts runs the same test
 * of a bot on the test kit.
 */
const IS_TEST = (example: Example) => example.code.includes("from 'vitest'")

/** What a README example does when it runs, for the examples that talk to a core. */
const RUNS_A_BOT = (example: Example) =>
  (example.code.includes('createChatClient(') || example.code.includes('createBot(')) && !IS_TEST(example)

/**
 * The block as a module to run: its import of the package points at the generated source (run through tsx),
 * and the core URL it connects to at `coreUrl`.
 */
function runnableText(example: Example, coreUrl: string): string {
  return moduleText(example)
    .replace('generated/src/index.js"', 'generated/src/index.ts"')
    .replaceAll('ws://localhost:5225', coreUrl)
}

/** Start `node --import tsx file` in the repository; the caller ends it. */
function startModule(file: string): {child: ChildProcess; output: () => string; exited: Promise<number | null>} {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']})
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return {child, output: () => output, exited}
}

describe(`README examples run as written on this Node.js (${process.version})`, () => {
  // The test kit's fake core, one per test: what a bot sent is read back as a typed command.
  let core: FakeCore
  beforeEach(async () => {
    core = await createFakeCore()
  })
  afterEach(async () => {
    await core.close()
  })

  it('finds the bots among the examples: one in the root README, two (createBot, the client) in the package one', () => {
    expect(compiled.filter(RUNS_A_BOT).map(nameOf)).toEqual([
      'README.md#1',
      'generated/README.md#1',
      'generated/README.md#2',
    ])
  })

  for (const example of compiled.filter(RUNS_A_BOT)) {
    it(`${nameOf(example)}: connects to a core, answers what it receives with APISendMessages`, async () => {
      const file = path.join(exampleFolder(), 'bot.ts')
      writeFileSync(path.join(path.dirname(file), 'package.json'), '{"type": "module"}\n')
      writeFileSync(file, runnableText(example, core.url))
      const bot = startModule(file)
      try {
        // A child started with tsx on a busy machine takes seconds; a bot that exits ends the wait.
        await Promise.race([core.waitForConnections(1, {timeout: 120_000}).catch(() => {}), bot.exited])
        expect(core.connections, bot.output()).toBe(1)
        // Each bot answers one of these: a contact connecting, or a text message from one.
        core.emit(fixtures.contactConnected({contact: {contactId: 3}}))
        core.emit(fixtures.textMessage('hello', {contactId: 3}))
        const command = await core.nextCommand('APISendMessages', {timeout: 60_000})
        expect(command.params.sendRef).toEqual({chatType: 'direct', chatId: 3})
        expect(command.params.composedMessages[0]?.msgContent).toMatchObject({
          type: 'text',
          text: expect.stringMatching(/^(Hello!|hello)$/),
        })
        expect(bot.output()).not.toMatch(/error|Error/)
      } finally {
        bot.child.kill()
        await bot.exited
      }
    })
  }

  it('the other examples load and their exported functions take real frames without throwing', async () => {
    const folder = exampleFolder()
    writeFileSync(path.join(folder, 'package.json'), '{"type": "module"}\n')
    const frame = JSON.stringify({resp: textMessageEvent('hello')})
    const reply = realResponse('APISendMessages')
    for (const [index, example] of compiled.filter((example) => !RUNS_A_BOT(example) && !IS_TEST(example)).entries()) {
      const file = path.join(folder, `example-${index}.ts`)
      writeFileSync(file, runnableText(example, core.url))
      const runner = path.join(folder, `run-${index}.ts`)
      writeFileSync(
        runner,
        [
          `const module: Record<string, unknown> = await import(${JSON.stringify(file)})`,
          `if (typeof module.onMessage === 'function') module.onMessage(${JSON.stringify(frame)})`,
          `if (typeof module.onReply === 'function') module.onReply(${JSON.stringify(reply)})`,
          `console.log('exports', Object.keys(module).sort().join(' '))`,
        ].join('\n'),
      )
      const run = startModule(runner)
      const code = await run.exited
      expect([code, run.output()], nameOf(example)).toEqual([0, expect.stringMatching(/^exports \w/m)])
    }
  })
})
