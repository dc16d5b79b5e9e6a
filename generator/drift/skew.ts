import {distinctResponses} from '../schema/responses.js'
import type {Field, Schema, TypeDefinition, Versions} from '../schema/types.js'
import type {FieldOwner, IssuePlace} from './places.js'

/**
 * The doc versions of a compatibility build's range that explain an issue of a frame decoded by one of them:
 * those that lack a field the frame lacks, or that have the union member, enum value, event or response the
 * frame carries, or that type the field as the frame does.
 *
 * @param range the merged schema of the range (its nodes record their `versions`).
 * @param place what the issue is about, in the docs the frame was decoded by.
 * @returns the versions, oldest first; empty when none explains it.
 */
export function explainingVersions(range: Schema, place: IssuePlace, code: string): Versions {
  switch (place.kind) {
    case 'field': {
      const owner = ownerOf(range, place.owner)
      const field = owner?.fields.find((candidate) => candidate.wireName === place.field.wireName)
      if (!owner || !field) return []
      if (code === 'missing') return (owner.versions ?? []).filter((label) => !(field.versions ?? []).includes(label))
      return typeVersions(range, field, place.value)
    }
    case 'member': {
      const type = typeOf(range, place.union)
      if (type?.kind !== 'union') return []
      return type.members.find((member) => member.tag === place.tag)?.versions ?? []
    }
    case 'value': {
      const type = typeOf(range, place.enum)
      if (type?.kind === 'enum') return type.values.find((value) => value.value === place.value)?.versions ?? []
      if (type?.kind === 'union') return type.stringValues?.find((value) => value.value === place.value)?.versions ?? []
      return []
    }
    case 'frame': {
      const event = range.events.find((candidate) => candidate.tag === place.tag)
      if (event) return event.versions ?? []
      return distinctResponses(range).find((response) => response.tag === place.tag)?.versions ?? []
    }
  }
}

/** The versions whose type of `field` holds `value` where the docs' does not: its alternatives, an enum's strings. */
function typeVersions(range: Schema, field: Field, value: unknown): Versions {
  const versions = (field.alternatives ?? []).flatMap((alternative) => alternative.versions)
  if (field.type.kind === 'reference' && typeof value === 'string') {
    const type = typeOf(range, field.type.name)
    if (type?.kind === 'union')
      versions.push(...(type.stringValues?.find((string) => string.value === value)?.versions ?? []))
  }
  return [...new Set(versions)]
}

function ownerOf(range: Schema, owner: FieldOwner): {fields: readonly Field[]; versions?: Versions} | undefined {
  switch (owner.kind) {
    case 'event':
      return range.events.find((event) => event.name === owner.name)
    case 'type': {
      const type = typeOf(range, owner.name)
      return type?.kind === 'record' ? type : undefined
    }
    case 'member': {
      const type = typeOf(range, owner.union)
      return type?.kind === 'union' ? type.members.find((member) => member.name === owner.member) : undefined
    }
    case 'response':
      return distinctResponses(range).find((response) => response.tag === owner.tag)
  }
}

const typeOf = (schema: Schema, name: string): TypeDefinition | undefined =>
  schema.types.find((type) => type.name === name)
