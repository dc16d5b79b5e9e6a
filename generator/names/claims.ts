import type {SourceLocation} from '../schema/types.js'

/**
 * One identifier the generated code declares, imports or refers to in a scope (a module, `decode.ts`; a
 * union's namespace, `namespace:ChatError`; the keys of an object, `testing:fixtures`), and who it is for.
 * The emitters register them as they write them (`emit/module-scope.ts`).
 */
export interface NameClaim {
  scope: string
  name: string
  /** What the name stands for (`type \`User\``); two claims with one owner are one declaration. */
  owner: string
  /** Where the owner is in the docs, or `null` for the generator's own names and the globals. */
  location: SourceLocation | null
}

/** The owner of the generator's own names. */
export const GENERATOR_OWNER = 'the generator'

/** A name two owners claim in one scope. */
export interface NameCollision {
  name: string
  scope: string
  /** The claim that came first: the generator's own names and the globals, then the docs' in reading order. */
  first: NameClaim
  /** The later claim: it is reported, at its location. */
  second: NameClaim
}

/** The documents in the order they are read: a type of TYPES.md takes a name before an event that wants it. */
const DOCUMENT_ORDER = ['TYPES.md', 'EVENTS.md', 'COMMANDS.md']

/**
 * The collisions among `claims`: the same name in one scope for two owners. The generator's names come
 * first, then the docs' by document and position, so the later declaration in the docs is the one reported
 * (as a compiler reports a second declaration), whichever module its emitter wrote first.
 *
 * @param claims in the order they were registered (kept among claims at one place).
 * @returns each later claim of a taken name, once per scope.
 */
export function findCollisions(claims: readonly NameClaim[]): NameCollision[] {
  // Grouped first: only the few names claimed more than once are sorted.
  const byKey = new Map<string, NameClaim[]>()
  for (const claim of claims) {
    const key = `${claim.scope}\u0000${claim.name}`
    const group = byKey.get(key)
    if (group) group.push(claim)
    else byKey.set(key, [claim])
  }
  const collisions: NameCollision[] = []
  for (const group of byKey.values()) {
    if (group.length < 2) continue
    const [first, ...later] = group.sort(byReadingOrder)
    for (const claim of later)
      if (claim.owner !== first!.owner)
        collisions.push({name: claim.name, scope: claim.scope, first: first!, second: claim})
  }
  // In reading order of what is reported; among claims at one place, as they were registered.
  const order = new Map(claims.map((claim, index) => [claim, index]))
  return collisions.sort((a, b) => byReadingOrder(a.second, b.second) || order.get(a.second)! - order.get(b.second)!)
}

function byReadingOrder(a: NameClaim, b: NameClaim): number {
  if (!a.location || !b.location) return (a.location ? 1 : 0) - (b.location ? 1 : 0)
  // Another file (overlay.json) after the documents.
  const rank = (file: string) => (DOCUMENT_ORDER.includes(file) ? DOCUMENT_ORDER.indexOf(file) : DOCUMENT_ORDER.length)
  return (
    rank(a.location.file) - rank(b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column
  )
}

/** Who a claimed name is for: a thing of the docs with its location, or the generator's own code. */
export type NameOwner = Pick<NameClaim, 'owner' | 'location'>
