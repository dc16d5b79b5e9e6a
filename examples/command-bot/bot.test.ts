/**
 * The command bot tested end to end with the test kit: its menu in the profile it creates, and its commands
 * answered to the chat they came from.
 */
import {afterEach, expect, it} from 'vitest'
import WebSocket from 'ws'
import {createFakeCore, fixtures, type FakeCore} from '../../generated/src/testing/index.js'
import {createCommandBot, HELP_TEXT} from './bot.js'

let core: FakeCore
let bot: ReturnType<typeof createCommandBot>
afterEach(async () => {
  await bot.stop()
  await core.close()
})

async function start(): Promise<void> {
  core = await createFakeCore()
  bot = createCommandBot({url: core.url, WebSocket}, () => 0.5)
  await bot.start()
}

/** The text of the next message the bot sends, and where. */
async function nextText() {
  const {params} = await core.nextCommand('APISendMessages')
  const content = params.composedMessages[0]?.msgContent
  return {to: params.sendRef, text: content?.type === 'text' ? content.text : undefined}
}

it('puts its menu in the profile, as ChatBotCommands', async () => {
  await start()
  const {params} = await core.nextCommand('APIUpdateProfile')
  expect(params.profile.peerType).toBe('bot')
  expect(params.profile.preferences?.commands?.[1]).toEqual({
    type: 'menu',
    label: 'Games',
    commands: [{type: 'command', keyword: 'roll', label: 'Roll a die', params: '[sides]'}],
  })
})

it('answers its commands, and a hint to anything else', async () => {
  await start()
  core.emit(fixtures.textMessage('/help', {contactId: 2}))
  expect(await nextText()).toEqual({to: {chatType: 'direct', chatId: 2}, text: HELP_TEXT})
  core.emit(fixtures.groupMessage('/roll 20', {groupId: 4}))
  expect(await nextText()).toEqual({to: {chatType: 'group', chatId: 4}, text: '🎲 11 (of 20)'})
  core.emit(fixtures.textMessage('/say "two words" three', {contactId: 2}))
  expect((await nextText()).text).toBe('two words\nthree')
  core.emit(fixtures.textMessage('hello', {contactId: 2}))
  expect((await nextText()).text).toBe('Send /help to see what I can do.')
})
