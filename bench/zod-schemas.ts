/**
 * zod 4 schemas built at runtime from the IR (the schema the generator emits
 * from, overlay applied): the zod baseline of the decoder benchmark.
 *
 * A faithful translation of default-mode semantics:
 *
 * - records, union members and events are `z.looseObject` (undocumented keys allowed);
 * - discriminated unions and the event union are `z.discriminatedUnion('type', ...)`;
 * - a reference is the referenced type's schema itself, and `z.lazy` where the
 *   reference closes a cycle (the recursive types: ChatBotCommand menus,
 *   ErrorType/ProxyError). That is how zod schemas are written by hand; a
 *   `z.lazy` around every reference would only add an indirection per field;
 * - optional fields are `.optional()` (absent, never `null`);
 * - int and int64 are `z.number().int()`, word32 adds `.min(0).max(2^32 - 1)`,
 *   double is `z.number()`, UTCTime is a string matching `UTC_TIME_PATTERN`
 *   (imported from templates/primitives.ts, the decoders' own pattern),
 *   JSONObject is any object (`z.looseObject({})`);
 * - maps are `z.record(z.string(), T)`, enums `z.enum`, literals `z.literal`.
 */
import {z} from 'zod'
import type {Field, PrimitiveName, Schema, TypeDefinition, TypeExpression} from '../generator/schema/types.js'
import {UTC_TIME_PATTERN, WORD32_MAX} from '../templates/primitives.js'

/** The zod schemas of one IR. */
export interface ZodSchemas {
  /** Any event: the discriminated union of every event of EVENTS.md. */
  event: z.ZodType
  /** Each TYPES.md type by name. */
  types: ReadonlyMap<string, z.ZodType>
}

const utcTime = new RegExp(UTC_TIME_PATTERN)

function primitive(name: PrimitiveName): z.ZodType {
  switch (name) {
    case 'bool':
      return z.boolean()
    case 'string':
      return z.string()
    case 'int':
    case 'int64':
      return z.number().int()
    case 'word32':
      return z.number().int().min(0).max(WORD32_MAX)
    case 'double':
      return z.number()
    case 'JSONObject':
      return z.looseObject({})
    case 'UTCTime':
      return z.string().regex(utcTime)
  }
}

/** Build the zod schemas of every type and of the event union. */
export function buildZodSchemas(schema: Schema): ZodSchemas {
  const definitions = new Map(schema.types.map((type) => [type.name, type]))
  const built = new Map<string, z.ZodType>()
  const building = new Set<string>()

  const reference = (name: string): z.ZodType => {
    const done = built.get(name)
    if (done) return done
    // A reference back to a type still being built closes a cycle: resolve it on first use.
    if (building.has(name)) return z.lazy(() => built.get(name)!)
    const definition = definitions.get(name)
    if (!definition) throw new Error(`zod-schemas: unknown type ${name}`)
    building.add(name)
    const result = typeDefinition(definition)
    building.delete(name)
    built.set(name, result)
    return result
  }

  const expression = (type: TypeExpression): z.ZodType => {
    switch (type.kind) {
      case 'primitive':
        return primitive(type.name)
      case 'literal':
        return z.literal(type.value)
      case 'reference':
        return reference(type.name)
      case 'array':
        return z.array(expression(type.element))
      case 'map':
        return z.record(z.string(), expression(type.value))
    }
  }

  const object = (tag: string | null, fields: readonly Field[]) => {
    const shape: Record<string, z.ZodType> = {}
    if (tag !== null) shape.type = z.literal(tag)
    for (const field of fields) {
      const type = expression(field.type)
      shape[field.wireName] = field.optional ? type.optional() : type
    }
    return z.looseObject(shape)
  }

  const typeDefinition = (definition: TypeDefinition): z.ZodType => {
    switch (definition.kind) {
      case 'enum':
        return z.enum(definition.values.map((value) => value.value) as [string, ...string[]])
      case 'record':
        return object(null, definition.fields)
      case 'union': {
        const members = definition.members.map((member) => object(member.tag, member.fields))
        return z.discriminatedUnion('type', members as [(typeof members)[number], ...typeof members])
      }
    }
  }

  for (const type of schema.types) reference(type.name)
  const events = schema.events.map((event) => object(event.tag, event.fields))
  const event = z.discriminatedUnion('type', events as [(typeof events)[number], ...typeof events])
  return {event, types: built}
}
