import {readFileSync} from 'node:fs'
import path from 'node:path'

const FRAMES = path.resolve(import.meta.dirname, '..', 'fixtures', 'frames')

/** A real frame of `test/fixtures/frames/` (e.g. `complete/receivedGroupInvitation-1.json`), parsed. */
export function readFrame(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(FRAMES, name), 'utf8')) as Record<string, any>
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
