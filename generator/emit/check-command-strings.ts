import {Node, Project, ts, type StatementStructures} from 'ts-morph'
import type {Schema, SourceLocation} from '../schema/types.js'
import {cmdStringFunctionName} from '../names/index.js'
import {emitCommandStrings} from './command-strings-module.js'
import {emitCommands} from './commands.js'
import {emitResponses} from './responses.js'
import {emitModule, NameRegistry} from './module-scope.js'
import {emitTypes} from './types.js'

/** A command or syntax type whose compiled ```javascript syntax does not type-check against its parameters. */
export interface CommandStringTypeError {
  /** `command \`APISendMessages\`` or `type \`ChatRef\``. */
  owner: string
  message: string
  /** Where the ```javascript block's code starts in its document. */
  location: SourceLocation
}

/**
 * Type-check every command-string function against the parameter types, as the generated package will:
 * the whitelist accepts `text.join(',')` for any parameter, but only an array has `join`. One in-memory
 * program holds `command-strings.ts` and the modules it imports, so all templates are checked at once.
 *
 * @param schema a checked schema whose syntax blocks are compiled (`compileSyntaxTemplates`).
 * @returns one error per function that does not type-check (its first diagnostic), in document order.
 */
export function checkCommandStringTypes(schema: Schema): CommandStringTypeError[] {
  const owners = new Map<string, {owner: string; location: SourceLocation}>()
  for (const item of [...schema.types, ...schema.commands]) {
    const block = item.syntax.find((each) => each.lang === 'javascript')
    if (!item.template || !block?.location) continue
    // The code starts on the line after the fence.
    const location = {...block.location, line: block.location.line + 1, column: 1}
    const what = 'kind' in item ? 'type' : 'command'
    owners.set(cmdStringFunctionName(item.name), {owner: `${what} \`${item.name}\``, location})
  }
  if (owners.size === 0) return []

  const project = checkingProject()
  // Without doc comments (a quarter of the text): they change no type, and printing and parsing them is most
  // of a check's time. Diagnostics are told apart by the function they are in, not by line.
  const statements = (emitted: (string | StatementStructures)[]) => ({statements: withoutDocs(emitted)})
  const registry = new NameRegistry()
  const emit = (path: string, emitter: typeof emitTypes) =>
    project.createSourceFile(
      `/src/${path}`,
      statements(emitModule(path, (scope) => emitter(schema, scope), registry)),
      {
        overwrite: true,
      },
    )
  emit('types.ts', emitTypes)
  emit('commands.ts', emitCommands)
  emit('responses.ts', emitResponses)
  const file = emit('command-strings.ts', emitCommandStrings)

  const errors = new Map<string, CommandStringTypeError>()
  for (const diagnostic of project.getProgram().getSemanticDiagnostics(file)) {
    const start = diagnostic.getStart()
    const node = start === undefined ? undefined : file.getDescendantAtPos(start)
    const name = node?.getFirstAncestor(Node.isFunctionDeclaration)?.getName()
    const owner = name === undefined ? undefined : owners.get(name)
    if (!owner || !name || errors.has(name)) continue
    // The head of the message chain only: the rest elaborates on union members, one line each.
    const {messageText} = diagnostic.compilerObject
    errors.set(name, {...owner, message: typeof messageText === 'string' ? messageText : messageText.messageText})
  }
  return [...owners.keys()].flatMap((name) => errors.get(name) ?? [])
}

/** The structures without their `docs` (at any depth): a copy, the emitters' values are left as they are. */
function withoutDocs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutDocs) as T
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, each] of Object.entries(value)) if (key !== 'docs') copy[key] = withoutDocs(each)
  return copy as T
}

let sharedProject: Project | null = null

/** How the generated package's sources are compiled here: strict, ES2022, no ambient types. */
export const GENERATED_COMPILER_OPTIONS = {
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
}

/**
 * The in-memory project of the check, made once per process: it keeps the parsed standard library between
 * runs (parsing it takes a second or more; `check` and the tests build many schemas).
 */
function checkingProject(): Project {
  sharedProject ??= new Project({useInMemoryFileSystem: true, compilerOptions: GENERATED_COMPILER_OPTIONS})
  return sharedProject
}
