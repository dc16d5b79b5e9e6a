/**
 * Names in one place: the identifier rule every doc name must pass before it becomes
 * TypeScript (`checkNames`, on a parsed schema), every name the generated code derives
 * from it, the owners the emitters declare them for, and the collisions among the names
 * the emitters registered (`findCollisions`, reported by `reportNameCollisions`).
 */
export * from './identifier.js'
export * from './generated.js'
export * from './claims.js'
export {checkNames, reportNameCollisions, takenBy} from './check-names.js'
export * from './owners.js'
