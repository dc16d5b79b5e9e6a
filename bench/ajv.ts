/**
 * The ajv baseline of the decoder benchmark: ajv 8 (draft 2020-12) compiled
 * from our own `generated/schema.json`, which has default-mode semantics
 * (documented fields checked, other fields allowed; unions are `oneOf` +
 * `discriminator: {propertyName: 'type'}` with `$ref`s into `$defs`).
 *
 * Options: `discriminator: true` (so a tag selects one member instead of trying
 * all), `allErrors: false` (stop at the first error, like our default mode),
 * `strict: false` (the schema carries `discriminator` and `description`s that
 * strict mode would question).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import type {ValidateFunction} from 'ajv'

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '..', 'generated', 'schema.json')
const REAL_VALID_FRAME = path.resolve(
  import.meta.dirname,
  '..',
  'test',
  'fixtures',
  'frames',
  'complete',
  'receivedGroupInvitation-1.json',
)

/** The compiled validator and how long compiling took. */
export interface AjvValidator {
  validate: ValidateFunction
  compileMs: number
}

/**
 * Compile `generated/schema.json`, and check that the compiled validator
 * accepts the real receivedGroupInvitation frame (it must: the schema has
 * default-mode semantics and the default-mode decoder accepts that frame).
 *
 * @throws Error when the schema does not compile or rejects the real frame.
 */
export function compileAjv(): AjvValidator {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object
  const started = performance.now()
  // ajv/dist/2020.js is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the class.
  const ajv = new Ajv2020.default({discriminator: true, allErrors: false, strict: false})
  const validate = ajv.compile(schema)
  const compileMs = performance.now() - started
  const frame: unknown = JSON.parse(readFileSync(REAL_VALID_FRAME, 'utf8'))
  if (!validate(frame)) {
    throw new Error(
      `ajv rejects the real receivedGroupInvitation frame: ${JSON.stringify(validate.errors?.[0])} (generated/schema.json out of date?)`,
    )
  }
  return {validate, compileMs}
}
