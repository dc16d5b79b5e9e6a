import {distinctResponses} from '../schema/responses.js'
import type {ArrayType, Field, MapType, Schema, TypeExpression} from '../schema/types.js'
import {checkEventName, checkMemberName, checkResponseName, checkShapeName, checkTypeName} from '../names/index.js'
import {jsonLiteral, stringLiteral} from './escape.js'
import {objectCheckNames, typeKey} from './decode-dedupe.js'

/**
 * The shape table of `decode.ts` (templates/shape-checks.ts reads it): one entry per record, union, union
 * member, enum, event, response and array/map shape, and one per set of types of a compat build's field
 * typed by version. Entries refer to each other by index; each names its fast check (decode-fast.ts), the
 * one emitted for its fields (`objectCheckNames`: entries with the same fields share one).
 */
export interface ShapeTableLayout {
  /** The entries, as JavaScript object expressions (`ShapeTable`'s), in index order. */
  readonly entries: readonly string[]
  /**
   * The same table as `decode.ts` writes it: the arguments of `decodeShapeTable` (templates/shape-table.ts),
   * one JavaScript array expression per entry but the members, which their union's holds.
   */
  readonly encoded: readonly string[]
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

/** The letter of each primitive in an encoded slot (templates/shape-table.ts, `PRIMITIVE_CODES`). */
const PRIMITIVE_CODES: Readonly<Record<string, string>> = {
  bool: 'b',
  string: 's',
  int: 'i',
  int64: 'l',
  word32: 'w',
  double: 'd',
  JSONObject: 'o',
  UTCTime: 't',
}

/** What a field, element or alternative holds: a primitive's name, a shape's index, or a string literal. */
type SlotModel = {primitive: string} | {index: number} | {literal: string}

interface FieldModel {
  wireName: string
  slot: SlotModel
  optional: boolean
}

/** One entry of the table, before it is written out. */
type EntryModel =
  | {kind: 'record'; name: string; fields: FieldModel[]; fast: string}
  | {kind: 'enum'; name: string; values: string[]; fast: string}
  | {
      kind: 'union'
      name: string
      members: [string, number][]
      unknown?: string | undefined
      strings?: string[] | undefined
      fast: string
    }
  | {kind: 'member'; fields: FieldModel[]; fast: string | undefined}
  | {kind: 'array' | 'map'; element: SlotModel; fast: string}
  | {kind: 'alternatives'; slots: SlotModel[]}

class ShapeTableBuilder {
  private readonly entries: EntryModel[] = []
  private readonly typeIndex = new Map<string, number>()
  /** Arrays, maps and alternatives, by their types (`typeKey`). */
  private readonly shapes = new Map<string, number>()
  private readonly checks: ReadonlyMap<string, string>

  constructor(private readonly schema: Schema) {
    this.checks = objectCheckNames(schema)
  }

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
          this.entries[index] = {
            kind: 'record',
            name: type.name,
            fields: this.fields(type.fields),
            fast: this.check(checkTypeName(type.name)),
          }
          break
        case 'enum':
          this.entries[index] = {
            kind: 'enum',
            name: type.name,
            values: type.values.map((value) => value.value),
            fast: checkTypeName(type.name),
          }
          break
        case 'union': {
          const members = memberIndex.get(type.name)!
          type.members.forEach((member, position) => {
            this.entries[members[position]!] = this.member(member.fields, checkMemberName(type.name, member.name))
          })
          this.entries[index] = {
            kind: 'union',
            name: type.name,
            members: type.members.map((member, position) => [member.tag, members[position]!]),
            strings: type.stringValues?.map((value) => value.value),
            fast: checkTypeName(type.name),
          }
          break
        }
      }
    }
    schema.events.forEach((event, position) => {
      this.entries[events[position]!] = this.member(event.fields, checkEventName(event.name))
    })
    this.entries[eventIndex] = {
      kind: 'union',
      name: 'ChatEvent',
      members: schema.events.map((event, position) => [event.tag, events[position]!]),
      unknown: 'unknown-event',
      fast: 'checkChatEvent',
    }
    responses.forEach((response, position) => {
      this.entries[responseIndices[position]!] = this.member(response.fields, checkResponseName(response.name))
    })
    this.entries[responseIndex] = {
      kind: 'union',
      name: 'ChatResponse',
      members: responses.map((response, position) => [response.tag, responseIndices[position]!]),
      unknown: 'unknown-response',
      fast: 'checkChatResponse',
    }
    return {
      entries: this.entries.map(objectExpression),
      encoded: encodeEntries(this.entries),
      typeIndex: this.typeIndex,
      eventIndex,
      responseIndex,
    }
  }

  /** The fast check emitted for object check `check` (`objectCheckNames`). */
  private check(check: string): string {
    return this.checks.get(check) ?? check
  }

  /** A union member, event or response; without fields its union's fast check accepts it alone. */
  private member(fields: readonly Field[], check: string): EntryModel {
    return {kind: 'member', fields: this.fields(fields), fast: fields.length > 0 ? this.check(check) : undefined}
  }

  private fields(fields: readonly Field[]): FieldModel[] {
    return fields.map((field) => ({
      wireName: field.wireName,
      slot: field.alternatives
        ? {index: this.alternatives([field.type, ...field.alternatives.map((alternative) => alternative.type)])}
        : this.slot(field.type),
      optional: field.optional,
    }))
  }

  /** A slot: a primitive's name, a shape's index or a literal. */
  private slot(type: TypeExpression): SlotModel {
    switch (type.kind) {
      case 'primitive':
        if (!PRIMITIVES.has(type.name)) throw new Error(`no slot for primitive ${type.name}`)
        return {primitive: type.name}
      case 'literal':
        return {literal: type.value}
      case 'reference': {
        const index = this.typeIndex.get(type.name)
        if (index === undefined) throw new Error(`no type ${type.name} in the schema`)
        return {index}
      }
      case 'array':
      case 'map':
        return {index: this.shape(type)}
    }
  }

  /** The entry of an array or map shape, made on first use: one per fast check (`checkShapeName`). */
  private shape(type: ArrayType | MapType): number {
    const key = checkShapeName(type)
    const known = this.shapes.get(key)
    if (known !== undefined) return known
    const index = this.entries.length
    this.shapes.set(key, index)
    this.entries.push({kind: 'alternatives', slots: []})
    const element = type.kind === 'array' ? type.element : type.value
    this.entries[index] = {kind: type.kind, element: this.slot(element), fast: key}
    return index
  }

  /** The entry of a field typed by version: its types, the newest first; made on first use. */
  private alternatives(types: readonly TypeExpression[]): number {
    const key = JSON.stringify(types.map(typeKey))
    const known = this.shapes.get(key)
    if (known !== undefined) return known
    const index = this.entries.length
    this.shapes.set(key, index)
    this.entries.push({kind: 'alternatives', slots: []})
    this.entries[index] = {kind: 'alternatives', slots: types.map((type) => this.slot(type))}
    return index
  }
}

