/**
 * Type tests of the command half of the generated package, checked by
 * `npx tsc --noEmit -p tsconfig.json` (this file is never run): each
 * `@ts-expect-error` line must be an error, so a wrong type fails the check.
 */
import {commandString, decodeCommandResponse, type CommandResponse, type T} from '../generated/src/index.js'

const sendRef: T.ChatRef = {chatType: 'direct', chatId: 1}
const composedMessages: T.ComposedMessage[] = [{msgContent: {type: 'text', text: 'hi'}, mentions: {}}]

export const sent: string = commandString('APISendMessages', {
  sendRef,
  liveMessage: false,
  signMessages: false,
  composedMessages,
})

// @ts-expect-error a required parameter (`composedMessages`) is missing
commandString('APISendMessages', {sendRef, liveMessage: false, signMessages: false})

// @ts-expect-error `liveMessage` is a bool, not a string
commandString('APISendMessages', {sendRef, liveMessage: 'no', signMessages: false, composedMessages})

// @ts-expect-error not a command of the docs
commandString('APISendMessage', {})

// `connectTarget` is optional in the docs, but the syntax always writes it: the type requires it (no `undefined` sent).
export const plan: string = commandString('APIConnectPlan', {userId: 1, connectTarget: 'x', resolveMode: 'never'})

// @ts-expect-error without `connectTarget` the docs' string reads `/_connect plan 1 undefined`
commandString('APIConnectPlan', {userId: 1, resolveMode: 'never'})

/** `CommandResponse<'APISendMessages'>` narrows on `type`. */
export function describeSent(response: CommandResponse<'APISendMessages'>): number | string {
  switch (response.type) {
    case 'newChatItems':
      return response.chatItems.length
    case 'chatCmdError':
      return response.chatError.type
    // @ts-expect-error `activeUser` is no response of APISendMessages
    case 'activeUser':
      return 0
  }
}

export function chatItemsOf(value: unknown): number {
  const result = decodeCommandResponse('APISendMessages', value)
  if (!result.ok) return -1
  // @ts-expect-error not narrowed yet: a ChatCmdError has no chatItems
  void result.value.chatItems
  return result.value.type === 'newChatItems' ? result.value.chatItems.length : 0
}
