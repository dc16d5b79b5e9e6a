import path from 'node:path'
import type {SpecOrigins} from '../load/provenance.js'
import {isSpecUrl} from '../load/spec-kind.js'
import {documentPages, type DocumentPages} from './doc-pages.js'
import type {ChangeLocation} from './locate.js'

/** What the formats say about the two doc versions compared, beside the changes. */
export interface ChangeSides {
  /** How the output names each version: its folder, or its URL as printed. */
  names: {before: string; after: string}
  /**
   * Each version's spec folder as annotations name files (relative to the working folder, `/`-separated);
   * absent for a URL or a folder outside the working folder, whose changes are annotated without a file.
   */
  folders?: {before?: string; after?: string}
  /** Each version's document pages (`documentPages`), for the changelog's links. */
  pages?: {before: DocumentPages; after: DocumentPages}
}

/**
 * The sides of a comparison as `diff` read them.
 *
 * @param names each version as given (a folder or a URL).
 * @param origins each version's document origins (`readSchema`'s `origins`).
 * @param cwd the working folder annotations are relative to (default: the process's).
 */
export function changeSides(
  names: {before: string; after: string},
  origins: {before: SpecOrigins; after: SpecOrigins},
  cwd = process.cwd(),
): ChangeSides {
  const before = annotatedFolder(names.before, cwd)
  const after = annotatedFolder(names.after, cwd)
  return {
    names,
    folders: {...(before !== undefined && {before}), ...(after !== undefined && {after})},
    pages: {before: documentPages(origins.before), after: documentPages(origins.after)},
  }
}

/** A spec folder relative to `cwd`, `/`-separated; `undefined` for a URL or a folder outside `cwd`. */
function annotatedFolder(spec: string, cwd: string): string | undefined {
  if (isSpecUrl(spec)) return undefined
  const relative = path.relative(cwd, path.resolve(cwd, spec))
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return relative.split(path.sep).join('/')
}

/**
 * Where annotations place a change: its document in that version's folder (`spec/TYPES.md`) and line, or
 * `undefined` when the change was not located or its version has no folder to name.
 */
export function annotatedPlace(
  location: ChangeLocation | undefined,
  sides: ChangeSides,
): {file: string; line: number; column: number} | undefined {
  const folder = location && sides.folders?.[location.side]
  if (!location || folder === undefined) return undefined
  return {
    file: folder === '' ? location.file : `${folder}/${location.file}`,
    line: location.line,
    column: location.column,
  }
}
