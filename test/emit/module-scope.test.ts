import {StructureKind, type StatementStructures} from 'ts-morph'
import {describe, expect, it} from 'vitest'
import {emitModule, GENERATOR, NameRegistry, type ModuleScope} from '../../generator/emit/module-scope.js'
import {code, printStatements} from '../support/tiny-schema.js'

const at = (file: string, line: number) => ({file, line, column: 1})

/** A fast check that calls a helper of the runtime, written as an emitter writes one: through its scope. */
const checkOfWhen = (scope: ModuleScope): StatementStructures[] => [
  {
    kind: StructureKind.Function,
    name: scope.declare('checkWhen'),
    parameters: [{name: 'v', type: 'any'}],
    returnType: 'boolean',
    statements: `return ${scope.use('./runtime.js', 'isTimestamp')}(v)`,
  },
]

describe('a module scope: imports derived from use', () => {
  it('a runtime helper used in one place is imported, and the registry claims it in that module', async () => {
    const registry = new NameRegistry()
    const statements = emitModule('decode.ts', checkOfWhen, registry)
    expect(await printStatements(statements)).toBe(code`
      import {isTimestamp} from './runtime.js'

      function checkWhen(v: any): boolean {
        return isTimestamp(v)
      }
    `)
    expect(registry.claims()).toEqual([
      {scope: 'decode.ts', name: 'checkWhen', owner: 'the generator', location: null},
      {scope: 'decode.ts', name: 'isTimestamp', owner: 'the generator', location: null},
    ])
  })

  it.each([
    {
      given: (scope: ModuleScope) => [
        scope.useType('./events.js', 'ChatEvent'),
        scope.use('./events.js', 'chatEventTags'),
      ],
      want: "import {type ChatEvent, chatEventTags} from './events.js'\n",
    },
    {
      given: (scope: ModuleScope) => [
        scope.useType('./lenient.js', 'DecodedKnown'),
        scope.useType('./lenient.js', 'Decoded'),
      ],
      want: "import type {Decoded, DecodedKnown} from './lenient.js'\n",
    },
    {
      // A value use of a name used as a type makes it a value import.
      given: (scope: ModuleScope) => [
        scope.useType('./runtime.js', 'DecodeError'),
        scope.use('./runtime.js', 'DecodeError'),
      ],
      want: "import {DecodeError} from './runtime.js'\n",
    },
    {
      given: (scope: ModuleScope) => [
        scope.useType('./types.js', 'User'),
        scope.use('./decode.js', 'shapes'),
        scope.useNamespace('./types.js', 'T'),
        scope.useNamespace('./types.js', 'T'),
      ],
      want: "import {shapes} from './decode.js'\nimport type * as T from './types.js'\nimport type {User} from './types.js'\n",
    },
    {given: (scope: ModuleScope) => [scope.global('Array'), scope.declare('checkUser')], want: ''},
  ])('uses $want', async ({given, want}) => {
    expect(await printStatements(emitModule('guards.ts', (scope) => (given(scope), [])))).toBe(want)
  })

  it('one name imported from two modules is a bug of the generator, said at once', () => {
    const scope = new NameRegistry().module('decode.ts')
    scope.use('./runtime.js', 'isObject')
    expect(() => scope.use('./shape-checks.js', 'isObject')).toThrow(
      'internal: decode.ts imports isObject from ./runtime.js and from ./shape-checks.js',
    )
  })

  it("a re-export is claimed with the owner its module declared the name for; `export *` claims the module's exports", () => {
    const registry = new NameRegistry()
    const user = {owner: 'type `User`', location: at('TYPES.md', 3)}
    const decode = registry.module('decode.ts')
    decode.export('decodeUser', user)
    decode.declare('checkUser', user)
    const guards = registry.module('guards.ts')
    guards.export('isValidUser', user)
    const index = registry.module('index.ts')
    index.reexport('./decode.js', 'decodeUser')
    index.reexport('./runtime.js', 'DecodeError')
    index.reexport('./guards.js', null)
    expect(registry.claims().filter((claim) => claim.scope === 'index.ts')).toEqual([
      {scope: 'index.ts', name: 'decodeUser', ...user},
      {scope: 'index.ts', name: 'DecodeError', ...GENERATOR},
      {scope: 'index.ts', name: 'isValidUser', ...user},
    ])
  })
})

describe('the collision check on the registry', () => {
  it("a doc name that one module's emitter declares after the generator's own is the one reported, at its place", () => {
    const registry = new NameRegistry()
    const decode = registry.module('decode.ts')
    const frame = {owner: 'type `Frame`', location: at('TYPES.md', 12)}
    decode.export('decodeFrame', frame)
    decode.export('decodeFrame')
    decode.use('./decoding.js', 'decodeValue')
    expect(registry.collisions()).toEqual([
      {
        name: 'decodeFrame',
        scope: 'decode.ts',
        first: {scope: 'decode.ts', name: 'decodeFrame', ...GENERATOR},
        second: {scope: 'decode.ts', name: 'decodeFrame', ...frame},
      },
    ])
  })

  it('between two doc names, the later in the docs is reported (TYPES.md, then EVENTS.md), whichever was emitted first', () => {
    const registry = new NameRegistry()
    const guards = registry.module('guards.ts')
    const event = {owner: 'event `ValidUser`', location: at('EVENTS.md', 4)}
    const type = {owner: 'type `User`', location: at('TYPES.md', 40)}
    guards.export('isValidUser', event)
    guards.export('isValidUser', type)
    const [collision, ...more] = registry.collisions()
    expect(more).toEqual([])
    expect([collision?.first.owner, collision?.second.owner]).toEqual(['type `User`', 'event `ValidUser`'])
  })

  it('a global a scope refers to is taken there; one owner claiming a name twice, or two scopes, is no collision', () => {
    const registry = new NameRegistry()
    const types = registry.module('types.ts')
    const array = {owner: 'type `Array`', location: at('TYPES.md', 7)}
    types.export('Array', array)
    types.export('Array', array)
    registry.module('events.ts').export('User', {owner: 'type `User`', location: at('TYPES.md', 9)})
    registry.module('types.ts').export('User', {owner: 'type `User`', location: at('TYPES.md', 9)})
    expect(registry.collisions()).toEqual([])
    types.namespace('Shape').global('Array')
    expect(registry.collisions()).toEqual([])
    types.global('Array')
    expect(registry.collisions().map(({scope, first, second}) => [scope, first.owner, second.owner])).toEqual([
      ['types.ts', 'the global `Array`', 'type `Array`'],
    ])
  })
})
