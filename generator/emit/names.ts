/**
 * Public and internal names of the generated code, derived from the docs' names.
 * One place, so every output file (and the README) agrees on them.
 */

/** `CIContent` → `ciContent`, `AChat` → `aChat`, `User` → `user`: a value name for a type name. */
export function lowerFirst(name: string): string {
  const leading = /^[A-Z0-9]+(?=[A-Z][a-z])|^[A-Z0-9]+$|^[A-Z]/.exec(name)?.[0] ?? ''
  return leading.toLowerCase() + name.slice(leading.length)
}

/** The readonly array of an enum's values: `chatTypeValues`. */
export const enumValuesName = (type: string) => `${lowerFirst(type)}Values`

/** The tag union of a discriminated union, inside its namespace: `ChatError.Tag`. */
export const UNION_TAG = 'Tag'

/** Narrowing guard of one event on `ChatEvent`: `isNewChatItems`. */
export const eventGuardName = (event: string) => `is${event}`

/** Deep guard on `unknown` of a type: `isValidUser`. */
export const deepGuardName = (type: string) => `isValid${type}`

/** Public decoder of a type: `decodeUser`. */
export const typeDecoderName = (type: string) => `decode${type}`

/** Internal check function of a type, event or union member (`checkUser`, `checkEvent_NewChatItems`, `checkChatError_ErrorAgent`). */
export const checkTypeName = (type: string) => `check${type}`
export const checkEventName = (event: string) => `checkEvent_${event}`
export const checkMemberName = (union: string, member: string) => `check${union}_${member}`
