/**
 * A bot on the typed client: it echoes every received text message, and joins
 * every group it is invited to (the answer then goes to the group).
 * Commands, responses and events are typed by the generated package
 * (`createChatClient`): a wrong parameter does not compile.
 */
import {createChatClient, type ClientOptions, type T} from '../../generated/src/index.js'

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

  client.on('newChatItems', async ({chatItems}) => {
    for (const {chatInfo, chatItem} of chatItems) {
      const content = chatItem.content
      // `?.`: a lenient value may lack a field the types call required.
      if (content?.type !== 'rcvMsgContent' || content.msgContent?.type !== 'text') continue
      const sendRef = chatRefOf(chatInfo)
      if (sendRef === undefined) continue
      const text = content.msgContent.text
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
    const joined = await client.sendOk('APIJoinGroup', {groupId: groupInfo.groupId})
    log(`joined group ${joined.groupInfo.groupProfile.displayName}`)
  })

  client.onError((error) => log(`handler failed: ${error instanceof Error ? error.message : String(error)}`))
  client.onUnhandled((frame) => log(`skipped a frame: ${frame.reason}`))
  client.onState(({state, reason}) => log(`state: ${state}${reason ? ` (${reason})` : ''}`))
  return client
}

/** Where to answer: the contact or group (with its member-support scope) the message came from. */
function chatRefOf(chatInfo: T.ChatInfo): T.ChatRef | undefined {
  if (chatInfo.type === 'direct') return {chatType: 'direct', chatId: chatInfo.contact.contactId}
  if (chatInfo.type === 'group') {
    const chatScope = chatInfo.groupChatScope
    return {
      chatType: 'group',
      chatId: chatInfo.groupInfo.groupId,
      ...(chatScope ? {chatScope: toScope(chatScope)} : {}),
    }
  }
  return undefined
}

function toScope(scope: T.GroupChatScopeInfo): T.GroupChatScope {
  const member = scope.groupMember_?.groupMemberId
  return member === undefined ? {type: 'memberSupport'} : {type: 'memberSupport', groupMemberId_: member}
}
