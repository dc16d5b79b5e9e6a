import type {Field, Schema, SourceLocation, TypeExpression} from '../schema/types.js'
import {distinctResponses} from '../schema/responses.js'
import {
  checkEventName,
  checkResponseName,
  cmdStringFunctionName,
  COMMANDS_NAMESPACE,
  RESPONSES_NAMESPACE,
  responseGuardName,
  checkMemberName,
  checkShapeName,
  checkTypeName,
  deepGuardName,
  enumValuesName,
  EVENTS_NAMESPACE,
  eventGuardName,
  shapeName,
  typeDecoderName,
  TYPES_NAMESPACE,
  TYPES_SELF,
  UNION_TAG,
} from './generated.js'

/**
 * A scope of the generated package in which two declarations cannot share a name: a
 * module (`decode.ts`: its imports and declarations), a union's namespace in `types.ts`
 * (`namespace:ChatError`), or the package index (everything it exports).
 */
export type NameScope =
  | 'types.ts'
  | 'events.ts'
  | 'commands.ts'
  | 'responses.ts'
  | 'command-strings.ts'
  | 'command-parse.ts'
  | 'guards.ts'
  | 'decode.ts'
  | 'chat-client.ts'
  | 'chat-client-overloads.ts'
  | 'chat-bot.ts'
  | 'spec-info.ts'
  | 'index.ts'
  | `namespace:${string}`
  | 'testing:fixtures'

/** One identifier the generated code declares or imports in a scope, and who it is for. */
export interface NameClaim {
  scope: NameScope
  name: string
  /** What the name stands for (`type \`User\``); two claims with one owner are one declaration. */
  owner: string
  /** Where the owner is in the docs, or `null` for the generator's own names. */
  location: SourceLocation | null
}

/** The runtime's predicates (`templates/runtime.ts`) that the fast checks of `decode.ts` may call. */
export const DECODE_RUNTIME_IMPORTS = ['failed', 'isInteger', 'isObject', 'isUtcTime', 'isWord32'] as const

/** What `decode.ts` imports of the templates besides them: types, the decoders' entry points, the table's type. */
const DECODE_TEMPLATE_IMPORTS = [
  'DecodeMode',
  'DecodeOptions',
  'DecodeResult',
  'assertValue',
  'decodeFrameOf',
  'decodeJson',
  'decodeResponseOf',
  'decodeValue',
  'FrameResultOf',
  'ShapeTable',
] as const

/** The entry points of `decode.ts` for events, responses and frames, the same for every spec. */
export const PUBLIC_DECODERS = [
  'decodeChatEvent',
  'decodeChatEventJson',
  'assertChatEvent',
  'decodeFrame',
  'decodeChatResponse',
  'decodeCommandResponse',
] as const

/** What the package index exports of the client template (`templates/client.ts`): values, then types. */
/** What the package exports of `templates/bot.ts` (with the bot only). */
export const BOT_VALUES = ['BotStartError', 'BotStoppedError', 'FileTransferError', 'parseBotCommand'] as const

export const BOT_TYPES = [
  'BotCommandSpec',
  'BotCommandText',
  'BotProfile',
  'BotStartStep',
  'BotStarted',
  'CommandContext',
  'MessageContext',
  'MessageFilter',
] as const

export const CLIENT_VALUES = ['ClientError', 'ChatCommandError', 'backoffDelay'] as const

export const CLIENT_TYPES = [
  'ChatClient',
  'ClientOptions',
  'SendOptions',
  'ReconnectOptions',
  'ClientErrorCode',
  'ClientState',
  'StateChange',
  'UnhandledFrame',
  'WebSocketLike',
  'WebSocketClass',
  'ClientStats',
  'AbortSignalLike',
] as const

// ---------------------------------------------------------------------------
// parseCommand (issue 19): `command-parse.ts` (the grammar as data) and its reader `templates/command-reader.ts`.

/** The fixed names of `command-parse.ts`: its imports, the grammar constant, `parseCommand` and its result types. */
const COMMAND_PARSE_NAMES = [
  'readCommand',
  'CommandGrammar',
  'CommandParseFailure',
  'ChatCommandName',
  'CommandParameters',
  'commandGrammar',
  'ParsedCommand',
  'CommandParseResult',
  'parseCommand',
] as const

