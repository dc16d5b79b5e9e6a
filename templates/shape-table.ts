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

/** Both letters of each primitive: the table is decoded at import, by the interpreter, so each step counts. */
const CODES: Readonly<Record<string, Primitive>> = /* @__PURE__ */ (() => {
  const codes: Record<string, Primitive> = {}
  for (const [code, primitive] of Object.entries(PRIMITIVE_CODES))
    codes[code] = codes[code.toUpperCase()] = primitive
  return codes
})()

/** A slot as encoded: see the module comment. */
export type EncodedSlot = string | number | readonly [literal: string, optional?: 1]

/** A field list or member as encoded: flat `name, slot` pairs (a member's after its fast check). */
type EncodedItem = string | number | FastCheck | readonly EncodedItem[] | readonly string[] | EncodedSlot

/** One encoded entry of the table (see the module comment). */
export type EncodedShape = readonly EncodedItem[]

/** The slot `encoded` holds, optional or not. */
function slot(encoded: EncodedSlot): Slot {
  if (typeof encoded === 'number') return encoded < 0 ? ~encoded : encoded
  if (typeof encoded === 'string') return CODES[encoded]!
  return [encoded[0]]
}

/** Whether the slot `encoded` is an optional field's: `~index`, an upper-case letter (before `a`), `[literal, 1]`. */
function isOptional(encoded: EncodedSlot): boolean {
  if (typeof encoded === 'number') return encoded < 0
  if (typeof encoded === 'string') return encoded < 'a'
  return encoded[1] === 1
}

function fields(encoded: readonly EncodedItem[], from: number): FieldSlot[] {
  const list: FieldSlot[] = []
  for (let i = from; i < encoded.length; i += 2) {
    const name = encoded[i] as string
    const held = encoded[i + 1] as EncodedSlot
    list.push(isOptional(held) ? [name, slot(held), 1] : [name, slot(held)])
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
        table.push(
          unknown !== 0 && strings !== 0
            ? {kind: 'union', name, members, unknown, strings, fast}
            : unknown !== 0
              ? {kind: 'union', name, members, unknown, fast}
              : strings !== 0
                ? {kind: 'union', name, members, strings, fast}
                : {kind: 'union', name, members, fast},
        )
        for (const shape of shapes) table.push(shape)
        break
      }
      case 3:
      case 4:
        table.push({
          kind: entry[0] === 3 ? 'array' : 'map',
          element: slot(entry[1] as EncodedSlot),
          fast: entry[2] as FastCheck,
        })
        break
      default:
        table.push({kind: 'alternatives', slots: entry.slice(1).map((item) => slot(item as EncodedSlot))})
    }
  }
  return table
}
