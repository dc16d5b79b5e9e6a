import {ModuleDeclarationKind, StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {EnumType, RecordType, Schema, TypeDefinition, UnionType} from '../schema/types.js'
import {describe} from './doc-comment.js'
import {fieldProperties} from './fields.js'
import {enumValuesName, identifier, TYPES_SELF, UNION_TAG} from '../names/index.js'
import {stringLiteral} from './escape.js'

/**
 * The statements of `types.ts`: every TYPES.md type, in document order.
 * Records become interfaces; discriminated unions a union of member interfaces
 * in a type-only namespace (`ChatError.ErrorAgent`), discriminated by `type`;
 * enums a string-literal union plus a readonly array of their values.
 */
export function emitTypes(schema: Schema): StatementStructures[] {
  const statements: StatementStructures[] = []
  let needsSelf = false
  for (const type of schema.types) {
    switch (type.kind) {
      case 'record':
        statements.push(recordInterface(type))
        break
      case 'union': {
        const {structures, shadowed} = unionDeclarations(type)
        needsSelf ||= shadowed
        statements.push(...structures)
        break
      }
      case 'enum':
        statements.push(...enumDeclarations(type))
        break
    }
  }
  if (needsSelf) {
    statements.unshift({
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namespaceImport: TYPES_SELF,
      moduleSpecifier: './types.js',
    })
  }
  return statements
}

function docsOf(type: TypeDefinition, kind: string) {
  const syntax = type.syntax.find((block) => block.lang === null)
  return describe(
    type.description,
    ...(syntax ? [`Command syntax: \`${syntax.code}\``] : []),
    `${kind} \`${type.name}\` of TYPES.md.`,
  )
}

function recordInterface(type: RecordType): StatementStructures {
  return {
    kind: StructureKind.Interface,
    name: identifier(type.name),
    isExported: true,
    docs: docsOf(type, 'Record type'),
    properties: fieldProperties(type.fields, null, (name) => name),
  }
}

function unionDeclarations(type: UnionType): {structures: StatementStructures[]; shadowed: boolean} {
  // Inside the namespace a member's name hides a type of the same name.
  const local = new Set([UNION_TAG, ...type.members.map((member) => member.name)])
  let shadowed = false
  const reference = (name: string) => {
    if (!local.has(name)) return name
    shadowed = true
    return `${TYPES_SELF}.${name}`
  }
  const members = type.members.map((member) => ({
    kind: StructureKind.Interface as const,
    name: identifier(member.name),
    isExported: true,
    docs: describe([`\`${type.name}\` member \`${member.name}\`: \`type: "${member.tag}"\`.`]),
    properties: fieldProperties(member.fields, member.tag, reference),
  }))
  const structures: StatementStructures[] = [
    {
      kind: StructureKind.TypeAlias,
      name: identifier(type.name),
      isExported: true,
      docs: docsOf(type, 'Discriminated union'),
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
          name: UNION_TAG,
          isExported: true,
          docs: describe([`The \`type\` tags of \`${type.name}\`.`]),
          type: type.members.map((member) => stringLiteral(member.tag)).join(' | '),
        },
        ...members,
      ],
    },
  ]
  return {structures, shadowed}
}

function enumDeclarations(type: EnumType): StatementStructures[] {
  const values = type.values.map((value) => stringLiteral(value.value))
  return [
    {
      kind: StructureKind.TypeAlias,
      name: identifier(type.name),
      isExported: true,
      docs: docsOf(type, 'Enum'),
      type: values.join(' | '),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([`Every value of \`${type.name}\`, in the docs' order.`]),
      declarations: [
        {
          name: enumValuesName(type.name),
          initializer: `[${values.join(', ')}] as const satisfies readonly ${type.name}[]`,
        },
      ],
    },
  ]
}
