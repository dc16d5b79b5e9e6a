/**
 * Type tests of the client: `tsc` checks this file (the root tsconfig includes
 * test/), and vitest runs the `expectTypeOf` assertions. A `@ts-expect-error`
 * line fails the type check when its line compiles.
 */
import {describe, expectTypeOf, it} from 'vitest'
import WebSocket from 'ws'
import type {CEvt, ChatEvent, T} from '../generated/src/index.js'
import {testProtocol, type CommandResponses} from './support/test-protocol.js'
import {ChatCommandError, createClient, type ChatErrorOf, type UnhandledFrame} from '../templates/client.js'

// Never connected, nothing sent: only the types matter here.
const client = createClient(testProtocol, {url: 'ws://127.0.0.1:1', WebSocket})

describe('client types', () => {
  it('send is typed with the response union of the command', () => {
    expectTypeOf<ReturnType<typeof client.send<'ShowActiveUser'>>>().toEqualTypeOf<
      Promise<CommandResponses['ShowActiveUser']>
    >()
    expectTypeOf(client.send)
      .parameter(0)
      .toEqualTypeOf<
        | 'ShowActiveUser'
        | 'ListUsers'
        | 'APIShowMyAddress'
        | 'APICreateMyAddress'
        | 'APIDeleteMyAddress'
        | 'APIJoinGroup'
        | 'APISendMessages'
      >()
    expectTypeOf<Awaited<ReturnType<typeof client.send<'APIJoinGroup'>>>['type']>().toEqualTypeOf<
      'userAcceptedGroupSent' | 'chatCmdError'
    >()
  })

  it('sendOk leaves chatCmdError out of the result; ChatCommandError carries the chatError type', () => {
    expectTypeOf<ReturnType<typeof client.sendOk<'ShowActiveUser'>>>().toEqualTypeOf<
      Promise<{type: 'activeUser'; user: T.User}>
    >()
    expectTypeOf<ChatErrorOf<CommandResponses['ShowActiveUser']>>().toEqualTypeOf<T.ChatError>()
    expectTypeOf<ChatCommandError<T.ChatError>['chatError']>().toEqualTypeOf<T.ChatError>()
  })

  it('a wrong parameter does not compile', () => {
    const never = (): void => {
      // @ts-expect-error groupId is a number
      void client.send('APIJoinGroup', {groupId: '1'})
      // @ts-expect-error a parameter the command does not have
      void client.send('APIShowMyAddress', {userId: 1, groupId: 2})
      // @ts-expect-error a required parameter missing
      void client.send('APISendMessages', {sendRef: {chatType: 'direct', chatId: 1}})
      // @ts-expect-error no such command
      void client.send('NoSuchCommand', {})
      // @ts-expect-error ShowActiveUser takes no parameters
      void client.send('ShowActiveUser', {userId: 1})
      // @ts-expect-error an enum value the docs do not list
      void client.send('APISendMessages', {sendRef: {chatType: 'channel', chatId: 1}, composedMessages: []})
    }
    expectTypeOf(never).toBeFunction()
  })

  it('on narrows the event to its tag; once and events are typed too', () => {
    client.on('newChatItems', (event, issues) => {
      expectTypeOf(event).toEqualTypeOf<CEvt.NewChatItems>()
      expectTypeOf(event.chatItems).toEqualTypeOf<T.AChatItem[]>()
      expectTypeOf(issues.length).toBeNumber()
    })
    expectTypeOf<ReturnType<typeof client.once<'receivedGroupInvitation'>>>().toEqualTypeOf<
      Promise<CEvt.ReceivedGroupInvitation>
    >()
    expectTypeOf(client.events()).toEqualTypeOf<AsyncIterableIterator<ChatEvent>>()
    client.onUnhandled((frame) => {
      expectTypeOf(frame).toEqualTypeOf<UnhandledFrame<ChatEvent>>()
      if (frame.reason === 'unexpected-reply') expectTypeOf(frame.corrId).toBeString()
    })
    const never = (): void => {
      // @ts-expect-error not an event tag
      client.on('noSuchEvent', () => {})
      // @ts-expect-error the handler of newChatItems does not get a receivedGroupInvitation
      client.on('newChatItems', (event: CEvt.ReceivedGroupInvitation) => void event)
    }
    expectTypeOf(never).toBeFunction()
  })
})
