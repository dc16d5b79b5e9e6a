/**
 * printFormatted prints a module's structures as printStructure + prettier print them (so emitLibrary does not
 * run prettier on it): compared with prettier on every module of every real doc version, and of the
 * compatibility build; the modules it prints include types.ts and chat-client-overloads.ts.
 */
import path from 'node:path'
import * as prettier from 'prettier'
import {printStructure, StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import {describe, expect, it} from 'vitest'
import {PRETTIER_OPTIONS} from '../../generator/emit/index.js'
import {printFormatted} from '../../generator/emit/formatted-print.js'
import {NameRegistry} from '../../generator/emit/module-scope.js'
import {emitPackageModules} from '../../generator/emit/package-modules.js'
import {readSchema} from '../../generator/pipeline.js'
import {DOC_FOLDERS} from '../support/doc-versions.js'

const root = path.resolve(import.meta.dirname, '..', '..')
const HEADER = '// Generated.\n\n'

describe('printFormatted gives what prettier gives', () => {
  const builds = [
    ['spec (compatibility build)', undefined] as const,
    ...DOC_FOLDERS.filter((folder) => folder.startsWith('spec')).map((folder) => [folder, [] as string[]] as const),
  ]
  it.each(builds)(
    '%s: every module it prints is prettier-clean and equal to prettier of printStructure',
    async (name, compat) => {
      const folder = name.startsWith('spec (') ? 'spec' : name
      const {schema} = await readSchema({spec: path.join(root, folder), ...(compat ? {compat} : {})})
      const printed: string[] = []
      for (const [module, statements] of emitPackageModules(schema, new NameRegistry())) {
        const text = printFormatted(statements)
        if (text === null) continue
        printed.push(module)
        const formatted = await prettier.format(
          `${HEADER}${printStructure({kind: StructureKind.SourceFile, statements})}`,
          PRETTIER_OPTIONS,
        )
        expect(`${HEADER}${text}`, module).toBe(formatted)
      }
      expect(printed).toEqual(expect.arrayContaining(['types.ts', 'chat-client-overloads.ts']))
    },
  )

  it.each([
    ['a record list', '[{"a":1,"b":"x"},{"a":2,"b":"y"}]'],
    ['a matrix', '[["a","b"],["c","d"]]'],
    ['pairs of mixed elements that fit', '[["a",{"m":"#X"},0],["b","c",1]]'],
    ['a hugged call', `{types: Object.fromEntries(${JSON.stringify([['k', {r: [['a', 'b', 0]]}]])})}`],
    ['a long string after a key', JSON.stringify({description: `it's ${'long '.repeat(30)}`, name: 'x'})],
    ['quotes', JSON.stringify(['say "hi"', "it's", `both ' and " and "`])],
    ['a long array of strings', JSON.stringify(Array.from({length: 30}, (_, index) => `value${index}`))],
  ])('a data literal: %s', async (_, initializer) => {
    const statements: StatementStructures[] = [
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{name: 'data', type: 'readonly unknown[]', initializer}],
      },
    ]
    const text = printFormatted(statements)
    expect(text).not.toBeNull()
    const raw = printStructure({kind: StructureKind.SourceFile, statements})
    expect(text).toBe(await prettier.format(raw, PRETTIER_OPTIONS))
  })

  it('leaves to prettier what it does not model', () => {
    const alias = (type: string) => [{kind: StructureKind.TypeAlias, name: 'T', type}]
    expect(printFormatted(alias('{a: 1, b: 2}'))).toBeNull()
    expect(printFormatted(alias('A extends B ? C : D'))).toBeNull()
    expect(printFormatted(alias(`{${'a'.repeat(120)}: string}`))).toBeNull()
    expect(printFormatted(alias('{"quoted": string}'))).toBeNull()
    expect(printFormatted([{kind: StructureKind.Function, name: 'f', statements: 'return 1'}])).toBeNull()
    const numbers = `[${Array.from({length: 60}, (_, index) => index).join(', ')}]`
    const constant = (initializer: string) => [
      {kind: StructureKind.VariableStatement, declarationKind: 'const', declarations: [{name: 'x', initializer}]},
    ]
    expect(printFormatted(constant(numbers))).toBeNull()
    expect(printFormatted(constant('{"not-an-identifier": 1}'))).toBeNull()
    expect(printFormatted(alias('"a" | { b: C }'))).toBe("type T = 'a' | {b: C}\n")
  })
})
