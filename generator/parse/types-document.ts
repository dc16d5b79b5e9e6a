import type {Heading, List, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {EnumValue, SyntaxBlock, TypeDefinition, UnionMember} from '../schema/types.js'
import {
  describeBlock,
  itemLine,
  locationOf,
  markerOf,
  memberNameOf,
  readFieldList,
  soleLinkOf,
  sourceOf,
} from './blocks.js'
import {reportError} from '../diagnostics.js'
import {checkAnchor, readTitle} from './events-document.js'
import {readSyntaxBlock} from './syntax-blocks.js'
import {parseEnumValueLine} from './type-expression.js'

/** Kind markers (`**Record type**:`) and the kind each opens; a `Map`, so `**toString**:` is no kind. */
const KIND_MARKERS: ReadonlyMap<string, 'record' | 'union' | 'enum'> = new Map([
  ['Record type', 'record'],
  ['Discriminated union type', 'union'],
  ['Enum type', 'enum'],
])

/**
 * Read TYPES.md: the table of contents, then each `## Type` with its description,
 * its kind (record, discriminated union, enum) and an optional `**Syntax**:` block.
 * Every block is consumed or reported on `file`.
 *
 * @param tree the document's mdast.
 * @param file the document; errors go on it.
 */
export function parseTypesDocument(tree: Root, file: VFile): TypeDefinition[] {
  const blocks = tree.children
  let index = readTitle(blocks, file, 'API Types')
  const listed: {name: string; node: RootContent | List['children'][number]}[] = []
  if (blocks[index]?.type === 'list') {
    for (const item of (blocks[index] as List).children) {
      const link = soleLinkOf(item)
      if (!link) {
        reportError(file, 'Expected a type link in the table of contents', item, 'toc')
        continue
      }
      checkAnchor(link, item, file)
      listed.push({name: link.text, node: item})
    }
    index++
  }

  const types: TypeDefinition[] = []
  let builder: TypeBuilder | null = null
  for (; index < blocks.length; index++) {
    const node = blocks[index]!
    if (node.type === 'heading' && node.depth === 2) {
      if (builder) types.push(...builder.finish())
      builder = new TypeBuilder(node, file)
    } else if (builder) {
      builder.add(node)
    } else if (node.type !== 'thematicBreak') {
      reportError(file, `Unexpected ${describeBlock(node)} in TYPES.md`, node, 'unexpected-block')
    }
  }
  if (builder) types.push(...builder.finish())

  const defined = new Set(
    blocks.flatMap((node) => (node.type === 'heading' && node.depth === 2 ? [toString(node)] : [])),
  )
  const inToc = new Set(listed.map((entry) => entry.name))
  for (const entry of listed) {
    if (!defined.has(entry.name))
      reportError(file, `Type \`${entry.name}\` is in the table of contents but has no section`, entry.node, 'toc')
  }
  for (const type of types) {
    if (!inToc.has(type.name))
      reportError(file, `Type \`${type.name}\` is missing from the table of contents`, type.location, 'toc')
  }
  return types
}

type State = 'description' | 'record' | 'union' | 'enum' | 'body-done' | 'syntax'

/** Collects one `## Type` section. */
class TypeBuilder {
  private state: State = 'description'
  private readonly name: string
  private readonly description: string[] = []
  private readonly syntax: SyntaxBlock[] = []
  private kind: 'record' | 'union' | 'enum' | null = null
  private fields: ReturnType<typeof readFieldList>['fields'] = []
  private readonly members: UnionMember[] = []
  private readonly values: EnumValue[] = []
  /** A union member's name paragraph, waiting for its list. */
  private pendingMember: {name: string; node: RootContent} | null = null

  constructor(
    private readonly heading: Heading,
    private readonly file: VFile,
  ) {
    this.name = toString(heading)
  }

  add(node: RootContent): void {
    const marker = markerOf(node)
    const owner = `type \`${this.name}\``
    const kind = marker === null ? undefined : KIND_MARKERS.get(marker)
    if (this.state === 'description' && kind) {
      this.kind = kind
      this.state = kind
    } else if (this.state === 'description' && marker === null && node.type === 'paragraph') {
      this.description.push(sourceOf(this.file, node))
    } else if (this.state === 'record' && node.type === 'list') {
      this.fields = readFieldList(node, this.file, false, owner).fields
      this.state = 'body-done'
    } else if (this.state === 'enum' && node.type === 'list') {
      for (const item of node.children) {
        const line = itemLine(item, this.file, 'an enum value')
        const value = line && parseEnumValueLine(line, this.file)
        if (value !== null && value !== undefined) this.values.push({value, location: locationOf(this.file, item)})
      }
      this.state = 'body-done'
    } else if (this.state === 'union' && this.addMember(node, owner)) {
      // Consumed as a member name or member list.
    } else if ((this.state === 'body-done' || this.state === 'union') && marker === 'Syntax') {
      this.closeMembers()
      this.state = 'syntax'
    } else if (this.state === 'syntax' && node.type === 'code') {
      const block = readSyntaxBlock(node, this.file, owner, this.syntax)
      if (block) this.syntax.push(block)
    } else if (node.type === 'thematicBreak') {
      // The separator after a type; a type cut short is reported once, by `finish`.
    } else if (marker !== null && this.state === 'description') {
      reportError(
        this.file,
        `Unknown section \`**${marker}**:\` in ${owner} (expected Record type, Discriminated union type or Enum type)`,
        node,
        'unknown-kind',
      )
    } else {
      reportError(this.file, `Unexpected ${describeBlock(node)} in ${owner}`, node, 'unexpected-block')
    }
  }

  /** @returns whether `node` was a member name or a member's list. */
  private addMember(node: RootContent, owner: string): boolean {
    const memberName = memberNameOf(node)
    if (memberName !== null) {
      this.closeMembers()
      this.pendingMember = {name: memberName, node}
      return true
    }
    if (node.type !== 'list') return false
    if (!this.pendingMember) {
      reportError(this.file, `Union member list without a member name (\`Name:\`) in ${owner}`, node, 'union-member')
      return true
    }
    const {name} = this.pendingMember
    const {tag, fields} = readFieldList(node, this.file, true, `member \`${name}\` of ${owner}`)
    if (tag !== null) this.members.push({name, tag, fields, location: locationOf(this.file, this.pendingMember.node)})
    this.pendingMember = null
    return true
  }

  private closeMembers(): void {
    if (this.pendingMember) {
      reportError(
        this.file,
        `Union member \`${this.pendingMember.name}\` has no field list (expected \`- type: "..."\`)`,
        this.pendingMember.node,
        'union-member',
      )
      this.pendingMember = null
    }
  }

  finish(): TypeDefinition[] {
    this.closeMembers()
    const base = {
      name: this.name,
      description: this.description,
      syntax: this.syntax,
      location: locationOf(this.file, this.heading),
    }
    switch (this.kind) {
      case 'record':
        if (this.state === 'record') break
        return [{...base, kind: 'record', fields: this.fields}]
      case 'enum':
        if (this.state === 'enum') break
        return [{...base, kind: 'enum', values: this.values}]
      case 'union':
        if (this.members.length === 0) break
        return [{...base, kind: 'union', members: this.members}]
      case null:
        reportError(
          this.file,
          `Type \`${this.name}\` has no kind (expected \`**Record type**:\`, \`**Discriminated union type**:\` or \`**Enum type**:\`)`,
          this.heading,
          'type-kind',
        )
        return []
    }
    reportError(this.file, `Type \`${this.name}\` has an empty ${this.kind} body`, this.heading, 'type-kind')
    return []
  }
}
