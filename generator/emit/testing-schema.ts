import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import {eventOwner, identifier} from '../names/index.js'
import type {Field, Schema, TypeExpression} from '../schema/types.js'
import {distinctResponses} from '../schema/responses.js'
import type {CommandTemplate, TemplateExpression} from '../schema/command-template.js'
import {declaredParameters} from './command-parameters.js'
import {describe} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'
import {createBotFixtures} from '../../templates/testing/bot-fixtures.js'
import {createFixtureBuilders} from '../../templates/testing/fixtures.js'

/** The compact schema of `templates/testing/fixtures.ts` (`FixtureSchema`), as plain data. */
export interface FixtureSchemaData {
  types: Record<string, unknown>
  events: Record<string, unknown[]>
  responses: Record<string, unknown[]>
  commands: Record<string, string[]>
  parameters: Record<string, unknown[]>
}

/**
 * The data the test kit is built from: every type, event and response as `FixtureSchema` (fields, members,
 * values; no doc text), and each command's responses.
 *
 * @param schema the schema the package is generated from (a compatibility build's merged IR).
 */
export function fixtureSchemaData(schema: Schema): FixtureSchemaData {
  // Built from entries, never by assignment: a name such as `__proto__` stays an own key.
  const types = Object.fromEntries(
    schema.types.map((type): [string, unknown] => {
      if (type.kind === 'record') return [identifier(type.name), {r: type.fields.map(field)}]
      if (type.kind === 'enum') return [identifier(type.name), {e: type.values.map((value) => value.value)}]
      const members = type.members.map((member) => [member.tag, member.fields.map(field)])
      const strings = type.stringValues?.map((value) => value.value)
      return [identifier(type.name), strings ? {u: members, s: strings} : {u: members}]
    }),
  )
  return {
    types,
    events: Object.fromEntries(schema.events.map((event) => [event.tag, event.fields.map(field)])),
    responses: Object.fromEntries(
      distinctResponses(schema).map((response) => [response.tag, response.fields.map(field)]),
    ),
    commands: Object.fromEntries(schema.commands.map((command) => [command.name, command.responses.map((r) => r.tag)])),
    // As `CC.<Command>` declares them: an optional parameter the syntax reads unconditionally is required.
    parameters: Object.fromEntries(
      schema.commands.map((command) => [command.name, declaredParameters(command).map(field)]),
    ),
  }
}

/**
 * Each command's leading literal (`/_send `), longest first. Commands that share one can have the same command
 * string (`/_connect 1`: APIAddContact and APIConnect), so the fake core answers them with a response all of them
 * accept. A command whose template starts with a parameter has none and is left out.
 */
export function commandPrefixes(schema: Schema): [prefix: string, name: string][] {
  const prefixes: [string, string][] = []
  for (const command of schema.commands) {
    const prefix = command.template ? templateLeadingLiteral(command.template) : ''
    if (prefix !== '') prefixes.push([prefix, command.name])
  }
  return prefixes.sort(([a], [b]) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * The statements of `testing/testing-schema.ts`: `fixtureSchema` and `commandPrefixes`, data only. The test
 * kit's `fixtures` object (templates/bindings/testing/index.ts) has one builder per event, keyed by its tag,
 * beside its own members: an event tagged `value` would replace `fixtures.value`, so the tags are claimed.
 */
export function emitTestingSchema(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const keys = scope.keys('testing:fixtures')
  for (const name of fixturesMembers()) keys.declare(name)
  // A tag two events share is claimed once: the schema check reports it (`duplicate-tag`), not a second error.
  const tags = new Set<string>()
  for (const event of schema.events)
    if (!tags.has(event.tag) && tags.add(event.tag)) keys.declare(event.tag, eventOwner(event))
  return [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([
        'Every type, event and response of the package as the fixtures build them; each command with its responses.',
      ]),
      declarations: [
        {
          name: scope.export('fixtureSchema'),
          type: scope.useType('./fixtures.js', 'FixtureSchema'),
          initializer: keyedDataLiteral(fixtureSchemaData(schema), scope),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([
        "Each command's leading literal and its name, longest first (commands sharing one can be written the same).",
      ]),
      declarations: [
        {
          name: scope.export('commandPrefixes'),
          type: 'readonly (readonly [prefix: string, name: string])[]',
          initializer: jsonLiteral(commandPrefixes(schema)),
        },
      ],
    },
  ]
}

/** The members of `fixtures` besides the events' builders: the generic builders but `event`, and the bot fixtures. */
function fixturesMembers(): string[] {
  const builders = createFixtureBuilders({types: {}, events: {}, responses: {}, commands: {}, parameters: {}})
  return [...Object.keys(builders).filter((name) => name !== 'event'), ...Object.keys(createBotFixtures(builders))]
}

/** The literal text a template always starts with: its first parts while they are literals. */
function templateLeadingLiteral(template: CommandTemplate): string {
  const leading = (expression: TemplateExpression): string => {
    if (expression.kind === 'literal') return expression.value
    if (expression.kind !== 'concat') return ''
    let text = ''
    for (const part of expression.parts) {
      if (part.kind !== 'literal') return text + leading(part)
      text += part.value
    }
    return text
  }
  return leading(template.expression)
}

function field(field: Field): unknown[] {
  return [field.wireName, shape(field.type), field.optional ? 1 : 0]
}

function shape(type: TypeExpression): unknown {
  switch (type.kind) {
    case 'primitive':
      return type.name
    case 'reference':
      return `#${identifier(type.name)}`
    case 'array':
      return {a: shape(type.element)}
    case 'map':
      return {m: shape(type.value)}
    case 'literal':
      return {l: type.value}
  }
}

/**
 * `data` as an expression whose keyed maps are made by `Object.fromEntries`: in an object literal a key
 * `"__proto__"` (an event tag or a type name of the docs) would set the prototype instead of making an entry.
 */
function keyedDataLiteral(data: FixtureSchemaData, scope: ModuleScope): string {
  const maps = Object.entries(data).map(
    ([key, map]) =>
      `${key}: ${scope.global('Object')}.fromEntries(${jsonLiteral(Object.entries(map as Record<string, unknown>))})`,
  )
  return `{${maps.join(', ')}}`
}
