/**
 * Default answers that follow the command's parameters, for the commands bots send most: `APISendMessages` is
 * answered with the items it sent (`newChatItems`, in the chat `sendRef` names, one sent item per composed
 * message), so a bot that reads its reply sees its own message. Built with the generic builders of
 * `fixtures.ts`; copied into `generated/src/testing/default-answers.ts` and used by `createFakeCore`.
 */

import type {FixtureOptions, createFixtureBuilders} from './fixtures.js'

type Builders = ReturnType<typeof createFixtureBuilders>

/**
 * The answer to command `name` built from its parameters, or `undefined` where no such answer is known (the
 * fake core then answers with the command's first response).
 *
 * @param builders `createFixtureBuilders(fixtureSchema)`.
 * @param name the command, as `parseCommand` named it.
 * @param params its parameters, as `parseCommand` read them.
 * @param options the core's seed.
 */
export function answerFromParameters(
  builders: Builders,
  name: string,
  params: unknown,
  options: FixtureOptions,
): unknown {
  if (name !== 'APISendMessages' || !isObject(params)) return undefined
  const {sendRef, composedMessages} = params
  if (!isObject(sendRef) || typeof sendRef.chatId !== 'number' || !Array.isArray(composedMessages))
    return undefined
  const chatInfo =
    sendRef.chatType === 'direct'
      ? {type: 'direct', contact: {contactId: sendRef.chatId}}
      : sendRef.chatType === 'group'
        ? {type: 'group', groupInfo: {groupId: sendRef.chatId}}
        : undefined
  if (chatInfo === undefined) return undefined
  const chatDir = {type: chatInfo.type === 'direct' ? 'directSnd' : 'groupSnd'}
  const chatItems = composedMessages.map((message: unknown) => ({
    chatInfo,
    chatItem: {
      chatDir,
      content: {type: 'sndMsgContent', msgContent: isObject(message) ? message.msgContent : undefined},
    },
  }))
  return builders.response('newChatItems', {chatItems}, options)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
