/**
 * Real captured frames (test/fixtures/frames, copied from ../shared/frames) and what the suites build from
 * them: a whole event of the newest docs, a text message event made of real items, and the real response of
 * each command the client suites send, scripted on the test kit's fake core (`answerWithRealFrames`).
 */
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import type {FakeCore} from '../../generated/src/testing/index.js'

const FRAMES = path.resolve(import.meta.dirname, '..', 'fixtures', 'frames')

/**
 * A real frame of `test/fixtures/frames/` (e.g. `complete/receivedGroupInvitation-1.json`), parsed; a fresh
 * copy each call. Untyped (JSON), so a suite can hand it to the typed fake core as any event or response,
 * valid or not.
 */
export function readFrame(name: string): any {
  return JSON.parse(readFileSync(path.join(FRAMES, name), 'utf8'))
}

/**
 * The real v6.5.4.1 receivedGroupInvitation event with the five fields the pinned (newest) docs add and that
 * server, which speaks the 088a33e docs, does not send; the values are what a newer server sends by default.
 * Tests of the pinned library use it as a whole, valid event.
 *
 * @returns a fresh copy on every call.
 */
export function invitationForNewestDocs(): Record<string, any> {
  const value = readFrame('complete/receivedGroupInvitation-1.json')
  Object.assign(value.user, {autoAcceptGroupInvitations: false, clientService: false})
  value.groupInfo.fullGroupPreferences.signMessages = {enable: 'off'}
  value.groupInfo.chatSettings.dropFeed = false
  value.contact.chatSettings.dropFeed = false
  return value
}

/** The names of the frames in a folder of test/fixtures/frames, sorted. */
export function frameNames(folder: 'complete' | 'not-in-current-docs' | 'responses' | 'trimmed'): string[] {
  return readdirSync(path.join(FRAMES, folder))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${folder}/${name}`)
}

/**
 * A `newChatItems` event holding one received text message in a direct chat with contact `contactId`: the
 * real frame of an older server (complete/newChatItems-1.json, whose item list is empty) with the real
 * received item of trimmed/newChatItems-1.json, its text and ids replaced. With `groupId`, the item is moved
 * into a group chat.
 */
export function textMessageEvent(
  text: string,
  {itemId = 1, contactId = 3, groupId}: {itemId?: number; contactId?: number; groupId?: number} = {},
): any {
  const event = readFrame('complete/newChatItems-1.json')
  const [item] = readFrame('trimmed/newChatItems-1.json').chatItems
  item.chatItem.meta.itemId = itemId
  item.chatItem.meta.itemText = text
  item.chatItem.content.msgContent.text = text
  item.chatInfo.contact = {...item.chatInfo.contact, contactId}
  if (groupId !== undefined) {
    const invitation = readFrame('complete/receivedGroupInvitation-1.json')
    item.chatInfo = {type: 'group', groupInfo: {...invitation.groupInfo, groupId}}
  }
  event.chatItems = [item]
  return event
}

/** The real response of each command the client suites send, by command name. */
const REAL_RESPONSES = {
  ShowActiveUser: () => readFrame('responses/activeUser-1.json'),
  ListUsers: () => readFrame('responses/usersList-1.json'),
  APIShowMyAddress: () => readFrame('responses/userContactLink-1.json'),
  APICreateMyAddress: () => readFrame('responses/userContactLinkCreated-1.json'),
  APIDeleteMyAddress: () => readFrame('responses/userContactLinkDeleted-1.json'),
  APIJoinGroup: () => readFrame('trimmed/userAcceptedGroupSent-1.json'),
  // No reply to a send was captured: a newChatItems built from real frames.
  APISendMessages: () => textMessageEvent('sent', {itemId: 100}),
} as const

/** The real response to command `name`; `undefined` for a command no frame answers. */
export function realResponse(name: string): any {
  return (REAL_RESPONSES as Record<string, (() => unknown) | undefined>)[name]?.()
}

/** Script `core` to answer every command of `REAL_RESPONSES` with its real frame (the others keep the kit's default). */
export function answerWithRealFrames(core: FakeCore): FakeCore {
  for (const [name, response] of Object.entries(REAL_RESPONSES)) core.on(name as 'ShowActiveUser', response)
  return core
}
