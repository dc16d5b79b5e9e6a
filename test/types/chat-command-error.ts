/**
 * Type tests of `ChatCommandError`, never run: `npm run typecheck` compiles this file. After
 * `e instanceof ChatCommandError`, `e.chatError` is the docs' `ChatError`, not `any`.
 */
import {ChatCommandError, createChatClient, type T} from '../../generated/src/index.js'

declare const caught: unknown

/** Compiles only when `A` and `B` are the same type (`any` is the same as nothing else). */
type Equal<A, B> = (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof

if (caught instanceof ChatCommandError) {
  same<typeof caught.chatError, T.ChatError>(true)
  same<typeof caught.response, {type: 'chatCmdError'; chatError: T.ChatError}>(true)
  // @ts-expect-error a field no ChatError member has: with `any` this compiled
  void caught.chatError.noSuchField
  if (caught.chatError.type === 'errorStore') void caught.chatError.storeError.type
}

// What sendOk rejects with, caught as its own type.
export async function joinOrReport(client: ReturnType<typeof createChatClient>): Promise<string> {
  try {
    await client.sendOk('APIJoinGroup', {groupId: 1})
    return 'joined'
  } catch (error) {
    if (!(error instanceof ChatCommandError)) throw error
    const kind: T.ChatError['type'] = error.chatError.type
    return kind
  }
}
