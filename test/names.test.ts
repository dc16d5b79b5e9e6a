/**
 * The name table (`generator/names/claims.ts`) must list every identifier the emitters
 * write, or a collision could slip past the checks into uncompilable output. Checked
 * against the real generated modules of the pinned spec.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {Node, Project, type SourceFile} from 'ts-morph'
import {describe, expect, it} from 'vitest'
import {nameClaims, type NameScope} from '../generator/names/index.js'
import {loadSpecDirectory} from '../generator/load/folder.js'
import {buildSchema} from '../generator/pipeline.js'
import type {Schema} from '../generator/schema/types.js'

const root = path.resolve(import.meta.dirname, '..')
const project = new Project({useInMemoryFileSystem: true})
const source = (name: string): SourceFile =>
  project.getSourceFile(`/${name}`) ??
  project.createSourceFile(`/${name}`, readFileSync(path.join(root, 'generated', 'src', name), 'utf8'))

/** Names a module declares or imports at its top level. */
function topLevelNames(file: SourceFile): string[] {
  const names: string[] = []
  for (const declaration of file.getImportDeclarations()) {
    const namespace = declaration.getNamespaceImport()
    if (namespace) names.push(namespace.getText())
    for (const named of declaration.getNamedImports()) names.push(named.getAliasNode()?.getText() ?? named.getName())
  }
  for (const statement of file.getStatements()) {
    if (Node.isVariableStatement(statement)) names.push(...statement.getDeclarations().map((d) => d.getName()))
    else if (
      Node.isFunctionDeclaration(statement) ||
      Node.isInterfaceDeclaration(statement) ||
      Node.isTypeAliasDeclaration(statement) ||
      Node.isModuleDeclaration(statement)
    )
      names.push(statement.getName()!)
  }
  return names
}

/** Names the package index exports (following `export *`). */
function exportedNames(file: SourceFile): string[] {
  const names: string[] = []
  for (const declaration of file.getExportDeclarations()) {
    const namespace = declaration.getNamespaceExport()
    if (namespace) names.push(namespace.getName())
    else if (declaration.getNamedExports().length > 0)
      names.push(...declaration.getNamedExports().map((e) => e.getName()))
    else {
      // `export * from './guards.js'`: what that module declares with `export`.
      const target = source(declaration.getModuleSpecifierValue()!.replace('./', '').replace('.js', '.ts'))
      for (const statement of target.getStatements()) {
        if (Node.isFunctionDeclaration(statement) && statement.isExported()) names.push(statement.getName()!)
      }
    }
  }
  return names
}

describe('the name table lists every identifier the emitters write', () => {
  it('for the pinned spec, in every module and union namespace', async () => {
    const result = buildSchema(await loadSpecDirectory(path.join(root, 'spec')))
    expect(result.ok).toBe(true)
    const claims = nameClaims((result as {schema: Schema}).schema)
    const claimed = (scope: NameScope) => new Set(claims.filter((claim) => claim.scope === scope).map((c) => c.name))

    for (const module of [
      'types.ts',
      'events.ts',
      'commands.ts',
      'responses.ts',
      'command-strings.ts',
      'guards.ts',
      'decode.ts',
    ] as const) {
      const unclaimed = topLevelNames(source(module)).filter((name) => !claimed(module).has(name))
      expect(unclaimed, module).toEqual([])
    }
    const unexported = exportedNames(source('index.ts')).filter((name) => !claimed('index.ts').has(name))
    expect(unexported).toEqual([])
    for (const namespace of source('types.ts').getModules()) {
      const scope: NameScope = `namespace:${namespace.getName()}`
      const members = namespace
        .getStatements()
        .map((statement) => (statement as unknown as {getName(): string}).getName())
      expect(
        members.filter((name) => !claimed(scope).has(name)),
        scope,
      ).toEqual([])
    }
  })
})
