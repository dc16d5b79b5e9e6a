import type {Nodes, Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {commitUrl, type SpecFileName, type SpecOrigins} from '../load/provenance.js'
import type {Schema} from '../schema/types.js'
import {commandVersions, schemaVersions} from './doc-comment.js'

/**
 * The schema with the links of its descriptions made to work outside the docs, and each type, event and
 * command with its `upstreamUrl`. The docs link to each other
 * (`[User](./TYPES.md#user)`, `[NewChatItems](#newchatitems)`), which resolves nowhere in the generated
 * package: a link to a document whose commit is known points at that file on GitHub at the commit
 * (`https://github.com/simplex-chat/simplex-chat/blob/<commit>/bots/api/TYPES.md#user`); any other relative
 * link becomes its text. Absolute links are kept. Every emitted description (doc comments, `eventCategories`,
 * `schema.json`) is read from the result, and still goes through the escapers of `escape.ts`.
 *
 * @param origins where each document came from (`readSpecOrigins`); `{}` turns every relative link into text.
 * @returns a copy (the input is not changed).
 */
export function resolveDocLinks(schema: Schema, origins: SpecOrigins): Schema {
  const resolved: Schema = structuredClone(schema)
  const inFile = (file: string) => (markdown: string) => resolveLinks(markdown, file, origins)
  const each = (owner: {description: string[]; location: {file: string}}) => {
    owner.description = owner.description.map(inFile(owner.location.file))
  }
  // Only a node the newest doc version has: the origins are the newest version's documents.
  const linked = (newest: string | undefined) => (node: LinkedNode) => {
    const base = commitUrl(origins[node.location.file as SpecFileName])
    if (base !== null && (newest === undefined || node.versions === undefined || node.versions.includes(newest)))
      node.upstreamUrl = `${base}#${headingAnchor(node.name)}`
  }
  ;[...resolved.types, ...resolved.events].forEach(linked(schemaVersions(resolved)?.at(-1)))
  resolved.commands.forEach(linked(commandVersions(resolved)?.at(-1)))
  resolved.types.forEach(each)
  resolved.events.forEach(each)
  resolved.categories.forEach(each)
  resolved.commandCategories.forEach(each)
  for (const command of resolved.commands) {
    each(command)
    for (const item of [...command.responses, ...command.errors])
      item.description = inFile(item.location.file)(item.description)
  }
  return resolved
}

/** A type, event or command: what `upstreamUrl` is set on. */
interface LinkedNode {
  name: string
  location: {file: string}
  versions?: readonly string[]
  upstreamUrl?: string
}

const parser = unified().use(remarkParse)

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-')
}

/** `./TYPES.md#user`, `TYPES.md`, `#user` (in the same document); anchors as GitHub writes them. */
const DOCUMENT_LINK = /^(?:(?:\.\/)?(EVENTS\.md|TYPES\.md|COMMANDS\.md))?(?:#([A-Za-z0-9_-]*))?$/
/** A URL with a scheme (`https:`, `mailto:`): it resolves anywhere. */
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/

/**
 * One markdown text with its links resolved. The text is parsed (not scanned with a pattern) so that a link
 * shown in a code span stays as written; only the link nodes' own source is replaced.
 */
function resolveLinks(markdown: string, file: string, origins: SpecOrigins): string {
  if (!markdown.includes('](')) return markdown
  const edits: {start: number; end: number; text: string}[] = []
  const stack: Nodes[] = [parser.parse(markdown) as Root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'link') {
      const edit = linkEdit(markdown, node, file, origins)
      if (edit) edits.push(edit)
    } else if ('children' in node) stack.push(...(node.children as Nodes[]))
  }
  let text = markdown
  for (const {start, end, text: replacement} of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, start) + replacement + text.slice(end)
  return text
}

function linkEdit(
  markdown: string,
  link: Extract<Nodes, {type: 'link'}>,
  file: string,
  origins: SpecOrigins,
): {start: number; end: number; text: string} | null {
  const start = link.position?.start.offset
  const end = link.position?.end.offset
  if (start === undefined || end === undefined || ABSOLUTE.test(link.url)) return null
  const first = link.children[0]?.position?.start.offset
  const last = link.children.at(-1)?.position?.end.offset
  const label = first === undefined || last === undefined ? '' : markdown.slice(first, last)
  const match = DOCUMENT_LINK.exec(link.url)
  const base = match ? commitUrl(origins[(match[1] ?? file) as SpecFileName]) : null
  if (!match || base === null) return {start, end, text: label}
  return {start, end, text: `[${label}](${base}${match[2] === undefined ? '' : `#${match[2]}`})`}
}
