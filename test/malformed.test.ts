/**
 * Malformed documents: each case is one small edit of the real pinned document
 * (spec/EVENTS.md, spec/TYPES.md or spec/COMMANDS.md), made in memory. The parser must name the
 * problem at the right `file:line:column`, and `simplex-events schema --spec DIR`
 * on the edited folder must exit 2 with that location on stderr and nothing on stdout.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterAll, describe, expect, it} from 'vitest'
import {memoByContent} from './support/content-memo.js'
import {runCliCapturing} from './support/run-cli.js'
import {buildSchema} from '../generator/pipeline.js'

type FileName = 'EVENTS.md' | 'TYPES.md' | 'COMMANDS.md'
const FILE_NAMES: readonly FileName[] = ['EVENTS.md', 'TYPES.md', 'COMMANDS.md']

const SPEC = path.resolve(import.meta.dirname, '..', 'spec')
const ORIGINAL: Record<FileName, string> = {
  'EVENTS.md': fs.readFileSync(path.join(SPEC, 'EVENTS.md'), 'utf8'),
  'TYPES.md': fs.readFileSync(path.join(SPEC, 'TYPES.md'), 'utf8'),
  'COMMANDS.md': fs.readFileSync(path.join(SPEC, 'COMMANDS.md'), 'utf8'),
}

interface Located {
  file: string
  line: number
  column: number
  reason: string
  ruleId: string
}

interface MalformedCase {
  title: string
  file: FileName
  /** Exact text of the real document (it must occur exactly once) ... */
  find: string
  /** ... and what it becomes. */
  replace: string
  /**
   * The line the error points at: a line of `replace` (counted from where the edit
   * starts in the real document; its `nth` occurrence there when it repeats), or a
   * line found (once) in the edited document.
   */
  at: {lineOfEdit: string; nth?: number} | {lineOfDocument: string}
  /** The column: a number, or the text in front of the offending token on that line. */
  column: number | {after: string}
  reason: string
  ruleId: string
  /**
   * `only` (default): the error is the only one. `section`: the edit breaks one
   * section, so follow-up errors are allowed but only inside the edited section.
   */
  scope?: 'only' | 'section'
  /** Further errors the edit rightly causes elsewhere (e.g. in the table of contents). */
  also?: (edited: EditedDocument) => Omit<Located, 'file'>[]
}

interface EditedDocument {
  text: string
  lines: string[]
  /** 1-based line where the edit starts. */
  editLine: number
  /** 1-based line of the only line of the edited document equal to `text`. */
  lineOf(text: string): number
}

/** Apply a case's edit to the real document, checking the edit really happened. */
function applyEdit(testCase: MalformedCase): EditedDocument {
  const original = ORIGINAL[testCase.file]
  const index = original.indexOf(testCase.find)
  expect(index, `\`${testCase.find}\` must occur in ${testCase.file}`).toBeGreaterThanOrEqual(0)
  expect(
    original.indexOf(testCase.find, index + 1),
    `\`${testCase.find}\` must occur only once in ${testCase.file}`,
  ).toBe(-1)
  const text = original.slice(0, index) + testCase.replace + original.slice(index + testCase.find.length)
  expect(text).not.toBe(original)
  const lines = text.split('\n')
  return {
    text,
    lines,
    editLine: original.slice(0, index).split('\n').length,
    lineOf(wanted: string): number {
      const found = lines.flatMap((line, at) => (line === wanted ? [at + 1] : []))
      expect(found, `\`${wanted}\` must be exactly one line of the edited ${testCase.file}`).toHaveLength(1)
      return found[0]!
    },
  }
}

