import type {List, ListItem, Paragraph, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import type {Field, SourceLocation} from '../schema/types.js'
import {reportError} from '../diagnostics.js'
import {parseFieldLine} from './type-expression.js'

/** Name of the field that carries the tag of events and union members. */
export const TAG_FIELD = 'type'

/** Wire key of an unnamed positional field (see `Field.wireName`). */
export const POSITIONAL_WIRE_NAME = 'data'

/** The location of `node` in `file`, as the IR keeps it. */
export function locationOf(file: VFile, node: Node): SourceLocation {
  const start = node.position?.start
  return {file: file.basename ?? String(file.path), line: start?.line ?? 1, column: start?.column ?? 1}
}

/** The markdown source of a block, verbatim (descriptions keep their links and emphasis). */
export function sourceOf(file: VFile, node: Node): string {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return toString(node)
  return String(file.value).slice(start, end)
}

/**
 * The label of a section marker paragraph: `**Record type**:` gives `Record type`.
 *
 * @returns the bold text, or `null` when the paragraph is not a marker.
 */
export function markerOf(node: RootContent): string | null {
  if (node.type !== 'paragraph' || node.children.length !== 2) return null
  const [strong, colon] = node.children
  if (strong?.type !== 'strong' || colon?.type !== 'text' || colon.value !== ':') return null
  return toString(strong)
}

/**
 * The constructor name of a union member heading paragraph (`ErrorAgent:`).
 *
 * @returns the name, or `null` when the paragraph is something else.
 */
export function memberNameOf(node: RootContent): string | null {
  if (node.type !== 'paragraph' || node.children.length !== 1) return null
  const [text] = node.children
  if (text?.type !== 'text') return null
  const match = /^(\w+):$/.exec(text.value)
  return match ? match[1]! : null
}

/** The only link of a paragraph that holds nothing else, or `null`. */
export function soleLinkOf(node: Paragraph | ListItem): {text: string; url: string} | null {
  const paragraph = node.type === 'listItem' ? onlyParagraph(node) : node
  if (!paragraph || paragraph.children.length !== 1) return null
  const [link] = paragraph.children
  return link?.type === 'link' ? {text: toString(link), url: link.url} : null
}

/** The paragraph of a list item that holds exactly one paragraph, or `null`. */
export function onlyParagraph(item: ListItem): Paragraph | null {
  if (item.children.length !== 1) return null
  const [paragraph] = item.children
  return paragraph?.type === 'paragraph' ? paragraph : null
}

/** A list item's phrasing content, or `null` after reporting that the item is not one line. */
export function itemLine(item: ListItem, file: VFile, what: string): PhrasingContent[] | null {
  const paragraph = onlyParagraph(item)
  if (!paragraph) {
    reportError(file, `Expected ${what} as a single line, found a nested block`, item, 'list-item')
    return null
  }
  return paragraph.children
}

/** The fields of a field list, with the tag line (`type: "..."`) split off when `tagged`. */
export interface FieldList {
  tag: string | null
  fields: Field[]
}

/**
 * Read a `**Record type**:` list or a union member's list.
 *
 * @param list the list node.
 * @param file its document; errors are reported there.
 * @param tagged whether the first item must be the tag line `type: "tag"`.
 * @param owner what the list belongs to, for messages (`event NewChatItems`).
 */
export function readFieldList(list: List, file: VFile, tagged: boolean, owner: string): FieldList {
  const result: FieldList = {tag: null, fields: []}
  list.children.forEach((item, index) => {
    const line = itemLine(item, file, 'a field')
    if (!line) return
    const parsed = parseFieldLine(line, file)
    if (!parsed) return
    const isTagLine = parsed.name === TAG_FIELD && parsed.type.kind === 'literal'
    if (tagged && index === 0) {
      if (!isTagLine || parsed.optional) {
        reportError(file, `Expected the tag line \`${TAG_FIELD}: "..."\` first in ${owner}`, item, 'missing-tag')
        return
      }
      result.tag = (parsed.type as {value: string}).value
      return
    }
    if (parsed.type.kind === 'literal') {
      reportError(
        file,
        `Unexpected literal type in ${owner}: only the first line may be the tag`,
        item,
        'stray-literal',
      )
      return
    }
    result.fields.push({
      name: parsed.name,
      wireName: parsed.name === '' ? POSITIONAL_WIRE_NAME : parsed.name,
      optional: parsed.optional,
      type: parsed.type,
      location: locationOf(file, item),
    })
  })
  if (tagged && list.children.length === 0) {
    reportError(file, `Expected the tag line \`${TAG_FIELD}: "..."\` in ${owner}`, list, 'missing-tag')
  }
  return result
}

/** Human name of a block for messages: `heading (depth 2)`, `list`, `code block`. */
export function describeBlock(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return `heading \`${'#'.repeat(node.depth)} ${toString(node)}\``
    case 'paragraph':
      return `paragraph \`${truncate(toString(node))}\``
    case 'list':
      return 'list'
    case 'code':
      return 'code block'
    case 'thematicBreak':
      return 'thematic break (`---`)'
    default:
      return node.type
  }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
