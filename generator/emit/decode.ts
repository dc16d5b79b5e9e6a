import {
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationStructure,
  type StatementStructures,
} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {describe} from './doc-comment.js'
import {DECODE_RUNTIME_IMPORTS, typeDecoderName} from '../names/index.js'
import {jsonLiteral} from './escape.js'
import {emitFastChecks} from './decode-fast.js'
import {layOutShapeTable, type ShapeTableLayout} from './decode-table.js'

/**
 * The statements of `decode.ts`: the fast checks (decode-fast.ts), the shape table the slow path reads
 * (decode-table.ts, templates/shape-checks.ts), and the public decoders, each a call of a template function
 * of templates/decoding.ts with the index of its shape.
 *
 * @param layout the schema's table (`layOutShapeTable`), shared with the guards.
 */
export function emitDecode(schema: Schema, layout: ShapeTableLayout = layOutShapeTable(schema)): StatementStructures[] {
  const fastChecks = emitFastChecks(schema)
  const fastText = fastChecks.map((statement) => String((statement as {statements?: unknown}).statements)).join('\n')
  // The runtime's predicates the fast checks call: imported when used.
  const predicates = DECODE_RUNTIME_IMPORTS.filter((name) => new RegExp(`(?<![\\w.$])${name}\\(`).test(fastText))
  const typeDecoders: FunctionDeclarationStructure[] = schema.types.map((type) => ({
    kind: StructureKind.Function,
    name: typeDecoderName(type.name),
    isExported: true,
    docs: describe([
      `Decode a \`${type.name}\` (TYPES.md) from a parsed JSON value. Never throws. With \`mode: "lenient"\` the value is a \`Lenient<T.${type.name}>\`.`,
    ]),
    typeParameters: [MODE_PARAMETER],
    parameters: [
      {name: 'value', type: 'unknown'},
      {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
    ],
    returnType: `DecodeResult<Decoded<T.${type.name}, M>>`,
    statements: `return decodeValue(shapes, ${layout.typeIndex.get(type.name)}, value, options)`,
  }))

  return [
    {kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'T', moduleSpecifier: './types.js'},
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatEvent'],
      moduleSpecifier: './events.js',
    },
    {kind: StructureKind.ImportDeclaration, namedImports: ['chatEventTags'], moduleSpecifier: './events.js'},
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatResponse'],
      moduleSpecifier: './responses.js',
    },
    {kind: StructureKind.ImportDeclaration, namedImports: ['chatResponseTags'], moduleSpecifier: './responses.js'},
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ChatCommandName', 'CommandResponse'],
      moduleSpecifier: './commands.js',
    },
    ...(predicates.length > 0
      ? [{kind: StructureKind.ImportDeclaration, namedImports: predicates, moduleSpecifier: './runtime.js'} as const]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['DecodeMode', 'DecodeOptions', 'DecodeResult'],
      moduleSpecifier: './runtime.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['assertValue', 'decodeFrameOf', 'decodeJson', 'decodeResponseOf', 'decodeValue'],
      moduleSpecifier: './decoding.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['FrameResultOf'],
      moduleSpecifier: './decoding.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ShapeTable'],
      moduleSpecifier: './shape-checks.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['Decoded', 'DecodedKnown'],
      moduleSpecifier: './lenient.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['FrameTags'],
      moduleSpecifier: './envelope.js',
    },
    ...fastChecks,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [
        {
          description:
            "The schema's shapes, which the slow path of decoding reads (shape-checks.ts); the decoders and guards name one by its index.\n@internal",
        },
      ],
      declarations: [{name: 'shapes', type: 'ShapeTable', initializer: `[\n${layout.entries.join(',\n')}\n]`}],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe(['The response tags of each command (its `**Responses**:`), for `decodeCommandResponse`.']),
      declarations: [
        {
          name: 'commandResponseTags',
          type: '{ readonly [N in ChatCommandName]: readonly string[] }',
          initializer: jsonLiteral(
            Object.fromEntries(
              schema.commands.map((command) => [command.name, [...new Set(command.responses.map((r) => r.tag))]]),
            ),
          ),
        },
      ],
    },
    ...publicDecoders(layout),
    ...typeDecoders,
  ]
}

/** The mode of a decoder's options, as a literal when the caller writes one: it types the result (`Decoded`). */
const MODE_PARAMETER = {name: 'M', constraint: 'DecodeMode', default: "'default'"}

