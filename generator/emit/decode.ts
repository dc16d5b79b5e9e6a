import {
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationStructure,
  type StatementStructures,
} from 'ts-morph'
import {describeTypeExpression} from '../schema/render.js'
import {distinctResponses} from '../schema/responses.js'
import type {
  ArrayType,
  EnumType,
  EnumValue,
  Field,
  MapType,
  PrimitiveName,
  Schema,
  TypeDefinition,
  TypeExpression,
} from '../schema/types.js'
import {WORD32_MAX} from '../../templates/primitives.js'
import {PLAIN_DATA} from '../../templates/runtime.js'
import {describe} from './doc-comment.js'
import {
  checkEventName,
  checkMemberName,
  checkResponseName,
  checkAlternativesName,
  checkShapeName,
  checkTypeName,
  DECODE_RUNTIME_IMPORTS,
  fastCheckName,
  requiredFieldsName,
  typeDecoderName,
} from '../names/index.js'
import {commentText, jsonLiteral, stringLiteral} from './escape.js'
import {emitFastChecks} from './decode-fast.js'

/** The test each primitive compiles to, true when the expression `x` is wrong, and what an issue says was expected. */
const PRIMITIVE_CHECKS: Record<PrimitiveName, {fails: (x: string) => string; expected: string}> = {
  bool: {fails: (x) => `typeof ${x} !== "boolean"`, expected: 'bool'},
  string: {fails: (x) => `typeof ${x} !== "string"`, expected: 'string'},
  int: {fails: (x) => `!isInteger(${x})`, expected: 'int integer'},
  int64: {fails: (x) => `!isInteger(${x})`, expected: 'int64 integer'},
  word32: {fails: (x) => `!isWord32(${x})`, expected: `word32 integer (0 to ${WORD32_MAX})`},
  double: {fails: (x) => `!Number.isFinite(${x})`, expected: 'double number'},
  JSONObject: {fails: (x) => `!isObject(${x})`, expected: 'JSONObject object'},
  UTCTime: {fails: (x) => `!isUtcTime(${x})`, expected: 'UTCTime string'},
}

/**
 * The statements of `decode.ts`: one straight-line check function per type, union
 * member, event and array/map shape, then the public decoders. A check returns
 * `true` when it recorded no issue; paths are built only on failure, by `under`.
 */
export function emitDecode(schema: Schema): StatementStructures[] {
  const emitter = new CheckEmitter(new Map(schema.types.map((type) => [type.name, type])))
  for (const type of schema.types) emitter.typeCheck(type)
  for (const event of schema.events) {
    emitter.objectCheck(checkEventName(event.name), event.fields, 'type', `event \`${event.name}\``)
  }
  emitter.unionCheck(
    'checkChatEvent',
    'ChatEvent',
    schema.events.map((event) => ({tag: event.tag, check: checkEventName(event.name)})),
    'unknown-event',
  )
  const responses = distinctResponses(schema)
  for (const response of responses) {
    emitter.objectCheck(checkResponseName(response.name), response.fields, 'type', `response \`${response.name}\``)
  }
  emitter.unionCheck(
    'checkChatResponse',
    'ChatResponse',
    responses.map((response) => ({tag: response.tag, check: checkResponseName(response.name)})),
    'unknown-response',
  )

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
    statements: `return run(${fastCheckName(checkTypeName(type.name))}, ${checkTypeName(type.name)}, value, options)`,
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
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: DECODE_RUNTIME_IMPORTS.filter((name) => !RUNTIME_TYPES.has(name)),
      moduleSpecifier: './runtime.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: DECODE_RUNTIME_IMPORTS.filter((name) => RUNTIME_TYPES.has(name)),
      moduleSpecifier: './runtime.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['Decoded', 'DecodedKnown'],
      moduleSpecifier: './lenient.js',
    },
    {kind: StructureKind.ImportDeclaration, namedImports: ['readEnvelope'], moduleSpecifier: './envelope.js'},
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['FrameTags'],
      moduleSpecifier: './envelope.js',
    },
    ...emitter.statements,
    ...emitFastChecks(schema),
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
    ...PUBLIC_DECODERS,
    ...typeDecoders,
  ]
}

