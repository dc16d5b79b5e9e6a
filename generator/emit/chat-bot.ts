import {BOT_COMMANDS} from '../../templates/bot.js'
import type {Schema} from '../schema/types.js'

/**
 * The commands of `BOT_COMMANDS` (templates/bot.ts) that `schema` lacks: the bot is emitted only when there
 * are none, so a spec without them builds, without a bot (the generated README says why).
 *
 * @param schema the schema to emit.
 * @returns the missing command names, in the order the bot uses them.
 */
export function missingBotCommands(schema: Schema): string[] {
  const names = new Set(schema.commands.map((command) => command.name))
  return BOT_COMMANDS.filter((name) => !names.has(name))
}