/** What the package index exports for reading command strings. */
const COMMAND_PARSE_EXPORTS: readonly PackageExport[] = [
  {module: './command-parse.js', names: ['parseCommand']},
  {module: './command-parse.js', names: ['ParsedCommand', 'CommandParseResult'], typeOnly: true},
  {module: './command-reader.js', names: ['CommandParseError', 'CommandParseFailure'], typeOnly: true},
]

// ---------------------------------------------------------------------------

/** The types of `spec-info.ts` (the module of the `specInfo` constant). */
const SPEC_INFO_TYPES = ['SpecInfo', 'SpecVersionInfo', 'SpecDocumentInfo'] as const

/**
 * One re-export of the package index (`index.ts`): a namespace (`export type * as T`), named exports, or a
 * whole module (`export *`, for modules whose names are all derived: guards, command strings).
 */
export type PackageExport =
  | {module: string; namespace: string}
  | {module: string; names: readonly string[]; typeOnly?: true}
  | {module: string; all: true}

/**
 * What the package index exports, in order, besides one decoder per type (`decode<Type>`, added after the
 * decode module's named exports). The index emitter writes exactly this; the name table claims it.
 */
export const PACKAGE_EXPORTS: readonly PackageExport[] = [
  {module: './types.js', namespace: TYPES_NAMESPACE},
  {module: './events.js', namespace: EVENTS_NAMESPACE},
  {module: './events.js', names: ['ChatEvent', 'ChatEventTag', 'EventCategory'], typeOnly: true},
  {module: './events.js', names: ['chatEventTags', 'eventCategories']},
  {module: './commands.js', namespace: COMMANDS_NAMESPACE},
  {module: './responses.js', namespace: RESPONSES_NAMESPACE},
  {
    module: './commands.js',
    names: ['ChatCommandName', 'CommandParameters', 'CommandResponse', 'CommandResponses'],
    typeOnly: true,
  },
  {module: './commands.js', names: ['chatCommandNames']},
  {module: './responses.js', names: ['ChatResponse', 'ChatResponseTag'], typeOnly: true},
  {module: './responses.js', names: ['chatResponseTags']},
  {module: './command-strings.js', all: true},
  {module: './guards.js', all: true},
  {module: './decode.js', names: PUBLIC_DECODERS},
  {module: './decode.js', names: ['FrameResult'], typeOnly: true},
  {module: './runtime.js', names: ['DecodeError']},
  {
    module: './runtime.js',
    names: [
      'DecodeFailure',
      'DecodeIssue',
      'DecodeIssueCode',
      'DecodeMode',
      'DecodeOptions',
      'DecodeResult',
      'DecodeSuccess',
    ],
    typeOnly: true,
  },
  {
    module: './lenient.js',
    names: [
      'Lenient',
      'LenientKnown',
      'LenientMember',
      'LenientField',
      'Decoded',
      'DecodedKnown',
      'Unchecked',
      'UnknownMember',
      'UnknownTag',
      'NotAnArray',
    ],
    typeOnly: true,
  },
  {module: './dispatch.js', names: ['createDispatcher']},
  {module: './dispatch.js', names: ['Handlers'], typeOnly: true},
  {module: './issue-shapes.js', names: ['createIssueShapes']},
  {module: './issue-shapes.js', names: ['IssueShape', 'IssueShapes'], typeOnly: true},
  {module: './chat-client.js', names: ['createChatClient']},
  {module: './chat-client.js', names: ['ChatCoreClient', 'ChatCoreOverloads', 'ChatCoreResponses'], typeOnly: true},
  {module: './client.js', names: CLIENT_VALUES},
  {module: './client.js', names: CLIENT_TYPES, typeOnly: true},
  // The bot layer (templates/bot.ts, chat-bot.ts): left out of index.ts where the spec gets no bot.
  {module: './chat-bot.js', names: ['createBot']},
  {module: './chat-bot.js', names: ['ChatBot', 'ChatBotOptions', 'ChatBotTypes'], typeOnly: true},
  {module: './bot.js', names: BOT_VALUES},
  {module: './bot.js', names: BOT_TYPES, typeOnly: true},
  {module: './spec-info.js', names: ['specInfo']},
  {module: './spec-info.js', names: SPEC_INFO_TYPES, typeOnly: true},
  ...COMMAND_PARSE_EXPORTS,
]

