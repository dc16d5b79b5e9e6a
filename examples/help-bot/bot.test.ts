/**
 * The help bot tested end to end with only the test kit (`simplex-chat-events/testing`): a fake chat core on
 * loopback, a contact's `/help` pushed as a typed fixture, and the typed `APISendMessages` the bot sent back.
 * In a bot's own repository the import is `from 'simplex-chat-events/testing'`.
 */
import {afterEach, expect, it} from 'vitest'
import WebSocket from 'ws'
import {createFakeCore, fixtures, type FakeCore} from '../../generated/src/testing/index.js'
import {createHelpBot, HELP_TEXT, HINT_TEXT} from './bot.js'

let core: FakeCore
let bot: ReturnType<typeof createHelpBot>
afterEach(async () => {
  // The bot's last send is answered at once; close after it, so its handler does not fail on a closed client.
  await expect.poll(() => bot.pendingCount).toBe(0)
  await bot.close()
  await core.close()
})

async function start(): Promise<void> {
  core = await createFakeCore()
  // `ws` for Node.js 20, which has no global WebSocket; on 22+ leave `WebSocket` out.
  bot = createHelpBot({url: core.url, WebSocket})
  await bot.connect()
}

it('answers /help from a contact with the help text, to that contact', async () => {
  await start()
  core.emit(fixtures.textMessage('/help', {contactId: 5}))
  const sent = await core.nextCommand('APISendMessages')
  expect(sent.params.sendRef).toEqual({chatType: 'direct', chatId: 5})
  expect(sent.params.composedMessages.map(({msgContent}) => msgContent)).toEqual([{type: 'text', text: HELP_TEXT}])
})

it('answers anything else with a hint, and ignores group messages', async () => {
  await start()
  core.emit(fixtures.groupMessage('/help', {groupId: 2}))
  core.emit(fixtures.textMessage('hello', {contactId: 8}))
  const sent = await core.nextCommand('APISendMessages')
  expect(sent.params.sendRef).toEqual({chatType: 'direct', chatId: 8})
  expect(sent.params.composedMessages[0]?.msgContent).toEqual({type: 'text', text: HINT_TEXT})
  expect(core.commands.map(({name}) => name)).toEqual(['APISendMessages'])
})