/** The runtime's names that are types, imported with `import type`. */
const RUNTIME_TYPES: ReadonlySet<string> = new Set([
  'DecodeContext',
  'DecodeIssue',
  'DecodeMode',
  'DecodeOptions',
  'DecodeResult',
  'PathSegment',
])

/** Builds check functions; array and map shapes get one function each, made on first use. */
class CheckEmitter {
  readonly statements: StatementStructures[] = []
  private readonly shapes = new Set<string>()
  /** The check of each set of field types seen (`Field.alternatives`), by the types as JSON. */
  private readonly alternatives = new Map<string, string>()

  constructor(private readonly types: ReadonlyMap<string, TypeDefinition>) {}

  typeCheck(type: TypeDefinition): void {
    switch (type.kind) {
      case 'record':
        this.objectCheck(checkTypeName(type.name), type.fields, null, `${type.name} object`, true)
        return
      case 'union':
        for (const member of type.members) {
          this.objectCheck(
            checkMemberName(type.name, member.name),
            member.fields,
            'type',
            `member \`${member.name}\` of \`${type.name}\``,
          )
        }
        this.unionCheck(
          checkTypeName(type.name),
          type.name,
          type.members.map((member) => ({tag: member.tag, check: checkMemberName(type.name, member.name)})),
          'unknown-tag',
          type.stringValues,
        )
        return
      case 'enum': {
        const values = type.values.map((value) => stringLiteral(value.value))
        this.statements.push(
          checkFunction(checkTypeName(type.name), `Check an \`${type.name}\` enum value.`, [
            `switch (v) {`,
            ...values.map((value) => `case ${value}:`),
            `  return true`,
            `}`,
            `return reject(c, k, v, ${stringLiteral(enumExpected(type))}, typeof v === "string" ? "unknown-enum" : undefined)`,
          ]),
        )
        return
      }
    }
  }

