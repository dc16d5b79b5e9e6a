// Module hooks (node:module register) that print each resolved module URL on stderr, one `resolved <url>` a
// line: a test reads which modules a command loads. Written with writeSync, as hooks run off the main thread.
import {writeSync} from 'node:fs'

/**
 * Resolve as the next hook does, and log the URL.
 * @param {string} specifier
 * @param {object} context
 * @param {Function} next
 */
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  writeSync(2, `resolved ${resolved.url}\n`)
  return resolved
}
