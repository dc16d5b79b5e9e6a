/**
 * A bot layer on the client of `client.ts`: it makes the core match the bot's options (user, profile with
 * command menu, address and its settings), routes `/keyword params` messages and other messages to handlers
 * with a reply context, sends texts and files, receives files, and stops cleanly. Generic over the client and
 * the package's types, reading values by upstream's wire names; copied into `generated/src/bot.ts`, where
 * `chat-bot.ts` binds it to the package's commands, events and types as `createBot`.
 *
 * Decisions:
 * - Only commands of COMMANDS.md: `ShowActiveUser`, `CreateActiveUser`, `APIUpdateProfile`, `APIShowMyAddress`,
 *   `APICreateMyAddress`, `APISetAddressSettings`, `APISendMessages`, `APIChatItemReaction`, `ReceiveFile`
 *   (`BOT_COMMANDS`). A spec without one of them gets no bot (the generator leaves it out, with a note).
 * - `start()` is idempotent: each step reads first and changes only what differs from the options, so a
 *   second start on a core already set up sends only the reads. A failed step rejects with a
 *   `BotStartError` naming the step and the command, after stopping the bot: nothing is left open.
 * - Handlers run concurrently, as the client delivers events (it does not await handlers). The bot keeps the
 *   promise of each running handler so `stop()` can wait for it; a handler that throws or rejects goes to
 *   `onError` with its event, and the bot keeps running.
 * - File transfers are matched to their events by chat item id or file id, never by contact: two files in
 *   flight to one contact each resolve on their own completion. A completion that arrives before its send
 *   resolved (frames of one read are delivered before promises settle) is kept, boundedly, until claimed.
 * - `stop()` stops taking events, rejects every pending file wait with a `BotStoppedError` (no event can
 *   settle it any more), waits for running handlers (at most `stopTimeout`), closes the client, removes
 *   signal listeners. It never calls
 *   `process.exit`: with nothing left running, the process ends by itself.
 */

declare const setTimeout: (handler: () => void, ms: number) => unknown
declare const clearTimeout: (handle: unknown) => void
declare const console: {error(...data: unknown[]): void}

/** The commands of COMMANDS.md the bot sends: a spec without one of them gets no bot. */
export const BOT_COMMANDS = [
  'ShowActiveUser',
  'CreateActiveUser',
  'APIUpdateProfile',
  'APIShowMyAddress',
  'APICreateMyAddress',
  'APISetAddressSettings',
  'APISendMessages',
  'APIChatItemReaction',
  'ReceiveFile',
] as const

/** The part of the client (`createChatClient`) the bot uses, untyped: `chat-bot.ts` types it. */
export interface BotClient {
  connect(): Promise<void>
  close(): Promise<void>
  send(name: string, params: object): Promise<unknown>
  /** Rejects a `chatCmdError` reply with a `ChatCommandError`. */
  sendOk(name: string, params: object): Promise<unknown>
  on(tag: string, handler: (event: never, issues: readonly unknown[]) => unknown): () => void
}

/** The package's types the bot is typed by (`chat-bot.ts` fills them in). */
export interface BotTypes {
  /** The typed client (`ChatCoreClient`). */
  client: unknown
  /** The events, as the client decodes them. */
  event: {type: string}
  /** A chat item with its chat (`AChatItem`), as decoded. */
  chatItem: unknown
  /** The chat an item is in (`ChatInfo`), as decoded. */
  chat: unknown
  /** Who sent an item: the contact or the group member, as decoded. */
  sender: unknown
  /** Message content (`MsgContent`). */
  msgContent: {type: string}
  /** Where to send (`ChatRef`). */
  chatRef: object
  /** The bot's user (`User`), as decoded. */
  user: unknown
  /** The bot's address (`UserContactLink`), as decoded. */
  address: unknown
  /** The response of `APISendMessages`. */
  sent: unknown
  /** The response of `APIChatItemReaction`. */
  reacted: unknown
  /** The `sndFileCompleteXFTP` event. */
  fileSent: unknown
}