/** Where `testCase` expects its error, in the edited document. */
function expectedError(testCase: MalformedCase, edited: EditedDocument): Located {
  let line: number
  if ('lineOfEdit' in testCase.at) {
    const {lineOfEdit, nth} = testCase.at
    const offsets = testCase.replace.split('\n').flatMap((text, offset) => (text === lineOfEdit ? [offset] : []))
    if (nth === undefined)
      expect(offsets, `\`${lineOfEdit}\` must be exactly one line of the replacement`).toHaveLength(1)
    const offset = offsets[(nth ?? 1) - 1]
    expect(offset, `\`${lineOfEdit}\` must occur ${nth ?? 1} time(s) in the replacement`).toBeDefined()
    line = edited.editLine + offset!
  } else {
    line = edited.lineOf(testCase.at.lineOfDocument)
  }
  let column: number
  if (typeof testCase.column === 'number') {
    column = testCase.column
  } else {
    expect(edited.lines[line - 1]!.startsWith(testCase.column.after)).toBe(true)
    column = testCase.column.after.length + 1
  }
  return {file: testCase.file, line, column, reason: testCase.reason, ruleId: testCase.ruleId}
}

function documentsWith(testCase: MalformedCase, edited: EditedDocument): Record<FileName, string> {
  return {...ORIGINAL, [testCase.file]: edited.text}
}

/**
 * The errors of the edited documents (`fatalOnly`), or every message: the real COMMANDS.md has warnings
 * (see commands-document.test.ts), which vfile-reporter prints with the errors.
 */
function errorsOf(documents: Record<FileName, string>, fatalOnly = true): Located[] {
  const {ok, messages} = builtMessages(documents)
  expect(ok).toBe(false)
  return messages.filter((message) => !fatalOnly || message.fatal).map(({fatal: _, ...located}) => located)
}

/** Every message of `buildSchema` on the documents: built once per case, for both of its tests that read them. */
const builtMessages = (documents: Record<FileName, string>) =>
  memoByContent(
    'malformed buildSchema',
    FILE_NAMES.map((name) => documents[name]),
    () => {
      const result = buildSchema({
        events: new VFile({path: 'EVENTS.md', value: documents['EVENTS.md']}),
        types: new VFile({path: 'TYPES.md', value: documents['TYPES.md']}),
        commands: new VFile({path: 'COMMANDS.md', value: documents['COMMANDS.md']}),
      })
      const messages = result.files.flatMap((file) =>
        file.messages.map((message) => ({
          file: String(file.path),
          line: message.line ?? 0,
          column: message.column ?? 0,
          reason: message.reason,
          ruleId: message.ruleId ?? '',
          fatal: message.fatal === true,
        })),
      )
      return {ok: result.ok, messages}
    },
  )

/** Lines of the section (`## ...` in TYPES.md, `### ...` in EVENTS.md) the edit falls in: [first, last]. */
function sectionAround(testCase: MalformedCase, edited: EditedDocument): [number, number] {
  const heading = testCase.file === 'TYPES.md' ? /^## / : /^###? /
  let first = edited.editLine
  while (first > 1 && !heading.test(edited.lines[first - 1]!)) first--
  let last = edited.editLine + testCase.replace.split('\n').length - 1
  while (last < edited.lines.length && !heading.test(edited.lines[last]!)) last++
  return [first, last]
}

const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, {recursive: true, force: true})
})

async function runSchemaCommand(documents: Record<FileName, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simplex-events-malformed-'))
  tempDirs.push(dir)
  for (const [name, text] of Object.entries(documents)) fs.writeFileSync(path.join(dir, name), text)
  return runCliCapturing('schema', '--spec', dir)
}

/**
 * The located messages of vfile-reporter output, as `FILE.md:LINE:COL` plus the
 * rest of the message line. Reads both layouts: one message per line with its file
 * (`EVENTS.md:12:5  error  ...`), and messages grouped under a file header line
 * (`/tmp/x/EVENTS.md` then `12:5  error  ...`, what vfile-reporter 8 prints).
 */
