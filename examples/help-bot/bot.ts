/**
 * A help bot on the typed client: it answers `/help` from a contact with what it can do, and any other
 * text with a hint. Small on purpose: it is the bot `bot.test.ts` tests end to end with the test kit
 * (`simplex-chat-events/testing`).
 */
import {createChatClient, type ClientOptions, type T} from '../../generated/src/index.js'

/** What the bot answers to `/help`. */
export const HELP_TEXT = 'I answer /help. Try it!'

/** What the bot answers to anything else. */
export const HINT_TEXT = 'Send /help to see what I can do.'

/**
 * Create the bot (call `connect()` on it to start). Strict decoding: the bot trusts the docs' types.
 *
 * @param options client options; `url` at least.
 * @returns the client, with the bot's handler on.
 */
export function createHelpBot(options: ClientOptions<'strict'>) {
  const client = createChatClient({...options, mode: 'strict'})
  client.on('newChatItems', async ({chatItems}) => {
    for (const {chatInfo, chatItem} of chatItems) {
      if (chatInfo.type !== 'direct' || chatItem.content.type !== 'rcvMsgContent') continue
      if (chatItem.content.msgContent.type !== 'text') continue
      const text = chatItem.content.msgContent.text.trim() === '/help' ? HELP_TEXT : HINT_TEXT
      const sendRef: T.ChatRef = {chatType: 'direct', chatId: chatInfo.contact.contactId}
      await client.sendOk('APISendMessages', {
        sendRef,
        liveMessage: false,
        signMessages: false,
        composedMessages: [{msgContent: {type: 'text', text}, mentions: {}}],
      })
    }
  })
  return client
}
