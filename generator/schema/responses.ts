import type {CommandDefinition, ResponseDefinition} from './types.js'

/**
 * The distinct responses of the commands, by tag, in the order they first appear.
 * A tag listed under several commands has one definition (the checker makes sure
 * the name and fields agree), the first.
 *
 * @param commands the commands of COMMANDS.md.
 * @returns one response per tag.
 */
export function distinctResponses(commands: readonly CommandDefinition[]): ResponseDefinition[] {
  const byTag = new Map<string, ResponseDefinition>()
  for (const command of commands) {
    for (const response of command.responses) if (!byTag.has(response.tag)) byTag.set(response.tag, response)
  }
  return [...byTag.values()]
}
