/**
 * The events bots meet most, as fixtures: a text message from a contact or in a group, a contact request, a
 * group invitation, a file offer. Built with the generic builders of `fixtures.ts` from overrides in upstream's
 * wire names; copied into `generated/src/testing/bot-fixtures.ts` and typed by `testing/index.ts`.
 */

import type {FixtureOptions, createFixtureBuilders} from './fixtures.js'

type Builders = ReturnType<typeof createFixtureBuilders>

/** Options of the helpers: the builder's, and the ids the test wants to assert on. */
export interface BotFixtureOptions extends FixtureOptions {
  /** The contact that sends (direct chats, requests, invitations). Default: the fixture's own. */
  contactId?: number
  /** The group of a group message or invitation. Default: the fixture's own. */
  groupId?: number
  /** The item's id. Default: the fixture's own. */
  itemId?: number
}

/**
 * The helpers over `builders`, untyped.
 *
 * @param builders `createFixtureBuilders(fixtureSchema)`.
 */
export function createBotFixtures(builders: Builders) {
  const received = (msgContent: object, options: BotFixtureOptions, file?: object) => ({
    chatItem: {
      chatDir: {type: 'directRcv'},
      meta: {itemStatus: {type: 'rcvNew'}, ...(options.itemId === undefined ? {} : {itemId: options.itemId})},
      content: {type: 'rcvMsgContent', msgContent},
      ...(file ? {file} : {}),
    },
  })
  const contact = (options: BotFixtureOptions) =>
    options.contactId === undefined ? {} : {contactId: options.contactId}
  const group = (options: BotFixtureOptions) =>
    options.groupId === undefined ? {} : {groupId: options.groupId}
  return {
    /** `newChatItems` with one received text message from a contact, in a direct chat. */
    textMessage(text: string, options: BotFixtureOptions = {}) {
      const item = received({type: 'text', text}, options)
      return builders.event(
        'newChatItems',
        {chatItems: [{chatInfo: {type: 'direct', contact: contact(options)}, ...item}]},
        options,
      )
    },
    /** `newChatItems` with one received text message in a group, from a member. */
    groupMessage(text: string, options: BotFixtureOptions = {}) {
      const item = received({type: 'text', text}, options)
      const sender = {type: 'groupRcv', groupMember: {...group(options), memberRole: 'member'}}
      return builders.event(
        'newChatItems',
        {
          chatItems: [
            {
              chatInfo: {type: 'group', groupInfo: group(options)},
              chatItem: {...item.chatItem, chatDir: sender},
            },
          ],
        },
        options,
      )
    },
    /** `receivedContactRequest`: someone asks to connect through the bot's address. */
    contactRequest(options: BotFixtureOptions = {}) {
      return builders.event(
        'receivedContactRequest',
        {contactRequest: options.contactId === undefined ? {} : {contactId_: options.contactId}},
        options,
      )
    },
    /** `receivedGroupInvitation`: a contact invites the bot into a group. */
    groupInvitation(options: BotFixtureOptions = {}) {
      return builders.event(
        'receivedGroupInvitation',
        {groupInfo: group(options), contact: contact(options), fromMemberRole: 'admin', memberRole: 'member'},
        options,
      )
    },
    /** `newChatItems` with one received file offer from a contact: a `file` message and its invitation. */
    fileOffer(fileName: string, fileSize: number, options: BotFixtureOptions = {}) {
      const file = {fileName, fileSize, fileStatus: {type: 'rcvInvitation'}}
      const item = received({type: 'file', text: ''}, options, file)
      return builders.event(
        'newChatItems',
        {chatItems: [{chatInfo: {type: 'direct', contact: contact(options)}, ...item}]},
        options,
      )
    },
  }
}
