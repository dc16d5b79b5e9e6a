/**
 * The registry the emitters fill (`generator/emit/module-scope.ts`) must hold every identifier they
 * write, or a collision could slip past the checks into uncompilable output. Checked against the real
 * generated modules of the pinned spec, as this test run generates them.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {Node, Project, ts, type SourceFile} from 'ts-morph'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {BINDING_FILES, emitLibrary, TEMPLATE_FILES, TESTING_TEMPLATE_FILES} from '../generator/emit/index.js'
import {GENERATED_COMPILER_OPTIONS} from '../generator/emit/check-command-strings.js'
import {NameRegistry} from '../generator/emit/module-scope.js'
import {emitPackageModules} from '../generator/emit/package-modules.js'
import type {NameClaim} from '../generator/names/index.js'
import {buildSchema} from '../generator/pipeline.js'
import type {Schema} from '../generator/schema/types.js'
import {commandsDocument, type MiniCommand} from './support/mini-commands.js'
import {eventsDocument, MINI_TYPES, typesDocument, type MiniEvent, type MiniType} from './support/mini-spec.js'
import {PINNED_SOURCE, pinnedTree, sharedBuild, sharedSchemaOf} from './support/shared-builds.js'

/** The `src/` of this run's pinned build: what `generated/src/` holds once formatted. */
const pinnedSrc = path.join(await pinnedTree(), 'src')
const project = new Project({useInMemoryFileSystem: true})
const source = (name: string): SourceFile =>
  project.getSourceFile(`/${name}`) ??
  project.createSourceFile(`/${name}`, readFileSync(path.join(pinnedSrc, name), 'utf8'))

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

/** Every claim the emitters register for the package of `schema`. */
function claimsOf(schema: Schema): NameClaim[] {
  const registry = new NameRegistry()
  emitPackageModules(schema, registry)
  return registry.claims()
}

