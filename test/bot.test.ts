/**
 * The bot layer (`createBot`, templates/bot.ts bound in chat-bot.ts) against the test kit's fake core on
 * loopback: what `start()` sends on a fresh core and on one already set up, a failed step, `/help` from a
 * contact and a group message answered where they came from, two files in flight each resolving on its own
 * completion, a received file, handler errors, and a stop that waits for a running handler and leaves nothing
 * running.
 */
import {afterEach, describe, expect, it} from 'vitest'
import WebSocket, {WebSocketServer} from 'ws'
import {
  BotStartError,
  BotStoppedError,
  createBot,
  FileTransferError,
  parseBotCommand,
  type ChatBot,
  type ChatBotOptions,
  type T,
} from '../generated/src/index.js'
import {createFakeCore, fixtures, type FakeCore} from '../generated/src/testing/index.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close()
})

const PROFILE = {displayName: 'helper', fullName: 'Helper bot'}
const MENU = [
  {keyword: 'help', label: 'Help'},
  {label: 'More', commands: [{keyword: 'echo', label: 'Echo', params: 'text'}]},
]

/** The commands that change the core (the others only read). */
const WRITES = ['CreateActiveUser', 'APIUpdateProfile', 'APICreateMyAddress', 'APISetAddressSettings']

/**
 * A core that keeps the bot's state as a real one does: no user and no address until created, the profile and
 * the address settings as last set.
 */
function keepState(core: FakeCore): {user?: T.User; address?: T.UserContactLink} {
  const state: {user?: T.User; address?: T.UserContactLink} = {}
  const noUser = fixtures.response('chatCmdError', {chatError: {type: 'error', errorType: {type: 'noActiveUser'}}})
  const noAddress = fixtures.response('chatCmdError', {
    chatError: {type: 'errorStore', storeError: {type: 'userContactLinkNotFound'}},
  })
  core.on('ShowActiveUser', () => (state.user ? fixtures.response('activeUser', {user: state.user}) : noUser))
  core.on('CreateActiveUser', ({newUser}) => {
    const user = fixtures.value('User', {userId: 1})
    state.user = {...user, profile: {...user.profile, ...newUser.profile, profileId: 1, localAlias: ''}}
    return fixtures.response('activeUser', {user: state.user})
  })
  core.on('APIUpdateProfile', ({profile}) => {
    state.user = {...state.user!, profile: {...profile, profileId: 1, localAlias: ''}}
    return fixtures.response('userProfileUpdated', {user: state.user})
  })
  core.on('APIShowMyAddress', () =>
    state.address ? fixtures.response('userContactLink', {contactLink: state.address}) : noAddress,
  )
  core.on('APICreateMyAddress', () => {
    state.address = {connLinkContact: {connFullLink: 'https://simplex.chat/contact#/?v=2&smp=x'}}
    return fixtures.response('userContactLinkCreated', {connLinkContact: state.address.connLinkContact})
  })
  core.on('APISetAddressSettings', ({settings}) => {
    state.address = {...state.address!, addressSettings: settings}
    return fixtures.response('userContactLinkUpdated', {contactLink: state.address})
  })
  return state
}

async function fakeCore(): Promise<FakeCore> {
  const core = await createFakeCore({WebSocketServer})
  cleanup.push(() => core.close())
  return core
}

function bot(core: FakeCore, options: Partial<ChatBotOptions<'strict'>> = {}): ChatBot<'strict'> {
  const made = createBot({url: core.url, WebSocket, mode: 'strict', timeout: 2000, profile: PROFILE, ...options})
  cleanup.push(() => made.stop())
  return made
}

/** A bot started on a core that already has its user and address (the fake core's default answers). */
async function started(options: Partial<ChatBotOptions<'strict'>> = {}) {
  const core = await fakeCore()
  const running = bot(core, options)
  await running.start()
  const before = core.commands.length
  return {core, bot: running, sentSince: () => core.commands.slice(before)}
}

