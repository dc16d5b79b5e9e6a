import {describe, expect, it} from 'vitest'
import {emitIndexModule} from '../../generator/emit/index-module.js'
import {code, printStatements, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

describe('emitIndexModule', () => {
  it('exports the namespaces type-only, the unions and data flat, and a decoder per type', async () => {
    expect(await printStatements(emitModule('index.ts', (scope) => emitIndexModule(TINY, scope)))).toBe(code`
      export type * as T from './types.js'
      export type * as CEvt from './events.js'
      export type {ChatEvent, ChatEventTag, EventCategory} from './events.js'
      export {chatEventTags, eventCategories} from './events.js'
      export type * as CC from './commands.js'
      export type * as CR from './responses.js'
      export type {ChatCommandName, CommandParameters, CommandResponse, CommandResponses} from './commands.js'
      export {chatCommandNames} from './commands.js'
      export type {ChatResponse, ChatResponseTag} from './responses.js'
      export {chatResponseTags} from './responses.js'
      export * from './command-strings.js'
      export * from './guards.js'
      export {
        decodeChatEvent,
        decodeChatEventJson,
        assertChatEvent,
        decodeFrame,
        decodeChatResponse,
        decodeCommandResponse,
        decodeChatType,
        decodeUser,
        decodePeer,
      } from './decode.js'
      export type {FrameResult} from './decode.js'
      export {DecodeError} from './runtime.js'
      export type {
        DecodeFailure,
        DecodeIssue,
        DecodeIssueCode,
        DecodeMode,
        DecodeOptions,
        DecodeResult,
        DecodeSuccess,
      } from './runtime.js'
      export type {
        Lenient,
        LenientKnown,
        LenientMember,
        LenientField,
        Decoded,
        DecodedKnown,
        Unchecked,
        UnknownMember,
        UnknownTag,
        NotAnArray,
      } from './lenient.js'
      export {createDispatcher} from './dispatch.js'
      export type {Handlers} from './dispatch.js'
      export {createIssueShapes} from './issue-shapes.js'
      export type {IssueShape, IssueShapes} from './issue-shapes.js'
      export {createChatClient} from './chat-client.js'
      export type {ChatCoreClient, ChatCoreOverloads, ChatCoreResponses} from './chat-client.js'
      export {ClientError, ChatCommandError, backoffDelay} from './client.js'
      export type {
        ChatClient,
        ClientOptions,
        SendOptions,
        ReconnectOptions,
        ClientErrorCode,
        ClientState,
        StateChange,
        UnhandledFrame,
        WebSocketLike,
        WebSocketClass,
        ClientStats,
        AbortSignalLike,
      } from './client.js'
      export {specInfo} from './spec-info.js'
      export type {SpecInfo, SpecVersionInfo, SpecDocumentInfo} from './spec-info.js'
      export {parseCommand} from './command-parse.js'
      export type {ParsedCommand, CommandParseResult} from './command-parse.js'
      export type {CommandParseError, CommandParseFailure} from './command-reader.js'
    `)
  })
})
