import {StructureKind, type PropertySignatureStructure} from 'ts-morph'
import type {Field, Versions} from '../schema/types.js'
import {fieldDocs} from './doc-comment.js'
import {stringLiteral} from './escape.js'
import type {NameScope} from './module-scope.js'
import {toTypeScript} from './type-expression.js'

/** A property key as TypeScript needs it: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : stringLiteral(name)
}

/**
 * Property signatures for fields (the `type` tag line first when `tag` is given).
 *
 * @param reference how to name a referenced type from the file being emitted.
 * @param names the scope the properties are written in (the globals their types refer to are its).
 * @param versions a compatibility build's versions of the fields' owner: a field not in all of them says which.
 */
export function fieldProperties(
  fields: readonly Field[],
  tag: string | null,
  reference: (name: string) => string,
  names: NameScope,
  versions?: Versions,
): PropertySignatureStructure[] {
  const properties: PropertySignatureStructure[] = []
  if (tag !== null) properties.push({kind: StructureKind.PropertySignature, name: 'type', type: stringLiteral(tag)})
  for (const field of fields) {
    properties.push({
      kind: StructureKind.PropertySignature,
      name: propertyKey(field.wireName),
      // A compatibility build's field holds a value of any of the types its versions give it.
      type: [field.type, ...(field.alternatives ?? []).map((alternative) => alternative.type)]
        .map((type) => toTypeScript(type, reference, names))
        .join(' | '),
      hasQuestionToken: field.optional,
      docs: fieldDocs(field, versions),
    })
  }
  return properties
}
