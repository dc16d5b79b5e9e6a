/**
 * The places of the docs where a doc string keys a lookup (names, tags, labels, markers), each as a
 * small spec with a given string there: for the prototype-key tests and the hostile-docs property.
 */
import {commandsDocument, MINI_COMMANDS, type MiniCommand} from './mini-commands.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument, type MiniEvent, type MiniType} from './mini-spec.js'

export const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const

/** `key` as markdown text (headings, labels, markers): `__proto__` unescaped would be bold `proto`. */
export const md = (key: string) => key.replaceAll('_', '\\_')

export interface Docs {
  events?: string
  types?: string
  commands?: string
}

/** A spec with `key` in one place of the docs. */
export const PLACES: Record<string, (key: string) => Docs> = {
  'EVENTS.md table-of-contents group label': (key) => ({
    events: eventsDocument(MINI_EVENTS).replace('- [UserSeen](#userseen)', `- ${md(key)}\n  - [UserSeen](#userseen)`),
  }),
  'event category name': (key) => ({events: eventsDocument(MINI_EVENTS, md(key))}),
  'command category name': (key) => ({commands: commandsDocument(MINI_COMMANDS, md(key))}),
  'event name': (key) => ({events: eventsDocument([...MINI_EVENTS, {name: md(key), tag: 'other'}])}),
  'event tag': (key) => ({events: eventsDocument([...MINI_EVENTS, {name: 'Other', tag: key}])}),
  'event field name': (key) => ({events: eventsDocument(withEventField(`- ${key}: int`))}),
  'type name': (key) => ({
    types: typesDocument([...MINI_TYPES, {name: md(key), body: ['**Record type**:', '- x: int']}]),
  }),
  'type kind': (key) => ({types: typesDocument([...MINI_TYPES, {name: 'Odd', body: [`**${md(key)}**:`, '- x: int']}])}),
  'record field name': (key) => ({types: typesDocument(withType('User', (body) => [...body, `- ${key}: int`]))}),
  'union member name': (key) => ({
    types: typesDocument(withType('Shape', (body) => [...body, '', `${md(key)}:`, '- type: "other"'])),
  }),
  'union member tag': (key) => ({
    types: typesDocument(withType('Shape', (body) => [...body, '', 'Other:', `- type: "${key}"`])),
  }),
  'enum value': (key) => ({types: typesDocument(withType('Kind', (body) => [...body, `- "${key}"`]))}),
  'command name': (key) => ({commands: commandsDocument([...MINI_COMMANDS, command({name: md(key)})])}),
  'parameter name': (key) => ({
    commands: commandsDocument([command({parameters: [`- ${key}: string`], javascript: `'/x ' + ${key}`})]),
  }),
  'optional parameter name': (key) => ({
    commands: commandsDocument([
      command({parameters: [`- ${key}: string?`], javascript: `'/x' + (${key} ? ' ' + ${key} : '')`}),
    ]),
  }),
  'command section marker': (key) => ({commands: commandsDocument([command({extra: [`**${md(key)}**:`, '']})])}),
  'response name': (key) => ({commands: commandsDocument([command({responses: [{name: md(key), tag: 'done'}]})])}),
  'response tag': (key) => ({commands: commandsDocument([command({responses: [{name: 'Done', tag: key}]})])}),
}

export function command(overrides: Partial<MiniCommand>): MiniCommand {
  return {name: 'Other', javascript: "'/other'", responses: [{name: 'Done', tag: 'done'}], ...overrides}
}

export function withType(name: string, body: (lines: string[]) => string[]): MiniType[] {
  return MINI_TYPES.map((type) => (type.name === name ? {...type, body: body(type.body)} : type))
}

export function withEventField(line: string): MiniEvent[] {
  return MINI_EVENTS.map((event) => ({...event, fields: [...(event.fields ?? []), line]}))
}
