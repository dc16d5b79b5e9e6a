import {readdirSync} from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')

/** The folders of a parent folder, as paths relative to the repository (`spec/compat/2025-09-27`). */
const foldersIn = (parent: string) =>
  readdirSync(path.join(root, parent), {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`)

/**
 * Every folder of real docs, relative to the repository: the pinned spec, its older doc versions
 * (`spec/compat/`, which its compat.json lists) and the test-only fixtures (`test/fixtures/docs/`: a CRLF copy,
 * a reconstructed EVENTS.md), some of which hold only some documents.
 */
export const DOC_FOLDERS: readonly string[] = ['spec', ...foldersIn('spec/compat'), ...foldersIn('test/fixtures/docs')]
