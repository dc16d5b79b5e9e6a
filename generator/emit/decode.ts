import {
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationStructure,
  type StatementStructures,
} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'
import {typeDecoderName, typeOwner, TYPES_NAMESPACE} from '../names/index.js'
import {jsonLiteral} from './escape.js'
import {emitFastChecks} from './decode-fast.js'
import {layOutShapeTable, type ShapeTableLayout} from './decode-table.js'
import type {ModuleScope} from './module-scope.js'

/**
 * The statements of `decode.ts`: the fast checks (decode-fast.ts), the shape table the slow path reads
 * (decode-table.ts, templates/shape-checks.ts), and the public decoders, each a call of a template function
 * of templates/decoding.ts with the index of its shape.
 *
 * @param layout the schema's table (`layOutShapeTable`), shared with the guards.
 */
export function emitDecode(
  schema: Schema,
  scope: ModuleScope,
  layout: ShapeTableLayout = layOutShapeTable(schema),
): StatementStructures[] {
  const fastChecks = emitFastChecks(schema, scope)
  const n = decodeNames(scope)
  const typeDecoders: FunctionDeclarationStructure[] = schema.types.map((type) => ({
    kind: StructureKind.Function,
    name: scope.export(typeDecoderName(type.name), typeOwner(type)),
    isExported: true,
    docs: describe([
      `Decode a \`${type.name}\` (TYPES.md) from a parsed JSON value. Never throws. With \`mode: "lenient"\` the value is a \`Lenient<T.${type.name}>\`.`,
    ]),
    typeParameters: [n.mode],
    parameters: [
      {name: 'value', type: 'unknown'},
      {name: 'options', type: n.options, hasQuestionToken: true},
    ],
    returnType: `${n.DecodeResult}<${n.Decoded}<${n.T}.${type.name}, M>>`,
    statements: `return ${n.decodeValue}(${n.shapes}, ${layout.typeIndex.get(type.name)}, value, options)`,
  }))

  return [
    ...fastChecks,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [
        {
          description:
            "The schema's shapes, which the slow path of decoding reads (shape-checks.ts); the decoders and guards name one by its index. Written compactly (shape-table.ts), decoded once here.\n@internal",
        },
      ],
      declarations: [
        {
          name: n.shapes,
          type: n.ShapeTable,
          initializer: `/* @__PURE__ */ ${n.decodeShapeTable}([\n${layout.encoded.join(',\n')}\n])`,
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe(['The response tags of each command (its `**Responses**:`), for `decodeCommandResponse`.']),
      declarations: [
        {
          name: n.commandResponseTags,
          type: `{ readonly [N in ${n.ChatCommandName}]: readonly string[] }`,
          initializer: jsonLiteral(
            Object.fromEntries(
              schema.commands.map((command) => [command.name, [...new Set(command.responses.map((r) => r.tag))]]),
            ),
          ),
        },
      ],
    },
    ...publicDecoders(layout, n, scope),
    ...typeDecoders,
  ]
}

/**
 * What `decode.ts` declares and uses of the other modules and the templates, through its scope: every
 * decoder uses them, so they are registered once here.
 */
function decodeNames(scope: ModuleScope) {
  const runtime = './runtime.js'
  const decoding = './decoding.js'
  const DecodeMode = scope.useType(runtime, 'DecodeMode')
  const DecodeOptions = scope.useType(runtime, 'DecodeOptions')
  return {
    Object: scope.global('Object'),
    Set: scope.global('Set'),
    T: scope.useNamespace('./types.js', TYPES_NAMESPACE),
    ChatEvent: scope.useType('./events.js', 'ChatEvent'),
    chatEventTags: scope.use('./events.js', 'chatEventTags'),
    ChatResponse: scope.useType('./responses.js', 'ChatResponse'),
    chatResponseTags: scope.use('./responses.js', 'chatResponseTags'),
    ChatCommandName: scope.useType('./commands.js', 'ChatCommandName'),
    CommandResponse: scope.useType('./commands.js', 'CommandResponse'),
    DecodeResult: scope.useType(runtime, 'DecodeResult'),
    assertValue: scope.use(decoding, 'assertValue'),
    decodeFrameOf: scope.use(decoding, 'decodeFrameOf'),
    decodeJson: scope.use(decoding, 'decodeJson'),
    decodeResponseOf: scope.use(decoding, 'decodeResponseOf'),
    decodeValue: scope.use(decoding, 'decodeValue'),
    FrameResultOf: scope.useType(decoding, 'FrameResultOf'),
    ShapeTable: scope.useType('./shape-checks.js', 'ShapeTable'),
    decodeShapeTable: scope.use('./shape-table.js', 'decodeShapeTable'),
    Decoded: scope.useType('./lenient.js', 'Decoded'),
    DecodedKnown: scope.useType('./lenient.js', 'DecodedKnown'),
    FrameTags: scope.useType('./envelope.js', 'FrameTags'),
    shapes: scope.export('shapes'),
    commandResponseTags: scope.declare('commandResponseTags'),
    /** The mode of a decoder's options, as a literal when the caller writes one: it types the result (`Decoded`). */
    mode: {name: 'M', constraint: DecodeMode, default: "'default'"},
    options: `${DecodeOptions}<M>`,
  }
}

type DecodeNames = ReturnType<typeof decodeNames>

function publicDecoders(
  {eventIndex, responseIndex}: ShapeTableLayout,
  n: DecodeNames,
  scope: ModuleScope,
): StatementStructures[] {
  const frameTags = scope.export('frameTags')
  const frameResult = scope.export('FrameResult')
  return [
    {
      kind: StructureKind.Function,
      name: scope.export('decodeChatEvent'),
      isExported: true,
      docs: describe([
        'Decode an event (the `resp` of a frame) from a parsed JSON value. Never throws.',
        'An event whose tag is not in the docs fails with `error.code === "unknown-event"`, so a bot can log and skip it.',
      ]),
      parameters: [
        {name: 'value', type: 'unknown'},
        {name: 'options', type: n.options, hasQuestionToken: true},
      ],
      typeParameters: [n.mode],
      returnType: `${n.DecodeResult}<${n.DecodedKnown}<${n.ChatEvent}, M>>`,
      statements: `return ${n.decodeValue}(${n.shapes}, ${eventIndex}, value, options)`,
    },
    {
      kind: StructureKind.Function,
      name: scope.export('decodeChatEventJson'),
      isExported: true,
      docs: describe(['Decode an event from JSON text (`JSON.parse`, then `decodeChatEvent`). Never throws.']),
      parameters: [
        {name: 'text', type: 'string'},
        {name: 'options', type: n.options, hasQuestionToken: true},
      ],
      typeParameters: [n.mode],
      returnType: `${n.DecodeResult}<${n.DecodedKnown}<${n.ChatEvent}, M>>`,
      statements: `return ${n.decodeJson}(${n.shapes}, ${eventIndex}, text, options)`,
    },
    {
      kind: StructureKind.Function,
      name: scope.export('assertChatEvent'),
      isExported: true,
      docs: describe(['Decode an event, or throw a `DecodeError` listing what is wrong.']),
      parameters: [
        {name: 'value', type: 'unknown'},
        {name: 'options', type: n.options, hasQuestionToken: true},
      ],
      typeParameters: [n.mode],
      returnType: `${n.DecodedKnown}<${n.ChatEvent}, M>`,
      statements: `return ${n.assertValue}(${n.shapes}, ${eventIndex}, value, options)`,
    },
    {
      kind: StructureKind.Function,
      name: scope.export('decodeChatResponse'),
      isExported: true,
      docs: describe([
        'Decode a response to a command (the `resp` of a frame with a `corrId`) from a parsed JSON value. Never throws.',
        'A response whose tag is not in COMMANDS.md fails with `error.code === "unknown-response"`, in every mode.',
      ]),
      parameters: [
        {name: 'value', type: 'unknown'},
        {name: 'options', type: n.options, hasQuestionToken: true},
      ],
      typeParameters: [n.mode],
      returnType: `${n.DecodeResult}<${n.DecodedKnown}<${n.ChatResponse}, M>>`,
      statements: `return ${n.decodeValue}(${n.shapes}, ${responseIndex}, value, options)`,
    },
    {
      kind: StructureKind.Function,
      name: scope.export('decodeCommandResponse'),
      isExported: true,
      typeParameters: [{name: 'N', constraint: n.ChatCommandName}, n.mode],
      docs: describe([
        'Decode the response to command `name` from a parsed JSON value. Never throws. Only that command\'s responses are accepted: any other tag (another command\'s response included) fails with `error.code === "unknown-response"`.',
      ]),
      parameters: [
        {name: 'name', type: 'N'},
        {name: 'value', type: 'unknown'},
        {name: 'options', type: n.options, hasQuestionToken: true},
      ],
      returnType: `${n.DecodeResult}<${n.DecodedKnown}<${n.CommandResponse}<N>, M>>`,
      statements: `return ${n.decodeResponseOf}(${n.shapes}, ${responseIndex}, ${n.commandResponseTags}, name, value, options)`,
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [
        {
          description:
            'The tags by which `readEnvelope` tells an event from a response in a frame without `corrId`; `decodeFrame` and `createChatClient` route frames with it.\n@internal',
        },
      ],
      declarations: [
        {
          name: frameTags,
          type: n.FrameTags,
          // Each `new Set` annotated too: a bundle without `decodeFrame` then drops the tag lists as well.
          initializer: `/* @__PURE__ */ ${n.Object}.freeze({ events: /* @__PURE__ */ new ${n.Set}(${n.chatEventTags}), responses: /* @__PURE__ */ new ${n.Set}(${n.chatResponseTags}) })`,
        },
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      name: frameResult,
      isExported: true,
      typeParameters: [n.mode],
      docs: describe([
        'What a WebSocket frame `{"corrId"?: string, "resp": {...}}` holds (see `FrameResultOf`): an `event`, a `response`, an `unknown` tag left undecoded, or an `error`. In lenient mode (`M`) the event is a `LenientKnown<ChatEvent>` and the response a `LenientKnown<ChatResponse>`.',
      ]),
      type: `${n.FrameResultOf}<${n.DecodedKnown}<${n.ChatEvent}, M>, ${n.DecodedKnown}<${n.ChatResponse}, M>>`,
    },
    {
      kind: StructureKind.Function,
      name: scope.export('decodeFrame'),
      isExported: true,
      docs: describe([
        'Decode a WebSocket frame as the chat core sends it: an event, or with a `corrId` the response to a command. Never throws. Paths in issues start at the frame (`$.resp.user`).',
      ]),
      parameters: [
        {name: 'text', type: 'string'},
        {name: 'options', type: n.options, hasQuestionToken: true},
      ],
      typeParameters: [n.mode],
      returnType: `${frameResult}<M>`,
      statements: `return ${n.decodeFrameOf}(${n.shapes}, ${eventIndex}, ${responseIndex}, ${frameTags}, text, options)`,
    },
  ]
}
