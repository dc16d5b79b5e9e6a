/**
 * The client bot on `createBot`: it echoes every received text message and joins every group it is invited
 * to (then echoes there too). `bot.ts` is the same bot on the client alone; it stays, as test/client.test.ts
 * runs it through a core restart.
 */
import {createBot, type ChatBotOptions} from '../../generated/src/index.js'

/** Create the bot (call `start()` on it). Lenient decoding, reconnection and a queue, as `bot.ts`. */
export function createClientBot(
  options: Omit<ChatBotOptions<'lenient'>, 'mode' | 'profile'>,
  log: (line: string) => void = console.log,
) {
  const bot = createBot({
    mode: 'lenient',
    reconnect: {},
    whileDisconnected: {queue: 100},
    ...options,
    profile: {displayName: 'echo'},
  })
  bot.onMessage(
    async (ctx) => {
      await ctx.reply(ctx.text)
      log(`echoed ${JSON.stringify(ctx.text)} to ${ctx.chatRef.chatType} ${ctx.chatRef.chatId}`)
    },
    {contentType: 'text'},
  )
  bot.on('receivedGroupInvitation', async ({groupInfo}) => {
    const groupId = groupInfo?.groupId
    if (typeof groupId !== 'number') return
    const joined = await bot.client.sendOk('APIJoinGroup', {groupId})
    log(`joined group ${String(joined.groupInfo?.groupProfile?.displayName)}`)
  })
  bot.onError((error, event) => log(`handler failed on ${event?.type}: ${String(error)}`))
  return bot
}
