import {describeTypeExpression} from '../schema/render.js'
import type {Field} from '../schema/types.js'
import {commentText} from './escape.js'
import {innerPrimitive, PRIMITIVE_NOTES} from './type-expression.js'

/** A TSDoc block from description paragraphs (markdown kept, it renders in editors). */
export function describe(paragraphs: readonly string[], ...notes: string[]): {description: string}[] {
  const text = [...paragraphs, ...notes].map(commentText).join('\n\n')
  return text ? [{description: text}] : []
}

/** The doc comment of a field: its primitive's meaning, the overlay's correction if any. */
export function fieldDocs(field: Field): {description: string}[] {
  const {correction} = field
  const notes: string[] = []
  if (field.name === '')
    notes.push(
      'Unnamed positional field in the docs (`- : ' + describeTypeExpression(field.type) + '`), sent under `data`.',
    )
  if (correction) {
    notes.push(
      `Docs say \`${correction.docsType}\`; the wire sends \`${describeTypeExpression(field.type)}\` (spec/overlay.json: ${correction.reason}).`,
    )
  }
  const primitive = innerPrimitive(field.type)
  const note = primitive ? PRIMITIVE_NOTES[primitive] : undefined
  if (note) notes.push(note)
  return describe(notes)
}
