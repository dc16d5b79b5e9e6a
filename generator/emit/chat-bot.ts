import {BOT_COMMANDS} from '../../templates/bot.js'
import type {Schema} from '../schema/types.js'

/**
 * The commands of `BOT_COMMANDS` (templates/bot.ts) that `schema` lacks: the bot is emitted only when there
 * are none, so a spec without them builds, without a bot (the generated README says why).
 *
 * @param schema the schema to emit.
 * @returns the missing command names, in the order the bot uses them.
 */
export function missingBotCommands(schema: Schema): string[] {
  const names = new Set(schema.commands.map((command) => command.name))
  return BOT_COMMANDS.filter((name) => !names.has(name))
}

/** A response of `Name` that is no `chatCmdError`, as a client in `Mode` decodes it. */
const OK = (name: string) => `DecodedKnown<Exclude<CommandResponses['${name}'], {type: typeof CHAT_CMD_ERROR}>, Mode>`

/**
 * The statements of `chat-bot.ts`: the generic bot of `templates/bot.ts` bound to this package's client,
 * events and types as `createBot`. The same for every spec that has the bot's commands (the names are the
 * generator's own), so it is written as statements of text, without doc text.
 */
export function emitChatBot(): string[] {
  return [
    `import {createBotOn, type Bot, type BotClient, type BotOptions} from './bot.js'
import {createChatClient, type ChatCoreClient} from './chat-client.js'
import type {CHAT_CMD_ERROR, ClientOptions} from './client.js'
import type {CommandResponses} from './commands.js'
import type {ChatEvent} from './events.js'
import type {Decoded, DecodedKnown} from './lenient.js'
import type {DecodeMode} from './runtime.js'
import type * as T from './types.js'`,
    `/** The package's types in a bot whose client decodes in \`Mode\` (see \`BotTypes\` in bot.ts). */
export interface ChatBotTypes<Mode extends DecodeMode> {
  client: ChatCoreClient<Mode>
  event: DecodedKnown<ChatEvent, Mode>
  chatItem: Decoded<T.AChatItem, Mode>
  chat: Decoded<T.ChatInfo, Mode>
  sender: Decoded<T.Contact, Mode> | Decoded<T.GroupMember, Mode>
  msgContent: T.MsgContent
  chatRef: T.ChatRef
  user: Decoded<T.User, Mode>
  address: Decoded<T.UserContactLink, Mode>
  sent: ${OK('APISendMessages')}
  reacted: ${OK('APIChatItemReaction')}
  fileSent: DecodedKnown<Extract<ChatEvent, {type: 'sndFileCompleteXFTP'}>, Mode>
}`,
    `/** A bot on the typed client (\`createBot\`). */
export type ChatBot<Mode extends DecodeMode = 'default'> = Bot<ChatBotTypes<Mode>>`,
    `/** Options of \`createBot\`: the client's (\`url\`, \`WebSocket\`, \`mode\`...) and the bot's. */
export interface ChatBotOptions<Mode extends DecodeMode = 'default'> extends ClientOptions<Mode>, BotOptions<ChatBotTypes<Mode>> {}`,
    `/**
 * A bot on \`createChatClient(options)\`: \`await bot.start()\` connects and makes the core match the options
 * (user, address, profile with the command menu), with the commands of COMMANDS.md only. See \`createBotOn\`
 * in bot.ts for routing, replies, files and the clean stop.
 */
export function createBot<Mode extends DecodeMode = 'default'>(options: ChatBotOptions<Mode>): ChatBot<Mode> {
  const client = createChatClient<Mode>(options)
  return createBotOn<ChatBotTypes<Mode>>(client as unknown as BotClient, options) as unknown as ChatBot<Mode>
}`,
  ]
}
