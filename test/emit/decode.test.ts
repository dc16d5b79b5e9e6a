import {describe, expect, it} from 'vitest'
import {emitDecode} from '../../generator/emit/decode.js'
import {array, code, event, field, printStatements, record, ref, schema, TINY} from '../support/tiny-schema.js'
import {emitModule} from '../../generator/emit/module-scope.js'

/** `decode.ts` of a tiny schema, whole; how it behaves is tested by running it (decode.test.ts, hostile-values.test.ts). */
describe('emitDecode', () => {
  it('emits a fast check per shape, the shape table the slow path reads, and decoders that name their shape by index', async () => {
    expect(await printStatements(emitModule('decode.ts', (scope) => emitDecode(TINY, scope)))).toBe(code`
      import type {ChatCommandName, CommandResponse} from './commands.js'
      import {
        assertValue,
        decodeFrameOf,
        decodeJson,
        decodeResponseOf,
        decodeValue,
        type FrameResultOf,
      } from './decoding.js'
      import type {FrameTags} from './envelope.js'
      import {type ChatEvent, chatEventTags} from './events.js'
      import type {Decoded, DecodedKnown} from './lenient.js'
      import {type ChatResponse, chatResponseTags} from './responses.js'
      import {type DecodeMode, type DecodeOptions, type DecodeResult, failed} from './runtime.js'
      import type {ShapeTable} from './shape-checks.js'
      import {decodeShapeTable} from './shape-table.js'
      import type * as T from './types.js'

      function checkChatType(v: any): boolean {
        switch (v) {
          case 'direct':
          case 'group':
            return true
        }
        return false
      }

      function checkArray_string(v: any): boolean {
        if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false
        for (let i = 0; i < v.length; i++) if (!(typeof v[i] === 'string')) return failed(v, checkArray_string, i)
        return true
      }

      function checkMap_ChatType(v: any): boolean {
        if (!(typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype)) return false
        for (const i in v) if (!checkChatType(v[i])) return false
        return true
      }

      function checkUser(v: any): boolean {
        let at = -1,
          x: any
        return (
          (typeof v === 'object' &&
            v !== null &&
            ((x = v.userId), Object.getPrototypeOf(v) === Object.prototype) &&
            ((at = 0), Number.isInteger(x)) &&
            ((at = 1), typeof v.displayName === 'string') &&
            ((at = 2), (x = v.tags) === undefined || checkArray_string(x)) &&
            ((at = 3), (x = v.chats) === undefined || checkMap_ChatType(x))) ||
          failed(v, checkUser, at)
        )
      }

      function checkPeer_User(v: any): boolean {
        return checkUser(v.user) || failed(v, checkPeer_User, 0)
      }

      function checkArray_User(v: any): boolean {
        if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false
        for (let i = 0; i < v.length; i++) if (!checkUser(v[i])) return failed(v, checkArray_User, i)
        return true
      }

      function checkPeer_Group(v: any): boolean {
        return checkArray_User(v.members) || failed(v, checkPeer_Group, 0)
      }

      function checkPeer(v: any): boolean {
        if (!(typeof v === 'object' && v !== null)) return false
        const tag = v.type
        if (!(Object.getPrototypeOf(v) === Object.prototype)) return false
        switch (tag) {
          case 'user':
            return checkPeer_User(v)
          case 'group':
            return checkPeer_Group(v)
        }
        return false
      }

      function checkEvent_UserSeen(v: any): boolean {
        let at = 0,
          x: any
        return (
          (checkUser(v.user) && ((at = 1), (x = v.peer) === undefined || checkPeer(x))) ||
          failed(v, checkEvent_UserSeen, at)
        )
      }

      function checkChatEvent(v: any): boolean {
        if (!(typeof v === 'object' && v !== null)) return false
        const tag = v.type
        if (!(Object.getPrototypeOf(v) === Object.prototype)) return false
        switch (tag) {
          case 'userSeen':
            return checkEvent_UserSeen(v)
        }
        return false
      }

      function checkChatResponse(v: any): boolean {
        if (!(typeof v === 'object' && v !== null)) return false
        const tag = v.type
        if (!(Object.getPrototypeOf(v) === Object.prototype)) return false
        switch (tag) {
          case 'activeUser':
            return checkPeer_User(v)
        }
        return false
      }

      /**
       * The schema's shapes, which the slow path of decoding reads (shape-checks.ts); the decoders and guards name one by its index. Written compactly (shape-table.ts), decoded once here.
       * @internal
       */
      export const shapes: ShapeTable = /* @__PURE__ */ decodeShapeTable([
        [1, 'ChatType', checkChatType, 'direct', 'group'],
        [0, 'User', checkUser, 'userId', 'l', 'displayName', 's', 'tags', -10, 'chats', -11],
        [
          2,
          'Peer',
          checkPeer,
          0,
          0,
          'user',
          [checkPeer_User, 'user', 1],
          'group',
          [checkPeer_Group, 'members', 11],
        ],
        [
          2,
          'ChatEvent',
          checkChatEvent,
          'unknown-event',
          0,
          'userSeen',
          [checkEvent_UserSeen, 'user', 1, 'peer', -3],
        ],
        [2, 'ChatResponse', checkChatResponse, 'unknown-response', 0, 'activeUser', [checkPeer_User, 'user', 1]],
        [3, 's', checkArray_string],
        [4, 0, checkMap_ChatType],
        [3, 1, checkArray_User],
      ])
      /** The response tags of each command (its \`**Responses**:\`), for \`decodeCommandResponse\`. */
      const commandResponseTags: {readonly [N in ChatCommandName]: readonly string[]} = {APIGetUser: ['activeUser']}

      /**
       * Decode an event (the \`resp\` of a frame) from a parsed JSON value. Never throws.
       *
       * An event whose tag is not in the docs fails with \`error.code === "unknown-event"\`, so a bot can log and skip it.
       */
      export function decodeChatEvent<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<DecodedKnown<ChatEvent, M>> {
        return decodeValue(shapes, 5, value, options)
      }

      /** Decode an event from JSON text (\`JSON.parse\`, then \`decodeChatEvent\`). Never throws. */
      export function decodeChatEventJson<M extends DecodeMode = 'default'>(
        text: string,
        options?: DecodeOptions<M>,
      ): DecodeResult<DecodedKnown<ChatEvent, M>> {
        return decodeJson(shapes, 5, text, options)
      }

      /** Decode an event, or throw a \`DecodeError\` listing what is wrong. */
      export function assertChatEvent<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodedKnown<ChatEvent, M> {
        return assertValue(shapes, 5, value, options)
      }

      /**
       * Decode a response to a command (the \`resp\` of a frame with a \`corrId\`) from a parsed JSON value. Never throws.
       *
       * A response whose tag is not in COMMANDS.md fails with \`error.code === "unknown-response"\`, in every mode.
       */
      export function decodeChatResponse<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<DecodedKnown<ChatResponse, M>> {
        return decodeValue(shapes, 7, value, options)
      }

      /** Decode the response to command \`name\` from a parsed JSON value. Never throws. Only that command's responses are accepted: any other tag (another command's response included) fails with \`error.code === "unknown-response"\`. */
      export function decodeCommandResponse<N extends ChatCommandName, M extends DecodeMode = 'default'>(
        name: N,
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<DecodedKnown<CommandResponse<N>, M>> {
        return decodeResponseOf(shapes, 7, commandResponseTags, name, value, options)
      }

      /**
       * The tags by which \`readEnvelope\` tells an event from a response in a frame without \`corrId\`; \`decodeFrame\` and \`createChatClient\` route frames with it.
       * @internal
       */
      export const frameTags: FrameTags = /* @__PURE__ */ Object.freeze({
        events: /* @__PURE__ */ new Set(chatEventTags),
        responses: /* @__PURE__ */ new Set(chatResponseTags),
      })
      /** What a WebSocket frame \`{"corrId"?: string, "resp": {...}}\` holds (see \`FrameResultOf\`): an \`event\`, a \`response\`, an \`unknown\` tag left undecoded, or an \`error\`. In lenient mode (\`M\`) the event is a \`LenientKnown<ChatEvent>\` and the response a \`LenientKnown<ChatResponse>\`. */
      export type FrameResult<M extends DecodeMode = 'default'> = FrameResultOf<
        DecodedKnown<ChatEvent, M>,
        DecodedKnown<ChatResponse, M>
      >

      /** Decode a WebSocket frame as the chat core sends it: an event, or with a \`corrId\` the response to a command. Never throws. Paths in issues start at the frame (\`$.resp.user\`). */
      export function decodeFrame<M extends DecodeMode = 'default'>(
        text: string,
        options?: DecodeOptions<M>,
      ): FrameResult<M> {
        return decodeFrameOf(shapes, 5, 7, frameTags, text, options)
      }

      /** Decode a \`ChatType\` (TYPES.md) from a parsed JSON value. Never throws. With \`mode: "lenient"\` the value is a \`Lenient<T.ChatType>\`. */
      export function decodeChatType<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<Decoded<T.ChatType, M>> {
        return decodeValue(shapes, 0, value, options)
      }

      /** Decode a \`User\` (TYPES.md) from a parsed JSON value. Never throws. With \`mode: "lenient"\` the value is a \`Lenient<T.User>\`. */
      export function decodeUser<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<Decoded<T.User, M>> {
        return decodeValue(shapes, 1, value, options)
      }

      /** Decode a \`Peer\` (TYPES.md) from a parsed JSON value. Never throws. With \`mode: "lenient"\` the value is a \`Lenient<T.Peer>\`. */
      export function decodePeer<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<Decoded<T.Peer, M>> {
        return decodeValue(shapes, 2, value, options)
      }
    `)
  })

  it('emits one check and one table entry per array shape however many fields use it', async () => {
    const given = schema({
      types: [
        record('User', [field('name', 'string')]),
        record('Group', [field('members', array(ref('User'))), field('admins', array(ref('User')), true)]),
      ],
      events: [event('Seen', 'seen', [field('users', array(ref('User')))])],
    })
    const text = await printStatements(emitModule('decode.ts', (scope) => emitDecode(given, scope)))
    expect(text.match(/function checkArray_User\(/g)).toHaveLength(1)
    expect(text.match(/checkArray_User\((v\.\w+|x)\)/g)).toHaveLength(3)
    expect(text.match(/\[3, 0, checkArray_User\]/g)).toHaveLength(1)
  })
})
