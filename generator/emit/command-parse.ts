import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {CommandTemplate, TemplateExpression} from '../schema/command-template.js'
import type {Field, Schema, TypeDefinition, TypeExpression} from '../schema/types.js'
import type {
  CommandGrammar,
  JsonShape,
  SyntaxField,
  SyntaxNode,
  TypeSyntax,
  ValueReader,
} from '../../templates/command-reader.js'
import {declaredParameters} from './command-parameters.js'
import {describe} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'

/**
 * The statements of `command-parse.ts`: the compiled template of every command and syntax type as data
 * (`commandGrammar`, read by the hand-written `templates/command-reader.ts`), and `parseCommand(text)`,
 * typed by command name. Data, not a parser per command: the package stays small, and one interpreter is
 * type-checked and tested here.
 */
export function emitCommandParse(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const reader = './command-reader.js'
  const name = scope.useType('./commands.js', 'ChatCommandName')
  const parameters = scope.useType('./commands.js', 'CommandParameters')
  const grammar = scope.declare('commandGrammar')
  const parsed = scope.export('ParsedCommand')
  const result = scope.export('CommandParseResult')
  return [
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: grammar,
          type: scope.useType(reader, 'CommandGrammar'),
          initializer: jsonLiteral(commandGrammar(schema)),
        },
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      name: parsed,
      isExported: true,
      docs: describe(["A command string read back: the command's name, and its parameters typed by that name."]),
      type: `{[N in ${name}]: {ok: true; name: N; params: ${parameters}[N]}}[${name}]`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: result,
      isExported: true,
      docs: describe(['What `parseCommand` gives: a `ParsedCommand` (narrow it by `name`), or a located error.']),
      type: `${parsed} | ${scope.useType(reader, 'CommandParseFailure')}`,
    },
    {
      kind: StructureKind.Function,
      name: scope.export('parseCommand'),
      isExported: true,
      docs: describe([
        'Read a command string, the inverse of `commandString`: `parseCommand("/_send @5 json [...]")` gives `{ok: true, name: "APISendMessages", params: {sendRef: {chatType: "direct", chatId: 5}, liveMessage: false, composedMessages: [...]}}`, or `{ok: false, error: {message, offset}}`: what was expected at that offset of the text.',
        'Never throws; linear in the length of the text. Commands are tried in the order of COMMANDS.md, the first that reads the whole text wins. What the syntax does not write comes back as the syntax implies it (an omitted `live=on` is `liveMessage: false`, an omitted optional is absent); JSON parameters are parsed and their kind checked (an array, an object), not their fields: decode them for that.',
      ]),
      parameters: [{name: 'text', type: 'string'}],
      returnType: result,
      statements: `return ${scope.use(reader, 'readCommand')}(${grammar}, text) as ${result}`,
    },
  ]
}

/** Every command with a template (document order) and every type with one, as the reader's data. */
export function commandGrammar(schema: Schema): CommandGrammar {
  const typesByName = new Map(schema.types.map((type) => [type.name, type]))
  const types = schema.types.flatMap((type) => (type.template ? [typeSyntax(type, type.template, typesByName)] : []))
  const commands = schema.commands.flatMap((command) => {
    if (!command.template) return []
    const fields = declaredParameters(command)
    const syntax = syntaxNode(command.template.expression, (name) => fields.find((f) => f.name === name), typesByName)
    return [{name: command.name, fields: fields.map((field) => syntaxField(field, typesByName)), syntax}]
  })
  return {commands, types}
}

function typeSyntax(
  type: TypeDefinition,
  template: CommandTemplate,
  typesByName: ReadonlyMap<string, TypeDefinition>,
): TypeSyntax {
  switch (type.kind) {
    case 'record': {
      const syntax = syntaxNode(template.expression, (name) => type.fields.find((f) => f.name === name), typesByName)
      return {
        name: type.name,
        subject: 'fields',
        fields: type.fields.map((field) => syntaxField(field, typesByName)),
        syntax,
      }
    }
    case 'union': {
      const tag: Field = {
        name: 'type',
        wireName: 'type',
        optional: false,
        type: {kind: 'literal', value: ''},
        location: type.location,
      }
      const fieldOf = (name: string) =>
        name === 'type' ? tag : type.members.flatMap((member) => member.fields).find((f) => f.name === name)
      const members = type.members.map((member) => ({
        tag: member.tag,
        fields: member.fields.map((field) => syntaxField(field, typesByName)),
      }))
      const syntax = syntaxNode(
        template.expression,
        fieldOf,
        typesByName,
        type.members.map((m) => m.tag),
      )
      return {name: type.name, subject: 'union', members, syntax}
    }
    case 'enum': {
      // An enum's syntax compares `self` with its values; a plain `self` reads one of them.
      const values = type.values.map((value) => value.value)
      return {
        name: type.name,
        subject: 'self',
        values,
        syntax: syntaxNode(template.expression, () => undefined, typesByName, values),
      }
    }
  }
}

