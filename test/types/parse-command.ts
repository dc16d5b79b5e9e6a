/**
 * Type tests of `parseCommand`, never run: `npm run typecheck` compiles this file. The result narrows by
 * `ok`, then by `name`, to that command's parameters type.
 */
import {parseCommand, type CC, type CommandParseError, type T} from '../../generated/src/index.js'

/** Compiles only when `A` and `B` are the same type (`any` is the same as nothing else). */
type Equal<A, B> = (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof

const parsed = parseCommand('/_send @5 json []')

// @ts-expect-error before `ok` is tested there may be no params
void parsed.params

if (parsed.ok) {
  // @ts-expect-error before `name` is tested the params are those of any command
  void parsed.params.sendRef
  if (parsed.name === 'APISendMessages') {
    same<typeof parsed.params, CC.APISendMessages>(true)
    same<typeof parsed.params.sendRef, T.ChatRef>(true)
    // @ts-expect-error a parameter of another command (APIUpdateChatItem's)
    void parsed.params.updatedMessage
  }
  switch (parsed.name) {
    case 'APIDeleteChatItem':
      same<typeof parsed.params.deleteMode, T.CIDeleteMode>(true)
      break
    case 'ShowActiveUser':
      same<typeof parsed.params, CC.ShowActiveUser>(true)
      break
  }
} else {
  same<typeof parsed.error, CommandParseError>(true)
  same<typeof parsed.error.offset, number>(true)
}
