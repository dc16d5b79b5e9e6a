/** A TYPES.md heading holding terminal escape sequences, shared by the suites on what the CLI prints. */
import path from 'node:path'
import {TINY_TYPES, writeTinySpec} from './tiny-spec.js'

export const ESC = '\u001b'

/** A heading that clears the screen, hides a hyperlink (OSC 8) and ends a line where it should not. */
export const HOSTILE = `Contact${ESC}[2J${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;\u0007\u2028\u009b`

/** `HOSTILE` as the CLI prints it: every control escaped. */
export const ESCAPED = 'Contact\\u001b[2J\\u001b]8;;https://evil.example\\u001b\\click\\u001b]8;;\\u0007\\u2028\\u009b'

/** Write the tiny spec with its `Contact` heading replaced by `HOSTILE` into `folder/hostile-spec`. */
export const writeHostileSpec = (folder: string): string =>
  writeTinySpec(path.join(folder, 'hostile-spec'), TINY_TYPES.replace('## Contact\n', `## ${HOSTILE}\n`))
