/**
 * `testing/index.ts` of the output, the entry of `simplex-chat-events/testing`: the generic fixture builders,
 * bot fixtures and fake core of `templates/testing/` bound to this package's events, responses, types and
 * commands. The same for every spec (its one spec-dependent part, `FixtureTypes`, is emitted apart into
 * `fixture-types.ts`), so it is a template, type-checked against the committed `generated/src/` (tsconfig.json's
 * `rootDirs`).
 */
import type {ChatEvent} from '../events.js'
import type {ChatResponse} from '../responses.js'
import type {ChatCommandName, CommandParameters, CommandResponse} from '../commands.js'
import {createFixtureBuilders, type DeepPartial, type FixtureOptions} from './fixtures.js'
import {createBotFixtures, type BotFixtureOptions} from './bot-fixtures.js'
import {answerFromParameters} from './default-answers.js'
import {
  startFakeCore,
  type FakeCoreBase,
  type FakeCoreOptions,
  type Fault,
  type RecordedCommand,
} from './fake-core.js'
import {commandPrefixes, fixtureSchema} from './testing-schema.js'
import type {FixtureTypes} from './fixture-types.js'
import {parseCommand} from '../command-parse.js'
export type {DeepPartial, FixtureOptions} from './fixtures.js'
export type {BotFixtureOptions} from './bot-fixtures.js'
export type {FakeCoreOptions, Fault, WebSocketServerConstructor} from './fake-core.js'
export type {FixtureTypes} from './fixture-types.js'

/** The event with tag `Tag`. */
type EventOf<Tag> = Extract<ChatEvent, {type: Tag}>
/** The response with tag `Tag`. */
type ResponseOf<Tag> = Extract<ChatResponse, {type: Tag}>
/** One builder per event tag: `fixtures.newChatItems(overrides?, options?)`. */
export type EventFixtures = {
  readonly [Tag in ChatEvent['type']]: (
    overrides?: DeepPartial<EventOf<Tag>>,
    options?: FixtureOptions,
  ) => EventOf<Tag>
}

/** Typed fixtures: every event, response and type, valid by construction (see `fixtures.ts`). */
export interface Fixtures extends EventFixtures {
  /** A response by its tag: `fixtures.response('apiChats', {chats: []})`. */
  response<Tag extends ChatResponse['type']>(
    tag: Tag,
    overrides?: DeepPartial<ResponseOf<Tag>>,
    options?: FixtureOptions,
  ): ResponseOf<Tag>
  /** The parameters of a command by its name: `commandString(name, fixtures.parameters(name))` is a valid command. */
  parameters<Name extends ChatCommandName>(
    name: Name,
    overrides?: DeepPartial<CommandParameters[Name]>,
    options?: FixtureOptions,
  ): CommandParameters[Name]
  /** A value of a type of TYPES.md by its name: `fixtures.value('User', {localDisplayName: 'bot'})`. */
  value<Name extends keyof FixtureTypes>(
    name: Name,
    overrides?: DeepPartial<FixtureTypes[Name]>,
    options?: FixtureOptions,
  ): FixtureTypes[Name]
  /** `newChatItems`: one received text message from a contact, in a direct chat. */
  textMessage(text: string, options?: BotFixtureOptions): EventOf<'newChatItems'>
  /** `newChatItems`: one received text message in a group, from a member. */
  groupMessage(text: string, options?: BotFixtureOptions): EventOf<'newChatItems'>
  /** `receivedContactRequest`: someone asks to connect through the bot's address. */
  contactRequest(options?: BotFixtureOptions): EventOf<'receivedContactRequest'>
  /** `receivedGroupInvitation`: a contact invites the bot into a group. */
  groupInvitation(options?: BotFixtureOptions): EventOf<'receivedGroupInvitation'>
  /** `newChatItems`: one received file offer from a contact. */
  fileOffer(fileName: string, fileSize: number, options?: BotFixtureOptions): EventOf<'newChatItems'>
}