  /**
   * A check of an object's fields. `tagKey` is the key of a tag the caller has
   * already matched (it only counts as a known field in strict mode).
   * Records check that they hold an object; union members and events are called
   * by their union's switch with one.
   */
  objectCheck(name: string, fields: readonly Field[], tagKey: string | null, what: string, checksObject = false): void {
    // One pass over the keys the object has, not one lookup per documented field: objects of many shapes
    // (optional fields come and go) make named property loads megamorphic, while `for...in` with `v[key]`
    // reads through V8's enum cache. Required fields are counted; the missing ones are found only on failure.
    const required = fields.filter((field) => !field.optional)
    const requiredName = requiredFieldsName(name)
    if (required.length > 0) {
      this.statements.push({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: requiredName,
            type: 'readonly (readonly [string, string])[]',
            initializer: jsonLiteral(required.map((field) => [field.wireName, this.expectedOf(field.type)])),
          },
        ],
      })
    }
    // Dispatch on the key's length first (a jump table), then compare the few keys of that length:
    // a plain string switch costs one comparison per field listed before the key's own.
    // Stopping at a first issue, a required field missing from this object is reported before it.
    const exit = required.length > 0 ? `return stop(c, n, k, v, ${requiredName})` : 'return done(c, n, k)'
    const byLength = new Map<number, {key: string; lines: string[]}[]>()
    for (const field of fields) {
      const check = field.alternatives
        ? `if (${field.optional ? 'x !== undefined && ' : ''}!${this.alternativesCheck(field)}(x, c, key) && !c.all) ${exit}`
        : this.slot(field.type, 'x', 'key', field.optional, exit)
      const lines = [...(field.optional ? [] : ['required++']), check]
      byLength.set(field.wireName.length, [
        ...(byLength.get(field.wireName.length) ?? []),
        {key: field.wireName, lines},
      ])
    }
    if (tagKey) byLength.set(tagKey.length, [...(byLength.get(tagKey.length) ?? []), {key: tagKey, lines: []}])
    const cases = [...byLength]
      .sort(([a], [b]) => a - b)
      .flatMap(([length, group]) => [
        `case ${length}:`,
        ...group.flatMap(({key, lines}) => [
          `  if (key === ${stringLiteral(key)}) {`,
          ...lines.map((line) => `    ${line}`),
          '    continue',
          '  }',
        ]),
        '  break',
      ])
    const body = readingSafely([
      ...(checksObject ? [`if (${notPlainObject('v')}) return reject(c, k, v, ${stringLiteral(what)})`] : []),
      ...(required.length > 0 ? ['let required = 0'] : []),
      'for (const key in v) {',
      ...readSlot('(v as Record<string, unknown>)[key]', 'key').map((line) => `  ${line}`),
      '  switch (key.length) {',
      ...cases.map((line) => `    ${line}`),
      '  }',
      '  // A key the docs do not list.',
      `  if (c.strict && !extraField(c, key, x)) ${exit}`,
      '}',
      ...(required.length > 0 ? [`if (required !== ${required.length}) missingFields(c, v, ${requiredName}, n)`] : []),
      `if (c.strict && hasHiddenFields(v) && !issue(c, undefined, v, ${stringLiteral(PLAIN_DATA)})) ${exit}`,
      'return done(c, n, k)',
    ])
    this.statements.push(checkFunction(name, `Check the fields of ${what}.`, body, checksObject ? 'unknown' : 'object'))
  }

  /** What an issue says was expected of a value of `type` (the same words its check uses). */
  private expectedOf(type: TypeExpression): string {
    switch (type.kind) {
      case 'primitive':
        return PRIMITIVE_CHECKS[type.name].expected
      case 'literal':
        return JSON.stringify(type.value)
      case 'reference': {
        const definition = this.types.get(type.name)
        if (definition?.kind === 'enum') return enumExpected(definition)
        if (definition?.kind === 'union' && definition.stringValues)
          return unionExpected(definition.name, definition.stringValues)
        return `${type.name} object`
      }
      case 'array':
      case 'map':
        return shapeExpected(type)
    }
  }

  /**
   * A check that switches on `type` and calls the member's check.
   *
   * @param stringValues a compatibility build's strings the union was an enum of in older versions
   *   (`UnionType.stringValues`), accepted as they are.
   */
  unionCheck(
    name: string,
    union: string,
    members: {tag: string; check: string}[],
    unknownCode: 'unknown-tag' | 'unknown-event' | 'unknown-response',
    stringValues?: readonly EnumValue[],
  ): void {
    const tags = members.map((member) => JSON.stringify(member.tag))
    const expected =
      unknownCode === 'unknown-event'
        ? 'a known event tag'
        : unknownCode === 'unknown-response'
          ? 'a known response tag'
          : `a ${union} tag (${tags.join(' | ')})`
    this.statements.push(
      checkFunction(
        name,
        `Check a \`${union}\`: dispatch on its \`type\` tag.`,
        readingSafely([
          ...(stringValues ? stringValueCheck(stringValues, unionExpected(union, stringValues)) : []),
          `if (${notPlainObject('v')}) return reject(c, k, v, ${stringLiteral(stringValues ? unionExpected(union, stringValues) : `${union} object`)})`,
          ...readSlot('(v as Record<string, unknown>).type', '"type"'),
          'switch (x) {',
          ...members.map((member) => `case ${stringLiteral(member.tag)}: return ${member.check}(v, c, k)`),
          '}',
          // An event or response without a known tag cannot be kept in any mode: its issue is always `unknown-event` / `unknown-response`.
          unknownCode !== 'unknown-tag'
            ? `issue(c, "type", x, ${stringLiteral(expected)}, ${stringLiteral(unknownCode)})`
            : `issue(c, "type", x, ${stringLiteral(expected)}, typeof x === "string" ? "unknown-tag" : undefined)`,
          'return done(c, n, k)',
        ]),
      ),
    )
  }

  /**
   * The statement checking one slot (a field, array element or map value),
   * the expression `value`, whose path segment is the expression `key`.
   * It returns from the check function when it should stop.
   */
  private slot(
    type: TypeExpression,
    value: string,
    key: string,
    optional: boolean,
    exit = 'return done(c, n, k)',
  ): string {
    const present = optional ? `${value} !== undefined && ` : ''
    if (type.kind === 'primitive' || type.kind === 'literal') {
      const {fails, expected} =
        type.kind === 'primitive'
          ? PRIMITIVE_CHECKS[type.name]
          : {fails: (x: string) => `${x} !== ${stringLiteral(type.value)}`, expected: JSON.stringify(type.value)}
      return `if (${present}${fails(value)} && !issue(c, ${key}, ${value}, ${stringLiteral(expected)})) ${exit}`
    }
    return `if (${present}!${this.checkOf(type)}(${value}, c, ${key}) && !c.all) ${exit}`
  }

  /**
   * The check of a field of a compatibility build whose type differs by version (`Field.alternatives`),
   * made on first use. It keeps the first type that fits, the newest first, each tried so that it stops
   * at its first issue and leaves none behind; when none fits, the newest type's issues are reported.
   */
  private alternativesCheck(field: Field): string {
    const types = [field.type, ...(field.alternatives ?? []).map((alternative) => alternative.type)]
    const key = JSON.stringify(types)
    const known = this.alternatives.get(key)
    if (known) return known
    const name = checkAlternativesName(this.alternatives.size)
    this.alternatives.set(key, name)
    const tries = types.flatMap((type) => [
      `fits = ${this.valueCheck(type)} && c.truncated === truncated`,
      'if (fits || c.broken) {',
      '  c.all = all',
      '  return fits',
      '}',
      'c.issues.length = n',
      'c.truncated = truncated',
    ])
    const body = [
      'const n = c.issues.length',
      'const { all, truncated } = c',
      'let fits: boolean',
      'c.all = false',
      ...tries,
      'c.all = all',
      `return ${this.valueCheck(field.type)}`,
    ]
    const what = types.map((type) => describeTypeExpression(type)).join(' or ')
    this.statements.push(checkFunction(name, `Check a value that is ${what} (by doc version).`, body))
    return name
  }

  /** An expression checking `v` (whose path segment is `k`) as a value of `type`: true when it recorded no issue. */
  private valueCheck(type: TypeExpression): string {
    if (type.kind === 'primitive')
      return `(${PRIMITIVE_CHECKS[type.name].fails('v')} ? reject(c, k, v, ${stringLiteral(PRIMITIVE_CHECKS[type.name].expected)}) : true)`
    if (type.kind === 'literal')
      return `(v !== ${stringLiteral(type.value)} ? reject(c, k, v, ${stringLiteral(JSON.stringify(type.value))}) : true)`
    return `${this.checkOf(type)}(v, c, k)`
  }

  /** The check function of a referenced type, array or map (made on first use). */
  private checkOf(type: Exclude<TypeExpression, {kind: 'primitive' | 'literal'}>): string {
    if (type.kind === 'reference') return checkTypeName(type.name)
    const name = checkShapeName(type)
    if (this.shapes.has(name)) return name
    this.shapes.add(name)
    const element = type.kind === 'array' ? type.element : type.value
    const what = shapeExpected(type)
    const body = readingSafely([
      `if (${type.kind === 'array' ? notPlainArray('v') : notPlainObject('v')}) return reject(c, k, v, ${stringLiteral(what)})`,
      type.kind === 'array' ? 'for (let i = 0; i < v.length; i++) {' : 'for (const i in v) {',
      ...readSlot(type.kind === 'array' ? 'v[i]' : '(v as Record<string, unknown>)[i]', 'i').map((line) => `  ${line}`),
      `  ${this.slot(element, 'x', 'i', false)}`,
      '}',
      ...(type.kind === 'map'
        ? [
            `if (c.strict && hasHiddenFields(v) && !issue(c, undefined, v, ${stringLiteral(PLAIN_DATA)})) return done(c, n, k)`,
          ]
        : []),
      'return done(c, n, k)',
    ])
    this.statements.push(checkFunction(name, `Check an ${what}.`, body))
    return name
  }
}

