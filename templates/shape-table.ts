/**
 * The shape table of `decode.ts` (`ShapeTable`, shape-checks.ts), as the generator writes it: compact
 * arrays, one per record, enum, union (with its members inline), array, map and alternatives, decoded once
 * at import into the very objects shape-checks.ts reads. What the table says is the schema; the `kind`,
 * `name` and `fields` keys, the index of each member and the empty members are what the encoding leaves out.
 *
 * An encoded entry, by its first element (the generator's `encodeShapeTable`, decode-table.ts):
 *
 * - `[0, name, fast, ...fields]`: a record;
 * - `[1, name, fast, ...values]`: an enum;
 * - `[2, name, fast, unknown, strings, ...members]`: a union, `unknown` its unknown-tag code or `0`,
 *   `strings` its older enum values or `0`; each member a tag then `0` (no fields: no entry of its own but
 *   `{kind: "member", fields: []}`) or `[fast, ...fields]`; the members take the indices after the union's;
 * - `[3, slot, fast]` an array, `[4, slot, fast]` a map, `[5, ...slots]` alternatives.
 *
 * Fields are flat pairs `name, slot`. A slot is a primitive's letter (`PRIMITIVE_CODES`), a shape's index or
 * `[literal]`; an optional field's slot is the letter upper-cased, `~index`, or `[literal, 1]`.
 */
import type {FastCheck, FieldSlot, Primitive, Shape, ShapeTable, Slot} from './shape-checks.js'

/** The letter of each primitive in an encoded slot (upper case: the field is optional). */
export const PRIMITIVE_CODES: Readonly<Record<string, Primitive>> = {
  b: 'bool',
  s: 'string',
  i: 'int',
  l: 'int64',
  w: 'word32',
  d: 'double',
  o: 'JSONObject',
  t: 'UTCTime',
}

/** A slot as encoded: see the module comment. */
export type EncodedSlot = string | number | readonly [literal: string, optional?: 1]

/** A field list or member as encoded: flat `name, slot` pairs (a member's after its fast check). */
type EncodedItem = string | number | FastCheck | readonly EncodedItem[] | readonly string[] | EncodedSlot

/** One encoded entry of the table (see the module comment). */
export type EncodedShape = readonly EncodedItem[]

function slot(encoded: EncodedSlot): [Slot, boolean] {
  if (typeof encoded === 'number') return encoded < 0 ? [~encoded, true] : [encoded, false]
  if (typeof encoded === 'string') {
    const lower = encoded.toLowerCase()
    return [PRIMITIVE_CODES[lower]!, lower !== encoded]
  }
  return [[encoded[0]], encoded[1] === 1]
}

function fields(encoded: readonly EncodedItem[], from: number): FieldSlot[] {
  const list: FieldSlot[] = []
  for (let i = from; i < encoded.length; i += 2) {
    const [held, optional] = slot(encoded[i + 1] as EncodedSlot)
    list.push(optional ? [encoded[i] as string, held, 1] : [encoded[i] as string, held])
  }
  return list
}

/** The table the entries encode, in index order. */
export function decodeShapeTable(encoded: readonly EncodedShape[]): ShapeTable {
  const table: Shape[] = []
  for (const entry of encoded) {
    const name = entry[1] as string
    const fast = entry[2] as FastCheck
    switch (entry[0]) {
      case 0:
        table.push({kind: 'record', name, fields: fields(entry, 3), fast})
        break
      case 1:
        table.push({kind: 'enum', name, values: entry.slice(3) as string[], fast})
        break
      case 2: {
        const members: [string, number][] = []
        const shapes: Shape[] = []
        for (let i = 5; i < entry.length; i += 2) {
          members.push([entry[i] as string, table.length + 1 + shapes.length])
          const member = entry[i + 1] as 0 | readonly EncodedItem[]
          shapes.push(
            member === 0
              ? {kind: 'member', fields: []}
              : {kind: 'member', fields: fields(member, 1), fast: member[0] as FastCheck},
          )
        }
        const unknown = entry[3] as 0 | 'unknown-event' | 'unknown-response'
        const strings = entry[4] as 0 | readonly string[]
        table.push({
          kind: 'union',
          name,
          members,
          ...(unknown === 0 ? {} : {unknown}),
          ...(strings === 0 ? {} : {strings}),
          fast,
        })
        table.push(...shapes)
        break
      }
      case 3:
      case 4:
        table.push({
          kind: entry[0] === 3 ? 'array' : 'map',
          element: slot(entry[1] as EncodedSlot)[0],
          fast: entry[2] as FastCheck,
        })
        break
      default:
        table.push({kind: 'alternatives', slots: entry.slice(1).map((item) => slot(item as EncodedSlot)[0])})
    }
  }
  return table
}
