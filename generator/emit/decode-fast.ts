import {StructureKind, type FunctionDeclarationStructure, type StatementStructures} from 'ts-morph'
import {distinctResponses} from '../schema/responses.js'
import type {
  ArrayType,
  EnumValue,
  Field,
  MapType,
  PrimitiveName,
  Schema,
  SourceLocation,
  TypeExpression,
} from '../schema/types.js'
import {
  checkEventName,
  checkMemberName,
  checkResponseName,
  checkShapeName,
  checkTypeName,
  eventOwner,
  memberOwner,
  responseOwner,
  shapeOwner,
  typeOwner,
} from '../names/index.js'
import {objectCheckNames} from './decode-dedupe.js'
import {stringLiteral} from './escape.js'
import {GENERATOR, type ModuleScope, type NameOwner} from './module-scope.js'

/**
 * The fast path of `decode.ts`: for each shape of the table (decode-table.ts) a boolean check (`checkUser`)
 * that reads the documented fields by name, straight-line, and says only whether the value is valid in
 * default mode. It builds nothing; when it says no, an object's or array's check records which field or
 * element failed (`failed`, templates/runtime.ts), so that the slow path (templates/shape-checks.ts, which
 * builds the issues and paths, run only then) starts there rather than at the first. So it must never say
 * yes where the slow path would record an issue; saying no where it finds none only costs time (an object
 * without a prototype, a value whose getter throws: the slow path decides).
 */
export function emitFastChecks(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const emitter = new FastCheckEmitter(scope, objectCheckNames(schema))
  for (const type of schema.types) {
    const owner = typeOwner(type)
    switch (type.kind) {
      case 'record':
        emitter.object(checkTypeName(type.name), owner, type.fields, true)
        break
      case 'union':
        for (const member of type.members)
          emitter.object(checkMemberName(type.name, member.name), memberOwner(type, member), member.fields)
        emitter.union(
          checkTypeName(type.name),
          owner,
          type.members.map((member) => ({
            tag: member.tag,
            check: member.fields.length > 0 ? emitter.emitted(checkMemberName(type.name, member.name)) : null,
          })),
          type.stringValues,
        )
        break
      case 'enum':
        emitter.push(checkTypeName(type.name), owner, [
          'switch (v) {',
          ...type.values.map((value) => `case ${stringLiteral(value.value)}:`),
          '  return true',
          '}',
          'return false',
        ])
        break
    }
  }
  for (const event of schema.events) emitter.object(checkEventName(event.name), eventOwner(event), event.fields)
  emitter.union(
    'checkChatEvent',
    GENERATOR,
    schema.events.map((event) => ({
      tag: event.tag,
      check: event.fields.length > 0 ? emitter.emitted(checkEventName(event.name)) : null,
    })),
  )
  const responses = distinctResponses(schema)
  for (const response of responses)
    emitter.object(checkResponseName(response.name), responseOwner(response), response.fields)
  emitter.union(
    'checkChatResponse',
    GENERATOR,
    responses.map((response) => ({
      tag: response.tag,
      check: response.fields.length > 0 ? emitter.emitted(checkResponseName(response.name)) : null,
    })),
  )
  return emitter.statements
}

/** The test each primitive compiles to: true when the expression `x` is a valid value; it uses what it calls. */
const PRIMITIVE_FITS: Record<PrimitiveName, (x: string, scope: ModuleScope) => string> = {
  bool: (x) => `typeof ${x} === "boolean"`,
  string: (x) => `typeof ${x} === "string"`,
  // Number.isInteger and Number.isFinite are false for anything but a number.
  int: (x, scope) => `${scope.global('Number')}.isInteger(${x})`,
  int64: (x, scope) => `${scope.global('Number')}.isInteger(${x})`,
  word32: (x, scope) => `${scope.use('./runtime.js', 'isWord32')}(${x})`,
  double: (x, scope) => `${scope.global('Number')}.isFinite(${x})`,
  JSONObject: (x, scope) => `${scope.use('./runtime.js', 'isObject')}(${x})`,
  UTCTime: (x, scope) => `${scope.use('./runtime.js', 'isUtcTime')}(${x})`,
}

/** Names `Object.prototype` has: a named load of them on an object without them finds the inherited member. */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype))

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

class FastCheckEmitter {
  readonly statements: StatementStructures[] = []
  private readonly shapes = new Set<string>()

