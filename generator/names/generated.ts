/**
 * Every identifier the generated code declares, derived from the docs' names.
 * One place, so every output file, the name checks and the README agree on them.
 * A derived name is built only from names that pass the identifier rule (`identifier`
 * throws on a bug otherwise: the schema checks report bad doc names first, located).
 */
import type {TypeExpression} from '../schema/types.js'
import {identifier} from './identifier.js'

/** `CIContent` → `ciContent`, `AChat` → `aChat`, `User` → `user`: a value name for a type name. */
export function lowerFirst(name: string): string {
  const leading = /^[A-Z0-9]+(?=[A-Z][a-z])|^[A-Z0-9]+$|^[A-Z]/.exec(name)?.[0] ?? ''
  return leading.toLowerCase() + name.slice(leading.length)
}

/** The readonly array of an enum's values: `chatTypeValues`. */
export const enumValuesName = (type: string) => `${lowerFirst(identifier(type))}Values`

/** The tag union of a discriminated union, inside its namespace: `ChatError.Tag`. */
export const UNION_TAG = 'Tag'

/** Name under which types.ts imports itself, for references a union namespace would shadow. */
export const TYPES_SELF = 'Types'

/** Namespaces of the package: types of TYPES.md (`T.User`) and events (`CEvt.NewChatItems`), as upstream names them. */
export const TYPES_NAMESPACE = 'T'
export const EVENTS_NAMESPACE = 'CEvt'

/** Narrowing guard of one event on `ChatEvent`: `isNewChatItems`. */
export const eventGuardName = (event: string) => `is${identifier(event)}`

/** Deep guard on `unknown` of a type: `isValidUser`. */
export const deepGuardName = (type: string) => `isValid${identifier(type)}`

/** Public decoder of a type: `decodeUser`. */
export const typeDecoderName = (type: string) => `decode${identifier(type)}`

/** Internal check function of a type, event or union member (`checkUser`, `checkEvent_NewChatItems`, `checkChatError_ErrorAgent`). */
export const checkTypeName = (type: string) => `check${identifier(type)}`
export const checkEventName = (event: string) => `checkEvent_${identifier(event)}`
export const checkMemberName = (union: string, member: string) => `check${identifier(union)}_${identifier(member)}`

/** `Array_User`, `Map_int64`, `Array_Array_ChatBotCommand`: a function-name part for an array or map shape. */
export function shapeName(type: TypeExpression): string {
  switch (type.kind) {
    case 'primitive':
      return type.name
    case 'reference':
      return identifier(type.name)
    case 'literal':
      return 'Literal'
    case 'array':
      return `Array_${shapeName(type.element)}`
    case 'map':
      return `Map_${shapeName(type.value)}`
  }
}

/** The check function of an array or map shape: `checkArray_User`. */
export const checkShapeName = (type: TypeExpression) => `check${shapeName(type)}`

/** Namespaces of the command half, as upstream names them: command parameters (`CC.APISendMessages`) and responses (`CR.NewChatItems`). */
export const COMMANDS_NAMESPACE = 'CC'
export const RESPONSES_NAMESPACE = 'CR'

/** `ChatRef` → `chatRefCmdString`, `APISendMessages` → `apiSendMessagesCmdString`: the function that renders a syntax type's value or builds a command's string. */
export const cmdStringFunctionName = (name: string) => `${lowerFirst(identifier(name))}CmdString`

/** Internal check function of a response: `checkResponse_NewChatItems`. */
export const checkResponseName = (response: string) => `checkResponse_${identifier(response)}`

/** Narrowing guard of one response on `ChatResponse`: `isNewChatItemsResponse` (events have `isNewChatItems`). */
export const responseGuardName = (response: string) => `is${identifier(response)}Response`
