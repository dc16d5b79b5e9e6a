import type {Code} from 'mdast'
import type {VFile} from 'vfile'
import type {SyntaxBlock} from '../schema/types.js'
import {locationOf} from './blocks.js'
import {reportError} from '../diagnostics.js'
import {locationInBlock, readSyntaxGrammar} from '../schema/syntax-grammar.js'

/** Fence languages of a `**Syntax**:` section besides the plain grammar block (no language). */
export const SYNTAX_LANGUAGES = ['javascript', 'python'] as const

/**
 * Read one fenced code block of a `**Syntax**:` section (TYPES.md or COMMANDS.md).
 * Reports a fence language other than none, `javascript` or `python`, a second
 * block of the same language, and a plain grammar that does not read (see `readSyntaxGrammar`).
 *
 * @param node the code block.
 * @param file its document; errors go on it.
 * @param owner what the section belongs to, for messages (`command \`APIConnect\``).
 * @param previous the blocks already read in the same section.
 * @returns the block with its language, code and location (also when its grammar was
 *   reported), or `null` after reporting an unknown or repeated language.
 */
export function readSyntaxBlock(
  node: Code,
  file: VFile,
  owner: string,
  previous: readonly SyntaxBlock[],
): SyntaxBlock | null {
  const lang = node.lang ?? null
  const label = lang === null ? 'plain grammar' : `\`${lang}\``
  if (lang !== null && !(SYNTAX_LANGUAGES as readonly string[]).includes(lang)) {
    reportError(
      file,
      `Unknown language \`${lang}\` of a syntax block in ${owner} (expected none, \`javascript\` or \`python\`)`,
      node,
      'syntax-language',
    )
    return null
  }
  if (previous.some((block) => block.lang === lang)) {
    reportError(file, `Second ${label} syntax block in ${owner}`, node, 'syntax-language')
    return null
  }
  const block: SyntaxBlock = {lang, code: node.value, location: locationOf(file, node)}
  if (lang === null) {
    const reading = readSyntaxGrammar(block.code)
    if (!reading.ok) {
      const at = locationInBlock(block.location!, reading.line, reading.column)
      // Still the section's grammar block: reported once, not again as a missing block.
      reportError(file, `${reading.message} in the syntax of ${owner}`, at, 'syntax-grammar')
    }
  }
  return block
}
