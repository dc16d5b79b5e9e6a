import {beforeAll, describe, expect, it} from 'vitest'
import {emitDecode} from '../../generator/emit/decode.js'
import {array, code, event, field, printStatements, record, ref, schema, TINY} from '../support/tiny-schema.js'

/** A few checks only: the whole of `decode.ts` is long, and its behaviour is tested by running it (decode.test.ts). */
describe('emitDecode', () => {
  // Formatting decode.ts is the slow step: the tiny schema's is printed once for the tests that read it.
  let tiny: string
  beforeAll(async () => {
    tiny = await printStatements(emitDecode(TINY))
  })

  it('checks an enum with a switch over its values and reports an unknown value as unknown-enum', () => {
    expect(tiny).toContain(code`
      /**
       * Check an \`ChatType\` enum value.
       * @internal
       */
      export function checkChatType(v: unknown, c: DecodeContext, k: PathSegment | undefined): boolean {
        switch (v) {
          case 'direct':
          case 'group':
            return true
        }
        return reject(c, k, v, 'ChatType ("direct" | "group")', typeof v === 'string' ? 'unknown-enum' : undefined)
      }
    `)
  })

  it('lists only the required fields of a record, each with what its issue expects', () => {
    expect(tiny).toContain(code`
      const checkUser_required: readonly (readonly [string, string])[] = [
        ['userId', 'int64 integer'],
        ['displayName', 'string'],
      ]
    `)
    // Optional fields are checked only when present.
    expect(tiny).toContain('if (x !== undefined && !checkArray_string(x, c, key) && !c.all)')
    expect(tiny).toContain('if (x !== undefined && !checkMap_ChatType(x, c, key) && !c.all)')
  })

  it('emits one check per array shape however many fields use it', async () => {
    const given = schema({
      types: [
        record('User', [field('name', 'string')]),
        record('Group', [field('members', array(ref('User'))), field('admins', array(ref('User')), true)]),
      ],
      events: [event('Seen', 'seen', [field('users', array(ref('User')))])],
    })
    const text = await printStatements(emitDecode(given))
    expect(text.match(/export function checkArray_User\(/g)).toHaveLength(1)
    expect(text.match(/checkArray_User\(x, c, key\)/g)).toHaveLength(3)
  })

  it('maps each command to its response tags, and emits a decoder per type, typed by the mode', () => {
    expect(tiny).toContain(
      "const commandResponseTags: {readonly [N in ChatCommandName]: readonly string[]} = {APIGetUser: ['activeUser']}\n",
    )
    expect(tiny).toContain(code`
      /** Decode a \`Peer\` (TYPES.md) from a parsed JSON value. Never throws. With \`mode: "lenient"\` the value is a \`Lenient<T.Peer>\`. */
      export function decodePeer<M extends DecodeMode = 'default'>(
        value: unknown,
        options?: DecodeOptions<M>,
      ): DecodeResult<Decoded<T.Peer, M>> {
        return run(checkPeer, value, options)
      }
    `)
  })
})
