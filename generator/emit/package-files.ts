import {distinctResponses} from '../schema/responses.js'
import type {Schema} from '../schema/types.js'
import {htmlCommentText, jsonFileText, markdownCode, markdownText} from './escape.js'
import type {SpecInfoData} from './spec-info.js'
import {missingBotCommands} from './chat-bot.js'

/** Version of the generated package; bump with breaking changes of its API. */
export const GENERATED_PACKAGE_VERSION = '0.2.0'

/** TypeScript version the generated package is built and checked with (pinned, as in the root package). */
const TYPESCRIPT_VERSION = '5.9.3'

/**
 * Content of `dist/cjs/package.json`, written by the build after `tsc -p tsconfig.cjs.json`: the
 * package is `"type": "module"`, so without it Node and TypeScript would read the CommonJS `.js`
 * and `.d.ts` files under `dist/cjs` as ESM ("masquerading as ESM" for attw and publint).
 */
export const CJS_PACKAGE_JSON = '{"type": "commonjs"}\n'

/**
 * `generated/package.json`: ESM + CJS + types, zero runtime dependencies.
 *
 * Layout: `dist/esm` (ESM `.js` + `.d.ts`, from `tsconfig.json`) and `dist/cjs` (CommonJS `.js` +
 * `.d.ts`, from `tsconfig.cjs.json`, marked CommonJS by its own `package.json`). Each `exports`
 * condition has its own `types`, so `import` and `require` both get types in the format they load.
 * `main`/`types` serve resolvers without `exports` (TypeScript `node10`), which load CommonJS.
 *
 * @param header the provenance header, kept in the `//` field (JSON has no comments).
 * @param specInfo what the package was generated from, the same data as its `specInfo` export.
 */