function publicDecoders({eventIndex, responseIndex}: ShapeTableLayout): StatementStructures[] {
  return [
    {
      kind: StructureKind.Function,
      name: 'decodeChatEvent',
      isExported: true,
      docs: describe([
        'Decode an event (the `resp` of a frame) from a parsed JSON value. Never throws.',
        'An event whose tag is not in the docs fails with `error.code === "unknown-event"`, so a bot can log and skip it.',
      ]),
      parameters: [
        {name: 'value', type: 'unknown'},
        {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
      ],
      typeParameters: [MODE_PARAMETER],
      returnType: 'DecodeResult<DecodedKnown<ChatEvent, M>>',
      statements: `return decodeValue(shapes, ${eventIndex}, value, options)`,
    },
    {
      kind: StructureKind.Function,
      name: 'decodeChatEventJson',
      isExported: true,
      docs: describe(['Decode an event from JSON text (`JSON.parse`, then `decodeChatEvent`). Never throws.']),
      parameters: [
        {name: 'text', type: 'string'},
        {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
      ],
      typeParameters: [MODE_PARAMETER],
      returnType: 'DecodeResult<DecodedKnown<ChatEvent, M>>',
      statements: `return decodeJson(shapes, ${eventIndex}, text, options)`,
    },
    {
      kind: StructureKind.Function,
      name: 'assertChatEvent',
      isExported: true,
      docs: describe(['Decode an event, or throw a `DecodeError` listing what is wrong.']),
      parameters: [
        {name: 'value', type: 'unknown'},
        {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
      ],
      typeParameters: [MODE_PARAMETER],
      returnType: 'DecodedKnown<ChatEvent, M>',
      statements: `return assertValue(shapes, ${eventIndex}, value, options)`,
    },
    {
      kind: StructureKind.Function,
      name: 'decodeChatResponse',
      isExported: true,
      docs: describe([
        'Decode a response to a command (the `resp` of a frame with a `corrId`) from a parsed JSON value. Never throws.',
        'A response whose tag is not in COMMANDS.md fails with `error.code === "unknown-response"`, in every mode.',
      ]),
      parameters: [
        {name: 'value', type: 'unknown'},
        {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
      ],
      typeParameters: [MODE_PARAMETER],
      returnType: 'DecodeResult<DecodedKnown<ChatResponse, M>>',
      statements: `return decodeValue(shapes, ${responseIndex}, value, options)`,
    },
    {
      kind: StructureKind.Function,
      name: 'decodeCommandResponse',
      isExported: true,
      typeParameters: [{name: 'N', constraint: 'ChatCommandName'}, MODE_PARAMETER],
      docs: describe([
        'Decode the response to command `name` from a parsed JSON value. Never throws. Only that command\'s responses are accepted: any other tag (another command\'s response included) fails with `error.code === "unknown-response"`.',
      ]),
      parameters: [
        {name: 'name', type: 'N'},
        {name: 'value', type: 'unknown'},
        {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
      ],
      returnType: 'DecodeResult<DecodedKnown<CommandResponse<N>, M>>',
      statements: `return decodeResponseOf(shapes, ${responseIndex}, commandResponseTags, name, value, options)`,
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
          name: 'frameTags',
          type: 'FrameTags',
          initializer:
            '/* @__PURE__ */ Object.freeze({ events: new Set(chatEventTags), responses: new Set(chatResponseTags) })',
        },
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      name: 'FrameResult',
      isExported: true,
      typeParameters: [MODE_PARAMETER],
      docs: describe([
        'What a WebSocket frame `{"corrId"?: string, "resp": {...}}` holds (see `FrameResultOf`): an `event`, a `response`, an `unknown` tag left undecoded, or an `error`. In lenient mode (`M`) the event is a `LenientKnown<ChatEvent>` and the response a `LenientKnown<ChatResponse>`.',
      ]),
      type: 'FrameResultOf<DecodedKnown<ChatEvent, M>, DecodedKnown<ChatResponse, M>>',
    },
    {
      kind: StructureKind.Function,
      name: 'decodeFrame',
      isExported: true,
      docs: describe([
        'Decode a WebSocket frame as the chat core sends it: an event, or with a `corrId` the response to a command. Never throws. Paths in issues start at the frame (`$.resp.user`).',
      ]),
      parameters: [
        {name: 'text', type: 'string'},
        {name: 'options', type: 'DecodeOptions<M>', hasQuestionToken: true},
      ],
      typeParameters: [MODE_PARAMETER],
      returnType: 'FrameResult<M>',
      statements: `return decodeFrameOf(shapes, ${eventIndex}, ${responseIndex}, frameTags, text, options)`,
    },
  ]
}
