/**
 * A bot on the typed client: it echoes every received text message, and joins
 * every group it is invited to (the answer then goes to the group).
 * Commands, responses and events are typed by the generated package
 * (`createChatClient`): a wrong parameter does not compile.
 */
import {createChatClient, type ClientOptions, type Lenient, type T} from '../../generated/src/index.js'

/** The bot's client. */
export type Bot = ReturnType<typeof createBot>

/**
 * Create the bot (call `connect()` on it to start). Defaults: lenient decoding
 * (servers and docs are versioned apart), reconnection with backoff, and up to
 * 100 answers queued while the core is away.
 *
 * @param options client options; `url` at least.
 * @param log where the bot reports what it did and what it skipped.
 * @returns the client, with the bot's handlers on.
 */
export function createBot(options: ClientOptions, log: (line: string) => void = console.log) {
  const client = createChatClient({
    mode: 'lenient',
    reconnect: {},
    whileDisconnected: {queue: 100},
    ...options,
  })

  // Lenient mode: the events are `Lenient` (a field the docs require may be absent, a tag unknown, a string a
  // number), so each field is checked before use.
  client.on('newChatItems', async ({chatItems}) => {
    if (!Array.isArray(chatItems)) return
    for (const item of chatItems) {
      const content = item?.chatItem?.content
      if (content?.type !== 'rcvMsgContent' || content.msgContent?.type !== 'text') continue
      const text = content.msgContent.text
      const sendRef = chatRefOf(item?.chatInfo)
      if (typeof text !== 'string' || sendRef === undefined) continue
      await client.sendOk('APISendMessages', {
        sendRef,
        liveMessage: false,
        signMessages: false,
        composedMessages: [{msgContent: {type: 'text', text}, mentions: {}}],
      })
      log(`echoed ${JSON.stringify(text)} to ${sendRef.chatType} ${sendRef.chatId}`)
    }
  })

  client.on('receivedGroupInvitation', async ({groupInfo}) => {
    const groupId = groupInfo?.groupId
    if (!isId(groupId)) return
    const joined = await client.sendOk('APIJoinGroup', {groupId})
    log(`joined group ${String(joined.groupInfo?.groupProfile?.displayName)}`)
  })

  client.onError((error) => log(`handler failed: ${error instanceof Error ? error.message : String(error)}`))
  client.onUnhandled((frame) => log(`skipped a frame: ${frame.reason}`))
  client.onState(({state, reason}) => log(`state: ${state}${reason ? ` (${reason})` : ''}`))
  return client
}

/** Where to answer: the contact or group (with its member-support scope) the message came from. */
function chatRefOf(chatInfo: Lenient<T.ChatInfo> | null | undefined): T.ChatRef | undefined {
  if (chatInfo?.type === 'direct') {
    const chatId = chatInfo.contact?.contactId
    return isId(chatId) ? {chatType: 'direct', chatId} : undefined
  }
  if (chatInfo?.type === 'group') {
    const chatId = chatInfo.groupInfo?.groupId
    if (!isId(chatId)) return undefined
    const chatScope = chatInfo.groupChatScope
    return {chatType: 'group', chatId, ...(chatScope ? {chatScope: toScope(chatScope)} : {})}
  }
  return undefined
}

function toScope(scope: Lenient<T.GroupChatScopeInfo>): T.GroupChatScope {
  const member = scope.type === 'memberSupport' ? scope.groupMember_?.groupMemberId : undefined
  return isId(member) ? {type: 'memberSupport', groupMemberId_: member} : {type: 'memberSupport'}
}

function isId(id: unknown): id is number {
  return Number.isSafeInteger(id)
}
