import type {Field, TypeExpression} from './types.js'

/**
 * Render a type expression the way the docs write it: `[[User](./TYPES.md#user)]`,
 * `{string : int64}`, `"text"`.
 */
export function renderTypeExpression(type: TypeExpression): string {
  switch (type.kind) {
    case 'primitive':
      return type.name
    case 'reference':
      return `[${type.name}](${type.href})`
    case 'array':
      return `[${renderTypeExpression(type.element)}]`
    case 'map':
      return `{${type.key} : ${renderTypeExpression(type.value)}}`
    case 'literal':
      return `"${type.value}"`
  }
}

/** Render a field as its doc line without the list marker: `chat_: [AChat](./TYPES.md#achat)?`. */
export function renderField(field: Pick<Field, 'name' | 'optional' | 'type'>): string {
  return `${field.name}: ${renderTypeExpression(field.type)}${field.optional ? '?' : ''}`
}

/** Render a type expression compactly for messages, without link targets: `[AChatItem]`, `int64?`. */
export function describeTypeExpression(type: TypeExpression): string {
  switch (type.kind) {
    case 'reference':
      return type.name
    case 'array':
      return `[${describeTypeExpression(type.element)}]`
    case 'map':
      return `{string : ${describeTypeExpression(type.value)}}`
    default:
      return renderTypeExpression(type)
  }
}
