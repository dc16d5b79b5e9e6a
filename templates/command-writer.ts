/**
 * The generic entry of command strings: `commandString(name, params)` of the generated `command-strings.ts`
 * calls `writeCommand` with its table of one function per command (each compiled from that command's
 * `**Syntax**:`). Copied verbatim into `generated/src/command-writer.ts`; `command-reader.ts` is its inverse.
 */

/** One command-string function per command name. */
export type CommandWriters = Readonly<Record<string, (params: never) => string>>

/**
 * The command string of command `name` with its parameters.
 *
 * @param writers the functions by command name (`commandStringFunctions`).
 * @throws TypeError for a name that is not one of `writers` (only reachable from untyped code).
 */
export function writeCommand(writers: CommandWriters, name: string, params: unknown): string {
  // Own properties only: `constructor` or `__proto__` must not reach Object.prototype.
  if (!Object.hasOwn(writers, name)) throw new TypeError(`unknown command: ${JSON.stringify(name)}`)
  return (writers[name] as (params: unknown) => string)(params)
}
