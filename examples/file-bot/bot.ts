/**
 * A file bot: it receives files up to `maxSize` bytes sent to it (into `dir`) and says where it put them, and
 * answers `/get` by sending a file back, saying so when that file's own upload completed. Tested with the
 * test kit in `bot.test.ts`.
 */
import {createBot, FileTransferError, type ChatBotOptions} from '../../generated/src/index.js'

export interface FileBotOptions extends Omit<ChatBotOptions<'strict'>, 'profile' | 'mode' | 'files'> {
  /** Where received files go (a folder of the machine the core runs on). */
  dir: string
  /** The file `/get` sends. */
  file: string
  /** Largest file received, in bytes. Default: 10 MB. */
  maxSize?: number
}

/** Create the file bot (call `start()` on it). */
export function createFileBot({dir, file, maxSize = 10_000_000, ...options}: FileBotOptions) {
  const bot = createBot({
    ...options,
    mode: 'strict',
    profile: {displayName: 'files', fullName: 'File bot'},
    commands: [{keyword: 'get', label: 'Send me the file'}],
  })
  bot.onMessage(
    async (ctx) => {
      const offered = ctx.chatItem.chatItem.file
      if (offered === undefined) return
      if (offered.fileSize > maxSize) return ctx.reply(`${offered.fileName} is over ${maxSize} bytes: not taken`)
      // Resolves on this item's own rcvFileComplete, whoever else is sending files.
      const path = await bot.receiveFile(ctx.chatItem, {path: `${dir}/${ctx.chatItem.chatItem.meta.itemId}`})
      await ctx.reply(`got ${offered.fileName} (${offered.fileSize} bytes): ${path}`)
    },
    {contentType: 'file'},
  )
  bot.command('get', async (ctx) => {
    try {
      await bot.sendFile(ctx.chatRef, file, {text: 'here it is'})
      await ctx.reply('uploaded')
    } catch (error) {
      if (!(error instanceof FileTransferError)) throw error
      await ctx.reply(`could not send it: ${error.message}`)
    }
  })
  return bot
}