/** One entry of the command menu: a command (`/keyword`) or a submenu. Sent as upstream's `ChatBotCommand`. */
export type BotCommandSpec =
  {keyword: string; label: string; params?: string} | {label: string; commands: readonly BotCommandSpec[]}

/** The profile the bot shows; `peerType: 'bot'` and the command menu are added by the bot. */
export interface BotProfile {
  displayName: string
  /** Default `''`. */
  fullName?: string
  shortDescr?: string
  /** A data URL, as upstream's `Profile.image`. */
  image?: string
}

/** Options of the bot besides the client's. */
export interface BotOptions<M extends BotTypes> {
  profile: BotProfile
  /**
   * The bot's address: created if there is none, its settings applied (`false`: the bot neither creates nor
   * configures one). `autoAccept` default `true`; `business` default `false`; `welcome`: the automatic reply
   * to a new contact (a string is a text message).
   */
  address?: {autoAccept?: boolean; welcome?: string | M['msgContent']; business?: boolean} | false
  /** The command menu shown in the apps (`preferences.commands` of the profile). Default: none. */
  commands?: readonly BotCommandSpec[]
  /**
   * Files offered to the bot: each offer `accept` returns `true` for is received (`ReceiveFile`), into `dir`
   * (the core's files folder when absent) under the offer's own name without its folders. Default: none.
   */
  files?: {accept?: (item: M['chatItem']) => boolean; dir?: string}
  /** Milliseconds `stop()` waits for running handlers before it closes anyway. Default: 10000. */
  stopTimeout?: number
}

/** What a message handler gets. */
export interface MessageContext<M extends BotTypes> {
  /** The chat the message is in (a contact's or a group's `ChatInfo`). */
  chat: M['chat']
  /** Where an answer goes: the contact, or the group (with its member-support scope). */
  chatRef: M['chatRef']
  /** The received item and its chat. */
  chatItem: M['chatItem']
  /** The message text (`''` for content without text). */
  text: string
  /** The message content. */
  content: M['msgContent']
  /** The contact (direct chat) or group member (group) that sent it. */
  sender: M['sender']
  /** Answer in the same chat, quoting the message. */
  reply(content: string | M['msgContent']): Promise<M['sent']>
  /** React to the message with an emoji. */
  react(emoji: string): Promise<M['reacted']>
}

/** What a command handler gets: the message's context and the command read from it (`parseBotCommand`). */
export interface CommandContext<M extends BotTypes> extends MessageContext<M> {
  /** The keyword, without `/`. */
  keyword: string
  /** Everything after the keyword, trimmed (`''` when none). */
  args: string
  /** `args` split into words, quotes applied (`parseBotCommand`). */
  argv: string[]
}

/** Which messages a message handler takes; every given condition must hold. */
export interface MessageFilter {
  /** Content types (`'text'`, `'image'`, `'file'`...). */
  contentType?: string | readonly string[]
  /** The text must match. */
  text?: RegExp
  /** Direct chats only, or groups only. */
  chat?: 'direct' | 'group'
}

/** What `start()` found or made. */
export interface BotStarted<M extends BotTypes> {
  user: M['user']
  /** `undefined` with `address: false`. */
  address: M['address'] | undefined
}

/** The step of `start()` that failed. */
export type BotStartStep = 'connect' | 'user' | 'address' | 'address-settings' | 'profile'

/** `start()` failed: at which step, with which command, and the core's answer (a `chatCmdError`) or the cause. */
export class BotStartError extends Error {
  override name = 'BotStartError'
  readonly step: BotStartStep
  /** The command that failed; `undefined` for `connect`. */
  readonly command: string | undefined
  /** The core's unexpected response, when it answered. */
  readonly response: unknown

