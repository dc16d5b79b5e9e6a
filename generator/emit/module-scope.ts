import path from 'node:path'
import {StructureKind, type ImportDeclarationStructure, type ImportSpecifierStructure} from 'ts-morph'
import {findCollisions, GENERATOR_OWNER, type NameClaim, type NameCollision, type NameOwner} from '../names/index.js'

/**
 * Names registered where they are emitted (as ajv's `Scope.name`, typia's `FunctionImporter` and hey-api's
 * `registerSymbol` do): an emitter declares each name it writes and uses the names of other modules and
 * globals through its module's scope, so a module's imports are derived from what it uses, and the name
 * check runs on what the emitters really wrote, not on a second prediction of it.
 */

export type {NameOwner}

/** The generator's own names: never reported themselves, they take a name first. */
export const GENERATOR: NameOwner = {owner: GENERATOR_OWNER, location: null}

/** A global a scope refers to is taken by it: a declaration of that name there would shadow it. */
const globalOwner = (name: string): NameOwner => ({owner: `the global \`${name}\``, location: null})

/**
 * A scope of the generated package in which two declarations cannot share a name: a union's namespace in
 * `types.ts` (`namespace:ChatError`), the keys of an object (`testing:fixtures`), or a module (`ModuleScope`).
 */
export class NameScope {
  constructor(
    /** `decode.ts`, `testing/fixture-types.ts`, `namespace:ChatError`, `testing:fixtures`. */
    readonly name: string,
    protected readonly registry: NameRegistry,
  ) {}

  /**
   * Declare `name` here for `owner`.
   *
   * @returns `name`, to write where it is declared.
   */
  declare(name: string, owner: NameOwner = GENERATOR): string {
    this.registry.claim({scope: this.name, name, ...owner})
    return name
  }

  /** A global the code of this scope refers to (`Array`, `Object`): the name, to write where it is used. */
  global(name: string): string {
    this.registry.claim({scope: this.name, name, ...globalOwner(name)})
    return name
  }
}

/** One module's import of another: its namespace import, and its named imports (`true`: type only). */
interface ModuleImport {
  namespace: string | null
  named: Map<string, boolean>
}

/** The scope of one emitted module: what it declares, what it imports (derived from use), what it exports. */
export class ModuleScope extends NameScope {
  private readonly imports = new Map<string, ModuleImport>()
  private readonly exported = new Map<string, NameOwner>()
  private readonly reexports: {module: string; name: string | null}[] = []

  /** Declare `name` here, exported from the module (`export * from` a module re-exports these). */
  export(name: string, owner: NameOwner = GENERATOR): string {
    this.exported.set(name, owner)
    return this.declare(name, owner)
  }

  /** Use the value `name` of `module` (`./runtime.js`): imported, and the local name to write. */
  use(module: string, name: string): string {
    return this.import(module, name, false)
  }

  /** Use the type `name` of `module`: a type-only import unless the value is used too. */
  useType(module: string, name: string): string {
    return this.import(module, name, true)
  }

  /** Use the types of `module` through namespace `alias` (`import type * as T from './types.js'`). */
  useNamespace(module: string, alias: string): string {
    const entry = this.entry(module)
    if (entry.namespace !== null && entry.namespace !== alias)
      throw new Error(`internal: ${this.name} imports ${module} as ${entry.namespace} and as ${alias}`)
    if (entry.namespace === null) this.declare(alias)
    entry.namespace = alias
    return alias
  }

  /** A union's namespace in this module: its members' names are a scope of their own. */
  namespace(name: string): NameScope {
    return new NameScope(`namespace:${name}`, this.registry)
  }

  /** The keys of an object this module's data builds (`testing:fixtures`): a scope of their own. */
  keys(name: string): NameScope {
    return this.registry.scope(name)
  }

  /** Re-export `name` of `module` (`export {name} from`), or all it exports (`null`: `export * from`). */
  reexport(module: string, name: string | null): void {
    this.reexports.push({module, name})
  }

