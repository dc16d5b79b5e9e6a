import {MANIFEST_NAME, readManifest} from '../../generator/write/manifest.js'

/**
 * The files of a generated folder the generator owns: the ones its manifest lists, and the manifest. What
 * else is there (a `package-lock.json` or `.tgz` of the package's own install steps, `dist/`) is the user's,
 * kept by `generate` and skipped by `check`, so tests of the committed output skip it too.
 *
 * @param folder a folder `generate` wrote.
 * @returns relative names, `/`-separated, sorted.
 */
export async function ownedFiles(folder: string): Promise<string[]> {
  const manifest = await readManifest(folder)
  if (manifest.kind !== 'manifest') throw new Error(`${folder}: no manifest to tell generated files by`)
  return [...manifest.files.keys(), MANIFEST_NAME].sort()
}