  constructor(
    step: BotStartStep,
    command: string | undefined,
    details: {response?: unknown; cause?: unknown; message?: string},
  ) {
    const what = command === undefined ? step : `${step} (${command})`
    const why =
      details.message ??
      (details.cause instanceof Error
        ? details.cause.message
        : `unexpected response ${describeResponse(details.response)}`)
    super(
      `bot start failed at ${what}: ${why}`,
      details.cause === undefined ? undefined : {cause: details.cause},
    )
    this.step = step
    this.command = command
    this.response = details.response
  }
}

/** A wait (`sendFile`, `receiveFile`) that `stop()` ended before it settled. */
export class BotStoppedError extends Error {
  override name = 'BotStoppedError'
  constructor(what: string) {
    super(`${what}: the bot stopped`)
  }
}

/** A file transfer that failed: the core's `sndFileError` or `rcvFileError`, or a response without the item. */
export class FileTransferError extends Error {
  override name = 'FileTransferError'
  /** The event or response that says so. */
  readonly event: unknown
  constructor(message: string, event: unknown) {
    super(message)
    this.event = event
  }
}

/** The bot, typed by `M` (see `chat-bot.ts`). */
export interface Bot<M extends BotTypes> {
  /** The client the bot runs on, for any command the bot has no helper for. */
  readonly client: M['client']
  /**
   * Connect and make the core match the options: the active user (created if none), the address (created if
   * none, settings applied when they differ), the profile (`peerType: 'bot'` and the command menu, updated
   * when it differs). `signals: true` stops the bot on SIGINT and SIGTERM (Node.js; listeners removed on stop).
   */
  start(options?: {signals?: boolean}): Promise<BotStarted<M>>
  /** Stop taking events, reject pending file waits, wait for running handlers (at most `stopTimeout`), close. */
  stop(): Promise<void>
  /** Handle `/keyword args` messages (see `parseBotCommand`). One handler per keyword. */
  command(keyword: string, handler: (context: CommandContext<M>) => unknown): this
  /** Handle received messages that no command handler took, matching `filter`. */
  onMessage(handler: (context: MessageContext<M>) => unknown, filter?: MessageFilter): this
  /** Handle an event by its tag, as the client's `on` (narrowed); tracked by `stop()`, errors to `onError`. */
  on<Tag extends M['event']['type']>(
    tag: Tag,
    handler: (event: Extract<M['event'], {type: Tag}>) => unknown,
  ): () => void
  /** Errors of handlers, with the event they handled. Default (none added): the console. */
  onError(handler: (error: unknown, event: M['event'] | undefined) => unknown): () => void
  /** Send a text message; `replyTo` quotes an item by id. */
  sendText(chatRef: M['chatRef'], text: string, options?: {replyTo?: number}): Promise<M['sent']>
  /** Answer a received item in its chat, quoting it. */
  reply(chatItem: M['chatItem'], content: string | M['msgContent']): Promise<M['sent']>
  /**
   * Send the file at `path` (a path the core can read) and resolve with its `sndFileCompleteXFTP` once that
   * item's upload completes; rejects with a `FileTransferError` on its `sndFileError`.
   */
  sendFile(chatRef: M['chatRef'], path: string, options?: {text?: string}): Promise<M['fileSent']>
  /** Accept the file of a received item and resolve with its path on that item's `rcvFileComplete`. */
  receiveFile(chatItem: M['chatItem'], options?: {path?: string}): Promise<string>
}

/** The parts of `/keyword params`. */
export interface BotCommandText {
  keyword: string
  args: string
  argv: string[]
}

/**
 * Read a `/keyword params` message: the only place commands are parsed.
 *
 * Rules: the text, leading and trailing white space ignored, starts with `/` and a keyword of one or more
 * characters other than white space and `/`; the keyword ends at the first white space (or the end). `args` is
 * the rest, trimmed, as written. `argv` splits `args` at runs of white space, except inside quotes: `"..."`
 * or `'...'` make one word without the quotes (`""` an empty word); inside `"..."`, a backslash takes the
 * next character as it is (`\"`, `\\`); a quote that is not closed runs to the end. `/` alone, `//x` and
 * `/ x` are no commands.
 *
 * @param text the message text.
 * @returns the command, or `undefined` for text that is not one.
 */
