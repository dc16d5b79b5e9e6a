import type {Field, Schema, TypeDefinition} from '../../generator/schema/types.js'

/** The fields of a type: a record's, every union member's (tags not included), none for an enum. */
export function typeFields(type: TypeDefinition): Field[] {
  switch (type.kind) {
    case 'record':
      return type.fields
    case 'union':
      return type.members.flatMap((member) => member.fields)
    case 'enum':
      return []
  }
}

/** Every field of the schema: events' first, then types', in document order. */
export function allFields(schema: Schema): Field[] {
  return [...schema.events.flatMap((event) => event.fields), ...schema.types.flatMap(typeFields)]
}
