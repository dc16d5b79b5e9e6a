/**
 * What a bundle of `decodeChatEvent` alone holds (esbuild, as bench/size-compare.ts builds it): decode.ts and
 * the decoding templates, not the tag lists of events.ts and responses.ts, which only `frameTags` (for
 * `decodeFrame`) reads.
 */
import path from 'node:path'
import * as esbuild from 'esbuild'
import {describe, expect, it} from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')

describe('a bundle of decodeChatEvent alone', () => {
  it('leaves out the modules only frameTags reads', async () => {
    const result = await esbuild.build({
      stdin: {
        contents: "export {decodeChatEvent} from './generated/src/index.ts'\n",
        resolveDir: ROOT,
        sourcefile: 'entry.ts',
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    })
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => path.basename(file))
    expect(inputs).toContain('decode.ts')
    expect(inputs).toContain('shape-table.ts')
    expect(inputs).not.toContain('events.ts')
    expect(inputs).not.toContain('responses.ts')
  })
})
