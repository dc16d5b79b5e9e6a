import type {Field, TypeDefinition, TypeExpression} from '../schema/types.js'
import {PRIMITIVE_TS} from './type-expression.js'

/**
 * The literals TypeScript lets a value of some type be compared with (`==`, `===`) without its "no overlap"
 * error (TS2367): every string or only these strings (an enum's values, a tag), and numbers or not.
 */
export interface ComparableLiterals {
  strings: 'any' | ReadonlySet<string>
  numbers: boolean
}

const NONE: ComparableLiterals = {strings: new Set(), numbers: false}

/**
 * What each name a syntax block may read can be compared with, as its emitted TypeScript type has it:
 * a command's parameters, a record's fields, an enum's `self`, a union's `type` (its tags) and fields
 * (over every member that has them).
 *
 * @param subject the command's parameters, or the TYPES.md type whose syntax is emitted.
 * @param types every type of the schema by name, to resolve references.
 */
export function comparableNames(
  subject: {parameters: readonly Field[]} | TypeDefinition,
  types: ReadonlyMap<string, TypeDefinition>,
): ReadonlyMap<string, ComparableLiterals> {
  const names = new Map<string, ComparableLiterals>()
  const add = (name: string, literals: ComparableLiterals) => {
    const known = names.get(name)
    names.set(name, known ? merge(known, literals) : literals)
  }
  const addFields = (fields: readonly Field[]) => {
    for (const field of fields) add(field.name, comparableLiterals(field.type, types))
  }
  if ('parameters' in subject) addFields(subject.parameters)
  else if (subject.kind === 'record') addFields(subject.fields)
  else if (subject.kind === 'enum')
    add('self', {strings: new Set(subject.values.map(({value}) => value)), numbers: false})
  else {
    add('type', {strings: new Set(subject.members.map(({tag}) => tag)), numbers: false})
    for (const member of subject.members) addFields(member.fields)
  }
  return names
}

/** Whether a `==` of a value these literals describe with `value` type-checks. */
export function isComparable(literals: ComparableLiterals, value: string | number): boolean {
  if (typeof value === 'number') return literals.numbers
  return literals.strings === 'any' || literals.strings.has(value)
}

/** The literals a value of `type` can be compared with; a type TypeScript writes as an object or a boolean has none. */
function comparableLiterals(type: TypeExpression, types: ReadonlyMap<string, TypeDefinition>): ComparableLiterals {
  switch (type.kind) {
    case 'primitive':
      if (PRIMITIVE_TS[type.name] === 'string') return {strings: 'any', numbers: false}
      return PRIMITIVE_TS[type.name] === 'number' ? {strings: new Set(), numbers: true} : NONE
    case 'literal':
      return {strings: new Set([type.value]), numbers: false}
    case 'reference': {
      const referenced = types.get(type.name)
      if (referenced?.kind !== 'enum') return NONE
      return {strings: new Set(referenced.values.map(({value}) => value)), numbers: false}
    }
    case 'array':
    case 'map':
      return NONE
  }
}

function merge(a: ComparableLiterals, b: ComparableLiterals): ComparableLiterals {
  const strings = a.strings === 'any' || b.strings === 'any' ? 'any' : new Set([...a.strings, ...b.strings])
  return {strings, numbers: a.numbers || b.numbers}
}
