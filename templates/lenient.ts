/**
 * The types of what a `lenient` decode keeps. Lenient mode keeps a value whatever its fields hold, as long as
 * it is an object (and, for events and responses, its tag is known): a required field may be absent, a union
 * tag or enum value one the docs do not list, a `string` a number, an object `null`, an array an object. So
 * `Lenient<T>` says only what was checked, and what it does not say must be checked before use:
 *
 * - every field is optional, the `type` tag of a union member excepted, so narrowing on `type` still works;
 * - a tagged union is open: besides its members (each lenient) it has `UnknownMember`, whose tag compares unequal
 *   to every known one, so a `switch` on `type` is never exhaustive and needs its `default`;
 * - a leaf (string, number, boolean, enum) is `Unchecked<T>`: `T` or any other JSON value, so it is read only
 *   after a `typeof` or `===` check. Not plain `unknown`: the docs' type stays in sight, and an unknown enum
 *   string is one of the values such a check lets through anyway;
 * - an object inside is `| null`: read it with `?.` (on a number or string sent in its place, `?.` reads
 *   `undefined` as well, which every optional field allows);
 * - an array inside may be anything else (`NotAnArray`): `Array.isArray` before iterating or indexing it.
 *
 * A precise value is a lenient one (`T` is assignable to `Lenient<T>`), so code written for lenient values
 * takes both. Copied verbatim into `generated/src/lenient.ts`.
 */

import type {DecodeMode} from './runtime.js'

/**
 * A `type` tag the docs do not list, absent, or no string at all. `string & object`: a string to the `typeof`
 * check of a variable holding it, yet never equal to a known tag in TypeScript's eyes, so `=== "known"` narrows
 * the union to that member. (Copy the tag into a variable before `typeof`: `typeof x.type === "string"` drops
 * this member from `x`.)
 */
export type UnknownTag = (string & object) | number | boolean | null | object

/** A leaf value as lenient mode keeps it: `T`, or anything else (compare or `typeof`-check it before use). */
export type Unchecked<T> = T | {} | null

/** The member of an open union whose tag is not one of the docs: its fields are whatever the server sent. */
export interface UnknownMember {
  type?: UnknownTag
  [field: string]: unknown
}

/** What a lenient value may hold where the docs put an array. */
export type NotAnArray = string | number | boolean | null | {readonly [field: string]: unknown}

/** A member of a tagged union, lenient: its tag as checked, the rest optional and lenient. */
export type LenientMember<T> = {type: T extends {type: infer Tag} ? Tag : never} & {
  [K in Exclude<keyof T, 'type'>]?: LenientField<Exclude<T[K], undefined>>
}

/**
 * What a lenient decode of a `T` holds (see the top of this file): an object, as one that is not fails in every
 * mode (so an enum or primitive `T` is itself). Tagged unions (object types with a `type` field: no record of the
 * docs has one) are open. The checks keep `unknown` and `boolean` whole; each level is a mapped type, evaluated
 * only when read, so recursive types (`ChatBotCommand`) stay shallow.
 */
export type Lenient<T> = unknown extends T
  ? unknown
  : [T] extends [string | number | boolean]
    ? T
    : [T] extends [readonly (infer Element)[]]
      ? LenientField<Element>[]
      : [T] extends [{type: string}]
        ? LenientKnown<T> | UnknownMember
        : {[K in keyof T]?: LenientField<Exclude<T[K], undefined>>}

/** A value the docs type `T` inside a lenient one: whatever was there, its own checks kept or failed. */
export type LenientField<T> = unknown extends T
  ? unknown
  : [T] extends [string | number | boolean]
    ? Unchecked<T>
    : [T] extends [readonly (infer Element)[]]
      ? LenientField<Element>[] | NotAnArray
      : Lenient<T> | null

/**
 * `Lenient<T>` of a tagged union whose own tag was checked: what events and responses decode to, as an unknown
 * event or response tag fails in every mode. Unions inside stay open.
 */
export type LenientKnown<T> = T extends unknown ? LenientMember<T> : never

/** The value of a decode of a `T` in `Mode`: `T` in `default` and `strict` mode, `Lenient<T>` in `lenient`. */
export type Decoded<T, Mode extends DecodeMode> = Mode extends 'lenient' ? Lenient<T> : T

/** `Decoded` for events and responses, whose tag is checked in every mode: `LenientKnown<T>` in `lenient` mode. */
export type DecodedKnown<T, Mode extends DecodeMode> = Mode extends 'lenient' ? LenientKnown<T> : T
