/**
 * Every rule a diagnostic can name, with its documentation: what it means, an edit of the pinned docs
 * that triggers it (the example is also its test: test/diagnostics-rules.test.ts applies it), and how to
 * fix it. `docs/diagnostics.md` is printed from this table (`formatDiagnosticRules`), and every message
 * carries the URL of its rule's entry there (`ruleUrl`), as remark-lint's messages do.
 */
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {PROJECT_ROOT} from './paths.js'

/** One edit of a pinned document: `find` (it occurs exactly once) becomes `replace`. */
export interface DocEdit {
  file: 'EVENTS.md' | 'TYPES.md' | 'COMMANDS.md'
  find: string
  replace: string
}

/** What a rule's entry says. */
export interface DiagnosticRule {
  /** Where it comes from: the stage that reports it. */
  stage: 'parse' | 'limits' | 'check' | 'names' | 'syntax' | 'compat' | 'warning'
  /** What the message means. */
  meaning: string
  /**
   * Edits of the pinned docs (spec/) that trigger it. For a `compat` rule the edits make an older doc
   * version, built together with the pinned docs as the newest.
   */
  example: DocEdit[]
  /** How to make the message go away. */
  fix: string
}

const FIX_DOCS = 'Correct the document at the location given; upstream docs are generated, so report it upstream too.'

