import type {Schema} from './types.js'

export type * from './types.js'
export {SCHEMA_VERSION, PRIMITIVES} from './types.js'

/** The schema as JSON text: stable (document order), two-space indented, newline-terminated. */
export function serializeSchema(schema: Schema): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}
