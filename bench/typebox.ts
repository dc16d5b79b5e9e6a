/**
 * The TypeBox contender: `generated/schema.json` converted into TypeBox schemas (one per `$defs` entry,
 * each with its `$id`, references as `Type.Ref`) and compiled with TypeBox's `TypeCompiler`.
 *
 * JSON Schema → TypeBox, keyword by keyword (the keywords schema.json uses): `$ref` → `Type.Ref`;
 * `oneOf`/`anyOf` → `Type.Union` (TypeBox has no discriminator: a union tries its members in order);
 * `type: object` with `properties` → `Type.Object` (undocumented keys allowed, as in default mode), with
 * `additionalProperties` only → `Type.Record(Type.String(), …)`; `array` → `Type.Array`; `string` with
 * `const`/`enum` → literals, with `pattern` → `Type.String({pattern})`; `integer` → `Type.Integer` with
 * `minimum`/`maximum`; `number`, `boolean`.
 *
 * TypeBox has no discriminator: a union tries its members in order (15 µs for the real
 * receivedGroupInvitation frame through the whole event union). So at the root the event is dispatched on
 * its `type` to that event's own compiled checker (what ajv's `discriminator` option does), for checks and
 * first errors alike; nested unions still try members in order, and report a failure at the union (an
 * ancestor of the broken field).
 */
import {readFileSync} from 'node:fs'
import {Type, type TSchema} from '@sinclair/typebox'
import {TypeCompiler, type TypeCheck} from '@sinclair/typebox/compiler'
import {SCHEMA_FILE} from './ajv.js'

type JsonSchema = Record<string, unknown>

const DEFS = '#/$defs/'

/** One JSON Schema node as a TypeBox schema. */
export function toTypeBox(node: JsonSchema, id?: string): TSchema {
  const options = id === undefined ? {} : {$id: id}
  if (typeof node.$ref === 'string') {
    if (!node.$ref.startsWith(DEFS)) throw new Error(`typebox: unsupported $ref ${node.$ref}`)
    return Type.Ref(node.$ref.slice(DEFS.length), options)
  }
  const union = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined
  if (union)
    return Type.Union(
      union.map((member) => toTypeBox(member)),
      options,
    )
  if (node.const !== undefined) return Type.Literal(node.const as string, options)
  if (Array.isArray(node.enum))
    return Type.Union(
      node.enum.map((value) => Type.Literal(value as string)),
      options,
    )
  switch (node.type) {
    case 'object': {
      const properties = node.properties as Record<string, JsonSchema> | undefined
      if (!properties && node.additionalProperties && typeof node.additionalProperties === 'object')
        return Type.Record(Type.String(), toTypeBox(node.additionalProperties as JsonSchema), options)
      const required = new Set((node.required as string[] | undefined) ?? [])
      const fields: Record<string, TSchema> = {}
      for (const [name, property] of Object.entries(properties ?? {})) {
        const schema = toTypeBox(property)
        fields[name] = required.has(name) ? schema : Type.Optional(schema)
      }
      return Type.Object(fields, options)
    }
    case 'array':
      return Type.Array(toTypeBox(node.items as JsonSchema), options)
    case 'string':
      return typeof node.pattern === 'string' ? Type.String({...options, pattern: node.pattern}) : Type.String(options)
    case 'integer': {
      const bounds: Record<string, unknown> = {...options}
      if (typeof node.minimum === 'number') bounds.minimum = node.minimum
      if (typeof node.maximum === 'number') bounds.maximum = node.maximum
      return Type.Integer(bounds)
    }
    case 'number':
      return Type.Number(options)
    case 'boolean':
      return Type.Boolean(options)
    case undefined:
      return Type.Unknown(options)
    default:
      throw new Error(`typebox: unsupported JSON Schema type ${JSON.stringify(node.type)}`)
  }
}

/** The compiled TypeBox checkers of `generated/schema.json`. */
export interface TypeBoxValidator {
  /** The whole `ChatEvent` union. */
  check: TypeCheck<TSchema>
  /** Each event's own checker, by its `type` tag (for the first error of a known event). */
  byTag: ReadonlyMap<string, TypeCheck<TSchema>>
  compileMs: number
}

/** Convert and compile `generated/schema.json`. */
export function compileTypeBox(file = SCHEMA_FILE): TypeBoxValidator {
  const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema
  const started = performance.now()
  const definitions = schema.$defs as Record<string, JsonSchema>
  const references = Object.entries(definitions).map(([name, node]) => toTypeBox(node, name))
  const root = toTypeBox({oneOf: schema.oneOf})
  const check = TypeCompiler.Compile(root, references)
  const byTag = new Map<string, TypeCheck<TSchema>>()
  for (const member of schema.oneOf as JsonSchema[]) {
    const name = (member.$ref as string).slice(DEFS.length)
    const tag = ((definitions[name]!.properties as Record<string, JsonSchema>).type as JsonSchema).const as string
    byTag.set(tag, TypeCompiler.Compile(Type.Ref(name), references))
  }
  return {check, byTag, compileMs: performance.now() - started}
}

/** The checker of `value`'s event tag, or of the whole union when the tag is no known event. */
export function typeBoxChecker(validator: TypeBoxValidator, value: unknown): TypeCheck<TSchema> {
  const tag = typeof value === 'object' && value !== null ? (value as {type?: unknown}).type : undefined
  return (typeof tag === 'string' ? validator.byTag.get(tag) : undefined) ?? validator.check
}

/** TypeBox's first error of `value` (dispatched on the event tag), as a JSON pointer, or `null` when valid. */
export function typeBoxFirstError(validator: TypeBoxValidator, value: unknown): string | null {
  const checker = typeBoxChecker(validator, value)
  if (checker.Check(value)) return null
  const error = checker.Errors(value).First()
  return error ? error.path : ''
}