/** The rules, by id (the last column of `file:line:column  error  reason  rule`), grouped by stage. */
export const DIAGNOSTIC_RULES = {
  // parse/: the structure of a document
  title: {
    stage: 'parse',
    meaning:
      'The document does not start with its `# Title` heading (`# API Events`, `# API Types`, `# API Commands and Responses`).',
    example: [{file: 'EVENTS.md', find: '# API Events\n', replace: '# Events\n'}],
    fix: 'Start the document with its title heading; check that the file is the document it is named for.',
  },
  toc: {
    stage: 'parse',
    meaning:
      'The table of contents and the sections disagree: a category or item listed without its section, a section not listed, or a category link without its list.',
    example: [{file: 'EVENTS.md', find: '  - [ContactUpdated](#contactupdated)\n', replace: ''}],
    fix: 'List every `## Category` and `### Item` in the table of contents, under its own category, and nothing else.',
  },
  'event-category': {
    stage: 'parse',
    meaning: 'An `### Event` section is not inside a `## Category` section.',
    example: [{file: 'EVENTS.md', find: '## Contact connection events\n', replace: ''}],
    fix: 'Put the event under the `## Category` heading the table of contents lists it in.',
  },
  'event-record': {
    stage: 'parse',
    meaning: 'An event has no `**Record type**:` field list, so its fields and tag are unknown.',
    example: [
      {
        file: 'EVENTS.md',
        find: '**Record type**:\n- type: "contactUpdated"\n- user: [User](./TYPES.md#user)\n- fromContact: [Contact](./TYPES.md#contact)\n- toContact: [Contact](./TYPES.md#contact)\n',
        replace: '',
      },
    ],
    fix: 'Give the event its `**Record type**:` line and the list of its fields, the tag first.',
  },
  'command-category': {
    stage: 'parse',
    meaning: 'A `### Command` section is not inside a `## Category` section.',
    example: [{file: 'COMMANDS.md', find: '## Address commands\n', replace: ''}],
    fix: 'Put the command under the `## Category` heading the table of contents lists it in.',
  },
  'command-section': {
    stage: 'parse',
    meaning: 'A command has a section marker (`**Parameters**:`, `**Errors**:`) with no list after it.',
    example: [
      {file: 'COMMANDS.md', find: '**Errors**:\n- FileCancel: Cannot cancel file.\n', replace: '**Errors**:\n\n'},
    ],
    fix: 'Follow the marker with its list, or remove the marker.',
  },
  'unknown-section': {
    stage: 'parse',
    meaning: 'A command has a section marker the generator does not know.',
    example: [{file: 'COMMANDS.md', find: '**Errors**:\n- FileCancel', replace: '**Failures**:\n- FileCancel'}],
    fix: 'Use one of `**Parameters**:`, `**Syntax**:`, `**Response**:`, `**Responses**:`, `**Errors**:`.',
  },
  'unknown-kind': {
    stage: 'parse',
    meaning: 'A type has a kind marker the generator does not know.',
    example: [
      {file: 'TYPES.md', find: '## BlockingReason\n\n**Enum type**:', replace: '## BlockingReason\n\n**Foo type**:'},
    ],
    fix: 'Use `**Record type**:`, `**Discriminated union type**:` or `**Enum type**:`.',
  },
  'stray-literal': {
    stage: 'parse',
    meaning: 'A field list has a literal (`name: "value"`) after its first line: only the tag line may be a literal.',
    example: [
      {file: 'EVENTS.md', find: '- type: "contactUpdated"\n', replace: '- type: "contactUpdated"\n- kind: "extra"\n'},
    ],
    fix: 'Keep one tag line, first; give other fields a type.',
  },
  response: {
    stage: 'parse',
    meaning: 'A command response is not `Name: description` followed by its field list, the tag first.',
    example: [
      {
        file: 'COMMANDS.md',
        find: 'ChatStopped: Chat stopped.\n- type: "chatStopped"\n',
        replace: 'ChatStopped: Chat stopped.\n',
      },
    ],
    fix: 'Write the response as `Name: description`, then `- type: "tag"` and its fields.',
  },
  anchor: {
    stage: 'parse',
    meaning: 'A link points at another anchor than the heading it names (`[X](#y)`).',
    example: [
      {
        file: 'EVENTS.md',
        find: '  - [ContactUpdated](#contactupdated)\n',
        replace: '  - [ContactUpdated](#contact-updated)\n',
      },
    ],
    fix: "Point the link at its heading's anchor: the name, lower-cased (`#contactupdated`).",
  },
  'unexpected-block': {
    stage: 'parse',
    meaning:
      'A block (paragraph, list, heading, code) sits where the section it is in has no place for it; nothing is dropped silently.',
    example: [
      {
        file: 'COMMANDS.md',
        find: "'/_delete_address ' + str(userId) # Python\n```\n",
        replace: "'/_delete_address ' + str(userId) # Python\n```\n\nStray remark.\n",
      },
    ],
    fix: 'Move the block into the description (before the first marker) or remove it.',
  },
  'list-item': {
    stage: 'parse',
    meaning: 'A list item that must be one line (a field, a value, an error) holds a nested block.',
    example: [
      {file: 'TYPES.md', find: '- businessAddress: bool\n', replace: '- businessAddress: bool\n\n  More text.\n'},
    ],
    fix: 'Write the item on one line; put explanations in the description.',
  },
  'field-line': {
    stage: 'parse',
    meaning: 'A field line is not `name: TYPE` (with `?` for optional) or its TYPE is not one the docs define.',
    example: [{file: 'TYPES.md', find: '- businessAddress: bool\n', replace: '- businessAddress: int32\n'}],
    fix: 'Use a primitive (bool, string, int, int64, word32, double, JSONObject, UTCTime), a link, `[TYPE]` or `{string : TYPE}`.',
  },
  'missing-tag': {
    stage: 'parse',
    meaning:
      'A tagged field list (an event, a union member, a response) does not start with its tag line `type: "..."`.',
    example: [
      {
        file: 'TYPES.md',
        find: 'CMD:\n- type: "CMD"\n- cmdErr: [CommandErrorType](#commanderrortype)\n',
        replace: 'CMD:\n- cmdErr: [CommandErrorType](#commanderrortype)\n',
      },
    ],
    fix: 'Put `- type: "tag"` first in the list.',
  },
  'union-member': {
    stage: 'parse',
    meaning: 'A member of a discriminated union is not `Name:` followed by its field list.',
    example: [{file: 'TYPES.md', find: 'DECRYPT_CB:\n- type: "DECRYPT_CB"\n', replace: 'DECRYPT_CB:\n'}],
    fix: 'Follow the member name with its list, `- type: "tag"` first.',
  },
  'type-kind': {
    stage: 'parse',
    meaning: 'A type has no kind marker, so it cannot be read.',
    example: [
      {
        file: 'TYPES.md',
        find: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n',
        replace: '## BlockingReason\n\nWhy a member was blocked.\n',
      },
    ],
    fix: 'Add `**Record type**:`, `**Discriminated union type**:` or `**Enum type**:` and its list.',
  },
  'enum-value': {
    stage: 'parse',
    meaning: 'An enum value is not a quoted string.',
    example: [
      {
        file: 'TYPES.md',
        find: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n',
        replace: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- content\n',
      },
    ],
    fix: 'Quote the value (`- "content"`).',
  },
  'network-usage': {
    stage: 'parse',
    meaning: "A command's network usage line is not `*Network usage*: VALUE.`",
    example: [
      {
        file: 'COMMANDS.md',
        find: 'Stop chat controller.\n\n*Network usage*: no.\n',
        replace: 'Stop chat controller.\n\n*Network usage*: no\n',
      },
    ],
    fix: 'Write `*Network usage*: VALUE.`, with the full stop.',
  },
  'syntax-language': {
    stage: 'parse',
    meaning: 'A syntax block has a language other than none (the grammar), `javascript` or `python`.',
    example: [
      {
        file: 'COMMANDS.md',
        find: "```python\n'/_delete_address ' + str(userId) # Python\n",
        replace: "```ruby\n'/_delete_address ' + str(userId) # Python\n",
      },
    ],
    fix: 'Use a grammar block without a language, a `javascript` block or a `python` block.',
  },
  'syntax-grammar': {
    stage: 'parse',
    meaning: 'A plain grammar block (`/_address <userId>[ pq_ratchet=on|off]`) does not read: an unclosed `[` or `<`.',
    example: [
      {
        file: 'COMMANDS.md',
        find: '/_address <userId>[ pq_ratchet=on|off]\n',
        replace: '/_address <userId>[ pq_ratchet=on|off\n',
      },
    ],
    fix: 'Close every `[...]` and `<...>` of the grammar.',
  },
  'command-syntax': {
    stage: 'parse',
    meaning: 'A command has no `**Syntax**:` section, or it has no plain grammar block.',
    example: [{file: 'COMMANDS.md', find: '**Syntax**:\n\n```\n/_stop\n```\n\n', replace: ''}],
    fix: 'Give the command its `**Syntax**:` with the grammar block (and a `javascript` block unless the grammar is a literal).',
  },
  'command-responses': {
    stage: 'parse',
    meaning: 'A command has no `**Response**:` / `**Responses**:` section.',
    example: [
      {file: 'COMMANDS.md', find: '**Response**:\n\nChatStopped: Chat stopped.\n- type: "chatStopped"\n', replace: ''},
    ],
    fix: 'List what the command answers under `**Response**:`.',
  },
  'command-error': {
    stage: 'parse',
    meaning: "An item of a command's `**Errors**:` list is not `Name: description`.",
    example: [{file: 'COMMANDS.md', find: '- FileCancel: Cannot cancel file.\n', replace: '- Cannot cancel file.\n'}],
    fix: 'Write each error as `Name: description`.',
  },
  'command-expression': {
    stage: 'syntax',
    meaning:
      'A `javascript` syntax block uses something the command-string compiler does not allow (only string and number literals, parameters, `+`, `?:`, tests, `JSON.stringify(name)`, `name.join(sep)`, `Type.cmdString(name)`).',
    example: [
      {
        file: 'COMMANDS.md',
        find: "'/_delete_address ' + userId // JavaScript\n",
        replace: "'/_delete_address ' + alert(userId) // JavaScript\n",
      },
    ],
    fix: 'Write the expression with what the compiler allows; it is compiled, never run.',
  },
  'command-template': {
    stage: 'syntax',
    meaning:
      'A command has no `javascript` block and its grammar is not a literal, so its command string cannot be derived.',
    example: [{file: 'COMMANDS.md', find: '```\n/_stop\n```\n', replace: '```\n/_stop[ now]\n```\n'}],
    fix: 'Add a `javascript` block that builds the command string.',
  },
  // limits: bounds on what the parser reads
  'too-large': {
    stage: 'limits',
    meaning:
      'A document, a section or a construct (list items, emphasis runs, link ends, setext headings) is over the limit the parser reads in linear time.',
    example: [{file: 'COMMANDS.md', find: 'Stop chat controller.\n', replace: `${'*a* '.repeat(40)}\n`}],
    fix: 'Split the text; a real document stays far below the limits (`--max-bytes` raises the byte limit only).',
  },
  'too-deep': {
    stage: 'limits',
    meaning: 'Lists or block quotes nest deeper than the parser reads.',
    example: [{file: 'COMMANDS.md', find: 'Stop chat controller.\n', replace: `${'> '.repeat(40)}x\n`}],
    fix: 'Nest less; the docs never nest more than two lists deep.',
  },
  // schema/: checks across the documents
  'dangling-reference': {
    stage: 'check',
    meaning: 'A link names a type TYPES.md does not define.',
    example: [
      {
        file: 'EVENTS.md',
        find: '- userCustomProfile: [Profile](./TYPES.md#profile)?\n',
        replace: '- userCustomProfile: [Profyle](./TYPES.md#profyle)?\n',
      },
    ],
    fix: 'Link a type that has its `## Type` section, or add the section.',
  },
  'duplicate-category': {
    stage: 'check',
    meaning: 'Two `## Category` sections have one name.',
    example: [
      {file: 'EVENTS.md', find: '## Message events\n', replace: '## Contact connection events\n'},
      {
        file: 'EVENTS.md',
        find: '[Message events](#message-events)\n',
        replace: '[Contact connection events](#contact-connection-events)\n',
      },
    ],
    fix: 'Merge the two categories or rename one.',
  },
  'duplicate-event': {
    stage: 'check',
    meaning: 'Two events have one name.',
    example: [
      {file: 'EVENTS.md', find: '### ContactUpdated\n', replace: '### ContactConnected\n'},
      {
        file: 'EVENTS.md',
        find: '  - [ContactUpdated](#contactupdated)\n',
        replace: '  - [ContactConnected](#contactconnected)\n',
      },
    ],
    fix: 'Rename one of the events.',
  },
  'duplicate-tag': {
    stage: 'check',
    meaning: 'Two events, or two members of one union, have one tag: a decoder could not tell them apart.',
    example: [{file: 'EVENTS.md', find: '- type: "contactUpdated"\n', replace: '- type: "contactConnected"\n'}],
    fix: 'Give each its own tag, as the wire sends it.',
  },
  'duplicate-type': {
    stage: 'check',
    meaning: 'Two `## Type` sections have one name.',
    example: [
      {
        file: 'TYPES.md',
        find: '## BrokerErrorType\n',
        replace: '## BlockingReason\n\n**Enum type**:\n- "spam"\n\n\n---\n\n## BrokerErrorType\n',
      },
    ],
    fix: 'Remove or rename one of the sections.',
  },
  'duplicate-member': {
    stage: 'check',
    meaning: 'Two members of one union have one name.',
    example: [
      {file: 'TYPES.md', find: 'DECRYPT_CB:\n- type: "DECRYPT_CB"\n', replace: 'DECRYPT_AES:\n- type: "DECRYPT_CB"\n'},
    ],
    fix: 'Rename one of the members.',
  },
  'duplicate-value': {
    stage: 'check',
    meaning: 'An enum lists one value twice.',
    example: [
      {
        file: 'TYPES.md',
        find: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n',
        replace: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n- "spam"\n',
      },
    ],
    fix: 'List each value once.',
  },
  'duplicate-field': {
    stage: 'check',
    meaning: 'A field list has two fields with one wire key.',
    example: [
      {
        file: 'TYPES.md',
        find: '- businessAddress: bool\n',
        replace: '- businessAddress: bool\n- businessAddress: bool\n',
      },
    ],
    fix: 'List each field once.',
  },
  'duplicate-command': {
    stage: 'check',
    meaning: 'Two commands have one name.',
    example: [
      {file: 'COMMANDS.md', find: '### APIStopChat\n', replace: '### APIShowMyAddress\n'},
      {
        file: 'COMMANDS.md',
        find: '- [APIStopChat](#apistopchat)\n',
        replace: '- [APIShowMyAddress](#apishowmyaddress)\n',
      },
    ],
    fix: 'Rename one of the commands.',
  },
  'duplicate-parameter': {
    stage: 'check',
    meaning: 'A command lists one parameter twice.',
    example: [
      {
        file: 'COMMANDS.md',
        find: '- remoteInvitation: string\n',
        replace: '- remoteInvitation: string\n- remoteInvitation: string\n',
      },
    ],
    fix: 'List each parameter once.',
  },
  'response-fields': {
    stage: 'check',
    meaning:
      'One response tag has another name or other fields under another command: the response types are shared by tag.',
    example: [
      {
        file: 'COMMANDS.md',
        find: '- compression: bool\n\nChatCmdError: Command error (only used in WebSockets API).\n- type: "chatCmdError"\n- chatError: [ChatError](./TYPES.md#chaterror)\n',
        replace:
          '- compression: bool\n\nChatCmdError: Command error (only used in WebSockets API).\n- type: "chatCmdError"\n- chatError: [ChatErrorType](./TYPES.md#chaterrortype)\n',
      },
    ],
    fix: 'Give the tag the same name and fields everywhere, or another tag.',
  },
  'syntax-placeholder': {
    stage: 'check',
    meaning: 'A grammar placeholder (`<name>`) names no parameter of its command.',
    example: [{file: 'COMMANDS.md', find: '/_delete_address <userId>\n', replace: '/_delete_address <userID>\n'}],
    fix: 'Name a parameter, spelled as in `**Parameters**:`.',
  },
  'syntax-type': {
    stage: 'syntax',
    meaning:
      'A compiled `javascript` syntax block does not type-check against its parameters as emitted (`text.join` on a string), alone, with the overlay applied, or in a compatibility build.',
    example: [
      {
        file: 'TYPES.md',
        find: "'count=' + count // JavaScript\n",
        replace: "'count=' + count.join(',') // JavaScript\n",
      },
    ],
    fix: "Make the expression fit the parameters' types, or correct a parameter's type (in the docs or the overlay).",
  },
  // names/: what each name becomes in TypeScript
  identifier: {
    stage: 'names',
    meaning: 'A name that becomes a TypeScript identifier (type, member, event, command, response) is not one.',
    example: [
      {file: 'COMMANDS.md', find: '### APIStopChat\n', replace: '### API-StopChat\n'},
      {file: 'COMMANDS.md', find: '- [APIStopChat](#apistopchat)\n', replace: '- [API-StopChat](#api-stopchat)\n'},
    ],
    fix: 'Use letters, digits, `_` and `$`, not first a digit, and no reserved word.',
  },
  'name-collision': {
    stage: 'names',
    meaning: "Two names of the docs, or one and the generator's own code, give one generated name in one module.",
    example: [{file: 'TYPES.md', find: 'DECRYPT_CB:\n- type: "DECRYPT_CB"\n', replace: 'Tag:\n- type: "DECRYPT_CB"\n'}],
    fix: 'Rename one of the two, in the docs or upstream.',
  },
  'case-collision': {
    stage: 'names',
    meaning: 'Two types or two events differ only in case: their anchors (and generated file names) would be one.',
    example: [
      {file: 'EVENTS.md', find: '### ContactUpdated\n', replace: '### Contactconnected\n'},
      {
        file: 'EVENTS.md',
        find: '  - [ContactUpdated](#contactupdated)\n',
        replace: '  - [Contactconnected](#contactconnected)\n',
      },
    ],
    fix: 'Rename one of them.',
  },
  'reserved-field': {
    stage: 'names',
    meaning: 'A tagged object has a field named `type`: that key is its tag.',
    example: [
      {
        file: 'EVENTS.md',
        find: '- type: "contactUpdated"\n- user: [User](./TYPES.md#user)\n',
        replace: '- type: "contactUpdated"\n- user: [User](./TYPES.md#user)\n- type: string\n',
      },
    ],
    fix: 'Rename the field; the wire cannot carry both.',
  },
  // compat/: doc versions that cannot be merged into one compatibility build
  'compat-type': {
    stage: 'compat',
    meaning: 'A field has two types in two doc versions whose JSON shapes differ, so no one type covers both.',
    example: [{file: 'TYPES.md', find: '- notice: [ClientNotice](#clientnotice)?\n', replace: '- notice: string?\n'}],
    fix: 'Build without that version (`--compat`, compat.json), or correct the field with the overlay.',
  },
  'compat-kind': {
    stage: 'compat',
    meaning: 'A type is of another kind in two doc versions (only an enum may become a union).',
    example: [
      {
        file: 'TYPES.md',
        find: '## BlockingReason\n\n**Enum type**:\n- "spam"\n- "content"\n',
        replace: '## BlockingReason\n\n**Record type**:\n- spam: bool\n',
      },
    ],
    fix: 'Build without that version (`--compat`, compat.json).',
  },
  'compat-name': {
    stage: 'compat',
    meaning:
      'Two nodes matched by wire key (events and members by tag) have one name in different versions: a tag renamed onto another name.',
    example: [{file: 'EVENTS.md', find: '- type: "contactUpdated"\n', replace: '- type: "contactChanged"\n'}],
    fix: 'Build without that version (`--compat`, compat.json).',
  },
  // warnings: real inconsistencies of upstream's docs, located, that do not stop generation
  'syntax-optional': {
    stage: 'warning',
    meaning: 'An optional parameter is used outside `[...]` in its grammar.',
    example: [{file: 'COMMANDS.md', find: '- remoteInvitation: string\n', replace: '- remoteInvitation: string?\n'}],
    fix: 'Make the parameter required, or its use optional (`[ <name>]`).',
  },
  'unused-parameter': {
    stage: 'warning',
    meaning: 'A parameter is used neither by the grammar nor by the `javascript` block.',
    example: [
      {
        file: 'COMMANDS.md',
        find: 'Stop chat controller.\n\n*Network usage*: no.\n\n',
        replace: 'Stop chat controller.\n\n*Network usage*: no.\n\n**Parameters**:\n- force: bool\n\n',
      },
    ],
    fix: 'Use it in the syntax, or remove it.',
  },
} as const satisfies Record<string, DiagnosticRule>