/** What an enum's issues say was expected: `ChatType ("direct" | "group" | "local")`. */
function enumExpected(type: EnumType): string {
  return `${type.name} (${type.values.map((value) => JSON.stringify(value.value)).join(' | ')})`
}

/** What the issues of a union that was an enum in older versions say was expected: `ConnStatus object or string ("ready" | ...)`. */
function unionExpected(union: string, stringValues: readonly EnumValue[]): string {
  return `${union} object or string (${stringValues.map((value) => JSON.stringify(value.value)).join(' | ')})`
}

/** Accept `v` when it is one of `values`; another string is an `unknown-enum` issue. */
function stringValueCheck(values: readonly EnumValue[], expected: string): string[] {
  return [
    'if (typeof v === "string") {',
    '  switch (v) {',
    ...values.map((value) => `    case ${stringLiteral(value.value)}:`),
    '      return true',
    '  }',
    `  return reject(c, k, v, ${stringLiteral(expected)}, "unknown-enum")`,
    '}',
  ]
}

/** What an array's or map's issues say was expected: `array of User`. */
function shapeExpected(type: ArrayType | MapType): string {
  const element = type.kind === 'array' ? type.element : type.value
  return `${type.kind === 'array' ? 'array' : 'map (object)'} of ${describeTypeExpression(element)}`
}

