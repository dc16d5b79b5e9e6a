import type {CommandDefinition, Field} from '../schema/types.js'

/**
 * A command's parameters as the generated package declares them (`CC.<Command>`, its JSON Schema, the command
 * string's reads): as the docs list them, except that an optional parameter the syntax uses unconditionally
 * (`APIConnectPlan`'s `connectTarget`: `'/_connect plan ' + userId + ' ' + connectTarget`) is required, since
 * without it the docs' string reads `undefined`. The schema check still warns where the docs do this.
 */
export function declaredParameters(command: CommandDefinition): Field[] {
  const unguarded = new Set(command.template?.unguardedOptionals ?? [])
  return command.parameters.map((parameter) =>
    parameter.optional && unguarded.has(parameter.name) ? {...parameter, optional: false} : parameter,
  )
}