/** Every name `PACKAGE_EXPORTS` exports by name or as a namespace. */
function packageExportNames(): string[] {
  return PACKAGE_EXPORTS.flatMap((entry) =>
    'namespace' in entry ? [entry.namespace] : 'names' in entry ? entry.names : [],
  )
}

type ModuleScope = Exclude<NameScope, `namespace:${string}` | 'testing:fixtures'>

/**
 * The globals each emitted module (and each union namespace of `types.ts`) refers to. A doc name declared
 * there would shadow one (an event `Array` in events.ts makes its `Array<...>` field types refer to the
 * event), so each is claimed in its scope. `Array<...>` spells array types whose element is not a plain
 * name, in every module that writes field types. `test/names.test.ts` scans the emitted modules for the
 * globals they reference and keeps this table equal to what it finds.
 */
export const GLOBALS_REFERENCED: Readonly<Record<ModuleScope | 'namespace', readonly string[]>> = {
  'types.ts': ['Array'],
  namespace: ['Array'],
  'events.ts': ['Array'],
  'commands.ts': ['Array'],
  'responses.ts': ['Array'],
  'command-strings.ts': ['JSON', 'Object', 'TypeError'],
  'command-parse.ts': [],
  'guards.ts': [],
  'decode.ts': ['Array', 'Number', 'Object', 'Set'],
  'chat-client.ts': [],
  'chat-client-overloads.ts': ['Exclude', 'Extract', 'Promise'],
  'chat-bot.ts': ['Exclude', 'Extract'],
  'spec-info.ts': [],
  'index.ts': [],
}

/** What a global claims: it is taken by the global, not by the generator's code. */
const globalOwner = (name: string) => `the global \`${name}\``

/** Fixed declarations and imports of each module: the generator's own names. */
const GENERATOR_NAMES: Record<ModuleScope, readonly string[]> = {
  'types.ts': [TYPES_SELF],
  'events.ts': [
    TYPES_NAMESPACE,
    'ChatEvent',
    'ChatEventTag',
    'Tag',
    'chatEventTags',
    'EventCategory',
    'eventCategories',
  ],
  'commands.ts': [
    TYPES_NAMESPACE,
    RESPONSES_NAMESPACE,
    'CommandParameters',
    'ChatCommandName',
    'chatCommandNames',
    'CommandResponses',
    'CommandResponse',
  ],
  'responses.ts': [TYPES_NAMESPACE, 'ChatResponse', 'ChatResponseTag', 'Tag', 'chatResponseTags'],
  'command-strings.ts': [
    TYPES_NAMESPACE,
    COMMANDS_NAMESPACE,
    'ChatCommandName',
    'CommandParameters',
    'commandStringFunctions',
    'commandString',
  ],
  'guards.ts': [
    TYPES_NAMESPACE,
    EVENTS_NAMESPACE,
    RESPONSES_NAMESPACE,
    'ChatResponse',
    'isValidChatResponse',
    'ChatEvent',
    'isValidValue',
    'shapes',
    'isValidChatEvent',
  ],
  'decode.ts': [
    TYPES_NAMESPACE,
    'ChatEvent',
    'chatEventTags',
    'ChatResponse',
    'chatResponseTags',
    'ChatCommandName',
    'CommandResponse',
    'checkChatResponse',
    'commandResponseTags',
    ...DECODE_RUNTIME_IMPORTS,
    ...DECODE_TEMPLATE_IMPORTS,
    'Decoded',
    'DecodedKnown',
    'FrameTags',
    'checkChatEvent',
    'shapes',
    'frameTags',
    'FrameResult',
    ...PUBLIC_DECODERS,
  ],
  'spec-info.ts': ['specInfo', ...SPEC_INFO_TYPES],
  'command-parse.ts': COMMAND_PARSE_NAMES,
  // Besides what `PACKAGE_EXPORTS` lists: the fixed names of the modules it re-exports whole.
  'index.ts': [...packageExportNames(), 'commandString', 'isValidChatResponse', 'isValidChatEvent'],
  'chat-client.ts': [
    'createClient',
    'ChatClient',
    'ChatProtocol',
    'ClientOptions',
    'DecodeMode',
    'DecodedKnown',
    'commandString',
    'decodeChatEvent',
    'decodeCommandResponse',
    'frameTags',
    'CommandParameters',
    'CommandResponses',
    'ChatEvent',
    'ChatCoreResponses',
    'ChatCoreOverloads',
    'ChatCoreClient',
    'createChatClient',
  ],
  'chat-client-overloads.ts': [
    'AbortSignalLike',
    'EventHandler',
    'SendOptions',
    'ChatCoreResponses',
    'CommandParameters',
    'DecodeMode',
    'DecodedKnown',
    'ChatEvent',
    'ChatCoreOverloads',
  ],
  'chat-bot.ts': [
    TYPES_NAMESPACE,
    'createBotOn',
    'Bot',
    'BotClient',
    'BotOptions',
    'createChatClient',
    'ChatCoreClient',
    'CHAT_CMD_ERROR',
    'ClientOptions',
    'CommandResponses',
    'ChatEvent',
    'Decoded',
    'DecodedKnown',
    'DecodeMode',
    'ChatBotTypes',
    'ChatBot',
    'ChatBotOptions',
    'createBot',
  ],
}