const builders = createFixtureBuilders(fixtureSchema)
/** Typed fixtures of every event (one builder per tag), response (`response(tag)`) and type (`value(name)`). */
export const fixtures: Fixtures = Object.freeze({
  ...Object.fromEntries(
    Object.keys(fixtureSchema.events).map((tag) => [
      tag,
      (overrides?: unknown, options?: FixtureOptions) => builders.event(tag, overrides, options),
    ]),
  ),
  response: builders.response,
  parameters: builders.parameters,
  value: builders.value,
  ...createBotFixtures(builders),
}) as unknown as Fixtures
/** A command as the fake core received it, typed by its name. */
export type ReceivedCommand<Name extends ChatCommandName = ChatCommandName> = {
  [N in Name]: {corrId: string; cmd: string; name: N; params: CommandParameters[N]}
}[Name]
/** A fake chat core on 127.0.0.1, typed by the package's commands: each command string read with `parseCommand`. */
export interface FakeCore extends Omit<
  FakeCoreBase,
  'commands' | 'on' | 'nextCommand' | 'reply' | 'waitForCommands'
> {
  /** Every command received, in order (at most `maxCommands`); `name` is `undefined` for a string `parseCommand` does not read. */
  readonly commands: readonly (ReceivedCommand | RecordedCommand<never, undefined>)[]
  /** Answer command `name` with what `handler` returns from now on (default: a valid response from the fixtures). */
  on<Name extends ChatCommandName>(
    name: Name,
    handler: (
      params: CommandParameters[Name],
      command: ReceivedCommand<Name>,
    ) => CommandResponse<Name> | Promise<CommandResponse<Name>>,
  ): this
  /** The next command named `name` not yet returned by `nextCommand`, waiting up to `timeout` (default the core's). */
  nextCommand<Name extends ChatCommandName>(
    name: Name,
    options?: {timeout?: number},
  ): Promise<ReceivedCommand<Name>>
  /** Push an event to every connection. */
  emit(event: ChatEvent): void
  /** Apply `fault` to command `name` (`'*'`: every command) from now on; `null` removes it. */
  fault(name: ChatCommandName | '*', fault: Fault | null): this
  /** Answer a received command now with `response`, on its connection (held, reordered or duplicated answers); `corrId` replaces its own. */
  reply<Name extends ChatCommandName>(
    command: ReceivedCommand<Name>,
    response: CommandResponse<Name>,
    options?: {corrId?: string},
  ): void
  reply(command: FakeCore['commands'][number], response: ChatResponse, options?: {corrId?: string}): void
  /** Resolves with the first `count` commands (of those kept) once `count` have arrived in all. */
  waitForCommands(count: number, options?: {timeout?: number}): Promise<FakeCore['commands']>
}

/** The commands whose leading literal is `prefix` (more than one where the docs give two commands one start, whose strings can be the same). */
const commandsByPrefix = new Map<string, string[]>()
for (const [prefix, name] of commandPrefixes)
  commandsByPrefix.set(prefix, [...(commandsByPrefix.get(prefix) ?? []), name])
/** The command a string is and its parameters, read by `parseCommand`; or what it expected where it stopped. */
function readCommandString(cmd: string): {name: string; params: unknown} | {error: string} {
  const parsed = parseCommand(cmd)
  return parsed.ok ? {name: parsed.name, params: parsed.params} : {error: parsed.error.message}
}

/**
 * The tag of the default answer to command `name`: its first response; where commands share a leading literal
 * (`/_connect 1` is APIAddContact and APIConnect: `parseCommand` names the first), the first response they all
 * have, valid whichever was meant.
 */
function defaultResponseTag(name: string): string {
  const tags = fixtureSchema.commands[name]!
  const prefix = commandPrefixes.find(([, candidate]) => candidate === name)?.[0]
  const peers = prefix === undefined ? [name] : commandsByPrefix.get(prefix)!
  return tags.find((tag) => peers.every((peer) => fixtureSchema.commands[peer]!.includes(tag))) ?? tags[0]!
}

/**
 * Start a fake chat core on 127.0.0.1 (a free port unless `options.port`): it records every command, answers
 * each with a valid response of that command (`APISendMessages` with the items it sent, others with the first response the docs list, built by `fixtures`) or what `on`
 * scripts, pushes events, replays frames and injects faults. Needs `ws`: installed, or `options.WebSocketServer`.
 */
export async function createFakeCore(options?: FakeCoreOptions): Promise<FakeCore> {
  const core = await startFakeCore(
    {
      parseCommand: readCommandString,
      defaultResponse: (name, params, seed) =>
        answerFromParameters(builders, name, params, {seed}) ??
        builders.response(defaultResponseTag(name), undefined, {seed}),
      errorResponse: (message, seed) =>
        builders.response(
          'chatCmdError',
          {chatError: {type: 'error', errorType: {type: 'commandError', message}}},
          {seed},
        ),
    },
    options,
  )
  return core as unknown as FakeCore
}