describe('start', () => {
  it('on a fresh core creates the user with the bot profile and menu, and the address with its settings', async () => {
    const core = await fakeCore()
    const state = keepState(core)
    const {user, address} = await bot(core, {commands: MENU, address: {welcome: 'Hello!'}}).start()
    expect(core.commands.map(({name}) => name)).toEqual([
      'ShowActiveUser',
      'CreateActiveUser',
      'APIShowMyAddress',
      'APICreateMyAddress',
      'APISetAddressSettings',
    ])
    const created = await core.nextCommand('CreateActiveUser')
    expect(created.params.newUser.profile).toEqual({
      ...PROFILE,
      peerType: 'bot',
      preferences: {
        commands: [
          {type: 'command', keyword: 'help', label: 'Help'},
          {type: 'menu', label: 'More', commands: [{type: 'command', keyword: 'echo', label: 'Echo', params: 'text'}]},
        ],
      },
    })
    expect((await core.nextCommand('APISetAddressSettings')).params.settings).toEqual({
      businessAddress: false,
      autoAccept: {acceptIncognito: false},
      autoReply: {type: 'text', text: 'Hello!'},
    })
    expect(user).toEqual(state.user)
    expect(address).toEqual(state.address)
  })

  it('on a core already set up only reads: a second start changes nothing', async () => {
    const core = await fakeCore()
    keepState(core)
    await bot(core, {commands: MENU}).start()
    const before = core.commands.length
    await bot(core, {commands: MENU}).start()
    expect(core.commands.slice(before).map(({name}) => name)).toEqual(['ShowActiveUser', 'APIShowMyAddress'])
  })

  it('updates the profile when it differs (name, menu), keeping its other fields', async () => {
    const core = await fakeCore()
    const state = keepState(core)
    await bot(core).start()
    state.user = {...state.user!, profile: {...state.user!.profile, description: 'kept', fullName: 'old'}}
    await bot(core, {commands: MENU}).start()
    const {params} = await core.nextCommand('APIUpdateProfile')
    expect(params.profile).toMatchObject({...PROFILE, description: 'kept', peerType: 'bot'})
    expect(params.profile.preferences?.commands).toHaveLength(2)
    expect(core.commands.filter(({name}) => WRITES.includes(name!)).map(({name}) => name)).toEqual([
      'CreateActiveUser',
      'APICreateMyAddress',
      'APISetAddressSettings',
      'APIUpdateProfile',
    ])
  })

  it('with address: false, neither reads nor makes an address', async () => {
    const core = await fakeCore()
    keepState(core)
    const {address} = await bot(core, {address: false}).start()
    expect(address).toBeUndefined()
    expect(core.commands.map(({name}) => name)).toEqual(['ShowActiveUser', 'CreateActiveUser'])
  })

  it('a failed step rejects with a BotStartError naming the step and the command', async () => {
    const core = await fakeCore()
    keepState(core)
    core.on('APICreateMyAddress', () =>
      fixtures.response('chatCmdError', {chatError: {type: 'error', errorType: {type: 'noActiveUser'}}}),
    )
    const failing = bot(core)
    const error = await failing.start().catch((e: unknown) => e)
    expect(failing.client.state).toBe('closed')
    expect(error).toBeInstanceOf(BotStartError)
    expect(error).toMatchObject({step: 'address', command: 'APICreateMyAddress', response: {type: 'chatCmdError'}})
    expect((error as Error).message).toBe(
      'bot start failed at address (APICreateMyAddress): unexpected response chatCmdError (noActiveUser)',
    )
  })

  it('a core that cannot be reached fails at connect', async () => {
    const core = await fakeCore()
    const url = core.url
    await core.close()
    const unreachable = createBot({url, WebSocket, profile: PROFILE, connectTimeout: 1000})
    cleanup.push(() => unreachable.stop())
    const error = await unreachable.start().catch((e: unknown) => e)
    expect(error).toMatchObject({name: 'BotStartError', step: 'connect', command: undefined})
  })
})