  /** The import declarations of what the module used: by module specifier, the namespace import first. */
  importDeclarations(): ImportDeclarationStructure[] {
    const declarations: ImportDeclarationStructure[] = []
    for (const module of [...this.imports.keys()].sort(ordinal)) {
      const {namespace, named} = this.imports.get(module)!
      if (namespace !== null)
        declarations.push({
          kind: StructureKind.ImportDeclaration,
          isTypeOnly: true,
          namespaceImport: namespace,
          moduleSpecifier: module,
        })
      if (named.size === 0) continue
      const names = [...named.keys()].sort(byName)
      const typeOnly = names.every((name) => named.get(name))
      declarations.push({
        kind: StructureKind.ImportDeclaration,
        ...(typeOnly ? {isTypeOnly: true} : {}),
        namedImports: names.map((name): ImportSpecifierStructure => ({
          kind: StructureKind.ImportSpecifier,
          name,
          ...(!typeOnly && named.get(name) ? {isTypeOnly: true} : {}),
        })),
        moduleSpecifier: module,
      })
    }
    return declarations
  }

  /** What this module exports by declaration, with each name's owner. */
  exports(): ReadonlyMap<string, NameOwner> {
    return this.exported
  }

  /** The claims of the re-exports, each with the owner its module declared it for (the generator's otherwise). */
  reexportClaims(): NameClaim[] {
    return this.reexports.flatMap(({module, name}) => {
      const target = this.registry.moduleAt(this.resolve(module))
      if (name === null)
        return [...(target?.exports() ?? [])].map(([each, owner]) => ({scope: this.name, name: each, ...owner}))
      return [{scope: this.name, name, ...(target?.exports().get(name) ?? GENERATOR)}]
    })
  }

  private import(module: string, name: string, typeOnly: boolean): string {
    for (const [other, entry] of this.imports)
      if (other !== module && entry.named.has(name))
        throw new Error(`internal: ${this.name} imports ${name} from ${other} and from ${module}`)
    const {named} = this.entry(module)
    if (!named.has(name)) this.declare(name)
    named.set(name, (named.get(name) ?? true) && typeOnly)
    return name
  }

  private entry(module: string): ModuleImport {
    let entry = this.imports.get(module)
    if (!entry) this.imports.set(module, (entry = {namespace: null, named: new Map()}))
    return entry
  }

  /** The module path a specifier of this module names: `./runtime.js` from `testing/x.ts` is `testing/runtime.ts`. */
  private resolve(module: string): string {
    return path.posix.join(path.posix.dirname(this.name), module).replace(/\.js$/, '.ts')
  }
}

/** Every scope of one generated package, and every name claimed in them, in the order they were claimed. */
export class NameRegistry {
  private readonly claimed: NameClaim[] = []
  private readonly seen = new Set<string>()
  private readonly modules = new Map<string, ModuleScope>()

  /** The scope of the module at `path` (`decode.ts`, `testing/testing-schema.ts`), made on first use. */
  module(path: string): ModuleScope {
    let scope = this.modules.get(path)
    if (!scope) this.modules.set(path, (scope = new ModuleScope(path, this)))
    return scope
  }

  /** A scope that is no module: the keys of an object (`testing:fixtures`). */
  scope(name: string): NameScope {
    return new NameScope(name, this)
  }

  /** The module scope at `path`, if one was made. */
  moduleAt(path: string): ModuleScope | undefined {
    return this.modules.get(path)
  }

  /** Record one claim (once: a name used many times is one claim). */
  claim(claim: NameClaim): void {
    const key = `${claim.scope}\u0000${claim.name}\u0000${claim.owner}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.claimed.push(claim)
  }

  /** Every claim: declarations, imports and globals, then the re-exports (resolved now every module is emitted). */
  claims(): NameClaim[] {
    return [...this.claimed, ...[...this.modules.values()].flatMap((scope) => scope.reexportClaims())]
  }

  /** The names two owners claim in one scope (`findCollisions`). */
  collisions(): NameCollision[] {
    return findCollisions(this.claims())
  }
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Import names as editors sort them: ignoring case first, so `chatEventTags` sits beside `ChatEvent`. */
function byName(a: string, b: string): number {
  return ordinal(a.toLowerCase(), b.toLowerCase()) || ordinal(a, b)
}

/**
 * The statements of the module at `path`: what `emit` builds in the module's scope, after the import
 * declarations derived from what it used.
 *
 * @param registry the package's names (default: a registry of this module alone).
 */
export function emitModule<S>(
  path: string,
  emit: (scope: ModuleScope) => S[],
  registry: NameRegistry = new NameRegistry(),
): (ImportDeclarationStructure | S)[] {
  const scope = registry.module(path)
  const body = emit(scope)
  return [...scope.importDeclarations(), ...body]
}