/** An entry as the `ShapeTable` object it is. */
function objectExpression(entry: EntryModel): string {
  const fields = (list: FieldModel[]) =>
    `[${list.map((field) => `[${stringLiteral(field.wireName)}, ${slotExpression(field.slot)}${field.optional ? ', 1' : ''}]`).join(', ')}]`
  switch (entry.kind) {
    case 'record':
      return `{kind: "record", name: ${stringLiteral(entry.name)}, fields: ${fields(entry.fields)}, fast: ${entry.fast}}`
    case 'enum':
      return `{kind: "enum", name: ${stringLiteral(entry.name)}, values: ${jsonLiteral(entry.values)}, fast: ${entry.fast}}`
    case 'union': {
      const unknown = entry.unknown ? `, unknown: ${stringLiteral(entry.unknown)}` : ''
      const strings = entry.strings ? `, strings: ${jsonLiteral(entry.strings)}` : ''
      return `{kind: "union", name: ${stringLiteral(entry.name)}, members: ${jsonLiteral(entry.members)}${unknown}${strings}, fast: ${entry.fast}}`
    }
    case 'member':
      return `{kind: "member", fields: ${fields(entry.fields)}${entry.fast ? `, fast: ${entry.fast}` : ''}}`
    case 'array':
    case 'map':
      return `{kind: ${stringLiteral(entry.kind)}, element: ${slotExpression(entry.element)}, fast: ${entry.fast}}`
    case 'alternatives':
      return `{kind: "alternatives", slots: [${entry.slots.map(slotExpression).join(', ')}]}`
  }
}

function slotExpression(slot: SlotModel): string {
  if ('primitive' in slot) return stringLiteral(slot.primitive)
  if ('index' in slot) return String(slot.index)
  return `[${stringLiteral(slot.literal)}]`
}

/**
 * The entries as `decodeShapeTable` reads them (templates/shape-table.ts): a union holds its members, which
 * must be the entries right after it, in its order.
 */
function encodeEntries(entries: readonly EntryModel[]): string[] {
  const encoded: string[] = []
  const slot = (model: SlotModel, optional = false): string => {
    if ('primitive' in model) {
      const code = PRIMITIVE_CODES[model.primitive]!
      return stringLiteral(optional ? code.toUpperCase() : code)
    }
    if ('index' in model) return String(optional ? ~model.index : model.index)
    return `[${stringLiteral(model.literal)}${optional ? ', 1' : ''}]`
  }
  const fields = (list: FieldModel[]) =>
    list.flatMap((field) => [stringLiteral(field.wireName), slot(field.slot, field.optional)])
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!
    switch (entry.kind) {
      case 'record':
        encoded.push(`[0, ${[stringLiteral(entry.name), entry.fast, ...fields(entry.fields)].join(', ')}]`)
        break
      case 'enum':
        encoded.push(`[1, ${[stringLiteral(entry.name), entry.fast, ...entry.values.map(stringLiteral)].join(', ')}]`)
        break
      case 'union': {
        const members = entry.members.map(([tag, member], position) => {
          const model = entries[member]
          if (member !== index + 1 + position || model?.kind !== 'member')
            throw new Error(`the members of union ${entry.name} are not the entries after it`)
          const held = model.fast ? `[${[model.fast, ...fields(model.fields)].join(', ')}]` : '0'
          if (!model.fast && model.fields.length > 0)
            throw new Error(`a member of ${entry.name} has fields and no check`)
          return `${stringLiteral(tag)}, ${held}`
        })
        const unknown = entry.unknown ? stringLiteral(entry.unknown) : '0'
        const strings = entry.strings ? jsonLiteral(entry.strings) : '0'
        encoded.push(`[2, ${[stringLiteral(entry.name), entry.fast, unknown, strings, ...members].join(', ')}]`)
        index += entry.members.length
        break
      }
      case 'member':
        throw new Error(`a member at ${index} is not after its union`)
      case 'array':
      case 'map':
        encoded.push(`[${entry.kind === 'array' ? 3 : 4}, ${slot(entry.element)}, ${entry.fast}]`)
        break
      case 'alternatives':
        encoded.push(`[5, ${entry.slots.map((model) => slot(model)).join(', ')}]`)
    }
  }
  return encoded
}