function diagnosticsOnStderr(stderr: string): {at: string; text: string}[] {
  const found: {at: string; text: string}[] = []
  let file: string | undefined
  for (const line of stderr.split('\n')) {
    const inline = /^(?:.*[\\/])?([^\\/\s]+\.md):(\d+):(\d+)(?:-\d+:\d+)?\s+(.*)$/.exec(line.trim())
    const grouped = /^(\d+):(\d+)(?:-\d+:\d+)?\s+(.*)$/.exec(line.trim())
    const header = /^(?:.*[\\/])?([^\\/\s]+\.md)$/.exec(line.trim())
    if (inline) found.push({at: `${inline[1]}:${inline[2]}:${inline[3]}`, text: inline[4]!})
    else if (grouped && file) found.push({at: `${file}:${grouped[1]}:${grouped[2]}`, text: grouped[3]!})
    else if (header) file = header[1]
  }
  return found
}

const BLOCKING_REASON = '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n'

const CASES: MalformedCase[] = [
  {
    title: 'unknown primitive `int32`',
    file: 'TYPES.md',
    find: '- businessAddress: bool\n',
    replace: '- businessAddress: int32\n',
    at: {lineOfEdit: '- businessAddress: int32'},
    column: {after: '- businessAddress: '},
    reason:
      'Unknown primitive type `int32` (expected a link to a type or one of bool, string, int, int64, word32, double, JSONObject, UTCTime)',
    ruleId: 'field-line',
  },
  {
    title: 'dangling link: a reference to a type TYPES.md does not define',
    file: 'EVENTS.md',
    find: '- userCustomProfile: [Profile](./TYPES.md#profile)?\n',
    replace: '- userCustomProfile: [Profyle](./TYPES.md#profyle)?\n',
    at: {lineOfEdit: '- userCustomProfile: [Profyle](./TYPES.md#profyle)?'},
    column: 1,
    reason: 'Unknown type `Profyle` referenced in event `ContactConnected` (no `## Profyle` in TYPES.md)',
    ruleId: 'dangling-reference',
  },
  {
    title: 'duplicate type: a second `## BlockingReason` section',
    file: 'TYPES.md',
    find: '## BrokerErrorType\n',
    replace: '## BlockingReason\n\n**Enum type**:\n- "spam"\n\n\n---\n\n## BrokerErrorType\n',
    at: {lineOfEdit: '## BlockingReason'},
    column: 1,
    reason: 'Duplicate type `BlockingReason`',
    ruleId: 'duplicate-type',
  },
  {
    title: 'union member without its tag line',
    file: 'TYPES.md',
    find: 'CMD:\n- type: "CMD"\n- cmdErr: [CommandErrorType](#commanderrortype)\n',
    replace: 'CMD:\n- cmdErr: [CommandErrorType](#commanderrortype)\n',
    at: {lineOfEdit: '- cmdErr: [CommandErrorType](#commanderrortype)'},
    column: 1,
    reason: 'Expected the tag line `type: "..."` first in member `CMD` of type `AgentErrorType`',
    ruleId: 'missing-tag',
  },
  {
    title: 'union member name without a field list',
    file: 'TYPES.md',
    find: 'DECRYPT_CB:\n- type: "DECRYPT_CB"\n',
    replace: 'DECRYPT_CB:\n',
    at: {lineOfEdit: 'DECRYPT_CB:'},
    column: 1,
    reason: 'Union member `DECRYPT_CB` has no field list (expected `- type: "..."`)',
    ruleId: 'union-member',
  },
  {
    title: 'field line without a colon',
    file: 'TYPES.md',
    find: '- businessAddress: bool\n',
    replace: '- businessAddress bool\n',
    at: {lineOfEdit: '- businessAddress bool'},
    column: {after: '- businessAddress '},
    reason: 'Expected `:` after the field name `businessAddress`',
    ruleId: 'field-line',
  },
  {
    title: "a stray list after an event's field list",
    file: 'EVENTS.md',
    find: '- userCustomProfile: [Profile](./TYPES.md#profile)?\n',
    replace: '- userCustomProfile: [Profile](./TYPES.md#profile)?\n\n* extra: bool\n',
    at: {lineOfEdit: '* extra: bool'},
    column: 1,
    reason: 'Unexpected list after the fields of event `ContactConnected`',
    ruleId: 'unexpected-block',
  },
  {
    title: 'unclosed bracket `[[AChatItem](...)`',
    file: 'EVENTS.md',
    find: 'Received message(s).\n\n**Record type**:\n- type: "newChatItems"\n- user: [User](./TYPES.md#user)\n- chatItems: [[AChatItem](./TYPES.md#achatitem)]\n',
    replace:
      'Received message(s).\n\n**Record type**:\n- type: "newChatItems"\n- user: [User](./TYPES.md#user)\n- chatItems: [[AChatItem](./TYPES.md#achatitem)\n',
    at: {lineOfEdit: '- chatItems: [[AChatItem](./TYPES.md#achatitem)'},
    column: {after: '- chatItems: [[AChatItem](./TYPES.md#achatitem)'},
    // The outer `[` opens at column 14 of that line; its line is filled in below.
    reason: 'Expected `]` to close the array opened at LINE:14, found the end of the line',
    ruleId: 'field-line',
  },
  {
    title: 'enum value that is not a string',
    file: 'TYPES.md',
    find: BLOCKING_REASON,
    replace: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- content\n',
    at: {lineOfEdit: '- content'},
    column: {after: '- '},
    reason: 'Expected an enum value as a quoted string',
    ruleId: 'enum-value',
  },
  {
    title: 'duplicate enum value',
    file: 'TYPES.md',
    find: BLOCKING_REASON,
    replace: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n- "spam"\n',
    at: {lineOfEdit: '- "spam"', nth: 2},
    column: 1,
    reason: 'Duplicate value "spam" in enum type `BlockingReason`',
    ruleId: 'duplicate-value',
  },
  {
    title: 'duplicate union tag (reported at the member that repeats it)',
    file: 'TYPES.md',
    find: 'DECRYPT_CB:\n- type: "DECRYPT_CB"\n',
    replace: 'DECRYPT_CB:\n- type: "DECRYPT_AES"\n',
    at: {lineOfEdit: 'DECRYPT_CB:'},
    column: 1,
    reason: 'Duplicate tag `DECRYPT_AES` in union type `AgentCryptoError`',
    ruleId: 'duplicate-tag',
  },
  {
    title: 'duplicate event tag (reported at the heading of the event that repeats it)',
    file: 'EVENTS.md',
    find: '- type: "contactUpdated"\n',
    replace: '- type: "contactConnected"\n',
    at: {lineOfDocument: '### ContactUpdated'},
    column: 1,
    reason: 'Duplicate event tag `contactConnected` (event `ContactUpdated`)',
    ruleId: 'duplicate-tag',
  },
  {
    title: 'unknown section marker `**Foo type**:`',
    file: 'TYPES.md',
    find: BLOCKING_REASON,
    replace: '## BlockingReason\n\n**Foo type**:\n- "spam"\n- "content"\n',
    at: {lineOfEdit: '**Foo type**:'},
    column: 1,
    reason:
      'Unknown section `**Foo type**:` in type `BlockingReason` (expected Record type, Discriminated union type or Enum type)',
    ruleId: 'unknown-kind',
    scope: 'section',
  },
  {
    title: 'event missing from the table of contents',
    file: 'EVENTS.md',
    find: '  - [ContactUpdated](#contactupdated)\n',
    replace: '',
    at: {lineOfDocument: '### ContactUpdated'},
    column: 1,
    reason: 'Event `ContactUpdated` is missing from the table of contents',
    ruleId: 'toc',
  },
  {
    title: 'type with no kind marker',
    file: 'TYPES.md',
    find: BLOCKING_REASON,
    replace: '## BlockingReason\n\nWhy a member was blocked.\n',
    at: {lineOfEdit: '## BlockingReason'},
    column: 1,
    reason:
      'Type `BlockingReason` has no kind (expected `**Record type**:`, `**Discriminated union type**:` or `**Enum type**:`)',
    ruleId: 'type-kind',
    scope: 'section',
  },
  {
    title: 'unexpected heading depth `#### BlockingReason` in TYPES.md',
    file: 'TYPES.md',
    find: BLOCKING_REASON,
    replace: BLOCKING_REASON.replace('## ', '#### '),
    at: {lineOfEdit: '#### BlockingReason'},
    column: 1,
    reason: 'Unexpected heading `#### BlockingReason` in type `BlockingInfo`',
    ruleId: 'unexpected-block',
    scope: 'section',
    // With no `## BlockingReason` left, its table-of-contents entry points nowhere.
    also: (edited) => [
      {
        line: edited.lineOf('- [BlockingReason](#blockingreason)'),
        column: 1,
        reason: 'Type `BlockingReason` is in the table of contents but has no section',
        ruleId: 'toc',
      },
    ],
  },
  {
    title: 'map with a non-string key',
    file: 'TYPES.md',
    find: '- mentions: {string : [CIMention](#cimention)}\n',
    replace: '- mentions: {int64 : [CIMention](#cimention)}\n',
    at: {lineOfEdit: '- mentions: {int64 : [CIMention](#cimention)}'},
    column: {after: '- mentions: {'},
    reason: 'Expected `string` as the key type of a map',
    ruleId: 'field-line',
  },
  {
    title: 'duplicate field in a record',
    file: 'TYPES.md',
    find: '- businessAddress: bool\n',
    replace: '- businessAddress: bool\n- businessAddress: bool\n',
    at: {lineOfEdit: '- businessAddress: bool', nth: 2},
    column: 1,
    reason: 'Duplicate field `businessAddress` in type `AddressSettings`',
    ruleId: 'duplicate-field',
  },
  {
    title: 'table-of-contents link with the wrong anchor',
    file: 'EVENTS.md',
    find: '  - [ContactUpdated](#contactupdated)\n',
    replace: '  - [ContactUpdated](#contact-updated)\n',
    at: {lineOfEdit: '  - [ContactUpdated](#contact-updated)'},
    column: 3,
    reason: 'Link `ContactUpdated` points at `#contact-updated`, expected `#contactupdated`',
    ruleId: 'anchor',
  },
  {
    title: 'event without its `**Record type**:` list',
    file: 'EVENTS.md',
    find: '**Record type**:\n- type: "contactUpdated"\n- user: [User](./TYPES.md#user)\n- fromContact: [Contact](./TYPES.md#contact)\n- toContact: [Contact](./TYPES.md#contact)\n',
    replace: '',
    at: {lineOfDocument: '### ContactUpdated'},
    column: 1,
    reason: 'Event `ContactUpdated` has no `**Record type**:` field list',
    ruleId: 'event-record',
    scope: 'section',
  },
  {
    title: 'COMMANDS.md: unknown primitive type of a parameter',
    file: 'COMMANDS.md',
    find: '- remoteInvitation: string\n',
    replace: '- remoteInvitation: text\n',
    at: {lineOfEdit: '- remoteInvitation: text'},
    column: {after: '- remoteInvitation: '},
    reason:
      'Unknown primitive type `text` (expected a link to a type or one of bool, string, int, int64, word32, double, JSONObject, UTCTime)',
    ruleId: 'field-line',
  },
  {
    title: 'COMMANDS.md: a response field referencing a type TYPES.md does not define',
    file: 'COMMANDS.md',
    find: 'UserContactLinkDeleted: User contact address deleted.\n- type: "userContactLinkDeleted"\n- user: [User](./TYPES.md#user)\n',
    replace:
      'UserContactLinkDeleted: User contact address deleted.\n- type: "userContactLinkDeleted"\n- user: [Usr](./TYPES.md#usr)\n',
    at: {lineOfEdit: '- user: [Usr](./TYPES.md#usr)'},
    column: 1,
    reason:
      'Unknown type `Usr` referenced in response `UserContactLinkDeleted` of command `APIDeleteMyAddress` (no `## Usr` in TYPES.md)',
    ruleId: 'dangling-reference',
  },
  {
    title: 'COMMANDS.md: a syntax placeholder that names no parameter',
    file: 'COMMANDS.md',
    find: '/_delete_address <userId>\n',
    replace: '/_delete_address <userID>\n',
    at: {lineOfEdit: '/_delete_address <userID>'},
    column: {after: '/_delete_address '},
    reason: 'Syntax placeholder `<userID>` names no parameter of command `APIDeleteMyAddress`',
    ruleId: 'syntax-placeholder',
  },
  {
    title: 'COMMANDS.md: an unclosed `[` in the syntax grammar',
    file: 'COMMANDS.md',
    find: '/_address <userId>[ pq_ratchet=on|off]\n',
    replace: '/_address <userId>[ pq_ratchet=on|off\n',
    at: {lineOfEdit: '/_address <userId>[ pq_ratchet=on|off'},
    column: {after: '/_address <userId>'},
    reason: 'Expected `]` to close the optional part `[` in the syntax of command `APICreateMyAddress`',
    ruleId: 'syntax-grammar',
  },
  {
    title: 'COMMANDS.md: a response without its `- type:` line',
    file: 'COMMANDS.md',
    find: 'UserContactLinkDeleted: User contact address deleted.\n- type: "userContactLinkDeleted"\n- user: [User](./TYPES.md#user)\n',
    replace: 'UserContactLinkDeleted: User contact address deleted.\n- user: [User](./TYPES.md#user)\n',
    at: {lineOfEdit: '- user: [User](./TYPES.md#user)'},
    column: 1,
    reason:
      'Expected the tag line `type: "..."` first in response `UserContactLinkDeleted` of command `APIDeleteMyAddress`',
    ruleId: 'missing-tag',
  },
  {
    title: 'COMMANDS.md: a duplicate command (a second `### APICreateMyAddress` section)',
    file: 'COMMANDS.md',
    find: '### APIShowMyAddress\n',
    replace:
      '### APICreateMyAddress\n\nDelete bot address.\n\n*Network usage*: background.\n\n**Parameters**:\n- userId: int64\n\n**Syntax**:\n\n```\n/_delete_address <userId>\n```\n\n**Response**:\n\nUserContactLinkDeleted: User contact address deleted.\n- type: "userContactLinkDeleted"\n- user: [User](./TYPES.md#user)\n\n---\n\n### APIShowMyAddress\n',
    at: {lineOfEdit: '### APICreateMyAddress'},
    column: 1,
    reason: 'Duplicate command `APICreateMyAddress`',
    ruleId: 'duplicate-command',
  },
  {
    title: 'COMMANDS.md: a stray paragraph between the syntax blocks and the responses',
    file: 'COMMANDS.md',
    find: "'/_delete_address ' + str(userId) # Python\n```\n",
    replace: "'/_delete_address ' + str(userId) # Python\n```\n\nStray remark.\n",
    at: {lineOfEdit: 'Stray remark.'},
    column: 1,
    reason: 'Unexpected paragraph `Stray remark.` in command `APIDeleteMyAddress`',
    ruleId: 'unexpected-block',
  },
  {
    title: 'COMMANDS.md: a syntax code block with an unknown language',
    file: 'COMMANDS.md',
    find: "```python\n'/_delete_address ' + str(userId) # Python\n",
    replace: "```ruby\n'/_delete_address ' + str(userId) # Python\n",
    at: {lineOfEdit: '```ruby'},
    column: 1,
    reason:
      'Unknown language `ruby` of a syntax block in command `APIDeleteMyAddress` (expected none, `javascript` or `python`)',
    ruleId: 'syntax-language',
  },
  {
    title: 'COMMANDS.md: a response tag listed with other fields than under the first command that lists it',
    file: 'COMMANDS.md',
    find: '- compression: bool\n\nChatCmdError: Command error (only used in WebSockets API).\n- type: "chatCmdError"\n- chatError: [ChatError](./TYPES.md#chaterror)\n',
    replace:
      '- compression: bool\n\nChatCmdError: Command error (only used in WebSockets API).\n- type: "chatCmdError"\n- chatError: [ChatErrorType](./TYPES.md#chaterrortype)\n',
    at: {lineOfEdit: 'ChatCmdError: Command error (only used in WebSockets API).'},
    column: 1,
    // Line 125 of spec/COMMANDS.md: the first chatCmdError, under APICreateMyAddress.
    reason:
      'Response `chatCmdError` of command `VerifyRemoteCtrlSession` is `ChatCmdError {chatError: ChatErrorType}`, but `ChatCmdError {chatError: ChatError}` under command `APICreateMyAddress` (line 125)',
    ruleId: 'response-fields',
  },
  {
    title: 'COMMANDS.md: a function call in the javascript syntax block',
    file: 'COMMANDS.md',
    find: "'/_delete_address ' + userId // JavaScript\n",
    replace: "'/_delete_address ' + alert(userId) // JavaScript\n",
    at: {lineOfEdit: "'/_delete_address ' + alert(userId) // JavaScript"},
    column: {after: "'/_delete_address ' + "},
    reason: 'a call of alert is not allowed: only JSON.stringify(name), name.join(separator) and Type.cmdString(name)',
    ruleId: 'command-expression',
  },
  {
    title: 'COMMANDS.md: a command without a javascript block whose grammar is not a literal',
    file: 'COMMANDS.md',
    find: '```\n/_stop\n```\n',
    replace: '```\n/_stop[ now]\n```\n',
    at: {lineOfEdit: '/_stop[ now]'},
    column: 1,
    reason:
      'Command `APIStopChat` has no `javascript` syntax block and its grammar is not a literal: its command string cannot be derived',
    ruleId: 'command-template',
  },
  {
    title: 'COMMANDS.md: a duplicate parameter',
    file: 'COMMANDS.md',
    find: '- remoteInvitation: string\n',
    replace: '- remoteInvitation: string\n- remoteInvitation: string\n',
    at: {lineOfEdit: '- remoteInvitation: string', nth: 2},
    column: 1,
    reason: 'Duplicate parameter `remoteInvitation` in command `ConnectRemoteCtrl`',
    ruleId: 'duplicate-parameter',
  },
  {
    title: 'COMMANDS.md: a command missing from the table of contents',
    file: 'COMMANDS.md',
    find: '- [APIStopChat](#apistopchat)\n',
    replace: '',
    at: {lineOfDocument: '### APIStopChat'},
    column: 1,
    reason: 'Command `APIStopChat` is missing from the table of contents',
    ruleId: 'toc',
  },
  {
    title: 'COMMANDS.md: a network usage line without its final period',
    file: 'COMMANDS.md',
    find: 'Stop chat controller.\n\n*Network usage*: no.\n',
    replace: 'Stop chat controller.\n\n*Network usage*: no\n',
    at: {lineOfEdit: '*Network usage*: no'},
    column: 1,
    reason: 'Expected `*Network usage*: VALUE.` in command `APIStopChat`',
    ruleId: 'network-usage',
  },
  {
    title: 'COMMANDS.md: an error item without its name',
    file: 'COMMANDS.md',
    find: '- FileCancel: Cannot cancel file.\n',
    replace: '- Cannot cancel file.\n',
    at: {lineOfEdit: '- Cannot cancel file.'},
    column: 1,
    reason: 'Expected an error as `Name: description` in command `CancelFile`',
    ruleId: 'command-error',
  },
  {
    title: 'COMMANDS.md: a response name paragraph without its list',
    file: 'COMMANDS.md',
    find: 'ChatStopped: Chat stopped.\n- type: "chatStopped"\n',
    replace: 'ChatStopped: Chat stopped.\n',
    at: {lineOfEdit: 'ChatStopped: Chat stopped.'},
    column: 1,
    reason: 'Response `ChatStopped` of command `APIStopChat` has no field list (expected `- type: "..."`)',
    ruleId: 'response',
    // The command is left without any response, which is reported at its heading.
    scope: 'section',
  },
  {
    title: 'COMMANDS.md: an unknown section marker',
    file: 'COMMANDS.md',
    find: '**Errors**:\n- FileCancel',
    replace: '**Failures**:\n- FileCancel',
    at: {lineOfEdit: '**Failures**:'},
    column: 1,
    reason:
      'Unknown section `**Failures**:` in command `CancelFile` (expected Parameters, Syntax, Response, Responses or Errors)',
    ruleId: 'unknown-section',
    scope: 'section',
  },
]