export function packageJson(header: string, specInfo: SpecInfoData): string {
  // Writes CJS_PACKAGE_JSON (as JSON text inside a shell double-quoted string).
  const writeCjsPackageJson = `node -e "require('fs').writeFileSync('dist/cjs/package.json', '{\\"type\\": \\"commonjs\\"}\\n')"`
  const manifest = {
    '//': header,
    name: 'simplex-chat-events',
    version: GENERATED_PACKAGE_VERSION,
    description:
      'Typed, validated events, commands and responses of the SimpleX Chat bot API: types, command strings, guards and decoders generated from the API docs',
    license: 'AGPL-3.0-only',
    type: 'module',
    sideEffects: false,
    main: './dist/cjs/index.js',
    module: './dist/esm/index.js',
    types: './dist/cjs/index.d.ts',
    exports: {
      '.': {
        import: {types: './dist/esm/index.d.ts', default: './dist/esm/index.js'},
        require: {types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js'},
      },
      // The test kit (fixtures, fake core): its own entry, so a bot's production bundle never holds it.
      './testing': {
        import: {types: './dist/esm/testing/index.d.ts', default: './dist/esm/testing/index.js'},
        require: {types: './dist/cjs/testing/index.d.ts', default: './dist/cjs/testing/index.js'},
      },
      './schema.json': './schema.json',
      './package.json': './package.json',
    },
    // Resolvers without `exports` (TypeScript `node10`) find the subpath's declarations here; the root keeps `types`.
    typesVersions: {'*': {testing: ['./dist/cjs/testing/index.d.ts']}},
    // `src` is shipped for the declaration maps (go to definition lands in the TypeScript source).
    files: ['dist', 'src', 'schema.json'],
    keywords: ['simplex', 'simplex-chat', 'bot', 'events', 'decoder', 'typescript'],
    engines: {node: '>=18'},
    scripts: {
      clean: `node -e "require('fs').rmSync('dist', {recursive: true, force: true})"`,
      build: `npm run clean && tsc -p tsconfig.json && tsc -p tsconfig.cjs.json && ${writeCjsPackageJson}`,
      typecheck: 'tsc --noEmit -p tsconfig.json',
      prepack: 'npm run build',
    },
    devDependencies: {typescript: TYPESCRIPT_VERSION},
    specInfo,
  }
  return jsonFileText(manifest)
}

/**
 * Options shared by both builds. `declarationMap` points the declarations at the shipped `src/`;
 * `skipLibCheck: false` and `types: []`: the check covers every declaration and needs no `@types`.
 */
const compilerOptions = {
  target: 'ES2020',
  lib: ['ES2022'],
  strict: true,
  declaration: true,
  declarationMap: true,
  sourceMap: false,
  skipLibCheck: false,
  types: [],
}

/**
 * `generated/tsconfig.json` (ESM build; also the strict, erasable-syntax check) and `tsconfig.cjs.json`.
 *
 * @param headerComment `//` lines put first (tsconfig files may hold comments).
 */
export function tsconfigFiles(headerComment = ''): Record<string, string> {
  const esm = {
    compilerOptions: {
      ...compilerOptions,
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      verbatimModuleSyntax: true,
      erasableSyntaxOnly: true,
      outDir: 'dist/esm',
      rootDir: 'src',
    },
    include: ['src'],
  }
  // CommonJS output: `verbatimModuleSyntax` would forbid the ESM syntax of the sources here.
  const cjs = {
    compilerOptions: {
      ...compilerOptions,
      module: 'CommonJS',
      moduleResolution: 'Node10',
      outDir: 'dist/cjs',
      rootDir: 'src',
    },
    include: ['src'],
  }
  return {
    'tsconfig.json': `${headerComment}${JSON.stringify(esm, null, 2)}\n`,
    'tsconfig.cjs.json': `${headerComment}${JSON.stringify(cjs, null, 2)}\n`,
  }
}

/** `generated/README.md`: usage of the package, and what this build was generated from. */
export function readme(schema: Schema, header: string): string {
  const categories = schema.categories
    .map((category) => {
      const events = category.events
        .map((name) => {
          const event = schema.events.find((candidate) => candidate.name === name)!
          return `${markdownCode(event.tag)}${event.rank === 'main' ? ' (main)' : ''}`
        })
        .join(', ')
      return `- **${markdownText(category.name)}**: ${events}`
    })
    .join('\n')
  const missing = missingBotCommands(schema)
  return `<!-- ${htmlCommentText(header)} -->

# simplex-chat-events

Typed, validated events of the [SimpleX Chat](https://github.com/simplex-chat/simplex-chat) bot API, generated
from its API docs (\`bots/api/EVENTS.md\`, \`TYPES.md\`, \`COMMANDS.md\`) by the \`simplex-events\` generator. Zero runtime
dependencies; ESM and CommonJS; erasable TypeScript (no enums, no value namespaces).

${schema.events.length} events, ${schema.types.length} types, ${schema.commands.length} commands, ${distinctResponses(schema).length} responses.

${missing.length === 0 ? BOT_SECTION : noBotSection(missing)}

## A bot on the client, in 25 lines

\`\`\`ts
import {createChatClient} from 'simplex-chat-events'
import WebSocket from 'ws'

// \`ws\` for Node.js 18 and 20, which have no global WebSocket; on 22+ and in browsers leave \`WebSocket\` out.
const client = createChatClient({url: 'ws://localhost:5225', WebSocket, mode: 'lenient', reconnect: {}})

client.on('newChatItems', async ({chatItems}) => {
  // Lenient mode keeps events of older and newer servers, typed by what was checked: check each field before use.
  if (!Array.isArray(chatItems)) return
  for (const item of chatItems) {
    const chatInfo = item?.chatInfo
    const content = item?.chatItem?.content
    if (content?.type !== 'rcvMsgContent' || content.msgContent?.type !== 'text' || chatInfo?.type !== 'direct') continue
    const chatId = chatInfo.contact?.contactId
    const text = content.msgContent.text
    if (typeof chatId !== 'number' || typeof text !== 'string') continue
    await client.sendOk('APISendMessages', {
      sendRef: {chatType: 'direct', chatId},
      liveMessage: false,
      signMessages: false,
      composedMessages: [{msgContent: {type: 'text', text}, mentions: {}}],
    }) // a chatCmdError reply rejects with a ChatCommandError carrying chatError
  }
})
client.onUnhandled((frame) => console.warn('skipped', frame.reason)) // unknown events, stray replies
client.connect().catch((error: unknown) => console.error(error))
\`\`\`

- \`createChatClient({url, WebSocket?, mode?, timeout?, connectTimeout?, reconnect?, whileDisconnected?})\`:
  \`send(name, params, {timeout?, signal?})\` renders the command with \`commandString\`, assigns a \`corrId\` and resolves with the
  decoded, typed response of that command (the union, \`chatCmdError\` included); \`sendOk\` rejects a
  \`chatCmdError\` with a \`ChatCommandError\` (after \`error instanceof ChatCommandError\`, \`error.chatError\` is a
  \`T.ChatError\`, with TypeScript 5.3 or newer; from a \`lenient\` client read it as \`Lenient<T.ChatError>\`). A timeout, an abort, a closed or dropped connection and a reply
  that does not decode reject with a \`ClientError\` and its \`code\`. Events: \`on(tag, handler)\` narrowed by
  tag, \`off\`, \`once(tag)\`, \`events()\` (an async iterator), \`onAny\`; frames that are neither a pending
  reply nor a known event go to \`onUnhandled\`; a handler that throws goes to \`onError\`; \`onState\` for
  \`connecting\` / \`open\` / \`reconnecting\` / \`closed\`. \`close()\` rejects what is pending and leaves no timer.
  Frames are routed by the rules of \`decodeFrame\` (below): a response without \`corrId\` is reported as
  \`uncorrelated-response\`, a malformed envelope as \`malformed\`.
- Connecting: a socket not open within \`connectTimeout\` (default 10 s; 0 for none) is closed and the attempt
  fails, so a server that accepts and never answers cannot hang \`connect()\`. \`reconnect: {initialDelay?,
  maxDelay?, factor?, jitter?, stableAfter?, maxAttempts?}\` retries with exponential backoff; the backoff starts
  over only after a connection stayed up \`stableAfter\` (default 5 s), and after \`maxAttempts\` consecutive
  failed attempts (default: no limit) the client closes, rejecting \`connect()\` and what is pending with
  \`disconnected\`.

## Install and build

The package is generated into \`generated/\` of the simplex-events repository. To use it in a bot, build and
pack it from the repository's root (one build, with the repository's TypeScript; \`generated/\` is left as it is):

\`\`\`sh
npm ci && npm run pack:generated   # dist-pkg/simplex-chat-events-<version>.tgz: dist/esm, dist/cjs and their .d.ts
cd ../my-bot && npm install ../simplex-events/dist-pkg/simplex-chat-events-*.tgz ws
\`\`\`

Zero runtime dependencies; \`ws\` is only needed on Node.js 18 and 20 (no global \`WebSocket\`), as the bot above
passes it. ESM
(\`import {decodeChatEvent} from 'simplex-chat-events'\`: \`dist/esm\`) and CommonJS
(\`require('simplex-chat-events')\`: \`dist/cjs\`), each with its own declarations (\`exports\` conditions \`import\` and
\`require\`). Node.js 18 or newer: the examples of this README run as written on each (the bot passes \`ws\`);
TypeScript 5.0 or newer for the types (\`export type * as T\`), with any \`moduleResolution\` (\`nodenext\`,
\`bundler\`, \`node10\`). A program that loads both builds holds two copies of the code: a \`DecodeError\` thrown by
one is not \`instanceof\` the other's class, but its \`name\` is \`"DecodeError"\` in both.

## Decode frames

\`\`\`ts
import {decodeFrame, isNewChatItems} from 'simplex-chat-events'

export function onMessage(data: string): void {
  const frame = decodeFrame(data)
  // '{"resp":{"type":"newChatItems","chatItems":[]}}' gives: $.resp.user: missing (expected User object)
  if (frame.kind === 'error') return console.warn(frame.error.message)
  if (frame.kind === 'unknown') return // a message type this version of the docs does not list
  if (frame.kind === 'response') return console.log(frame.corrId, frame.response.type) // the answer to a command
  if (isNewChatItems(frame.event)) {
    for (const {chatItem} of frame.event.chatItems) console.log(chatItem.meta.itemTs)
  }
}
\`\`\`

- \`decodeFrame(text, options?)\`: \`{"corrId"?, "resp"}\` text in; out \`{kind: "event", event, issues}\` (no
  \`corrId\`), \`{kind: "response", corrId, response, issues}\` (a frame with a \`corrId\` answers a command: its
  \`resp\` is decoded as a response of COMMANDS.md, so \`groupUpdated\` gets the response's fields, not the event's;
  also a frame without \`corrId\` whose tag is a response and no event), \`{kind: "unknown", corrId, type, resp}\`
  (a tag the docs do not list there, left undecoded), or \`{kind: "error", error, issues}\`. A \`corrId\` is a
  non-empty string: \`null\`, \`""\` or a number makes the frame an \`error\` at \`$.corrId\` (the core omits an
  absent one). Before 0.2 a response
  was \`{kind: "reply", ...}\`, undecoded.
- \`decodeChatEvent(value, options?)\` / \`decodeChatEventJson(text, options?)\`: an event from a parsed value or
  JSON text. Result: \`{ok: true, value, issues}\` or \`{ok: false, error, issues}\`; never throws. An unknown
  event tag gives \`error.code === "unknown-event"\`.
- \`assertChatEvent(value, options?)\`: the same, throwing a \`DecodeError\` (with \`.issues\`).
- \`decode<Type>(value, options?)\` for every type of TYPES.md (\`decodeUser\`, \`decodeChatItem\`, ...).

Each issue has \`code\` (\`missing\`, \`type\`, \`unknown-tag\`, \`unknown-enum\`, \`extra\`, \`unknown-event\`, \`unknown-response\`, \`syntax\`,
\`depth\`, \`unreadable\`, \`bad-option\`), \`path\` (\`$.chatItems[0].chatItem.meta.itemTs\`), \`expected\`, \`found\` and
\`message\`. A result lists at most \`maxIssues\` issues (option, default 100, \`Infinity\` for all); \`truncated\` counts the
others, which are never built (a \`DecodeError\` message ends \`... and N more issues\`). An unknown \`mode\`, a non-boolean
\`allErrors\` or a bad \`maxIssues\` is a \`bad-option\` failure, never a silent default.

### Never throws: what the decoders read

The decoders and the \`isValid*\` guards read JSON data, what \`JSON.parse\` makes: objects whose prototype is
\`Object.prototype\` or \`null\`, arrays, primitives. An object with another prototype (a class instance,
\`Object.create(proto)\`) is not a JSON object (\`type\`, found \`a non-plain object\`), so an inherited field never counts.
An object's fields are its own enumerable keys (what \`JSON.stringify\` writes): a non-enumerable required field is
\`missing\`, and strict mode rejects an object with non-enumerable or symbol-keyed properties. Anything reading a value
throws (a getter, a Proxy trap, a revoked Proxy) is caught and reported as \`unreadable\` at that value's path; it fails
the result in every mode, and guards return \`false\`. Only the engine's own stack overflow (compared with one it provokes
once: same class and message, so a getter throwing an exact copy counts too) is \`depth\`, at \`$\`. \`decodeFrame\` turns
a non-string into text as \`JSON.parse\` would (a \`Buffer\` works).

### Modes (\`options.mode\`)

- \`"strict"\`: any deviation fails, fields the docs do not list included.
- \`"default"\`: fields the docs do not list are allowed and left in place; everything the docs describe must
  match. Stops at the first issue unless \`allErrors: true\`. Within an object, a missing required field comes
  first, then the fields in the order the object has them.
- \`"lenient"\`: for a server newer or older than the docs. Keeps the event when its tag is known and lists every
  missing field, unknown union tag or enum value and wrong primitive in \`issues\`. The value's type says only what
  was checked: \`Lenient<T>\` (\`LenientKnown<T>\` for events and responses), when \`mode: 'lenient'\` is written as a
  literal (decoders, \`decodeFrame\`, \`createChatClient\`). Every field but a union member's \`type\` is optional,
  unions are open (an \`UnknownMember\`: a \`switch\` needs its \`default\`), a leaf is \`Unchecked<T>\` (check it with
  \`typeof\` or \`===\`), an object inside may be \`null\`, an array inside something else (\`Array.isArray\` first).
  \`default\` and \`strict\` keep the docs' types; a precise value is assignable to its lenient type.
  The client groups issues by shape (tag, code, path with array positions as \`[]\`, expected) and tells
  \`client.onIssueShape(handler)\` each shape once, to log what a server sends that the docs do not say once per
  kind of difference; \`client.issueShapes()\` lists them with counts (\`createIssueShapes()\` outside the client).

Numbers: \`int\`, \`int64\` and \`word32\` must be integers (\`word32\` from 0 to 2^32 - 1), \`double\` a finite number;
\`JSON.parse\` rounds integers beyond 2^53, which no id of the chat core reaches in practice. \`UTCTime\` must be an
RFC 3339 timestamp that exists: month 01-12, a day of that month (leap years), hour 00-23, minute 00-59, second 00-60
(a leap second), offset up to ±23:59.

## Commands and responses

\`\`\`ts
import {commandString, decodeCommandResponse, type CommandResponse, type T} from 'simplex-chat-events'

const sendRef: T.ChatRef = {chatType: 'group', chatId: 7, chatScope: {type: 'memberSupport', groupMemberId_: 12}}
const composedMessages: T.ComposedMessage[] = [{msgContent: {type: 'text', text: 'hi'}, mentions: {}}]
export const cmd = commandString('APISendMessages', {sendRef, liveMessage: false, signMessages: false, composedMessages})
// '/_send #7(_support:12) json [{"msgContent":{"type":"text","text":"hi"},"mentions":{}}]', sent as {corrId, cmd}

export function onReply(resp: unknown): void {
  const result = decodeCommandResponse('APISendMessages', resp) // only newChatItems or chatCmdError decode
  if (!result.ok) return console.warn(result.error.message)
  const response: CommandResponse<'APISendMessages'> = result.value
  if (response.type === 'newChatItems') console.log(response.chatItems.length)
  else console.warn(response.chatError.type) // response: CR.ChatCmdError
}
\`\`\`

- \`commandString(name, params)\`: the command string of any command of COMMANDS.md, typed by \`name\`
  (\`params: CC.APISendMessages\`); built exactly as the docs' own \`**Syntax**:\` JavaScript builds it. Also one
  function per command (\`apiSendMessagesCmdString(params)\`) and per type with a syntax (\`chatRefCmdString\`,
  \`chatTypeCmdString\`, ...). Where the docs use an optional parameter unconditionally (\`APIConnectPlan\`'s
  \`connectTarget\`: \`'/_connect plan ' + userId + ' ' + connectTarget\`), the parameter type requires it, so no
  call compiles that would send \`"undefined"\` in the text; the docs' \`?\` is kept in the parameter's comment.
- \`parseCommand(text)\`: the inverse of \`commandString\` (for tests and fake cores):
  \`parseCommand('/_send @5 json []')\` gives \`{ok: true, name: 'APISendMessages', params}\`, narrowed by \`name\` to
  \`CC.APISendMessages\`, or \`{ok: false, error: {message, offset}}\`. Never throws, linear in the text's length.
  What the syntax does not write comes back as its tests imply (an omitted \`live=on\` is \`liveMessage: false\`, an
  omitted optional is absent); JSON parameters are parsed and their kind checked (an array, an object), not their fields.
- Types: \`CC.<Command>\` (parameters), \`CR.<Response>\` (one per response tag; \`CR.GroupUpdated\` is not
  \`CEvt.GroupUpdated\`), \`ChatResponse\`, \`ChatCommandName\`, \`CommandResponse<N>\`; \`chatCommandNames\` and
  \`chatResponseTags\` as data.
- \`decodeChatResponse(value, options?)\`: any response; a tag COMMANDS.md does not list (nor the generator's
  overlay adds: a response real servers send that no doc version documents, marked so in its doc comment) fails with
  \`error.code === "unknown-response"\` in every mode. \`decodeCommandResponse(name, value, options?)\`: only the
  responses of command \`name\` (another command's response is \`unknown-response\` too). Same modes and issues as events.
- \`is<Response>Response(response)\` narrows a \`ChatResponse\` (\`isChatCmdErrorResponse\`); \`isValidChatResponse(value)\`
  checks deeply.

## Types and guards

\`\`\`ts
import type {ChatEvent, CEvt, T} from 'simplex-chat-events'
import {createDispatcher, isValidUser} from 'simplex-chat-events'

export type AnyUser = T.User              // types of TYPES.md live in T (T.ChatError is the type)
export type ErrorEvent = CEvt.ChatError   // events of EVENTS.md live in CEvt (CEvt.ChatError is the event)
export const isUser = (value: unknown) => isValidUser(value) // value is T.User

export const dispatch = createDispatcher<ChatEvent>({
  newChatItems: (event) => console.log(event.chatItems.length), // event: CEvt.NewChatItems
  contactConnected: (event) => console.log(event.contact.localDisplayName),
})
\`\`\`

- \`is<Event>(event)\`: narrows a \`ChatEvent\` by its tag (\`isNewChatItems\`, \`isContactConnected\`, ...).
- \`isValid<Type>(value)\` and \`isValidChatEvent(value)\`: deep checks of an \`unknown\` value (default mode).
- \`chatEventTags\`, \`eventCategories\`, and \`<enum>Values\` arrays (\`chatTypeValues\`) as data.
- \`specInfo\` (type \`SpecInfo\`): what this build was generated from: each doc version (\`versions\`), each document's
  sha256 and the upstream commit (\`commit.url\`) or URL it came from, and the overlay's sha256; \`package.json\` holds the
  same under \`specInfo\`. Links in doc comments point at the documents at that commit.
- \`schema.json\` (\`simplex-chat-events/schema.json\`): the same types as JSON Schema draft 2020-12; the root is
  \`ChatEvent\`, and \`$defs\` also holds \`ChatResponse\`, each response (\`CR.*\`) and each command's parameters (\`CC.*\`).

## Testing your bot

\`simplex-chat-events/testing\` is a test kit: typed fixtures of every event, response, command and type, and a
fake chat core on loopback that reads your bot's commands back as typed values. A complete vitest test:

\`\`\`ts
import {expect, it} from 'vitest'
import WebSocket from 'ws'
import {createChatClient} from 'simplex-chat-events'
import {createFakeCore, fixtures} from 'simplex-chat-events/testing'

// The bot under test: it answers /help from a contact.
function startBot(url: string) {
  const client = createChatClient({url, WebSocket, mode: 'strict'})
  client.on('newChatItems', async ({chatItems}) => {
    for (const {chatInfo, chatItem} of chatItems) {
      const {content} = chatItem
      if (chatInfo.type !== 'direct' || content.type !== 'rcvMsgContent' || content.msgContent.type !== 'text') continue
      if (content.msgContent.text !== '/help') continue
      await client.sendOk('APISendMessages', {
        sendRef: {chatType: 'direct', chatId: chatInfo.contact.contactId},
        liveMessage: false,
        signMessages: false,
        composedMessages: [{msgContent: {type: 'text', text: 'I answer /help'}, mentions: {}}],
      })
    }
  })
  return client
}

it('answers /help from a contact, to that contact', async () => {
  const core = await createFakeCore() // a WebSocket server on 127.0.0.1: needs \`ws\` installed
  const bot = startBot(core.url)
  await bot.connect()
  core.emit(fixtures.textMessage('/help', {contactId: 5}))
  const sent = await core.nextCommand('APISendMessages') // typed: sent.params is CC.APISendMessages
  expect(sent.params.sendRef).toEqual({chatType: 'direct', chatId: 5})
  expect(sent.params.composedMessages[0]?.msgContent).toEqual({type: 'text', text: 'I answer /help'})
  await bot.close()
  await core.close()
})
\`\`\`

- \`fixtures.<eventTag>(overrides?, options?)\` for every event (\`fixtures.newChatItems({...})\`),
  \`fixtures.response(tag, ...)\`, \`fixtures.value(typeName, ...)\` (\`fixtures.value('User', {...})\`) and
  \`fixtures.parameters(commandName, ...)\`: valid by construction (each decodes in \`strict\` mode). Minimal by default
  (required fields, the first member of each union, the first enum value, empty arrays and maps); \`{full: true}\` fills
  every optional field and puts one element in each array and map. Overrides are a typed deep partial: a union takes the
  member the override's \`type\` names (\`{chatInfo: {type: 'group'}}\` builds a group chat), an array replaces the default
  (each element built from its own partial). Deterministic (\`{seed}\`, default 1: same seed, same fixture); within one
  fixture every id field of one name (\`contactId\`, \`groupId\`) has one value and every timestamp is the same.
- The cases bots meet most: \`fixtures.textMessage(text, {contactId?})\`, \`groupMessage(text, {groupId?})\`,
  \`contactRequest()\`, \`groupInvitation({contactId?, groupId?})\`, \`fileOffer(fileName, fileSize)\`.
- \`createFakeCore({WebSocketServer?, port?, seed?, maxCommands?, maxPayload?, timeout?})\`: \`core.url\` (a free port on
  127.0.0.1), \`core.commands\` (every command: \`corrId\`, \`cmd\`, and \`name\` and \`params\` as \`parseCommand\` reads them;
  \`name\` \`undefined\` and \`error\` what it expected for a string it does not read, answered with a \`chatCmdError\`
  saying so; a handler that throws is answered with one carrying its message), \`await core.nextCommand(name)\`
  (each command once, in order; rejects after \`timeout\`, default 5 s, naming what did arrive). Each command is answered
  with what \`core.on(name, (params, command) => response)\` returns (typed by that command's responses; a promise
  holds the answer back until it settles), or by default
  with a valid response from the fixtures: \`APISendMessages\` with the items it sent, in the chat it named; any other
  command with the first response the docs list for it. \`core.emit(event)\` pushes an event,
  \`core.replay(frames)\` sends recorded frames as they are; faults: \`core.fault(name | '*', 'never' | 'drop' | {delay:
  ms} | null)\`, \`core.dropConnections()\`, \`core.restart()\` (same port), \`core.refuseConnections({code, reason} |
  null)\` (each new connection closed at once). With \`'never'\` a test answers held commands itself:
  \`core.reply(command, response, {corrId?})\` (out of order, twice, or under a corrId no command has), after
  \`await core.waitForCommands(count)\`. \`core.close()\` cuts every connection,
  clears its timers and rejects what waits. Bounded: at most \`maxCommands\` (10,000) kept, frames up to \`maxPayload\`
  (1 MiB).
- The fake core needs a WebSocket server, which Node.js does not have (only a client, from 22 on): install \`ws\` as a dev
  dependency (\`npm install --save-dev ws\`); it is loaded with a dynamic \`import('ws')\` only when a fake core starts, or
  pass \`WebSocketServer\` from it. The package itself keeps zero runtime dependencies, and the fixtures need nothing.

## Events by category

${categories}

## License

AGPL-3.0-only, as the upstream documentation these types are generated from.
`
}

/** The README's first section where the spec has every command the bot sends: `createBot`. */
const BOT_SECTION = `## A bot in 10 lines

\`\`\`ts
import {createBot} from 'simplex-chat-events'
import WebSocket from 'ws'

// \`ws\` for Node.js 20, which has no global WebSocket; on 22+ and in browsers leave \`WebSocket\` out.
const bot = createBot({url: 'ws://localhost:5225', WebSocket, profile: {displayName: 'echo'}, address: {welcome: 'Hello!'}})
bot.command('help', (ctx) => ctx.reply('Send me any text: I send it back.'))
bot.onMessage((ctx) => ctx.reply(ctx.text), {contentType: 'text'})
const {address} = await bot.start({signals: true}) // Ctrl-C: a clean stop, no process.exit
console.log('connect at', address?.connLinkContact.connFullLink)
\`\`\`

- \`createBot({url, WebSocket?, mode?, profile, address?, commands?, files?, stopTimeout?})\`, on
  \`createChatClient\` (every client option applies). \`await bot.start({signals?})\` connects and makes the core
  match the options with the commands of COMMANDS.md: the active user (\`ShowActiveUser\`, created with
  \`CreateActiveUser\` if none), the address (\`APIShowMyAddress\`, \`APICreateMyAddress\` if none,
  \`APISetAddressSettings\` when its settings differ: \`autoAccept\` default \`true\`, \`welcome\`, \`business\`), the
  profile (\`APIUpdateProfile\` when it differs: \`peerType: 'bot'\`, \`commands\` as the menu's \`ChatBotCommand\`s);
  resolves with \`{user, address}\`. A second start on a core already set up only reads. A failed step rejects
  with a \`BotStartError\` (\`step\`, \`command\`, \`response\`).
- \`bot.command(keyword, handler)\` takes \`/keyword args\` (read by \`parseBotCommand\`: the keyword ends at white
  space; \`args\` is the rest, trimmed; \`argv\` splits it, \`"..."\` and \`'...'\` keeping spaces, \`\\\` escaping in
  \`"..."\`); \`bot.onMessage(handler, {contentType?, text?, chat?})\` every other received message;
  \`bot.on(tag, handler)\` any event, narrowed as the client's. Handlers get \`{chat, chatRef, chatItem, text,
  content, sender, reply(text | MsgContent), react(emoji)}\`; one that throws goes to \`bot.onError(error, event)\`.
- \`bot.sendText(chatRef, text, {replyTo?})\`, \`bot.reply(chatItem, content)\`; \`bot.sendFile(chatRef, path)\`
  resolves with that item's own \`sndFileCompleteXFTP\` (rejects with a \`FileTransferError\` on its
  \`sndFileError\`); \`bot.receiveFile(chatItem)\` resolves with the path on that item's \`rcvFileComplete\`: matched
  by chat item id or file id, never by contact.
- \`await bot.stop()\` stops taking events, rejects pending file waits with a \`BotStoppedError\`, waits for running
  handlers (at most \`stopTimeout\`, default 10 s) and closes the client: nothing is left running.`

/** Where the spec lacks a command the bot sends: why this build has no \`createBot\`. */
function noBotSection(missing: readonly string[]): string {
  return `## No bot layer in this build

\`createBot\` needs ${missing.map(markdownCode).join(', ')}, which these docs' COMMANDS.md does not have; the client
(\`createChatClient\`) below has every command it does have.`
}
