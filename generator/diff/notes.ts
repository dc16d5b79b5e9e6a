import type {Schema} from '../schema/types.js'

/**
 * What `compareSchemas` left out, one sentence each, for `diff` to print beside the changes: commands are
 * compared only when both versions have COMMANDS.md, and a version without it would otherwise read as
 * "no change" to every command.
 *
 * @param before the older version's schema.
 * @param after the newer version's schema.
 * @param names how the output names each version (its folder or URL).
 * @returns the notes, in order; empty when everything was compared.
 */
export function comparisonNotes(before: Schema, after: Schema, names: {before: string; after: string}): string[] {
  const without = [...(before.sources.commands ? [] : [names.before]), ...(after.sources.commands ? [] : [names.after])]
  if (without.length === 0) return []
  const which = without.length === 2 ? `neither ${names.before} nor ${names.after} has` : `${without[0]} has no`
  return [`commands not compared: ${which} COMMANDS.md`]
}
