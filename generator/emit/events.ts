import {StructureKind, VariableDeclarationKind, type StatementStructures} from 'ts-morph'
import type {Schema} from '../schema/types.js'
import {eventOwner, TYPES_NAMESPACE} from '../names/index.js'
import {describe, schemaVersions, upstreamLink, versionsNote, withDeprecation} from './doc-comment.js'
import {jsonLiteral} from './escape.js'
import type {ModuleScope} from './module-scope.js'
import {memberInterface, topLevelUnionDeclarations} from './tagged-union.js'

/**
 * The statements of `events.ts`: one interface per event (named as its heading),
 * the `ChatEvent` union, the tag union, the list of tags and the categories as data.
 * Types of TYPES.md are referenced through the `T` namespace, as upstream does,
 * so the events `ChatError` and `SubscriptionStatus` do not clash with the types.
 */
export function emitEvents(schema: Schema, scope: ModuleScope): StatementStructures[] {
  const interfaces = schema.events.map((event) =>
    memberInterface(
      {
        name: event.name,
        owner: eventOwner(event),
        tag: event.tag,
        fields: event.fields,
        versions: event.versions,
        docs: withDeprecation(
          describe(
            event.description,
            `Event \`${event.tag}\` (${event.category}${event.rank === 'unranked' ? '' : `, ${event.rank} event`}).`,
            ...upstreamLink(event),
            ...versionsNote(event.versions, schemaVersions(schema)),
          ),
          event.versions,
          schemaVersions(schema),
        ),
      },
      (name) => `${scope.useNamespace('./types.js', TYPES_NAMESPACE)}.${name}`,
      scope,
    ),
  )
  const categories = schema.categories.map((category) => ({
    name: category.name,
    description: category.description.join('\n\n'),
    events: category.events.map((name) => {
      const event = schema.events.find((candidate) => candidate.name === name)!
      return {name, tag: event.tag, rank: event.rank}
    }),
  }))
  return [
    ...interfaces,
    ...topLevelUnionDeclarations(
      {
        name: 'ChatEvent',
        description: 'Every event of EVENTS.md, discriminated by `type`.',
        noun: 'event',
        tagType: 'ChatEventTag',
        upstreamNamespace: 'CEvt',
        tags: {name: 'chatEventTags', description: 'Every event tag, in the order of EVENTS.md.'},
        members: schema.events,
      },
      scope,
    ),
    {
      kind: StructureKind.Interface,
      name: scope.export('EventCategory'),
      isExported: true,
      docs: describe(['A category of EVENTS.md (`## ...`) and its events.']),
      properties: [
        {name: 'name', type: 'string'},
        {
          name: 'description',
          type: 'string',
          docs: describe(['Markdown, as the docs write it; links to the docs point at their upstream commit.']),
        },
        {
          name: 'events',
          type: 'readonly { name: string; tag: ChatEventTag; rank: "main" | "other" | "unranked" }[]',
          docs: describe([
            '`rank`: "Main event(s)" or "Other events" in the docs\' table of contents; `unranked` where a category lists its events flat.',
          ]),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: describe(['The categories of EVENTS.md, in order.']),
      declarations: [
        {name: scope.export('eventCategories'), type: 'readonly EventCategory[]', initializer: jsonLiteral(categories)},
      ],
    },
  ]
}
