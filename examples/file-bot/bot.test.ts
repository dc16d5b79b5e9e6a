/** The file bot tested with the test kit: a received file, and a file sent back on `/get`. */
import {afterEach, expect, it} from 'vitest'
import WebSocket from 'ws'
import {createFakeCore, fixtures, type FakeCore} from '../../generated/src/testing/index.js'
import {createFileBot} from './bot.js'

let core: FakeCore
let bot: ReturnType<typeof createFileBot>
afterEach(async () => {
  await bot.stop()
  await core.close()
})

async function start(): Promise<void> {
  core = await createFakeCore()
  bot = createFileBot({url: core.url, WebSocket, dir: '/srv/in', file: '/srv/out/report.pdf', maxSize: 100})
  await bot.start()
}

async function nextText(): Promise<string | undefined> {
  const {params} = await core.nextCommand('APISendMessages')
  const content = params.composedMessages[0]?.msgContent
  return content?.type === 'text' ? content.text : undefined
}

it('receives an offered file into its folder and says where', async () => {
  await start()
  core.emit(fixtures.fileOffer('notes.txt', 12, {contactId: 3, itemId: 21}))
  const {params} = await core.nextCommand('ReceiveFile')
  expect(params.filePath).toBe('/srv/in/21')
  core.emit(
    fixtures.rcvFileComplete({
      chatItem: {chatItem: {meta: {itemId: 21}, file: {fileSource: {filePath: '/srv/in/21'}}}},
    }),
  )
  expect(await nextText()).toBe('got notes.txt (12 bytes): /srv/in/21')
})

it('refuses a file over maxSize', async () => {
  await start()
  core.emit(fixtures.fileOffer('big.iso', 1000, {contactId: 3}))
  expect(await nextText()).toBe('big.iso is over 100 bytes: not taken')
})

it('sends its file on /get and says so when that upload completed', async () => {
  await start()
  core.on('APISendMessages', ({composedMessages}) =>
    fixtures.response('newChatItems', {
      chatItems: [{chatItem: {meta: {itemId: composedMessages[0]?.fileSource ? 50 : 51}}}],
    }),
  )
  core.emit(fixtures.textMessage('/get', {contactId: 3}))
  const sent = await core.nextCommand('APISendMessages')
  expect(sent.params.composedMessages[0]?.fileSource).toEqual({filePath: '/srv/out/report.pdf'})
  await new Promise((resolve) => setTimeout(resolve, 50))
  core.emit(fixtures.sndFileCompleteXFTP({chatItem: {chatItem: {meta: {itemId: 50}}}}))
  const {params} = await core.nextCommand('APISendMessages')
  expect(params.composedMessages[0]?.msgContent).toEqual({type: 'text', text: 'uploaded'})
})