/**
 * Every identifier the generated package will declare for `schema`, by scope. The
 * emitters spell names with the functions of `generated.ts`; this lists what they
 * produce, so a collision is found in the docs (with a location) before any code is
 * written. `test/names.test.ts` checks the list against the real generated modules.
 *
 * @param schema a schema whose names passed the identifier rule.
 * @returns the claims, the generator's own names first.
 */
export function nameClaims(schema: Schema): NameClaim[] {
  const claims: NameClaim[] = []
  for (const [scope, names] of Object.entries(GENERATOR_NAMES)) {
    for (const name of names) claims.push({scope: scope as NameScope, name, owner: 'the generator', location: null})
  }
  for (const [scope, names] of Object.entries(GLOBALS_REFERENCED)) {
    if (scope === 'namespace') continue
    for (const name of names) claims.push({scope: scope as NameScope, name, owner: globalOwner(name), location: null})
  }
  const claim = (scopes: readonly NameScope[], name: string, owner: string, location: SourceLocation | null) => {
    for (const scope of scopes) claims.push({scope, name, owner, location})
  }
  const shapes = (type: TypeExpression, location: SourceLocation): void => {
    if (type.kind !== 'array' && type.kind !== 'map') return
    claim(['decode.ts'], checkShapeName(type), `the check of \`${shapeName(type)}\``, location)
    shapes(type.kind === 'array' ? type.element : type.value, location)
  }
  const objectCheck = (
    check: string,
    fields: readonly Field[],
    owner: string,
    location: SourceLocation,
    isRecord = false,
  ) => {
    // Its fast check, but for a member, event or response without fields (its union's switch accepts it).
    if (fields.length > 0 || isRecord) claim(['decode.ts'], check, owner, location)
    for (const field of fields) {
      for (const type of [field.type, ...(field.alternatives ?? []).map((alternative) => alternative.type)])
        shapes(type, field.location)
    }
  }

  for (const type of schema.types) {
    const owner = `type \`${type.name}\``
    claim(['types.ts'], type.name, owner, type.location)
    claim(['guards.ts', 'index.ts'], deepGuardName(type.name), owner, type.location)
    claim(['decode.ts', 'index.ts'], typeDecoderName(type.name), owner, type.location)
    switch (type.kind) {
      case 'record':
        objectCheck(checkTypeName(type.name), type.fields, owner, type.location, true)
        break
      case 'union': {
        claim(['decode.ts'], checkTypeName(type.name), owner, type.location)
        const scope: NameScope = `namespace:${type.name}`
        claim([scope], UNION_TAG, 'the generator', null)
        for (const name of GLOBALS_REFERENCED.namespace) claim([scope], name, globalOwner(name), null)
        for (const member of type.members) {
          const memberOwner = `member \`${member.name}\` of ${owner}`
          claim([scope], member.name, memberOwner, member.location)
          objectCheck(checkMemberName(type.name, member.name), member.fields, memberOwner, member.location)
        }
        break
      }
      case 'enum':
        claim(['decode.ts'], checkTypeName(type.name), owner, type.location)
        claim(['types.ts', 'index.ts'], enumValuesName(type.name), owner, type.location)
        break
    }
  }
  for (const event of schema.events) {
    const owner = `event \`${event.name}\``
    claim(['events.ts'], event.name, owner, event.location)
    claim(['guards.ts', 'index.ts'], eventGuardName(event.name), owner, event.location)
    objectCheck(checkEventName(event.name), event.fields, owner, event.location)
  }
  for (const type of schema.types) {
    // By its block, not its template: names are checked before the blocks are compiled.
    if (!type.syntax.some((block) => block.lang === 'javascript')) continue
    const owner = `the syntax of type \`${type.name}\``
    claim(['command-strings.ts', 'index.ts'], cmdStringFunctionName(type.name), owner, type.location)
  }
  for (const command of schema.commands) {
    const owner = `command \`${command.name}\``
    claim(['commands.ts'], command.name, owner, command.location)
    claim(['command-strings.ts', 'index.ts'], cmdStringFunctionName(command.name), owner, command.location)
  }
  for (const response of distinctResponses(schema)) {
    const owner = `response \`${response.name}\` (tag \`${response.tag}\`)`
    claim(['responses.ts'], response.name, owner, response.location)
    claim(['guards.ts', 'index.ts'], responseGuardName(response.name), owner, response.location)
    objectCheck(checkResponseName(response.name), response.fields, owner, response.location)
  }
  claims.push(...fixturesClaims(schema))
  return claims
}

