import {distinctResponses} from '../schema/responses.js'
import type {ArrayType, Field, MapType, Schema, TypeExpression} from '../schema/types.js'
import {checkEventName, checkMemberName, checkResponseName, checkShapeName, checkTypeName} from '../names/index.js'
import {jsonLiteral, stringLiteral} from './escape.js'

/**
 * The shape table of `decode.ts` (templates/shape-checks.ts reads it): one entry per record, union, union
 * member, enum, event, response and array/map shape, and one per set of types of a compat build's field
 * typed by version. Entries refer to each other by index; each names its fast check (decode-fast.ts),
 * which has the check name of that shape.
 */
export interface ShapeTableLayout {
  /** The entries, as JavaScript expressions, in index order. */
  readonly entries: readonly string[]
  /** The index of each type of TYPES.md, by name. */
  readonly typeIndex: ReadonlyMap<string, number>
  readonly eventIndex: number
  readonly responseIndex: number
}

/** Lay out the table of `schema`: the named shapes first, in schema order, then arrays, maps and alternatives as met. */
export function layOutShapeTable(schema: Schema): ShapeTableLayout {
  return new ShapeTableBuilder(schema).build()
}

const PRIMITIVES = new Set(['bool', 'string', 'int', 'int64', 'word32', 'double', 'JSONObject', 'UTCTime'])

class ShapeTableBuilder {
  private readonly entries: string[] = []
  private readonly typeIndex = new Map<string, number>()
  /** Arrays, maps and alternatives, by their types as JSON. */
  private readonly shapes = new Map<string, number>()

  constructor(private readonly schema: Schema) {}

  build(): ShapeTableLayout {
    const {schema} = this
    // Named shapes get their indices first: fields refer to types declared later.
    let next = 0
    const memberIndex = new Map<string, number[]>()
    for (const type of schema.types) {
      this.typeIndex.set(type.name, next++)
      if (type.kind === 'union')
        memberIndex.set(
          type.name,
          type.members.map(() => next++),
        )
    }
    const eventIndex = next++
    const events = schema.events.map(() => next++)
    const responseIndex = next++
    const responses = distinctResponses(schema)
    const responseIndices = responses.map(() => next++)
    this.entries.length = next

    for (const type of schema.types) {
      const index = this.typeIndex.get(type.name)!
      switch (type.kind) {
        case 'record':
          this.entries[index] =
            `{kind: "record", name: ${stringLiteral(type.name)}, fields: ${this.fields(type.fields)}, fast: ${checkTypeName(type.name)}}`
          break
        case 'enum':
          this.entries[index] =
            `{kind: "enum", name: ${stringLiteral(type.name)}, values: ${jsonLiteral(type.values.map((value) => value.value))}, fast: ${checkTypeName(type.name)}}`
          break
        case 'union': {
          const members = memberIndex.get(type.name)!
          type.members.forEach((member, position) => {
            this.entries[members[position]!] = this.member(member.fields, checkMemberName(type.name, member.name))
          })
          this.entries[index] = this.union({
            name: type.name,
            members: type.members.map((member, position) => [member.tag, members[position]!]),
            strings: type.stringValues?.map((value) => value.value),
            fast: checkTypeName(type.name),
          })
          break
        }
      }
    }
    schema.events.forEach((event, position) => {
      this.entries[events[position]!] = this.member(event.fields, checkEventName(event.name))
    })
    this.entries[eventIndex] = this.union({
      name: 'ChatEvent',
      members: schema.events.map((event, position) => [event.tag, events[position]!]),
      unknown: 'unknown-event',
      fast: 'checkChatEvent',
    })
    responses.forEach((response, position) => {
      this.entries[responseIndices[position]!] = this.member(response.fields, checkResponseName(response.name))
    })
    this.entries[responseIndex] = this.union({
      name: 'ChatResponse',
      members: responses.map((response, position) => [response.tag, responseIndices[position]!]),
      unknown: 'unknown-response',
      fast: 'checkChatResponse',
    })
    return {entries: this.entries, typeIndex: this.typeIndex, eventIndex, responseIndex}
  }

  /** A union member, event or response; without fields its union's fast check accepts it alone. */
  private member(fields: readonly Field[], check: string): string {
    return `{kind: "member", fields: ${this.fields(fields)}${fields.length > 0 ? `, fast: ${check}` : ''}}`
  }

  /** A union on `type`; `unknown`, the code of an issue for an unknown tag, when it is not `unknown-tag`. */
  private union(union: {
    name: string
    members: [string, number][]
    unknown?: string
    strings?: string[] | undefined
    fast: string
  }): string {
    const unknown = union.unknown ? `, unknown: ${stringLiteral(union.unknown)}` : ''
    const strings = union.strings ? `, strings: ${jsonLiteral(union.strings)}` : ''
    return `{kind: "union", name: ${stringLiteral(union.name)}, members: ${jsonLiteral(union.members)}${unknown}${strings}, fast: ${union.fast}}`
  }

  private fields(fields: readonly Field[]): string {
    const slots = fields.map((field) => {
      const slot = field.alternatives
        ? this.alternatives([field.type, ...field.alternatives.map((alternative) => alternative.type)])
        : this.slot(field.type)
      return `[${stringLiteral(field.wireName)}, ${slot}${field.optional ? ', 1' : ''}]`
    })
    return `[${slots.join(', ')}]`
  }

  /** A slot as the table writes it: a primitive's name, a shape's index or `[literal]`. */
  private slot(type: TypeExpression): string {
    switch (type.kind) {
      case 'primitive':
        if (!PRIMITIVES.has(type.name)) throw new Error(`no slot for primitive ${type.name}`)
        return stringLiteral(type.name)
      case 'literal':
        return `[${stringLiteral(type.value)}]`
      case 'reference': {
        const index = this.typeIndex.get(type.name)
        if (index === undefined) throw new Error(`no type ${type.name} in the schema`)
        return String(index)
      }
      case 'array':
      case 'map':
        return String(this.shape(type))
    }
  }

  /** The entry of an array or map shape, made on first use. */
  private shape(type: ArrayType | MapType): number {
    const key = JSON.stringify(type)
    const known = this.shapes.get(key)
    if (known !== undefined) return known
    const index = this.entries.length
    this.shapes.set(key, index)
    this.entries.push('')
    const element = type.kind === 'array' ? type.element : type.value
    this.entries[index] = `{kind: ${stringLiteral(type.kind)}, element: ${this.slot(element)}, fast: ${checkShapeName(type)}}`
    return index
  }

  /** The entry of a field typed by version: its types, the newest first; made on first use. */
  private alternatives(types: readonly TypeExpression[]): string {
    const key = JSON.stringify(types)
    const known = this.shapes.get(key)
    if (known !== undefined) return String(known)
    const index = this.entries.length
    this.shapes.set(key, index)
    this.entries.push('')
    const slots = types.map((type) => this.slot(type))
    this.entries[index] = `{kind: "alternatives", slots: [${slots.join(', ')}]}`
    return String(index)
  }
}
