/**
 * Names in one place: the identifier rule every doc name must pass before it becomes
 * TypeScript, every name the generated code derives from it, and the collisions
 * among them, checked on a parsed schema (`checkNames`).
 */
export * from './identifier.js'
export * from './generated.js'
export * from './claims.js'
export {checkNames, reportNameCollisions, takenBy} from './check-names.js'
export * from './owners.js'