/** A rule id (`field-line`, `toc`, ...): a key of `DIAGNOSTIC_RULES`. */
export type RuleId = keyof typeof DIAGNOSTIC_RULES

/** docs/diagnostics.md, where each rule has its entry. */
export const DIAGNOSTICS_DOC = path.join(PROJECT_ROOT, 'docs', 'diagnostics.md')

/**
 * The URL of a rule's entry in docs/diagnostics.md (a `file:` URL of the doc beside this generator, so it
 * opens wherever the generator is installed), as every message carries it.
 *
 * @param ruleId the rule.
 * @returns the URL, its fragment the rule id (each entry's heading is its id).
 */
export function ruleUrl(ruleId: RuleId): string {
  return `${pathToFileURL(DIAGNOSTICS_DOC).href}#${ruleId}`
}

/** docs/diagnostics.md as it must read: one entry per rule, in table order. */
export function formatDiagnosticRules(): string {
  const entries = Object.entries(DIAGNOSTIC_RULES as Record<string, DiagnosticRule>).map(([id, rule]) => {
    const edits = rule.example
      .map((edit) => `In ${edit.file}, replace\n\n${fenced(edit.find)}\n\nwith\n\n${fenced(edit.replace)}`)
      .join('\n\nand ')
    const version = rule.stage === 'compat' ? ' (as an older doc version, built with the pinned docs)' : ''
    return `## ${id}\n\nStage: ${rule.stage}.\n\n${rule.meaning}\n\nExample${version}: ${edits}\n\nFix: ${rule.fix}\n`
  })
  return (
    '# Diagnostics\n\n' +
    '<!-- Printed by formatDiagnosticRules (generator/diagnostics-rules.ts); test/diagnostics-rules.test.ts keeps it so. -->\n\n' +
    'Each message reads `file:line:column  error  reason  rule`; its `url` is the entry of its rule below. ' +
    `${FIX_DOCS} Every example is an edit of the pinned docs in \`spec/\` that triggers its rule.\n\n` +
    entries.join('\n')
  )
}

/** `text` as a fenced block that no backtick run inside it closes. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}markdown\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`
}