describe.each(CASES)('$title', (testCase) => {
  const edited = applyEdit(testCase)
  const expected = expectedError(testCase, edited)
  if (expected.reason.includes('LINE:')) expected.reason = expected.reason.replace('LINE:', `${expected.line}:`)
  const documents = documentsWith(testCase, edited)
  const errors = errorsOf(documents)
  /** The CLI on a temp folder holding the edited document, run once for the tests that read its output. */
  let cliRun: ReturnType<typeof runSchemaCommand> | undefined
  const cli = () => (cliRun ??= runSchemaCommand(documents))

  it(`reports it at ${expected.file}:${expected.line}:${expected.column}`, () => {
    expect(errors).toContainEqual(expected)
  })

  if ((testCase.scope ?? 'only') === 'only') {
    it('reports nothing else', () => {
      expect(errors).toEqual([
        expected,
        ...(testCase.also?.(edited) ?? []).map((error) => ({file: testCase.file, ...error})),
      ])
    })
  } else {
    it('reports nothing outside the edited section, except the listed consequences', () => {
      const [first, last] = sectionAround(testCase, edited)
      const also = (testCase.also?.(edited) ?? []).map((error) => ({file: testCase.file, ...error}))
      for (const error of also) expect(errors).toContainEqual(error)
      const outside = errors.filter(
        (error) =>
          !also.some((allowed) => JSON.stringify(allowed) === JSON.stringify(error)) &&
          (error.file !== testCase.file || error.line < first || error.line > last),
      )
      expect(outside).toEqual([])
    })
  }

  it(`makes \`schema --spec DIR\` exit 2, print ${testCase.file}:LINE:COL and the message on stderr, nothing on stdout`, async () => {
    const {code, stdout, stderr} = await cli()
    expect({code, stdout}).toEqual({code: 2, stdout: ''})
    const diagnostics = diagnosticsOnStderr(stderr)
    const at = `${testCase.file}:${expected.line}:${expected.column}`
    expect(diagnostics.find((diagnostic) => diagnostic.at === at)?.text, `${at} on stderr:\n${stderr}`).toContain(
      expected.reason,
    )
  })

  it('prints on stderr exactly the locations the parser reported', async () => {
    const {stderr} = await cli()
    const sorted = (locations: string[]) => [...locations].sort()
    expect(sorted(diagnosticsOnStderr(stderr).map((diagnostic) => diagnostic.at))).toEqual(
      sorted(errorsOf(documents, false).map((error) => `${error.file}:${error.line}:${error.column}`)),
    )
  })
})

it('covers at least 14 malformed documents, at least 10 of them edits of COMMANDS.md', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(14)
  expect(CASES.filter((testCase) => testCase.file === 'COMMANDS.md').length).toBeGreaterThanOrEqual(10)
})

it('starts from documents that are well-formed (so each error comes from its edit)', async () => {
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: ORIGINAL['EVENTS.md']}),
    types: new VFile({path: 'TYPES.md', value: ORIGINAL['TYPES.md']}),
    commands: new VFile({path: 'COMMANDS.md', value: ORIGINAL['COMMANDS.md']}),
  })
  // Warnings only: the real inconsistencies of COMMANDS.md.
  expect(result.files.flatMap((file) => file.messages.filter((message) => message.fatal).map(String))).toEqual([])
  expect(result.ok).toBe(true)
  expect(await runSchemaCommand(ORIGINAL)).toMatchObject({code: 0, stderr: ''})
})