// ---------------------------------------------------------------------------
// The test kit (issue 19): the `fixtures` object of `testing/index.ts` has one builder per event, keyed by the
// event's tag, beside its own members; an event tagged `value` would replace `fixtures.value`.

/** The members of `fixtures` (`testing/index.ts`) besides the builders of the events. */
export const FIXTURES_MEMBERS = [
  'response',
  'parameters',
  'value',
  'textMessage',
  'groupMessage',
  'contactRequest',
  'groupInvitation',
  'fileOffer',
] as const

/**
 * The keys of `fixtures`: its own members, then each event's tag. A tag two events share is claimed once: the
 * schema check reports it (`duplicate-tag`), and the same mistake is not a second error.
 */
function fixturesClaims(schema: Schema): NameClaim[] {
  const scope = 'testing:fixtures' as const
  const seen = new Set<string>()
  const events = schema.events.filter((event) => !seen.has(event.tag) && Boolean(seen.add(event.tag)))
  return [
    ...FIXTURES_MEMBERS.map((name) => ({scope, name, owner: 'the generator', location: null})),
    ...events.map((event) => ({
      scope,
      name: event.tag,
      owner: `event \`${event.name}\``,
      location: event.location,
    })),
  ]
}

/** A name two owners claim in one scope. */
export interface NameCollision {
  name: string
  scope: NameScope
  /** The claim that came first (the generator's own names come before the docs'). */
  first: NameClaim
  /** The later claim: it is reported, at its location. */
  second: NameClaim
}

/**
 * The collisions among `claims`: the same name in one scope for two owners.
 *
 * @param claims from `nameClaims`.
 * @returns each later claim of a taken name, once per scope.
 */
export function findCollisions(claims: readonly NameClaim[]): NameCollision[] {
  const taken = new Map<string, NameClaim>()
  const collisions: NameCollision[] = []
  for (const claim of claims) {
    const key = `${claim.scope}\u0000${claim.name}`
    const first = taken.get(key)
    if (!first) taken.set(key, claim)
    else if (first.owner !== claim.owner) collisions.push({name: claim.name, scope: claim.scope, first, second: claim})
  }
  return collisions
}