  /** @param names the check emitted for each object check (`objectCheckNames`): one per distinct set of fields. */
  constructor(
    private readonly scope: ModuleScope,
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  /** The check emitted for object check `check`: the first one with the same fields. */
  emitted(check: string): string {
    return this.names.get(check) ?? check
  }

  /**
   * The fields of an object. `checksObject`: a record, which checks it holds a plain object; union members and
   * events are called by their union's switch, which did. When a field fails, the check records which
   * (`failed`: `at`, the field's index, -1 for the object test) for the slow path to start there.
   */
  object(check: string, owner: NameOwner, fields: readonly Field[], checksObject = false): void {
    if (fields.length === 0 && !checksObject) return
    if (this.emitted(check) !== check) return
    if (fields.length === 0) return this.push(check, owner, [`return ${this.plainObject()}`])
    let local = checksObject
    const terms = fields.map((field, index) => {
      const read = readField(field.wireName, this.scope)
      const types = [field.type, ...(field.alternatives ?? []).map((alternative) => alternative.type)]
      // One read per field: on an object whose hidden class V8's caches miss, each read by name is a lookup.
      // A record's first field is read before its prototype test (below).
      const first = checksObject && index === 0
      const once = field.optional || types.length > 1
      local ||= once
      const x = first || once ? 'x' : read
      const fits = types.map((type) => this.fits(type, x, field.location))
      const any = fits.join(' || ')
      const term = field.optional
        ? `${first ? 'x' : `(x = ${read})`} === undefined || ${any}`
        : once && !first
          ? `((x = ${read}), ${any})`
          : any
      // Each field's index is set before its test: the failure branch is shared, the success path unchanged.
      return index === 0 && !checksObject ? `(${term})` : `((at = ${index}), ${term})`
    })
    const failed = this.scope.use('./runtime.js', 'failed')
    const x = local ? ', x: any' : ''
    if (terms.length === 1 && !checksObject && !local)
      return this.push(check, owner, [`return ${terms[0]} || ${failed}(v, ${check}, 0)`])
    // A record's prototype is tested after the read of its first field: V8 then knows the hidden class (when
    // the site has met few) and folds the test, where a read by name of `v.__proto__` would cost a lookup
    // where objects of many hidden classes meet (and an own `__proto__` field would answer it).
    const prototype = checksObject
      ? [`((x = ${readField(fields[0]!.wireName, this.scope)}), ${this.prototypeTest()})`]
      : []
    this.push(check, owner, [
      `let at = ${checksObject ? -1 : 0}${x}`,
      `return (${[...(checksObject ? [OBJECT] : []), ...prototype, ...terms].join(' && ')}) || ${failed}(v, ${check}, at)`,
    ])
  }

  /**
   * A union: dispatch on `type`; a member without fields needs no function.
   *
   * @param stringValues a compatibility build's strings the union was an enum of in older versions.
   */
  union(
    check: string,
    owner: NameOwner,
    members: {tag: string; check: string | null}[],
    stringValues?: readonly EnumValue[],
  ): void {
    this.push(check, owner, [
      ...(stringValues
        ? [
            `if (typeof v === "string") return ${stringValues.map((value) => `v === ${stringLiteral(value.value)}`).join(' || ')}`,
          ]
        : []),
      `if (!(${OBJECT})) return false`,
      'const tag = v.type',
      `if (!(${this.prototypeTest()})) return false`,
      'switch (tag) {',
      ...members.map(
        (member) => `case ${stringLiteral(member.tag)}: return ${member.check ? `${member.check}(v)` : 'true'}`,
      ),
      '}',
      'return false',
    ])
  }

  push(check: string, owner: NameOwner, body: string[]): void {
    this.statements.push(fastFunction(this.scope.declare(check, owner), body))
  }

  /** `v` is a plain object as `JSON.parse` makes them, with the global it refers to. */
  private plainObject(): string {
    return `${OBJECT} && ${this.prototypeTest()}`
  }

  /** `v`, an object, has the prototype of the objects `JSON.parse` makes. */
  private prototypeTest(): string {
    return `${this.scope.global('Object')}.getPrototypeOf(v) === Object.prototype`
  }

  /** An expression true when the expression `x` is a valid value of `type`, a field's at `location`. */
  private fits(type: TypeExpression, x: string, location: SourceLocation): string {
    switch (type.kind) {
      case 'primitive':
        return PRIMITIVE_FITS[type.name](x, this.scope)
      case 'literal':
        return `${x} === ${stringLiteral(type.value)}`
      case 'reference':
        return `${this.emitted(checkTypeName(type.name))}(${x})`
      case 'array':
      case 'map':
        return `${this.shape(type, location)}(${x})`
    }
  }

  /** The fast check of an array or map shape, made on first use. */
  private shape(type: ArrayType | MapType, location: SourceLocation): string {
    const check = checkShapeName(type)
    if (!this.shapes.has(check)) {
      this.shapes.add(check)
      const element = type.kind === 'array' ? type.element : type.value
      const body =
        type.kind === 'array'
          ? [
              `if (!${this.scope.global('Array')}.isArray(v) || ${this.scope.global('Object')}.getPrototypeOf(v) !== Array.prototype) return false`,
              `for (let i = 0; i < v.length; i++) if (!(${this.fits(element, 'v[i]', location)})) return ${this.scope.use('./runtime.js', 'failed')}(v, ${check}, i)`,
              'return true',
            ]
          : [
              `if (!(${this.plainObject()})) return false`,
              `for (const i in v) if (!(${this.fits(element, 'v[i]', location)})) return false`,
              'return true',
            ]
      this.push(check, shapeOwner(type, location), body)
    }
    return check
  }
}

/**
 * `v` is an object (its prototype is tested apart). `Object.getPrototypeOf`, a builtin on the hidden
 * class, and never a read of `v.__proto__`: a read by name misses V8's caches where objects of many
 * hidden classes meet, and an own `__proto__` field (JSON text makes one) would answer it. An object
 * without a prototype is left to the slow path.
 */
const OBJECT = 'typeof v === "object" && v !== null'

/** A named load of field `name` of `v`; an own-property read where `Object.prototype` has a member of that name. */
function readField(name: string, scope: ModuleScope): string {
  if (INHERITED.has(name))
    return `(${scope.global('Object')}.hasOwn(v, ${stringLiteral(name)}) ? v[${stringLiteral(name)}] : undefined)`
  return IDENTIFIER.test(name) ? `v.${name}` : `v[${stringLiteral(name)}]`
}

/** A fast check: module-private (the table refers to it), so it has no doc comment and no declaration in `.d.ts`. */
function fastFunction(check: string, body: string[]): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: check,
    // `any`: the fields are read by name, each checked before it is used.
    parameters: [{name: 'v', type: 'any'}],
    returnType: 'boolean',
    statements: body.join('\n'),
  }
}
