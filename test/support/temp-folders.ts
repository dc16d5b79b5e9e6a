import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

/** Folders made by `temporaryFolder` in this test file, removed after it (temp-folders-cleanup.ts). */
const made = new Set<string>()

/**
 * A new folder in the system's temporary folder, removed when the test file ends.
 *
 * @param prefix the start of its name, after `simplex-events-` (`mini-` gives `simplex-events-mini-XXXXXX`).
 * @returns its absolute path.
 */
export async function temporaryFolder(prefix: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), `simplex-events-${prefix}`))
  made.add(folder)
  return folder
}

/** Remove every folder `temporaryFolder` made in this test file. */
export async function removeTemporaryFolders(): Promise<void> {
  await Promise.all([...made].map((folder) => rm(folder, {recursive: true, force: true})))
  made.clear()
}
