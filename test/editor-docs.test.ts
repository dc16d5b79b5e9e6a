/**
 * What an editor shows: TypeScript's language service (the engine of VS Code's hover) on a bot's code that
 * uses the package this run built. Hovering `send` in `client.send('APIJoinGroup', ...)` or `on` in
 * `client.on('newChatItems', ...)` shows that command's or event's own doc text, from its overload in
 * `ChatCoreOverloads`; a string-literal argument alone shows none, so the docs are on the overloads.
 */
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {beforeAll, describe, expect, it} from 'vitest'
import {waitForPinnedBuild} from './support/generation-setup.js'
import {pinnedBuildFolder, pinnedSource, runFolderOfThisRun} from './support/run-folder.js'
import {temporaryFolder} from './support/temp-folders.js'

const BOT = `import {createChatClient} from '%SOURCE%/index.js'
const client = createChatClient({url: 'ws://127.0.0.1:5225'})
void client.send('APIJoinGroup', {groupId: 1})
void client.sendOk('ShowActiveUser', {})
client.on('newChatItems', (event) => event.chatItems)
void client.once('receivedContactRequest')
const tag: 'newChatItems' | 'chatItemUpdated' = 'newChatItems'
client.on(tag, (event) => {
  const seen: 'newChatItems' | 'chatItemUpdated' = event.type
  return seen
})
`

let service: ts.LanguageService
let file: string
let text: string

beforeAll(async () => {
  await waitForPinnedBuild(pinnedBuildFolder(runFolderOfThisRun()))
  const folder = await temporaryFolder('editor-docs-')
  file = path.join(folder, 'bot.ts')
  text = BOT.replace('%SOURCE%', pinnedSource(runFolderOfThisRun()).split(path.sep).join('/'))
  fs.writeFileSync(file, text)
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  }
  service = ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) =>
      fs.existsSync(name) ? ts.ScriptSnapshot.fromString(fs.readFileSync(name, 'utf8')) : undefined,
    getCurrentDirectory: () => folder,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  })
})

/** The hover of the method named in `call` (`client.send('APIJoinGroup'`): its signature and its doc text. */
function hover(call: string): {signature: string; docs: string} {
  const at = text.indexOf(call)
  expect(at, call).toBeGreaterThanOrEqual(0)
  const info = service.getQuickInfoAtPosition(file, at + 'client.'.length)
  return {
    signature: ts.displayPartsToString(info?.displayParts),
    docs: ts.displayPartsToString(info?.documentation),
  }
}

describe('editor docs on the typed client', () => {
  it('the bot compiles: a tag held in a variable takes the generic signature', () => {
    expect(service.getSemanticDiagnostics(file).map((diagnostic) => diagnostic.messageText)).toEqual([])
  })

  it("send and sendOk show the command's own doc text", () => {
    const send = hover("client.send('APIJoinGroup'")
    expect(send.signature).toContain('send(name: "APIJoinGroup"')
    expect(send.docs).toContain('Join group.')
    expect(send.docs).toContain('Command `APIJoinGroup` (Group commands).')
    expect(hover("client.sendOk('ShowActiveUser'").docs).toContain('Command `ShowActiveUser`')
  })

  it("on and once show the event's own doc text", () => {
    const on = hover("client.on('newChatItems'")
    expect(on.signature).toContain('on(tag: "newChatItems"')
    expect(on.docs).toContain('Received message(s).')
    expect(hover("client.once('receivedContactRequest'").docs).toContain('Event `receivedContactRequest`')
  })
})
