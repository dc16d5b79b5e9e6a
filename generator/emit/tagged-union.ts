import {
  StructureKind,
  VariableDeclarationKind,
  type InterfaceDeclarationStructure,
  type StatementStructures,
} from 'ts-morph'
import {identifier} from '../names/index.js'
import type {Field, Versions} from '../schema/types.js'
import {describe, type DocBlock} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import {fieldProperties} from './fields.js'
import {GENERATOR, type ModuleScope, type NameOwner, type NameScope} from './module-scope.js'

/**
 * The one emitter of tagged unions: an event of EVENTS.md, a response of COMMANDS.md and a member of a
 * TYPES.md union are each an interface whose `type` is its tag; events and responses are also gathered into a
 * top-level union with its tag type and list of tags.
 */

/** A member of a tagged union: its interface's name, its tag and fields, and its doc comment. */
export interface TaggedMember {
  name: string
  /** What the interface is for (`event \`NewChatItems\``), as its scope registers it. */
  owner: NameOwner
  tag: string
  fields: readonly Field[]
  docs: DocBlock[]
  /** A compatibility build's versions of the member: a field not in all of them says which. */
  versions?: Versions
}

/**
 * The interface of a member: the `type` tag line, then its fields.
 *
 * @param reference how to name a referenced type from the file being emitted.
 * @param scope where the interface is declared: a module, or a union's namespace.
 */
export function memberInterface(
  member: TaggedMember,
  reference: (name: string) => string,
  scope: NameScope,
): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name: scope.declare(identifier(member.name), member.owner),
    isExported: true,
    docs: member.docs,
    properties: fieldProperties(member.fields, member.tag, reference, scope, member.versions),
  }
}

/** A top-level union (`ChatEvent`): its name, and the names of its tag type and of its list of tags. */
export interface TopLevelUnion {
  name: string
  /** The union's doc comment. */
  description: string
  /** What one member is: `event`, `response`. */
  noun: string
  /** `ChatEventTag`; also aliased as `Tag`, as upstream names it (`CEvt.Tag`). */
  tagType: string
  /** The upstream namespace `Tag` lives in (`CEvt`), for its doc comment. */
  upstreamNamespace: string
  /** `chatEventTags`, and its doc comment. */
  tags: {name: string; description: string}
  members: readonly {name: string; tag: string}[]
}

/** The union alias, its tag type, the `Tag` alias and the list of tags, in member order, declared in `scope`. */
export function topLevelUnionDeclarations(union: TopLevelUnion, scope: ModuleScope): StatementStructures[] {
  const {noun} = union
  const article = /^[aeiou]/.test(noun) ? 'an' : 'a'
  return [
    {
      kind: StructureKind.TypeAlias,
      name: scope.export(union.name, GENERATOR),
      isExported: true,
      docs: describe([union.description]),
      type: union.members.length > 0 ? union.members.map((member) => identifier(member.name)).join(' | ') : 'never',
    },
    {
      kind: StructureKind.TypeAlias,
      name: scope.export(union.tagType, GENERATOR),
      isExported: true,
      docs: describe([`The \`type\` tag of ${article} ${noun}.`]),
      type: `${union.name}["type"]`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: scope.export('Tag', GENERATOR),
      isExported: true,
      docs: describe([
        `\`${union.upstreamNamespace}.Tag\`, as upstream names the ${noun} tags: the same as \`${union.tagType}\`.`,
      ]),
      type: union.tagType,
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe([union.tags.description]),
      declarations: [
        {
          name: scope.export(union.tags.name, GENERATOR),
          initializer: `${jsonLiteral(union.members.map((member) => member.tag))} as const satisfies readonly ${union.tagType}[]`,
        },
      ],
    },
  ]
}
