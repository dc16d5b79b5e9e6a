import type {ResponseDefinition, Schema} from './types.js'

/**
 * The distinct responses of the `ChatResponse` union: the commands' responses by tag, in the order they first
 * appear, then those the overlay adds (`addedResponses`, which no command lists). A tag listed under several
 * commands has one definition (the checker makes sure the name and fields agree), the first.
 *
 * @param schema the commands of COMMANDS.md and the overlay's added responses.
 * @returns one response per tag.
 */
export function distinctResponses(schema: Pick<Schema, 'commands' | 'addedResponses'>): ResponseDefinition[] {
  const byTag = new Map<string, ResponseDefinition>()
  for (const command of schema.commands) {
    for (const response of command.responses) if (!byTag.has(response.tag)) byTag.set(response.tag, response)
  }
  // The overlay refuses an addition whose tag a command lists, so none is dropped here.
  for (const response of schema.addedResponses ?? []) if (!byTag.has(response.tag)) byTag.set(response.tag, response)
  return [...byTag.values()]
}
