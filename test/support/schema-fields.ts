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

/** The type of `schema` named `name`; throws when there is none. */
export function typeNamed(schema: Schema, name: string): TypeDefinition {
  const type = schema.types.find((candidate) => candidate.name === name)
  if (!type) throw new Error(`no type ${name}`)
  return type
}

/** The field `fieldName` of the record type `typeName` of `schema`; throws when there is none. */
export function fieldOf(schema: Schema, typeName: string, fieldName: string): Field {
  const type = typeNamed(schema, typeName)
  const found = type.kind === 'record' ? type.fields.find((candidate) => candidate.name === fieldName) : undefined
  if (!found) throw new Error(`no field ${typeName}.${fieldName}`)
  return found
}
