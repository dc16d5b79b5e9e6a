import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {ts} from 'ts-morph'
import {emitLibrary} from '../emit/index.js'
import type {Schema} from '../schema/types.js'
import {GENERATOR_VERSION} from '../version.js'

/** An issue as the generated decoders report it (`DecodeIssue` of the generated runtime). */
export interface FrameIssue {
  code: string
  path: string
  expected: string
  found: string
  message: string
}

/** What `decodeFrame` of the generated package returns, as far as `drift` reads it. */
export type DecodedFrame =
  | {kind: 'event'; event: {type: string}; issues: readonly FrameIssue[]}
  | {kind: 'response'; corrId?: string; response: {type: string}; issues: readonly FrameIssue[]}
  | {kind: 'unknown'; corrId?: string; type: string | undefined; resp: unknown}
  | {kind: 'error'; error: FrameIssue; issues: readonly FrameIssue[]}

/** The part of the generated package `drift` runs. */
export interface FrameDecoders {
  decodeFrame(text: string, options: {mode: 'lenient'; maxIssues: number}): DecodedFrame
  /** `issueShapeKey` of the generated `issue-shapes.ts`: the one definition of a shape. */
  issueShapeKey(tag: string | undefined, issue: FrameIssue): string
}

/**
 * The decoders of a schema, built as `generate` would emit them (unformatted) and loaded into this process:
 * each module is transpiled to JavaScript (TypeScript's own `transpileModule`, types erased) into a temporary
 * folder, imported, and the folder removed. The generated package has no dependencies, so nothing else is
 * needed to run it.
 *
 * @param schema the schema to decode by (for `drift`, the docs alone: no overlay, no compatibility build).
 */
export async function loadDecoders(schema: Schema): Promise<FrameDecoders> {
  const files = await emitLibrary({schema, overlaySha256: null, generatorVersion: GENERATOR_VERSION, format: false})
  const folder = await mkdtemp(path.join(os.tmpdir(), 'simplex-events-drift-'))
  try {
    await mkdir(path.join(folder, 'src'))
    await writeFile(path.join(folder, 'package.json'), '{"type": "module"}\n')
    for (const [name, text] of files) {
      if (!/^src\/[\w-]+\.ts$/.test(name)) continue
      const {outputText} = ts.transpileModule(text, {
        compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true},
      })
      await writeFile(path.join(folder, name.replace(/\.ts$/, '.js')), outputText)
    }
    const index = (await import(pathToFileURL(path.join(folder, 'src', 'index.js')).href)) as FrameDecoders
    const shapes = (await import(pathToFileURL(path.join(folder, 'src', 'issue-shapes.js')).href)) as Pick<
      FrameDecoders,
      'issueShapeKey'
    >
    return {decodeFrame: index.decodeFrame, issueShapeKey: shapes.issueShapeKey}
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
}
