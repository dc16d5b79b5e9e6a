import type {PrimitiveName, TypeExpression} from '../schema/types.js'
import {stringLiteral} from './escape.js'
import type {NameScope} from './module-scope.js'

/** TypeScript type of each primitive of the docs. */
export const PRIMITIVE_TS: Record<PrimitiveName, string> = {
  bool: 'boolean',
  string: 'string',
  int: 'number',
  int64: 'number',
  word32: 'number',
  double: 'number',
  JSONObject: '{ [key: string]: unknown }',
  UTCTime: 'string',
}

/**
 * The TypeScript type text of a type expression.
 *
 * @param type the field's type.
 * @param reference how to name a referenced type from the file being emitted (`User`, `T.User`).
 * @param scope where the type is written: it refers to the globals it spells (`Array<...>`).
 */
export function toTypeScript(type: TypeExpression, reference: (name: string) => string, scope: NameScope): string {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVE_TS[type.name]
    case 'reference':
      return reference(type.name)
    case 'array': {
      const element = toTypeScript(type.element, reference, scope)
      return /^[\w.]+(\[\])*$/.test(element) ? `${element}[]` : `${scope.global('Array')}<${element}>`
    }
    case 'map':
      return `{ [key: string]: ${toTypeScript(type.value, reference, scope)} }`
    case 'literal':
      return stringLiteral(type.value)
  }
}

/** What a doc comment should say about a primitive the TypeScript type does not capture. */
export const PRIMITIVE_NOTES: Partial<Record<PrimitiveName, string>> = {
  int: '`int`: an integer.',
  int64: '`int64`: an integer; `JSON.parse` rounds values beyond 2^53.',
  word32: '`word32`: an unsigned 32-bit integer.',
  double: '`double`: a number.',
  UTCTime: '`UTCTime`: an ISO-8601 timestamp string (`2025-05-03T08:42:55.098428Z`).',
  JSONObject: '`JSONObject`: any JSON object.',
}

/** The primitive at the bottom of arrays and maps, if any. */
export function innerPrimitive(type: TypeExpression): PrimitiveName | null {
  switch (type.kind) {
    case 'primitive':
      return type.name
    case 'array':
      return innerPrimitive(type.element)
    case 'map':
      return innerPrimitive(type.value)
    default:
      return null
  }
}