export function parseBotCommand(text: string): BotCommandText | undefined {
  const match = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text.trim())
  if (!match) return undefined
  const args = (match[2] ?? '').trim()
  return {keyword: match[1]!, args, argv: splitWords(args)}
}

function splitWords(args: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < args.length; i++) {
    const char = args[i]!
    if (char === '"' || char === "'") {
      inWord = true
      for (i++; i < args.length && args[i] !== char; i++) {
        if (char === '"' && args[i] === '\\' && i + 1 < args.length) i++
        word += args[i]
      }
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (inWord) words.push(word)
  return words
}

/** The upstream `ChatBotCommand`s of a menu. */
export function botCommandMenu(commands: readonly BotCommandSpec[]): object[] {
  return commands.map((entry) =>
    'commands' in entry
      ? {type: 'menu', label: entry.label, commands: botCommandMenu(entry.commands)}
      : {
          type: 'command',
          keyword: entry.keyword,
          label: entry.label,
          ...(entry.params ? {params: entry.params} : {}),
        },
  )
}

/** Bounded memory of file events that came before their wait (see the decisions above). */
const EARLY_EVENTS = 256

interface FileWait {
  what: string
  /** The item id and file id of the transfer (either may be unknown). */
  itemId: number | undefined
  fileId: number | undefined
  done: string
  failed: string
  resolve: (event: any) => void
  reject: (error: Error) => void
}

/**
 * The bot on `client` (untyped: `createBot` in `chat-bot.ts` types it).
 *
 * @param client a client of the chat core (`createChatClient`), not connected yet.
 * @param options the bot's options.
 */
export function createBotOn<M extends BotTypes>(client: BotClient, options: BotOptions<M>): Bot<M> {
  const commands = new Map<string, (context: any) => unknown>()
  const messageHandlers: {handler: (context: any) => unknown; filter: MessageFilter}[] = []
  const errorHandlers = new Set<(error: unknown, event: any) => unknown>()
  const running = new Set<Promise<void>>()
  const waits = new Set<FileWait>()
  const early: any[] = []
  const removers: (() => void)[] = []
  let state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle'
  let stopping: Promise<void> | undefined
  let signalsOff: (() => void) | undefined

  const reportError = (error: unknown, event: unknown) => {
    if (errorHandlers.size === 0) console.error('bot handler failed', error)
    for (const handler of errorHandlers) {
      try {
        void Promise.resolve(handler(error, event)).catch((e) => console.error('bot onError failed', e))
      } catch (e) {
        console.error('bot onError failed', e)
      }
    }
  }

  /** Run a handler, tracked by `stop()`, its error reported with `event`. */
  const run = (event: unknown, handler: () => unknown) => {
    if (state === 'stopping' || state === 'stopped') return
    const task = (async () => {
      try {
        await handler()
      } catch (error) {
        reportError(error, event)
      }
    })()
    running.add(task)
    void task.finally(() => running.delete(task))
  }

  const listen = (tag: string, handler: (event: any) => unknown) => {
    const remove = client.on(tag, ((event: any) => run(event, () => handler(event))) as (
      event: never,
    ) => unknown)
    removers.push(remove)
    return remove
  }

  const send = (name: string, params: object) => client.send(name, params) as Promise<any>
  // The helpers resolve with a success response; a `chatCmdError` rejects (`ChatCommandError`, from the client).
  const sendOk = (name: string, params: object) => client.sendOk(name, params) as Promise<any>

  const sendContent = (chatRef: unknown, content: string | {type: string}, quotedItemId?: number) =>
    sendOk('APISendMessages', {
      sendRef: chatRef,
      liveMessage: false,
      composedMessages: [
        {
          msgContent: typeof content === 'string' ? {type: 'text', text: content} : content,
          mentions: {},
          ...(quotedItemId === undefined ? {} : {quotedItemId}),
        },
      ],
    })

  const reply = (chatItem: any, content: string | {type: string}) => {
    const chatRef = chatRefOf(chatItem?.chatInfo)
    if (chatRef === undefined)
      return Promise.reject(new TypeError('reply: the item is in no contact or group chat'))
    return sendContent(chatRef, content, itemIdOf(chatItem))
  }

  const contextOf = (item: any) => {
    const content = item.chatItem.content.msgContent
    return {
      chat: item.chatInfo,
      chatRef: chatRefOf(item.chatInfo),
      chatItem: item,
      text: typeof content?.text === 'string' ? content.text : '',
      content,
      sender: item.chatInfo?.type === 'group' ? item.chatItem.chatDir?.groupMember : item.chatInfo?.contact,
      reply: (answer: string | {type: string}) => reply(item, answer),
      react: (emoji: string) =>
        sendOk('APIChatItemReaction', {
          chatRef: chatRefOf(item.chatInfo),
          chatItemId: itemIdOf(item),
          add: true,
          reaction: {type: 'emoji', emoji},
        }),
    }
  }

  const route = (event: any, item: any) => {
    if (item?.chatItem?.content?.type !== 'rcvMsgContent' || chatRefOf(item.chatInfo) === undefined) return
    const context = contextOf(item)
    const offered = item.chatItem.file
    if (
      options.files?.accept &&
      offered?.fileStatus?.type === 'rcvInvitation' &&
      options.files.accept(item)
    ) {
      // Not a handler `stop()` waits for: its wait ends with the bot, which is no error to report.
      receive(item, undefined).catch((error) => {
        if (state === 'running' && !(error instanceof BotStoppedError)) reportError(error, event)
      })
    }
    const parsed = parseBotCommand(context.text)
    const command = parsed && commands.get(parsed.keyword)
    if (parsed && command) return run(event, () => command({...context, ...parsed}))
    for (const {handler, filter} of messageHandlers) {
      if (matches(filter, context)) run(event, () => handler(context))
    }
  }

  /** A wait for a file's completion: `promise` settles on its event (or on stop), `cancel` drops it. */
  const wait = (entry: Omit<FileWait, 'resolve' | 'reject'>) => {
    let waiting: FileWait | undefined
    const promise = new Promise<any>((resolve, reject) => {
      if (state === 'stopping' || state === 'stopped') return reject(new BotStoppedError(entry.what))
      const found = early.findIndex((event) => matchesWait(entry, event))
      if (found >= 0) {
        const [event] = early.splice(found, 1)
        return event.type === entry.done ? resolve(event) : reject(fileError(entry, event))
      }
      waiting = {...entry, resolve, reject}
      waits.add(waiting)
    })
    // Its command failed: the wait is dropped, and the promise nobody reads is not an unhandled rejection.
    const cancel = () => {
      promise.catch(() => {})
      if (waiting) waits.delete(waiting)
    }
    return {promise, cancel}
  }

  const settleFile = (event: any) => {
    for (const entry of waits) {
      if (!matchesWait(entry, event)) continue
      waits.delete(entry)
      if (event.type === entry.done) entry.resolve(event)
      else entry.reject(fileError(entry, event))
      return
    }
    early.push(event)
    if (early.length > EARLY_EVENTS) early.shift()
  }

  const receive = async (chatItem: any, path: string | undefined) => {
    const file = chatItem?.chatItem?.file
    if (!isId(file?.fileId)) throw new TypeError('receiveFile: the item has no file')
    const dir = options.files?.dir
    const filePath = path ?? (dir === undefined ? undefined : joinPath(dir, file.fileName))
    const done = wait({
      what: `receiveFile ${file.fileId}`,
      itemId: itemIdOf(chatItem),
      fileId: file.fileId,
      done: 'rcvFileComplete',
      failed: 'rcvFileError',
    })
    try {
      const response = await sendOk('ReceiveFile', {
        fileId: file.fileId,
        userApprovedRelays: true,
        ...(filePath === undefined ? {} : {filePath}),
      })
      if (response?.type !== 'rcvFileAccepted')
        throw new FileTransferError(`receiveFile: ${response?.type}`, response)
    } catch (error) {
      done.cancel()
      throw error
    }
    const event = await done.promise
    return String(event.chatItem?.chatItem?.file?.fileSource?.filePath ?? filePath ?? file.fileName)
  }

  const bot: Bot<M> = {
    client,
    async start(startOptions = {}) {
      if (state !== 'idle') throw new BotStartError('connect', undefined, {message: `the bot is ${state}`})
      state = 'running'
      for (const tag of ['sndFileCompleteXFTP', 'sndFileError', 'rcvFileComplete', 'rcvFileError']) {
        removers.push(client.on(tag, ((event: unknown) => settleFile(event)) as (event: never) => unknown))
      }
      listen('newChatItems', (event) => {
        for (const item of Array.isArray(event?.chatItems) ? event.chatItems : []) route(event, item)
      })
      if (startOptions.signals) signalsOff = onSignals(() => void bot.stop())
      try {
        try {
          await client.connect()
        } catch (cause) {
          throw new BotStartError('connect', undefined, {cause})
        }
        const user = await ensureUser(send, options)
        const address =
          options.address === false ? undefined : await ensureAddress(send, user.userId, options)
        await ensureProfile(send, user, options)
        return {user, address}
      } catch (error) {
        // A bot that failed to start is stopped (closed, listeners and signal handlers removed): make a new one.
        await bot.stop()
        throw error
      }
    },
    stop() {
      stopping ??= (async () => {
        state = 'stopping'
        for (const remove of removers.splice(0)) remove()
        signalsOff?.()
        // No file event comes any more: the waits end now, so a handler awaiting one ends too.
        for (const entry of waits) entry.reject(new BotStoppedError(entry.what))
        waits.clear()
        early.length = 0
        await settleWithin([...running], options.stopTimeout ?? 10_000)
        await client.close()
        state = 'stopped'
      })()
      return stopping
    },
    command(keyword, handler) {
      commands.set(keyword.replace(/^\//, ''), handler)
      return bot
    },
    onMessage(handler, filter = {}) {
      messageHandlers.push({handler, filter})
      return bot
    },
    on(tag, handler) {
      return listen(tag, handler)
    },
    onError(handler) {
      errorHandlers.add(handler)
      return () => errorHandlers.delete(handler)
    },
    sendText: (chatRef, text, sendOptions = {}) => sendContent(chatRef, text, sendOptions.replyTo),
    reply,
    async sendFile(chatRef, path, sendOptions = {}) {
      const response = await sendOk('APISendMessages', {
        sendRef: chatRef,
        liveMessage: false,
        composedMessages: [
          {
            fileSource: {filePath: path},
            msgContent: {type: 'file', text: sendOptions.text ?? ''},
            mentions: {},
          },
        ],
      })
      const item = response?.type === 'newChatItems' ? response.chatItems?.[0] : undefined
      const itemId = itemIdOf(item)
      const fileId = item?.chatItem?.file?.fileId
      if (itemId === undefined && !isId(fileId)) {
        throw new FileTransferError(
          `sendFile ${path}: no sent item in ${describeResponse(response)}`,
          response,
        )
      }
      return wait({
        what: `sendFile ${path}`,
        itemId,
        fileId: isId(fileId) ? fileId : undefined,
        done: 'sndFileCompleteXFTP',
        failed: 'sndFileError',
      }).promise
    },
    receiveFile: (chatItem, receiveOptions = {}) => receive(chatItem, receiveOptions.path),
  }
  return bot
}

type Send = (name: string, params: object) => Promise<any>

/** Run one command of a start step; a throw or an answer not in `expected` is a `BotStartError`. */
async function step(send: Send, stepName: BotStartStep, name: string, params: object, expected: string[]) {
  let response: any
  try {
    response = await send(name, params)
  } catch (cause) {
    throw new BotStartError(stepName, name, {cause})
  }
  if (!expected.includes(response?.type)) throw new BotStartError(stepName, name, {response})
  return response
}

async function ensureUser(send: Send, options: BotOptions<any>): Promise<any> {
  const shown = await step(send, 'user', 'ShowActiveUser', {}, ['activeUser', 'chatCmdError'])
  if (shown.type === 'activeUser') return shown.user
  if (shown.chatError?.errorType?.type !== 'noActiveUser')
    throw new BotStartError('user', 'ShowActiveUser', {response: shown})
  const created = await step(
    send,
    'user',
    'CreateActiveUser',
    {newUser: {profile: wantedProfile({}, options), pastTimestamp: false}},
    ['activeUser'],
  )
  return created.user
}

async function ensureAddress(send: Send, userId: number, options: BotOptions<any>): Promise<any> {
  const settings = options.address || {}
  const shown = await step(send, 'address', 'APIShowMyAddress', {userId}, ['userContactLink', 'chatCmdError'])
  let address = shown.contactLink
  if (shown.type === 'chatCmdError') {
    if (shown.chatError?.storeError?.type !== 'userContactLinkNotFound') {
      throw new BotStartError('address', 'APIShowMyAddress', {response: shown})
    }
    const created = await step(send, 'address', 'APICreateMyAddress', {userId}, ['userContactLinkCreated'])
    // A new address has the core's default settings: no auto-accept, no auto-reply, not a business address.
    address = {connLinkContact: created.connLinkContact, addressSettings: {businessAddress: false}}
  }
  const welcome = settings.welcome
  const wanted = {
    businessAddress: settings.business ?? false,
    ...(settings.autoAccept === false ? {} : {autoAccept: {acceptIncognito: false}}),
    ...(welcome === undefined
      ? {}
      : {autoReply: typeof welcome === 'string' ? {type: 'text', text: welcome} : welcome}),
  }
  if (sameJson(address?.addressSettings ?? {businessAddress: false}, wanted)) return address
  const updated = await step(send, 'address-settings', 'APISetAddressSettings', {userId, settings: wanted}, [
    'userContactLinkUpdated',
  ])
  return updated.contactLink ?? {...address, addressSettings: wanted}
}

async function ensureProfile(send: Send, user: any, options: BotOptions<any>): Promise<void> {
  const current = user?.profile ?? {}
  const wanted = wantedProfile(current, options)
  const have = profileOf(current)
  if (sameJson(have, wanted)) return
  await step(send, 'profile', 'APIUpdateProfile', {userId: user.userId, profile: wanted}, [
    'userProfileUpdated',
    'userProfileNoChange',
  ])
}

/** The parts of a `LocalProfile` that are a `Profile`, in a fixed order (so two profiles compare as JSON). */
function profileOf(local: any): Record<string, unknown> {
  const fields = [
    'displayName',
    'fullName',
    'shortDescr',
    'description',
    'image',
    'contactLink',
    'preferences',
    'peerType',
  ]
  const profile: Record<string, unknown> = {}
  for (const field of [...fields, 'badge', 'contactDomain'])
    if (local[field] !== undefined) profile[field] = local[field]
  return profile
}

/** The profile the options ask for, on top of the current one (its other fields and preferences kept). */
function wantedProfile(current: any, options: BotOptions<any>): Record<string, unknown> {
  const {displayName, fullName = '', shortDescr, image} = options.profile
  const preferences = {...(current.preferences ?? {}), commands: botCommandMenu(options.commands ?? [])}
  return profileOf({
    ...profileOf(current),
    displayName,
    fullName,
    shortDescr,
    image,
    preferences,
    peerType: 'bot',
  })
}

function matches(filter: MessageFilter, context: {text: string; content: any; chat: any}): boolean {
  const types = filter.contentType === undefined ? undefined : ([] as string[]).concat(filter.contentType)
  if (types && !types.includes(context.content?.type)) return false
  if (filter.chat && context.chat?.type !== filter.chat) return false
  if (filter.text) {
    filter.text.lastIndex = 0
    if (!filter.text.test(context.text)) return false
  }
  return true
}

function matchesWait(entry: Omit<FileWait, 'resolve' | 'reject'>, event: any): boolean {
  if (event?.type !== entry.done && event?.type !== entry.failed) return false
  const item = event.chatItem ?? event.chatItem_
  const itemId = itemIdOf(item)
  if (entry.itemId !== undefined && itemId !== undefined) return itemId === entry.itemId
  const fileId =
    item?.chatItem?.file?.fileId ?? event.fileTransferMeta?.fileId ?? event.rcvFileTransfer?.fileId
  return entry.fileId !== undefined && fileId === entry.fileId
}

function fileError(entry: {what: string}, event: any): FileTransferError {
  const why = event?.errorMessage ?? event?.agentError?.type ?? event?.type
  return new FileTransferError(`${entry.what} failed: ${String(why)}`, event)
}

/** Where to answer an item: the contact, or the group with the member-support scope it came from. */
function chatRefOf(chatInfo: any): object | undefined {
  if (chatInfo?.type === 'direct') {
    const chatId = chatInfo.contact?.contactId
    return isId(chatId) ? {chatType: 'direct', chatId} : undefined
  }
  if (chatInfo?.type === 'group') {
    const chatId = chatInfo.groupInfo?.groupId
    if (!isId(chatId)) return undefined
    const scope = chatInfo.groupChatScope
    if (scope?.type !== 'memberSupport') return {chatType: 'group', chatId}
    const groupMemberId_ = scope.groupMember_?.groupMemberId
    return {
      chatType: 'group',
      chatId,
      chatScope: {type: 'memberSupport', ...(isId(groupMemberId_) ? {groupMemberId_} : {})},
    }
  }
  return undefined
}

function itemIdOf(item: any): number | undefined {
  const id = item?.chatItem?.meta?.itemId
  return isId(id) ? id : undefined
}

function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id)
}

/** `dir` and the last part of `name` (a sender's name may hold folders or `..`: never followed). */
function joinPath(dir: string, name: unknown): string {
  const base =
    String(name ?? 'file')
      .split(/[/\\]/)
      .pop() || 'file'
  const safe = base === '.' || base === '..' ? 'file' : base
  return `${dir.replace(/[/\\]+$/, '')}/${safe}`
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).filter(([, field]) => field !== undefined)
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sorted(v)]),
  )
}

function describeResponse(response: unknown): string {
  const type = (response as {type?: unknown} | undefined)?.type
  if (type === 'chatCmdError') {
    const error = (response as {chatError?: any}).chatError
    const inner = error?.errorType?.type ?? error?.storeError?.type ?? error?.agentError?.type
    return `chatCmdError${inner === undefined ? '' : ` (${String(inner)})`}`
  }
  return typeof type === 'string' ? type : 'without a type'
}

/** Wait for `tasks`, at most `ms` milliseconds; the timer is cleared either way. */
async function settleWithin(tasks: Promise<unknown>[], ms: number): Promise<void> {
  if (tasks.length === 0) return
  let timer: unknown
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))
  try {
    await Promise.race([Promise.allSettled(tasks), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** SIGINT and SIGTERM call `stop` (where there is a Node.js `process`); returns the function that removes them. */
function onSignals(stop: () => void): () => void {
  const process = (globalThis as {process?: {on?: Function; off?: Function}}).process
  if (typeof process?.on !== 'function' || typeof process.off !== 'function') return () => {}
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop)
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.off!(signal, stop)
  }
}