/**
 * True when `x` is not a plain JSON object (see `isObject` in the runtime). Written out in each check, not
 * called: each site then has its own type feedback, and for one stable shape V8 folds the prototype load
 * into the map check it already makes (measured: a shared `isObject` made the stable-shape bench ~20% slower).
 */
function notPlainObject(x: string): string {
  return `typeof ${x} !== "object" || ${x} === null || (Object.getPrototypeOf(${x}) !== Object.prototype && !isObject(${x}))`
}

/** True when `x` is not a plain JSON array (its prototype `Array.prototype`, so no element is inherited), written out as `notPlainObject`. */
function notPlainArray(x: string): string {
  return `!Array.isArray(${x}) || Object.getPrototypeOf(${x}) !== Array.prototype`
}

/**
 * A check body that never throws: what reading its value throws (a getter, a
 * Proxy trap, a revoked Proxy) becomes an `unreadable` issue at the value. The
 * body may use `n`, the issue count at the start.
 */
function readingSafely(body: string[]): string[] {
  return [
    'const n = c.issues.length',
    'try {',
    ...body.map((line) => `  ${line}`),
    '} catch (error) {',
    '  return unreadable(c, n, k, undefined, error)',
    '}',
  ]
}

/** Read `source` (a field or element, whose path segment is `key`) into `x`; what it throws is reported at `key`. */
function readSlot(source: string, key: string): string[] {
  return [
    'let x: unknown',
    'try {',
    `  x = ${source}`,
    '} catch (error) {',
    `  return unreadable(c, n, k, ${key}, error)`,
    '}',
  ]
}

function checkFunction(name: string, doc: string, body: string[], valueType = 'unknown'): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name,
    isExported: true,
    docs: [{description: `${commentText(doc)}\n@internal`}],
    parameters: [
      {name: 'v', type: valueType},
      {name: 'c', type: 'DecodeContext'},
      {name: 'k', type: 'PathSegment | undefined'},
    ],
    returnType: 'boolean',
    statements: body.join('\n'),
  }
}

/** The mode of a decoder's options, as a literal when the caller writes one: it types the result (`Decoded`). */
const MODE_PARAMETER = {name: 'M', constraint: 'DecodeMode', default: "'default'"}

