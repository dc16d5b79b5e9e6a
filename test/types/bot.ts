/**
 * Type tests of the bot layer (`createBot`), never run: `npm run typecheck` compiles this file. A reply takes
 * a string or a `T.MsgContent`, a command's `args` is a string, `bot.on` narrows as the client's `on`, and the
 * mode types what the handlers get.
 */
import {createBot, createChatClient, type ChatBot, type T} from '../../generated/src/index.js'

/** Compiles only when `A` and `B` are the same type (`any` is the same as nothing else). */
type Equal<A, B> = (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof

const bot = createBot({url: 'ws://localhost:5225', profile: {displayName: 'typed'}, mode: 'strict'})
same<typeof bot, ChatBot<'strict'>>(true)

bot.command('help', async (ctx) => {
  same<typeof ctx.args, string>(true)
  same<typeof ctx.argv, string[]>(true)
  same<typeof ctx.chatRef, T.ChatRef>(true)
  same<typeof ctx.chatItem, T.AChatItem>(true)
  await ctx.reply('text')
  await ctx.reply({type: 'text', text: 'content'})
  await ctx.reply({type: 'link', text: 'x', preview: {uri: 'https://x', title: 't', description: 'd', image: ''}})
  // @ts-expect-error a content type MsgContent does not have
  await ctx.reply({type: 'sticker', text: 'x'})
  // @ts-expect-error a text content needs its text
  await ctx.reply({type: 'text'})
  // @ts-expect-error a number is no message
  await ctx.reply(42)
  const sent = await ctx.reply('ok')
  same<typeof sent.type, 'newChatItems'>(true)
  await ctx.react('👍')
})

bot.onMessage(
  (ctx) => {
    same<typeof ctx.text, string>(true)
    same<typeof ctx.content, T.MsgContent>(true)
  },
  {contentType: ['text', 'image'], chat: 'group', text: /hi/},
)
// @ts-expect-error a chat kind the filter does not know
bot.onMessage(() => {}, {chat: 'local'})

// `bot.on` is narrowed as the client's `on`.
const client = createChatClient({url: 'ws://localhost:5225', mode: 'strict'})
client.on('newChatItems', (event) => same<typeof event.chatItems, T.AChatItem[]>(true))
bot.on('newChatItems', (event) => {
  same<typeof event.type, 'newChatItems'>(true)
  same<typeof event.chatItems, T.AChatItem[]>(true)
})
// @ts-expect-error an event tag EVENTS.md does not list
bot.on('noSuchEvent', () => {})

// The options: the address, the menu, files.
createBot({
  url: 'ws://localhost:5225',
  profile: {displayName: 'menu', fullName: 'Menu bot'},
  address: {autoAccept: true, welcome: {type: 'text', text: 'hi'}, business: false},
  commands: [
    {keyword: 'help', label: 'Help'},
    {label: 'More', commands: [{keyword: 'a', label: 'A', params: 'x'}]},
  ],
  files: {accept: (item) => item.chatItem.file !== undefined, dir: '/tmp'},
})
// @ts-expect-error the profile needs its displayName
createBot({url: 'ws://localhost:5225', profile: {fullName: 'x'}})
// @ts-expect-error a welcome is a string or a MsgContent
createBot({url: 'ws://localhost:5225', profile: {displayName: 'x'}, address: {welcome: 3}})

// Lenient: what handlers get is lenient too.
const lenient = createBot({url: 'ws://localhost:5225', profile: {displayName: 'l'}, mode: 'lenient'})
lenient.command('x', (ctx) => {
  // @ts-expect-error a lenient item's fields may be absent
  void ctx.chatItem.chatItem.meta.itemId
  void ctx.chatItem.chatItem?.meta?.itemId
})

export async function files(chatRef: T.ChatRef, item: T.AChatItem): Promise<void> {
  const done = await bot.sendFile(chatRef, '/tmp/a', {text: 'a file'})
  same<typeof done.type, 'sndFileCompleteXFTP'>(true)
  const path: string = await bot.receiveFile(item)
  void path
  await bot.sendText(chatRef, 'hi', {replyTo: 3})
  // @ts-expect-error replyTo is an item id
  await bot.sendText(chatRef, 'hi', {replyTo: item})
  await bot.start({signals: true})
  await bot.stop()
}