/** A parameter's name, optionality, empty value and enum values (what the reader gives when the text leaves it out). */
function syntaxField(field: Field, typesByName: ReadonlyMap<string, TypeDefinition>): SyntaxField {
  const referenced = field.type.kind === 'reference' ? typesByName.get(field.type.name) : undefined
  const values = referenced?.kind === 'enum' ? {values: referenced.values.map((value) => value.value)} : {}
  return {name: field.name, optional: field.optional, empty: emptyValue(field.type), ...values}
}

function emptyValue(type: TypeExpression): SyntaxField['empty'] {
  if (type.kind !== 'primitive') return null
  switch (type.name) {
    case 'bool':
      return false
    case 'int':
    case 'int64':
    case 'word32':
    case 'double':
      return 0
    case 'string':
      return ''
    default:
      return null
  }
}

/**
 * A template expression as the reader's node. `fieldOf` finds the parameter a name reads; `tags` are the
 * values a plain read of `type` (a union) or `self` (an enum) can be.
 */
function syntaxNode(
  expression: TemplateExpression,
  fieldOf: (name: string) => Field | undefined,
  typesByName: ReadonlyMap<string, TypeDefinition>,
  tags: readonly string[] | null = null,
): SyntaxNode {
  const node = (each: TemplateExpression) => syntaxNode(each, fieldOf, typesByName, tags)
  switch (expression.kind) {
    case 'literal':
      return {kind: 'text', text: expression.value}
    case 'number':
      // `+` writes a number as String does.
      return {kind: 'text', text: String(expression.value)}
    case 'concat':
      return {kind: 'all', parts: expression.parts.map(node)}
    case 'conditional':
      return {kind: 'if', test: expression.test, then: node(expression.then), else: node(expression.else)}
    case 'param': {
      const field = fieldOf(expression.name)
      switch (expression.render) {
        case 'json': {
          const shape = field ? jsonShape(field.type, typesByName) : null
          return {kind: 'param', name: expression.name, read: {kind: 'json', ...(shape ? {shape} : {})}}
        }
        case 'cmdString':
          return {kind: 'param', name: expression.name, read: {kind: 'syntax', type: expression.type ?? ''}}
        case 'join': {
          const element = field?.type.kind === 'array' ? plainReader(field.type.element, typesByName) : null
          const read: ValueReader =
            element?.kind === 'integer' || element?.kind === 'number' || element?.kind === 'string'
              ? {kind: 'list', separator: expression.separator ?? ',', element: element.kind}
              : {kind: 'unreadable', why: 'a list of values its syntax cannot read back'}
          return {kind: 'param', name: expression.name, read}
        }
        case 'plain': {
          const read: ValueReader =
            tags && (expression.name === 'type' || expression.name === 'self')
              ? {kind: 'values', values: tags}
              : field
                ? plainReader(field.type, typesByName)
                : {kind: 'unreadable', why: 'not a parameter'}
          return {kind: 'param', name: expression.name, read}
        }
      }
    }
  }
}

/** The kind of JSON value of a type: what `JSON.stringify` of a valid value starts with. */
function jsonShape(type: TypeExpression, typesByName: ReadonlyMap<string, TypeDefinition>): JsonShape | null {
  switch (type.kind) {
    case 'array':
      return 'array'
    case 'map':
      return 'object'
    case 'literal':
      return 'string'
    case 'reference': {
      const referenced = typesByName.get(type.name)
      if (!referenced) return null
      // A compatibility build's union may be a string in the versions where it was an enum.
      if (referenced.kind === 'union' && referenced.stringValues) return null
      return referenced.kind === 'enum' ? 'string' : 'object'
    }
    case 'primitive':
      switch (type.name) {
        case 'bool':
          return 'boolean'
        case 'string':
        case 'UTCTime':
          return 'string'
        case 'JSONObject':
          return 'object'
        default:
          return 'number'
      }
  }
}

/** How a value written with `+` (as `String` writes it) is read back. */
function plainReader(type: TypeExpression, typesByName: ReadonlyMap<string, TypeDefinition>): ValueReader {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'bool':
          return {kind: 'boolean'}
        case 'int':
        case 'int64':
        case 'word32':
          return {kind: 'integer'}
        case 'double':
          return {kind: 'number'}
        case 'string':
        case 'UTCTime':
          return {kind: 'string'}
        case 'JSONObject':
          return {kind: 'unreadable', why: 'written as "[object Object]"'}
      }
      break
    case 'literal':
      return {kind: 'values', values: [type.value]}
    case 'reference': {
      const referenced = typesByName.get(type.name)
      if (referenced?.kind === 'enum') return {kind: 'values', values: referenced.values.map((v) => v.value)}
      return {kind: 'unreadable', why: `a ${type.name} written with + reads "[object Object]"`}
    }
  }
  return {kind: 'unreadable', why: 'written with + as it cannot be read back'}
}