/** The public entry points for events and frames (the same for every spec). */
const PUBLIC_DECODERS: StatementStructures[] = [
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
    statements: 'return run(checkChatEvent$ok, checkChatEvent, value, options)',
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
    statements: 'return runJson(checkChatEvent$ok, checkChatEvent, text, options)',
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
    statements: [
      'const result = decodeChatEvent(value, options)',
      'if (!result.ok) throw new DecodeError(result.issues, result.truncated)',
      'return result.value',
    ].join('\n'),
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
    statements: 'return run(checkChatResponse$ok, checkChatResponse, value, options)',
  },
  {
    kind: StructureKind.Function,
    name: 'checkCommandResponse',
    docs: describe([
      'Check a response of one command: its tag must be one of `tags`, then it is checked as a `ChatResponse`.',
    ]),
    parameters: [
      {name: 'tags', type: 'readonly string[]'},
      {name: 'command', type: 'string'},
      {name: 'v', type: 'unknown'},
      {name: 'c', type: 'DecodeContext'},
      {name: 'k', type: 'PathSegment | undefined'},
    ],
    returnType: 'boolean',
    statements: [
      'const n = c.issues.length',
      'try {',
      '  if (!isObject(v)) return reject(c, k, v, "ChatResponse object")',
      '  let x: unknown',
      '  try {',
      '    x = v.type',
      '  } catch (error) {',
      '    return unreadable(c, n, k, "type", error)',
      '  }',
      '  if (typeof x === "string" && tags.includes(x)) return checkChatResponse(v, c, k)',
      '  const expected = tags.map((tag) => JSON.stringify(tag)).join(" | ") || "none"',
      '  issue(c, "type", x, `a response of ${command} (${expected})`, "unknown-response")',
      '  return done(c, n, k)',
      '} catch (error) {',
      '  return unreadable(c, n, k, undefined, error)',
      '}',
    ].join('\n'),
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
    statements: [
      // Own properties only, and any value from untyped callers: a name that is no command accepts no response.
      'const tags: readonly string[] = typeof name === "string" && Object.hasOwn(commandResponseTags, name) ? commandResponseTags[name] : []',
      'const command = typeof name === "string" ? JSON.stringify(name) : "an unknown command"',
      // The fast path: a valid response (so an object with a string tag) whose tag is one of the command's.
      'return run((v) => checkChatResponse$ok(v) && tags.includes(v.type), (v, c, k) => checkCommandResponse(tags, command, v, c, k), value, options)',
    ].join('\n'),
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
      'What a WebSocket frame `{"corrId"?: string, "resp": {...}}` holds, by the envelope rules of `readEnvelope` (envelope.ts), which the client follows too:',
      '- `event`: an event of EVENTS.md (a frame without `corrId`), decoded (`issues` is non-empty only in lenient mode, where the event is a `LenientKnown<ChatEvent>` and the response a `LenientKnown<ChatResponse>`: `M` is the mode of the options);\n- `response`: with `corrId` (a non-empty string), a response of COMMANDS.md to the command sent with it, decoded; with `corrId: undefined`, a frame without `corrId` whose tag is a response and no event (it answers no command; the client reports it as `uncorrelated-response`);\n- `unknown`: a `resp` whose tag the docs do not list where the frame puts it (not a response for a frame with `corrId`, neither event nor response without), left undecoded;\n- `error`: not JSON, not a frame (`resp` not an object; `corrId` present but `null`, `""` or not a string), or an event or response that does not decode.',
    ]),
    type: [
      '| { kind: "event"; event: DecodedKnown<ChatEvent, M>; issues: readonly DecodeIssue[]; truncated: number }',
      '| { kind: "response"; corrId: string | undefined; response: DecodedKnown<ChatResponse, M>; issues: readonly DecodeIssue[]; truncated: number }',
      '| { kind: "unknown"; corrId: string | undefined; type: string | undefined; resp: unknown }',
      '| { kind: "error"; error: DecodeIssue; issues: readonly DecodeIssue[]; truncated: number }',
    ].join('\n'),
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
    statements: [
      'const context = startDecoding(options)',
      'if ("ok" in context) return { kind: "error", error: context.error, issues: context.issues, truncated: 0 }',
      'const envelope = readEnvelope(text, frameTags)',
      'if (envelope.kind === "malformed") return { kind: "error", error: envelope.error, issues: envelope.issues, truncated: 0 }',
      'const { resp } = envelope',
      'if (envelope.kind === "event") {',
      '  const result = decodeIn<DecodedKnown<ChatEvent, M>>(checkChatEvent$ok, checkChatEvent, resp, context, "resp")',
      '  return result.ok ? { kind: "event", event: result.value, issues: result.issues, truncated: result.truncated } : { kind: "error", error: result.error, issues: result.issues, truncated: result.truncated }',
      '}',
      'if (envelope.kind === "unknown") return { kind: "unknown", corrId: undefined, type: envelope.tag, resp }',
      // A reply is decoded as a response of COMMANDS.md: `groupUpdated` is then the response, not the event of the same tag.
      'const corrId = envelope.kind === "reply" ? envelope.corrId : undefined',
      'if (envelope.tag === undefined || !frameTags.responses.has(envelope.tag)) return { kind: "unknown", corrId, type: envelope.tag, resp }',
      'const result = decodeIn<DecodedKnown<ChatResponse, M>>(checkChatResponse$ok, checkChatResponse, resp, context, "resp")',
      'return result.ok ? { kind: "response", corrId, response: result.value, issues: result.issues, truncated: result.truncated } : { kind: "error", error: result.error, issues: result.issues, truncated: result.truncated }',
    ].join('\n'),
  },
]
