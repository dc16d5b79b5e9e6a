import {ModuleDeclarationKind, StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {EnumType, EnumValue, RecordType, Schema, TypeDefinition, UnionType, Versions} from '../schema/types.js'
import {deprecationNote, describe, schemaVersions, upstreamLink, versionsNote, withDeprecation} from './doc-comment.js'
import {fieldProperties} from './fields.js'
import {enumValuesName, identifier, memberOwner, typeOwner, TYPES_SELF, UNION_TAG} from '../names/index.js'
import {stringLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'
import {memberInterface} from './tagged-union.js'

/**
 * The statements of `types.ts`: every TYPES.md type, in document order.
 * Records become interfaces; discriminated unions a union of member interfaces
 * in a type-only namespace (`ChatError.ErrorAgent`), discriminated by `type`;
 * enums a string-literal union plus a readonly array of their values.
 */
export function emitTypes(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const statements: StatementStructures[] = []
  const versions = schemaVersions(schema)
  for (const type of schema.types) {
    switch (type.kind) {
      case 'record':
        statements.push(recordInterface(type, versions, scope))
        break
      case 'union':
        statements.push(...unionDeclarations(type, versions, scope))
        break
      case 'enum':
        statements.push(...enumDeclarations(type, versions, scope))
        break
    }
  }
  return statements
}

/** @param versions every doc version of a compatibility build (`undefined` for a single version). */
function docsOf(type: TypeDefinition, kind: string, versions: Versions | undefined, ...notes: string[]) {
  const syntax = type.syntax.find((block) => block.lang === null)
  const docs = describe(
    type.description,
    ...(syntax ? [`Command syntax: \`${syntax.code}\``] : []),
    `${kind} \`${type.name}\` of TYPES.md.`,
    ...upstreamLink(type),
    ...versionsNote(type.versions, versions),
    ...notes,
  )
  return withDeprecation(docs, type.versions, versions)
}

/** A compatibility build's note on the values of an enum that not every version of it has. */
function valuesNote(values: readonly EnumValue[], scope: Versions | undefined): string[] {
  const some = values.filter((value) => versionsNote(value.versions, scope).length > 0)
  if (some.length === 0) return []
  const each = some.map((value) => `\`${JSON.stringify(value.value)}\` (${value.versions!.join(', ')})`)
  // A value of a string-literal union cannot carry a tag of its own: the type's comment names them.
  const dropped = some.filter((value) => deprecationNote(value.versions, scope) !== null)
  const deprecated = dropped.map((value) => `\`${JSON.stringify(value.value)}\` (last in ${value.versions!.at(-1)})`)
  return [
    `Values only some doc versions have: ${each.join(', ')}.`,
    ...(dropped.length > 0
      ? [`Deprecated values, not in doc version ${scope!.at(-1)}, the newest: ${deprecated.join(', ')}.`]
      : []),
  ]
}

/** A compatibility build's note on a union older versions had as an enum (`UnionType.stringValues`). */
function stringValuesNote(type: UnionType): string[] {
  if (!type.stringValues) return []
  const versions = [...new Set(type.stringValues.flatMap((value) => value.versions ?? []))]
  const values = type.stringValues.map((value) => `\`${JSON.stringify(value.value)}\``)
  return [`In doc versions ${versions.join(', ')}, an enum: a string instead, one of ${values.join(', ')}.`]
}

function recordInterface(type: RecordType, versions: Versions | undefined, scope: ModuleScope): StatementStructures {
  return {
    kind: StructureKind.Interface,
    name: scope.export(identifier(type.name), typeOwner(type)),
    isExported: true,
    docs: docsOf(type, 'Record type', versions),
    properties: fieldProperties(type.fields, null, (name) => name, scope, type.versions),
  }
}

function unionDeclarations(type: UnionType, versions: Versions | undefined, scope: ModuleScope): StatementStructures[] {
  // Inside the namespace a member's name hides a type of the same name: it is named through the module's
  // import of itself.
  const local = new Set([UNION_TAG, ...type.members.map((member) => member.name)])
  const reference = (name: string) =>
    local.has(name) ? `${scope.useNamespace('./types.js', TYPES_SELF)}.${name}` : name
  const namespace = scope.namespace(type.name)
  const tag = namespace.declare(UNION_TAG)
  const members = type.members.map((member) =>
    memberInterface(
      {
        ...member,
        owner: memberOwner(type, member),
        docs: withDeprecation(
          describe(
            [`\`${type.name}\` member \`${member.name}\`: \`type: "${member.tag}"\`.`],
            ...versionsNote(member.versions, type.versions),
          ),
          member.versions,
          type.versions,
        ),
      },
      reference,
      namespace,
    ),
  )
  return [
    {
      kind: StructureKind.TypeAlias,
      name: scope.export(identifier(type.name), typeOwner(type)),
      isExported: true,
      docs: docsOf(type, 'Discriminated union', versions, ...stringValuesNote(type)),
      // A compatibility build's union that older versions had as an enum also holds those strings.
      type: [
        ...type.members.map((member) => `${type.name}.${member.name}`),
        ...(type.stringValues ?? []).map((value) => stringLiteral(value.value)),
      ].join(' | '),
    },
    {
      kind: StructureKind.Module,
      name: type.name,
      isExported: true,
      declarationKind: ModuleDeclarationKind.Namespace,
      statements: [
        {
          kind: StructureKind.TypeAlias,
          name: tag,
          isExported: true,
          docs: describe([`The \`type\` tags of \`${type.name}\`.`]),
          type: type.members.map((member) => stringLiteral(member.tag)).join(' | '),
        },
        ...members,
      ],
    },
  ]
}

function enumDeclarations(type: EnumType, versions: Versions | undefined, scope: ModuleScope): StatementStructures[] {
  const values = type.values.map((value) => stringLiteral(value.value))
  return [
    {
      kind: StructureKind.TypeAlias,
      name: scope.export(identifier(type.name), typeOwner(type)),
      isExported: true,
      docs: docsOf(type, 'Enum', versions, ...valuesNote(type.values, type.versions)),
      type: values.join(' | '),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([`Every value of \`${type.name}\`, in the docs' order.`]),
      declarations: [
        {
          name: scope.export(enumValuesName(type.name), typeOwner(type)),
          initializer: `[${values.join(', ')}] as const satisfies readonly ${type.name}[]`,
        },
      ],
    },
  ]
}