describe('the registry holds every identifier the emitters write', () => {
  it('for the pinned spec, in every module and union namespace', async () => {
    // As `generate` reads it: with the overlay, whose additions (`CR.AgentSubs`) are named too.
    const schema = sharedSchemaOf(await sharedBuild(PINNED_SOURCE))
    const claims = claimsOf(schema)
    const claimed = (scope: string) => new Set(claims.filter((claim) => claim.scope === scope).map((c) => c.name))

    for (const module of [
      'types.ts',
      'events.ts',
      'commands.ts',
      'responses.ts',
      'command-strings.ts',
      'command-parse.ts',
      'guards.ts',
      'decode.ts',
      'chat-client-overloads.ts',
      'spec-info.ts',
      'testing/testing-schema.ts',
      'testing/fixture-types.ts',
    ] as const) {
      const unclaimed = topLevelNames(source(module)).filter((name) => !claimed(module).has(name))
      expect(unclaimed, module).toEqual([])
    }
    const unexported = exportedNames(source('index.ts')).filter((name) => !claimed('index.ts').has(name))
    expect(unexported).toEqual([])
    for (const namespace of source('types.ts').getModules()) {
      const scope = `namespace:${namespace.getName()}`
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

/** A field type the emitters spell `Array<...>` (its element is not a plain name). */
const ARRAY_OF_MAPS = '[{string : int}]'

/** A mini spec whose every kind of declaration has a field of every form; names as given. */
function everyForm(names: {event?: string; type?: string; member?: string; command?: string; response?: string} = {}) {
  const field = `- m: ${ARRAY_OF_MAPS}`
  const types: MiniType[] = [
    ...MINI_TYPES,
    {name: names.type ?? 'Holder', body: ['**Record type**:', field, '- s: string?']},
    {
      name: 'Either',
      body: ['**Discriminated union type**:', '', `${names.member ?? 'Left'}:`, '- type: "left"', field],
    },
  ]
  const events: MiniEvent[] = [
    {name: names.event ?? 'Seen', tag: 'seen', fields: ['- user: [User](./TYPES.md#user)', field]},
  ]
  const commands: MiniCommand[] = [
    {
      name: names.command ?? 'Send',
      parameters: [field, '- text: string?'],
      javascript: "'/send ' + JSON.stringify(m) + (text ? ' ' + text : '')",
      responses: [{name: names.response ?? 'Sent', tag: 'sent', fields: [field]}],
    },
  ]
  return buildSchema({
    events: new VFile({path: 'EVENTS.md', value: eventsDocument(events)}),
    types: new VFile({path: 'TYPES.md', value: typesDocument(types)}),
    commands: new VFile({path: 'COMMANDS.md', value: commandsDocument(commands)}),
  })
}

/** The generated package of a schema, unformatted, in a project type-checked as the package's tsconfig does. */
async function packageProject(schema: Schema, project: Project, folder: string): Promise<SourceFile[]> {
  const files = await emitLibrary({schema, overlaySha256: null, generatorVersion: '0', format: false})
  return [...files]
    .filter(([name]) => name.endsWith('.ts') && !name.startsWith('src/testing/'))
    .map(([name, text]) => project.createSourceFile(path.join(folder, name), text, {overwrite: true}))
}

function typeCheckedProject(): Project {
  return new Project({skipAddingFilesFromTsConfig: true, compilerOptions: GENERATED_COMPILER_OPTIONS})
}

/** The globals `file` refers to, by scope: the module's, and `namespace` for those inside union namespaces. */
function globalsReferenced(project: Project, file: SourceFile): {module: Set<string>; namespace: Set<string>} {
  const program = project.getProgram().compilerObject
  const checker = program.getTypeChecker()
  const libraryNames = new Set(
    checker.getSymbolsInScope(file.compilerNode, ts.SymbolFlags.Value | ts.SymbolFlags.Type).map((s) => s.name),
  )
  const found = {module: new Set<string>(), namespace: new Set<string>()}
  file.forEachDescendant((node) => {
    // Resolve only names some global has: resolving every identifier of decode.ts takes seconds.
    if (!Node.isIdentifier(node) || !libraryNames.has(node.getText())) return
    const symbol = checker.getSymbolAtLocation(node.compilerNode)
    const declarations = symbol?.declarations ?? []
    // A global: declared at the top level of the default library (members such as `length` have a parent).
    if (declarations.length === 0 || (symbol as {parent?: unknown}).parent !== undefined) return
    if (!declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()))) return
    found.module.add(node.getText())
    if (node.getFirstAncestor(Node.isModuleDeclaration)) found.namespace.add(node.getText())
  })
  return found
}

describe('globals the emitted code refers to are claimed where it refers to them', () => {
  it('the registry claims the globals the modules of generated/ and of a spec of every field form use', async () => {
    const project = typeCheckedProject()
    const forms = everyForm()
    if (!forms.ok) expect.fail('the spec does not build')
    const pinnedSchema = sharedSchemaOf(await sharedBuild(PINNED_SOURCE))
    // Copied files (templates, bindings) declare no name of the docs, so no global they use can be shadowed.
    const copied = new Set<string>([
      ...TEMPLATE_FILES,
      ...BINDING_FILES,
      ...TESTING_TEMPLATE_FILES.map((name) => `testing/${name}`),
    ])
    const modules = readdirSync(pinnedSrc, {recursive: true, encoding: 'utf8'}).filter(
      (name) => name.endsWith('.ts') && !copied.has(name.split(path.sep).join('/')),
    )
    const sides = [
      {
        claims: claimsOf(pinnedSchema),
        files: modules.map((name) =>
          project.createSourceFile(`/pinned/${name}`, readFileSync(path.join(pinnedSrc, name), 'utf8')),
        ),
      },
      {
        // Without the test kit, which `packageProject` leaves out.
        claims: claimsOf(forms.schema).filter((claim) => !claim.scope.startsWith('testing/')),
        files: (await packageProject(forms.schema, project, '/forms')).filter(
          (file) => !copied.has(path.posix.relative('/forms/src', file.getFilePath())),
        ),
      },
    ]
    for (const {claims, files} of sides) {
      expect(files.length).toBeGreaterThan(8)
      const used = new Map<string, string[]>()
      const claimed = new Map<string, string[]>()
      const add = (map: Map<string, string[]>, scope: string, names: Iterable<string>) =>
        map.set(scope, [...new Set([...(map.get(scope) ?? []), ...names])].sort())
      for (const file of files) {
        const {module, namespace} = globalsReferenced(project, file)
        add(used, file.getBaseName(), module)
        if (namespace.size > 0) add(used, 'namespace', namespace)
      }
      for (const claim of claims.filter(({owner}) => owner.startsWith('the global '))) {
        // Each union's namespace is a scope of its own; what they use is compared together.
        add(claimed, claim.scope.startsWith('namespace:') ? 'namespace' : path.posix.basename(claim.scope), [
          claim.name,
        ])
      }
      const nonEmpty = (map: Map<string, string[]>) =>
        Object.fromEntries([...map].filter(([, names]) => names.length > 0).sort())
      expect(nonEmpty(claimed)).toEqual(nonEmpty(used))
    }
  })

  it.each([
    ['event', 'events.ts'],
    ['type', 'types.ts'],
    ['member', 'namespace:Either'],
    ['command', 'commands.ts'],
    ['response', 'responses.ts'],
  ] as const)('a %s named `Array` is a located name-collision error (%s writes `Array<...>`)', (what, scope) => {
    const result = everyForm({[what]: 'Array'})
    expect(result.ok).toBe(false)
    const messages = result.files.flatMap((file) =>
      file.messages.map((message) => `${message.ruleId} ${message.reason}`),
    )
    expect(messages).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^name-collision \`Array\`, generated for ${what === 'member' ? 'member' : what} \`Array\`.* in ${scope}, is already taken by the global \`Array\`$`,
        ),
      ),
    )
  })

  it('names of globals a module does not refer to generate a package that compiles', async () => {
    const names = {event: 'Promise', type: 'Date', member: 'Error', command: 'Map', response: 'String'}
    const result = everyForm(names)
    if (!result.ok) expect.fail(result.files.flatMap((file) => file.messages.map(String)).join('\n'))
    const project = typeCheckedProject()
    await packageProject(result.schema, project, '/globals')
    const diagnostics = project.getPreEmitDiagnostics()
    expect(project.formatDiagnosticsWithColorAndContext(diagnostics)).toBe('')
  })
})

describe('the keys of the fixtures object of the test kit', () => {
  it('an event tagged like a member of `fixtures` (`value`) is a located name-collision error', () => {
    const result = buildSchema({
      events: new VFile({
        path: 'EVENTS.md',
        value: eventsDocument([{name: 'Valued', tag: 'value', fields: ['- user: [User](./TYPES.md#user)']}]),
      }),
      types: new VFile({path: 'TYPES.md', value: typesDocument(MINI_TYPES)}),
    })
    expect(result.ok).toBe(false)
    const messages = result.files.flatMap((file) =>
      file.messages.map((message) => `${message.ruleId} ${message.reason} ${message.line}`),
    )
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^name-collision `value`, generated for event `Valued` in testing:fixtures, is already taken by the generator's own code \d+$/,
      ),
    )
  })
})
