import {StructureKind, type PropertySignatureStructure} from 'ts-morph'
import type {AppliedCorrection} from '../overlay.js'
import type {Field} from '../schema/types.js'
import {fieldDocs} from './doc-comment.js'
import {stringLiteral} from './escape.js'
import {toTypeScript} from './type-expression.js'

/** Corrections of the overlay by owner and wire name, for doc comments. */
export type CorrectionIndex = ReadonlyMap<string, AppliedCorrection>

/** Index applied corrections by `owner` + wire name. */
export function indexCorrections(applied: readonly AppliedCorrection[]): CorrectionIndex {
  return new Map(applied.map((correction) => [`${correction.owner}#${correction.wireName}`, correction]))
}

/** A property key as TypeScript needs it: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : stringLiteral(name)
}

/**
 * Property signatures for fields (the `type` tag line first when `tag` is given).
 *
 * @param owner key of the fields' owner in the correction index (`type:User`).
 * @param reference how to name a referenced type from the file being emitted.
 */
export function fieldProperties(
  fields: readonly Field[],
  tag: string | null,
  owner: string,
  corrections: CorrectionIndex,
  reference: (name: string) => string,
): PropertySignatureStructure[] {
  const properties: PropertySignatureStructure[] = []
  if (tag !== null) properties.push({kind: StructureKind.PropertySignature, name: 'type', type: stringLiteral(tag)})
  for (const field of fields) {
    properties.push({
      kind: StructureKind.PropertySignature,
      name: propertyKey(field.wireName),
      type: toTypeScript(field.type, reference),
      hasQuestionToken: field.optional,
      docs: fieldDocs(field, corrections.get(`${owner}#${field.wireName}`)),
    })
  }
  return properties
}
