import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {slug} from 'github-slugger'
import {temporaryFolder} from './temp-folders.js'

/** One type of a small TYPES.md: its section body is given as markdown lines (after the heading). */
export interface MiniType {
  name: string
  body: string[]
}

/** One event of a small EVENTS.md. */
export interface MiniEvent {
  name: string
  tag: string
  /** Field lines after `- type: "tag"`, e.g. `- user: [User](./TYPES.md#user)`. */
  fields?: string[]
  description?: string
}

/** A small, well-formed spec: a `User` record, a `Kind` enum, a `Shape` union and one event using them. */
export const MINI_TYPES: MiniType[] = [
  {name: 'Kind', body: ['**Enum type**:', '- "small"', '- "large"']},
  {
    name: 'Shape',
    body: [
      '**Discriminated union type**:',
      '',
      'Circle:',
      '- type: "circle"',
      '- radius: double',
      '',
      'Dot:',
      '- type: "dot"',
    ],
  },
  {name: 'User', body: ['**Record type**:', '- userId: int64', '- kind: [Kind](#kind)', '- shape: [Shape](#shape)?']},
]
export const MINI_EVENTS: MiniEvent[] = [
  {name: 'UserSeen', tag: 'userSeen', fields: ['- user: [User](./TYPES.md#user)'], description: 'A user was seen.'},
]

/** TYPES.md text for `types`, in the layout upstream generates (anchors as the parser's rule makes them). */
export function typesDocument(types: readonly MiniType[]): string {
  const toc = types.map((type) => `- [${type.name}](#${slug(type.name)})`)
  const sections = types.map((type) => [`## ${type.name}`, '', ...type.body, '', '', '---', ''].join('\n'))
  return [
    '# API Types',
    '',
    'This file is generated automatically.',
    '',
    ...toc,
    '',
    '---',
    '',
    sections.join('\n'),
  ].join('\n')
}

/** EVENTS.md text for `events`, all in one category listed flat. */
export function eventsDocument(events: readonly MiniEvent[], category = 'Test events'): string {
  const categoryAnchor = slug(category)
  const toc = events.map((event) => `- [${event.name}](#${slug(event.name)})`)
  const sections = events.map((event) =>
    [
      `### ${event.name}`,
      '',
      ...(event.description ? [event.description, ''] : []),
      '**Record type**:',
      `- type: "${event.tag}"`,
      ...(event.fields ?? []),
      '',
      '---',
      '',
    ].join('\n'),
  )
  return [
    '# API Events',
    '',
    'This file is generated automatically.',
    '',
    `[${category}](#${categoryAnchor})`,
    ...toc,
    '',
    '---',
    '',
    '',
    `## ${category}`,
    '',
    'Events for tests.',
    '',
    sections.join('\n'),
  ].join('\n')
}

/**
 * Write a small spec folder (EVENTS.md, TYPES.md) in a new temporary folder.
 *
 * @returns the folder.
 */
export async function writeMiniSpec(
  types: readonly MiniType[] = MINI_TYPES,
  events: readonly MiniEvent[] = MINI_EVENTS,
  category?: string,
): Promise<string> {
  const folder = await temporaryFolder('mini-')
  await writeFile(path.join(folder, 'TYPES.md'), typesDocument(types))
  await writeFile(path.join(folder, 'EVENTS.md'), eventsDocument(events, category))
  return folder
}