describe('routing', () => {
  it('answers /help from a contact to that contact, quoting it, with the args', async () => {
    const {core, bot} = await started()
    const seen: string[] = []
    bot.command('help', async (ctx) => {
      seen.push(ctx.args)
      await ctx.reply('I can help')
    })
    core.emit(fixtures.textMessage('/help  me  now ', {contactId: 5, itemId: 40}))
    const {params} = await core.nextCommand('APISendMessages')
    expect(params.sendRef).toEqual({chatType: 'direct', chatId: 5})
    expect(params.composedMessages).toEqual([
      {msgContent: {type: 'text', text: 'I can help'}, mentions: {}, quotedItemId: 40},
    ])
    expect(seen).toEqual(['me  now'])
  })

  it('answers a message in a group in that group', async () => {
    const {core, bot} = await started()
    bot.onMessage((ctx) => ctx.reply({type: 'text', text: `echo: ${ctx.text}`}))
    core.emit(fixtures.groupMessage('hello', {groupId: 2}))
    const {params} = await core.nextCommand('APISendMessages')
    expect(params.sendRef).toEqual({chatType: 'group', chatId: 2})
    expect(params.composedMessages[0]?.msgContent).toEqual({type: 'text', text: 'echo: hello'})
  })

  it('routes an unknown /command, and filtered messages, to the message handlers that match', async () => {
    const {core, bot} = await started()
    const texts: string[] = []
    bot.command('help', () => texts.push('help'))
    bot.onMessage((ctx) => texts.push(`direct ${ctx.text}`), {chat: 'direct', text: /^\/?\w+$/})
    bot.onMessage((ctx) => texts.push(`file ${ctx.text}`), {contentType: 'file'})
    core.emit(fixtures.groupMessage('skipped'))
    core.emit(fixtures.textMessage('/other'))
    core.emit(fixtures.textMessage('/help'))
    core.emit(fixtures.fileOffer('a.txt', 3))
    core.emit(fixtures.textMessage('last'))
    await expect.poll(() => texts).toEqual(['direct /other', 'help', 'file ', 'direct last'])
  })

  it('react sends the emoji reaction to the item', async () => {
    const {core, bot} = await started()
    bot.command('like', (ctx) => ctx.react('👍'))
    core.emit(fixtures.textMessage('/like', {contactId: 3, itemId: 9}))
    const {params} = await core.nextCommand('APIChatItemReaction')
    expect(params).toEqual({
      chatRef: {chatType: 'direct', chatId: 3},
      chatItemId: 9,
      add: true,
      reaction: {type: 'emoji', emoji: '👍'},
    })
  })

  it('a handler that throws goes to onError with its event, and the bot keeps answering', async () => {
    const {core, bot} = await started()
    const errors: [unknown, unknown][] = []
    bot.onError((error, event) => void errors.push([error, event]))
    bot.command('fail', () => {
      throw new Error('boom')
    })
    bot.command('ok', (ctx) => ctx.reply('fine'))
    const failing = fixtures.textMessage('/fail')
    core.emit(failing)
    core.emit(fixtures.textMessage('/ok', {contactId: 4}))
    const {params} = await core.nextCommand('APISendMessages')
    expect(params.sendRef).toEqual({chatType: 'direct', chatId: 4})
    expect(errors).toEqual([[new Error('boom'), failing]])
  })

  it('bot.on passes events through, narrowed, tracked and with errors to onError', async () => {
    const {core, bot} = await started()
    const errors: unknown[] = []
    bot.onError((error) => void errors.push(error))
    const invited: number[] = []
    bot.on('receivedGroupInvitation', ({groupInfo}) => {
      invited.push(groupInfo.groupId)
      throw new Error('after')
    })
    core.emit(fixtures.groupInvitation({groupId: 12}))
    await expect.poll(() => errors).toEqual([new Error('after')])
    expect(invited).toEqual([12])
  })
})

/** `newChatItems` answering a file send: one sent item with this id and file id. */
function sentFileItem(itemId: number, fileId: number) {
  return fixtures.response('newChatItems', {
    chatItems: [{chatItem: {meta: {itemId}, file: {fileId, fileName: `f${fileId}`}, content: {type: 'sndMsgContent'}}}],
  })
}

