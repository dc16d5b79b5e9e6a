import {UTC_TIME_PATTERN, WORD32_MAX} from '../../templates/primitives.js'
import {distinctResponses} from '../schema/responses.js'
import {declaredParameters} from './command-parameters.js'
import {additionNote} from './doc-comment.js'
import type {EnumValue, Field, PrimitiveName, Schema, TypeExpression} from '../schema/types.js'

type JsonSchema = {[key: string]: unknown}

/**
 * An object for keys that come from the docs (field and type names): without a prototype, so a field
 * named `__proto__` is an own key like any other, not a prototype assignment that drops it.
 */
const keyedByDocs = (): JsonSchema => Object.create(null) as JsonSchema

const PRIMITIVE_SCHEMAS: Record<PrimitiveName, JsonSchema> = {
  bool: {type: 'boolean'},
  string: {type: 'string'},
  int: {type: 'integer'},
  int64: {type: 'integer'},
  word32: {type: 'integer', minimum: 0, maximum: WORD32_MAX},
  double: {type: 'number'},
  JSONObject: {type: 'object'},
  UTCTime: {type: 'string', pattern: UTC_TIME_PATTERN},
}

/** `$defs` key of a type of TYPES.md; events and union members get their own prefixes, so names never clash. */
export const typeDefinitionKey = (name: string) => `T.${name}`
const eventKey = (name: string) => `CEvt.${name}`
/** `$defs` keys of a response (`CR.NewChatItems`), of a command's parameter object (`CC.APISendMessages`) and of the response union. */
export const responseKey = (name: string) => `CR.${name}`
export const commandKey = (name: string) => `CC.${name}`
export const CHAT_RESPONSE_KEY = 'ChatResponse'
const memberKey = (union: string, member: string) => `T.${union}.${member}`

/**
 * The schema as JSON Schema (draft 2020-12), with the same meaning as the
 * default-mode decoders: fields the docs list are checked, other fields allowed.
 * Unions use `oneOf` with the OpenAPI-style `discriminator` keyword (ajv's
 * `discriminator: true` option), which other validators ignore harmlessly.
 * The root is `ChatEvent`; responses (`$defs/ChatResponse`, `CR.*`) and the
 * parameter objects of commands (`CC.*`) are definitions beside it.
 *
 * @param header text for `$comment` (provenance).
 */
export function emitJsonSchema(schema: Schema, header: string): JsonSchema {
  const definitions = keyedByDocs()
  for (const type of schema.types) {
    const description = type.description.join('\n\n') || undefined
    switch (type.kind) {
      case 'record':
        definitions[typeDefinitionKey(type.name)] = {description, ...objectSchema(type.fields, null)}
        break
      case 'enum':
        definitions[typeDefinitionKey(type.name)] = {
          description,
          type: 'string',
          enum: type.values.map((value) => value.value),
        }
        break
      case 'union':
        for (const member of type.members)
          definitions[memberKey(type.name, member.name)] = objectSchema(member.fields, member.tag)
        definitions[typeDefinitionKey(type.name)] = {
          description,
          ...withStringValues(
            taggedUnion(type.members.map((member) => memberKey(type.name, member.name))),
            type.stringValues,
          ),
        }
        break
    }
  }
  for (const event of schema.events) {
    definitions[eventKey(event.name)] = {
      description: event.description.join('\n\n') || undefined,
      ...objectSchema(event.fields, event.tag),
    }
  }
  const responses = distinctResponses(schema)
  for (const response of responses) {
    definitions[responseKey(response.name)] = {
      description: additionNote(response) ?? (response.description || undefined),
      ...objectSchema(response.fields, response.tag),
    }
  }
  if (responses.length > 0) {
    definitions[CHAT_RESPONSE_KEY] = {
      description: `A response of COMMANDS.md${schema.addedResponses?.length ? ' or one spec/overlay.json adds (undocumented)' : ''} (the \`resp\` of a frame with a \`corrId\`).`,
      ...taggedUnion(responses.map((response) => responseKey(response.name))),
    }
  }
  for (const command of schema.commands) {
    definitions[commandKey(command.name)] = {
      description: `The parameters of command ${command.name}.`,
      ...objectSchema(declaredParameters(command), null),
    }
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $comment: header,
    title: 'ChatEvent',
    description: 'An event of the SimpleX Chat bot API (the `resp` of a WebSocket frame).',
    ...taggedUnion(schema.events.map((event) => eventKey(event.name))),
    $defs: definitions,
  }
}

function taggedUnion(keys: string[]): JsonSchema {
  return {
    type: 'object',
    required: ['type'],
    discriminator: {propertyName: 'type'},
    oneOf: keys.map((key) => ({$ref: `#/$defs/${key}`})),
  }
}

/** A compatibility build's union that older versions had as an enum (`UnionType.stringValues`): its objects or those strings. */
function withStringValues(union: JsonSchema, stringValues: readonly EnumValue[] | undefined): JsonSchema {
  if (!stringValues) return union
  return {anyOf: [{type: 'string', enum: stringValues.map((value) => value.value)}, union]}
}

function objectSchema(fields: readonly Field[], tag: string | null): JsonSchema {
  const properties = keyedByDocs()
  const required: string[] = []
  if (tag !== null) {
    properties.type = {const: tag}
    required.push('type')
  }
  for (const field of fields) {
    properties[field.wireName] = field.alternatives
      ? {anyOf: [field.type, ...field.alternatives.map((alternative) => alternative.type)].map(typeSchema)}
      : typeSchema(field.type)
    if (!field.optional) required.push(field.wireName)
  }
  return {type: 'object', properties, required}
}

function typeSchema(type: TypeExpression): JsonSchema {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVE_SCHEMAS[type.name]
    case 'reference':
      return {$ref: `#/$defs/${typeDefinitionKey(type.name)}`}
    case 'array':
      return {type: 'array', items: typeSchema(type.element)}
    case 'map':
      return {type: 'object', additionalProperties: typeSchema(type.value)}
    case 'literal':
      return {const: type.value}
  }
}
