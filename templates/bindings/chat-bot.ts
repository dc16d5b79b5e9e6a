/**
 * The bot layer bound to this package (`chat-bot.ts` of the output): the generic bot of `bot.ts` on
 * `createChatClient`, typed by the package's client, events and types as `createBot`. The same for every spec
 * that has the bot's commands, so it is a template; it is type-checked here against the committed
 * `generated/src/` (tsconfig.json's `rootDirs` puts templates/bindings/ beside it), and copied only when the
 * spec has every command of `BOT_COMMANDS`.
 */
import {createBotOn, type Bot, type BotClient, type BotOptions} from './bot.js'
import {createChatClient, type ChatCoreClient} from './chat-client.js'
import type {CHAT_CMD_ERROR, ClientOptions} from './client.js'
import type {CommandResponses} from './commands.js'
import type {ChatEvent} from './events.js'
import type {Decoded, DecodedKnown} from './lenient.js'
import type {DecodeMode} from './runtime.js'
import type * as T from './types.js'
/** The package's types in a bot whose client decodes in `Mode` (see `BotTypes` in bot.ts). */
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
  sent: DecodedKnown<Exclude<CommandResponses['APISendMessages'], {type: typeof CHAT_CMD_ERROR}>, Mode>
  reacted: DecodedKnown<Exclude<CommandResponses['APIChatItemReaction'], {type: typeof CHAT_CMD_ERROR}>, Mode>
  fileSent: DecodedKnown<Extract<ChatEvent, {type: 'sndFileCompleteXFTP'}>, Mode>
}

/** A bot on the typed client (`createBot`). */
export type ChatBot<Mode extends DecodeMode = 'default'> = Bot<ChatBotTypes<Mode>>
/** Options of `createBot`: the client's (`url`, `WebSocket`, `mode`...) and the bot's. */
export interface ChatBotOptions<Mode extends DecodeMode = 'default'>
  extends ClientOptions<Mode>, BotOptions<ChatBotTypes<Mode>> {}

/**
 * A bot on `createChatClient(options)`: `await bot.start()` connects and makes the core match the options
 * (user, address, profile with the command menu), with the commands of COMMANDS.md only. See `createBotOn`
 * in bot.ts for routing, replies, files and the clean stop.
 */
export function createBot<Mode extends DecodeMode = 'default'>(options: ChatBotOptions<Mode>): ChatBot<Mode> {
  const client = createChatClient<Mode>(options)
  return createBotOn<ChatBotTypes<Mode>>(client as unknown as BotClient, options) as unknown as ChatBot<Mode>
}