describe('files', () => {
  it('sendFile resolves on its own item completion, with two files in flight to one contact', async () => {
    const {core, bot} = await started()
    let next = 0
    core.on('APISendMessages', () => (++next === 1 ? sentFileItem(101, 11) : sentFileItem(102, 12)))
    const settled: string[] = []
    const chat: T.ChatRef = {chatType: 'direct', chatId: 5}
    const first = bot
      .sendFile(chat, '/tmp/a.bin')
      .then((event) => settled.push(`a ${event.chatItem.chatItem.meta.itemId}`))
    await core.nextCommand('APISendMessages')
    const second = bot
      .sendFile(chat, '/tmp/b.bin')
      .then((event) => settled.push(`b ${event.chatItem.chatItem.meta.itemId}`))
    const sent = await core.nextCommand('APISendMessages')
    expect(sent.params.composedMessages).toEqual([
      {fileSource: {filePath: '/tmp/b.bin'}, msgContent: {type: 'file', text: ''}, mentions: {}},
    ])
    // Wait until both sends have their items (the commands' replies), then complete the second one only.
    await new Promise((resolve) => setTimeout(resolve, 50))
    core.emit(
      fixtures.sndFileCompleteXFTP({
        chatItem: {chatInfo: {type: 'direct', contact: {contactId: 5}}, chatItem: {meta: {itemId: 102}}},
      }),
    )
    await second
    expect(settled).toEqual(['b 102'])
    core.emit(fixtures.sndFileCompleteXFTP({chatItem: {chatItem: {meta: {itemId: 101}}}}))
    await first
    expect(settled).toEqual(['b 102', 'a 101'])
  })

  it('sendFile rejects on its item sndFileError; a completion that came before the reply is kept', async () => {
    const {core, bot} = await started()
    core.on('APISendMessages', () => {
      // The completion of item 7 reaches the bot before the reply that names item 7.
      core.emit(fixtures.sndFileCompleteXFTP({chatItem: {chatItem: {meta: {itemId: 7}}}}))
      return sentFileItem(7, 70)
    })
    const event = await bot.sendFile({chatType: 'direct', chatId: 1}, '/tmp/early')
    expect(event.chatItem.chatItem.meta.itemId).toBe(7)
    core.on('APISendMessages', () => sentFileItem(8, 80))
    const failing = bot.sendFile({chatType: 'direct', chatId: 1}, '/tmp/bad')
    await core.nextCommand('APISendMessages')
    await new Promise((resolve) => setTimeout(resolve, 50))
    core.emit(fixtures.sndFileError({chatItem_: {chatItem: {meta: {itemId: 8}}}, errorMessage: 'relay down'}))
    const error = await failing.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileTransferError)
    expect(error).toMatchObject({message: 'sendFile /tmp/bad failed: relay down', event: {type: 'sndFileError'}})
  })

  it('receiveFile accepts the offer and resolves with the path on that item rcvFileComplete', async () => {
    const {core, bot} = await started()
    const offers: Promise<string>[] = []
    bot.onMessage((ctx) => void offers.push(bot.receiveFile(ctx.chatItem)), {contentType: 'file'})
    core.emit(fixtures.fileOffer('../../etc/passwd', 10, {itemId: 31}))
    const {params} = await core.nextCommand('ReceiveFile')
    expect(params).toMatchObject({userApprovedRelays: true})
    expect(params.filePath).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 50))
    core.emit(fixtures.rcvFileComplete({chatItem: {chatItem: {meta: {itemId: 30}}}}))
    core.emit(
      fixtures.rcvFileComplete({
        chatItem: {chatItem: {meta: {itemId: 31}, file: {fileSource: {filePath: '/files/passwd'}}}},
      }),
    )
    await expect.poll(() => offers.length).toBe(1)
    await expect(offers[0]).resolves.toBe('/files/passwd')
  })

  it('files.accept receives offers into dir, under the offer own name without its folders', async () => {
    const {core} = await started({files: {accept: () => true, dir: '/srv/in/'}})
    core.emit(fixtures.fileOffer('../../etc/passwd', 10))
    const {params} = await core.nextCommand('ReceiveFile')
    expect(params.filePath).toBe('/srv/in/passwd')
  })
})

