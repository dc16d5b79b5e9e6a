import type {
  CommandDefinition,
  EventDefinition,
  ResponseDefinition,
  SourceLocation,
  TypeDefinition,
  TypeExpression,
  UnionMember,
} from '../schema/types.js'
import type {NameOwner} from './claims.js'
import {shapeName} from './generated.js'

/**
 * The owners the emitters declare the docs' names for: one spelling per thing of the docs, so the names one
 * thing gets in several modules are one owner's, and a collision message says what each name is for.
 */

export const typeOwner = (type: TypeDefinition): NameOwner => ({
  owner: `type \`${type.name}\``,
  location: type.location,
})

export const memberOwner = (type: TypeDefinition, member: UnionMember): NameOwner => ({
  owner: `member \`${member.name}\` of type \`${type.name}\``,
  location: member.location,
})

export const eventOwner = (event: EventDefinition): NameOwner => ({
  owner: `event \`${event.name}\``,
  location: event.location,
})

export const commandOwner = (command: CommandDefinition): NameOwner => ({
  owner: `command \`${command.name}\``,
  location: command.location,
})

export const responseOwner = (response: ResponseDefinition): NameOwner => ({
  owner: `response \`${response.name}\` (tag \`${response.tag}\`)`,
  location: response.location,
})

/** The command-string function of a syntax type (`chatRefCmdString`). */
export const syntaxOwner = (type: TypeDefinition): NameOwner => ({
  owner: `the syntax of type \`${type.name}\``,
  location: type.location,
})

/** The fast check of an array or map shape (`checkArray_User`), at the first field of that shape. */
export const shapeOwner = (type: TypeExpression, location: SourceLocation): NameOwner => ({
  owner: `the check of \`${shapeName(type)}\``,
  location,
})
