/**
 * Type tests of the test kit's fixtures, never run: `npm run typecheck` compiles this file. Overrides are a
 * typed deep partial (a wrong field, at any depth or in any union member, does not compile) and each builder
 * returns the precise type of what it builds.
 */
import type {CEvt, CR, T} from '../../generated/src/index.js'
import {createFakeCore, fixtures} from '../../generated/src/testing/index.js'

/** Compiles only when `A` and `B` are the same type. */
type Equal<A, B> = (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof

same<ReturnType<typeof fixtures.newChatItems>, CEvt.NewChatItems>(true)
same<ReturnType<typeof fixtures.textMessage>, CEvt.NewChatItems>(true)
const chats = fixtures.response('apiChats', {chats: []})
same<typeof chats, CR.ApiChats>(true)
const user = fixtures.value('User', {profile: {displayName: 'bot'}})
same<typeof user, T.User>(true)

fixtures.newChatItems({chatItems: [{chatInfo: {type: 'group', groupInfo: {groupId: 3}}}]})
// @ts-expect-error a field the event does not have
fixtures.newChatItems({chatItem: []})
// @ts-expect-error a field no ChatInfo member has, deep inside an array element
fixtures.newChatItems({chatItems: [{chatInfo: {type: 'direct', contactt: {}}}]})
// @ts-expect-error a field of the wrong type
fixtures.value('User', {userId: 'one'})
// @ts-expect-error a tag that is no response
fixtures.response('noSuchResponse', {})
// @ts-expect-error a name that is no type
fixtures.value('NoSuchType')

export async function scripted(): Promise<void> {
  const core = await createFakeCore()
  // A handler returns a response of that command: newChatItems or chatCmdError for APISendMessages.
  core.on('APISendMessages', () => fixtures.newChatItems())
  // @ts-expect-error a response APISendMessages does not answer with
  core.on('APISendMessages', () => fixtures.response('apiChats'))
  const sent = await core.nextCommand('APISendMessages')
  same<typeof sent.name, 'APISendMessages'>(true)
  await core.close()
}
