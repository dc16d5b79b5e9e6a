/** The client bot on `createBot`, on the test kit's fake core: it echoes in a direct chat and joins a group. */
import {afterEach, expect, it} from 'vitest'
import WebSocket from 'ws'
import {createFakeCore, fixtures, type FakeCore} from '../../generated/src/testing/index.js'
import {createClientBot} from './on-bot-layer.js'

let core: FakeCore
let bot: ReturnType<typeof createClientBot>
afterEach(async () => {
  await bot.stop()
  await core.close()
})

it('echoes a text message and joins the group it is invited to', async () => {
  core = await createFakeCore()
  const log: string[] = []
  bot = createClientBot({url: core.url, WebSocket}, (line) => void log.push(line))
  await bot.start()
  core.emit(fixtures.textMessage('hello', {contactId: 3}))
  const echo = await core.nextCommand('APISendMessages')
  expect(echo.params.sendRef).toEqual({chatType: 'direct', chatId: 3})
  expect(echo.params.composedMessages[0]?.msgContent).toEqual({type: 'text', text: 'hello'})
  core.emit(fixtures.groupInvitation({groupId: 12}))
  expect((await core.nextCommand('APIJoinGroup')).params).toEqual({groupId: 12})
  await expect.poll(() => log).toEqual(['echoed "hello" to direct 3', expect.stringMatching(/^joined group/)])
})