describe('stop', () => {
  it('waits for a running handler, rejects pending waits, and leaves no timer or socket', async () => {
    const core = await fakeCore()
    const resources = () => process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap')
    const before = resources()
    const running = bot(core)
    await running.start({signals: true})
    const listeners = process.listenerCount('SIGINT')
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const steps: string[] = []
    running.command('slow', async (ctx) => {
      steps.push('handler started')
      await gate
      await ctx.reply('done')
      steps.push('handler replied')
    })
    core.on('APISendMessages', () => sentFileItem(5, 50))
    const file = running.sendFile({chatType: 'direct', chatId: 1}, '/tmp/never').catch((e: unknown) => e)
    core.emit(fixtures.textMessage('/slow'))
    await expect.poll(() => steps).toEqual(['handler started'])
    await new Promise((resolve) => setTimeout(resolve, 20))
    const stopped = running.stop().then(() => steps.push('stopped'))
    // Stopped taking events: this one is not handled.
    core.emit(fixtures.textMessage('/slow'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(steps).toEqual(['handler started'])
    release()
    await stopped
    expect(steps).toEqual(['handler started', 'handler replied', 'stopped'])
    expect(await file).toBeInstanceOf(BotStoppedError)
    expect(process.listenerCount('SIGINT')).toBe(listeners - 1)
    // Nothing the bot made is left: no more resources of any kind than before it started.
    const count = (names: string[]) =>
      names.reduce((counts, name) => counts.set(name, (counts.get(name) ?? 0) + 1), new Map<string, number>())
    await expect
      .poll(() => [...count(resources())].filter(([name, n]) => n > (count(before).get(name) ?? 0)))
      .toEqual([])
  })

  it('is bounded by stopTimeout when a handler never ends', async () => {
    const core = await fakeCore()
    const running = bot(core, {stopTimeout: 50})
    await running.start()
    running.command('hang', () => new Promise(() => {}))
    core.emit(fixtures.textMessage('/hang'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const at = performance.now()
    await running.stop()
    expect(performance.now() - at).toBeLessThan(1000)
    expect(running.client.state).toBe('closed')
  })
})

describe('parseBotCommand: the one reader of `/keyword params`', () => {
  it.each([
    ['/help', {keyword: 'help', args: '', argv: []}],
    ['  /help  ', {keyword: 'help', args: '', argv: []}],
    ['/echo hello   world', {keyword: 'echo', args: 'hello   world', argv: ['hello', 'world']}],
    [
      '/say "two words" \'and more\' x',
      {keyword: 'say', args: '"two words" \'and more\' x', argv: ['two words', 'and more', 'x']},
    ],
    ['/q "a \\"quoted\\" \\\\ b"', {keyword: 'q', args: '"a \\"quoted\\" \\\\ b"', argv: ['a "quoted" \\ b']}],
    ["/q 'it\\'s'", {keyword: 'q', args: "'it\\'s'", argv: ['it\\s']}],
    ['/e "" x', {keyword: 'e', args: '"" x', argv: ['', 'x']}],
    ['/open "not closed', {keyword: 'open', args: '"not closed', argv: ['not closed']}],
    ['/a\nsecond line', {keyword: 'a', args: 'second line', argv: ['second', 'line']}],
    ['/a"b c"', {keyword: 'a"b', args: 'c"', argv: ['c']}],
  ])('reads %j', (text, command) => {
    expect(parseBotCommand(text)).toEqual(command)
  })

  it.each(['', 'help', '/', '/ help', '//help', 'say /help'])('%j is no command', (text) => {
    expect(parseBotCommand(text)).toBeUndefined()
  })
})
