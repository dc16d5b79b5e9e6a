import {randomBytes} from 'node:crypto'
import {lstat, mkdir, readdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {InputError} from '../input-error.js'
import {isAlive, lockOutput, type OutputLock} from './output-lock.js'
import {MANIFEST_NAME, readManifest, sha256, withManifest, type Manifest} from './manifest.js'
import {
  entryKind,
  isGeneratedFile,
  KEPT_FOLDERS,
  listTree,
  readRegularBytes,
  readRegularFile,
  type EntryKind,
} from './output-tree.js'

/** What `writeTreeAtomically` did besides writing the files. */
export interface WriteOutcome {
  /** Entries of the previous tree the generator did not write, moved into the new one (relative paths). */
  kept: string[]
  /** Folders of earlier trees left beside the output because they hold entries the new tree has in their place. */
  leftBehind: string[]
  /** Files of the previous tree the new one does not have, removed: the previous manifest lists them unchanged. */
  removed: string[]
  /** Kept files the previous manifest lists whose content changed since it was written (edited by hand). */
  edited: string[]
  /** Why the previous tree's manifest was ignored (then no file it lists was removed). */
  manifestIgnored?: string
}

/** Options of `writeTreeAtomically`. */
export interface WriteOptions {
  /** The output's lock when the caller already holds it (`generate` locks before it generates). */
  lock?: OutputLock
}

/**
 * Replace the folder `out` by `files` and their manifest (`MANIFEST_NAME`), atomically, keeping what the
 * generator does not own.
 *
 * The generator owns the files it writes and the files the previous tree's manifest lists (an earlier run
 * wrote them); a listed file it no longer writes is removed only when its sha256 is still the one listed.
 * Everything else in `out` (`.git`, `node_modules`, `dist`, a `NOTES.md`, a link, an edited file) is kept.
 * The new tree is written in full to a sibling folder `.<name>.next-<pid>-<id>`; then `out` is renamed to
 * `.<name>.previous-<pid>-<id>`, the entries it keeps are moved into the new tree, and the new tree is
 * renamed to `out`. A failure before the swap leaves `out` untouched; an interruption during it leaves
 * a complete new tree and the previous one beside `out`, and the next run (or `recoverInterruptedWrite`)
 * finishes the swap. The output is locked (`lockOutput`) for the whole write, and leftovers of runs that
 * died are cleaned up first.
 *
 * @param out the output folder.
 * @param files relative path → content.
 * @param options a lock the caller holds.
 * @returns the entries kept from the previous tree, the files removed, and what else it did (`WriteOutcome`).
 * @throws InputError when `out` holds something that is not a generated tree, when an entry the
 *   generator does not own is where the new tree needs a file or folder, or when another run holds the lock.
 */
export async function writeTreeAtomically(
  out: string,
  files: ReadonlyMap<string, string>,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const target = path.resolve(out)
  const lock = options.lock ?? (await lockOutput(target))
  try {
    const recovered = await recover(target)
    await assertReplaceable(target)
    const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`
    const next = leftover(target, 'next', suffix)
    try {
      for (const [name, content] of withManifest(files)) {
        const file = path.join(next, name)
        await mkdir(path.dirname(file), {recursive: true})
        await writeFile(file, content)
      }
      if (await exists(target)) {
        const {conflicts} = await planKept(target, next)
        if (conflicts.length > 0) {
          throw new InputError(
            `refusing to replace ${target}: ${conflicts.join(', ')} ${conflicts.length === 1 ? 'is' : 'are'} ` +
              'not generated and in the way of the generated tree; move them away',
          )
        }
      }
      await lock.assertHeld()
    } catch (error) {
      await rm(next, {recursive: true, force: true})
      throw error
    }
    if (!(await exists(target))) {
      await rename(next, target)
      return {kept: [], edited: [], ...recovered}
    }
    const previous = leftover(target, 'previous', suffix)
    await rename(target, previous)
    const outcome = await finishSwap(target, previous, next)
    return {
      ...outcome,
      leftBehind: [...recovered.leftBehind, ...outcome.leftBehind],
      removed: [...recovered.removed, ...outcome.removed],
    }
  } finally {
    if (!options.lock) await lock.release()
  }
}

/**
 * Read the regular files of a tree, relative path → content, skipping `.git`, `dist` and
 * `node_modules`. Links and other entries that are not regular files are left out, never followed.
 *
 * @param out the tree's folder.
 * @returns its files; none when `out` does not exist.
 */
export async function readTree(out: string): Promise<Map<string, string>> {
  const root = path.resolve(out)
  const files = new Map<string, string>()
  for (const entry of await listTree(root)) {
    if (entry.kind !== 'file') continue
    const read = await readRegularFile(path.join(root, entry.path))
    if (read.kind === 'file') files.set(entry.path, read.text)
  }
  return files
}

/**
 * Finish a write interrupted by a kill or a crash: a swap cut short is completed (or, without its new
 * tree, the previous tree is put back), kept entries left in a previous tree are moved into `out`, and
 * the temporary folders of runs that died are removed. `writeTreeAtomically` does this first.
 *
 * @param out the output folder.
 * @returns folders left beside `out` because they hold entries in the way of the tree (see `WriteOutcome`).
 */
export async function recoverInterruptedWrite(out: string): Promise<string[]> {
  const lock = await lockOutput(out)
  try {
    return (await recover(path.resolve(out))).leftBehind
  } finally {
    await lock.release()
  }
}

type Stage = 'next' | 'previous'

interface Leftover {
  path: string
  stage: Stage
  pid: number
  suffix: string
}

function leftover(target: string, stage: Stage, suffix: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${stage}-${suffix}`)
}

/**
 * Recovery proper; the caller holds the lock, so every leftover of another process is one that died.
 * Returns the folders left behind and the files removed by a swap it finished.
 */
async function recover(target: string): Promise<{leftBehind: string[]; removed: string[]}> {
  const leftovers = await findLeftovers(target)
  const leftBehind: string[] = []
  const removed: string[] = []
  for (const previous of leftovers.filter((entry) => entry.stage === 'previous')) {
    const next = leftovers.find((entry) => entry.stage === 'next' && entry.suffix === previous.suffix)
    if (await exists(target)) {
      leftBehind.push(...(await settlePrevious(previous.path, target)))
    } else if (next && (await exists(next.path))) {
      // The new tree was complete before the old one was renamed away: finish the swap.
      const outcome = await finishSwap(target, previous.path, next.path)
      leftBehind.push(...outcome.leftBehind)
      removed.push(...outcome.removed)
    } else {
      await rename(previous.path, target)
    }
  }
  // A `next` folder holds only generated files until the swap has begun, and the swap was finished above.
  for (const next of leftovers.filter((entry) => entry.stage === 'next')) {
    await rm(next.path, {recursive: true, force: true})
  }
  return {leftBehind, removed}
}

/**
 * The temporary folders of earlier runs beside `target`: those of this process (none is in flight while
 * it holds the lock) and of processes that are gone. A live other process's are left alone: a run of an
 * older version that takes no lock.
 */
async function findLeftovers(target: string): Promise<Leftover[]> {
  const pattern = leftoverPattern(target)
  const found: Leftover[] = []
  for (const name of await readdir(path.dirname(target))) {
    const match = pattern.exec(name)
    if (!match) continue
    const pid = Number(match[3])
    if (pid !== process.pid && isAlive(pid)) continue
    found.push({path: path.join(path.dirname(target), name), stage: match[1] as Stage, pid, suffix: match[2]!})
  }
  return found
}

/**
 * The temporary folders of `generate` runs beside `out` (`.<name>.next-*`, `.<name>.previous-*`), of any
 * process: what a killed run leaves until the next run finishes its swap or removes them.
 *
 * @param out the output folder.
 * @returns their names, sorted; none when `out`'s parent does not exist.
 */
export async function leftoverFolders(out: string): Promise<string[]> {
  const target = path.resolve(out)
  const pattern = leftoverPattern(target)
  const names = await readdir(path.dirname(target)).catch(() => [])
  return names.filter((name) => pattern.test(name)).sort()
}

function leftoverPattern(target: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.(next|previous)-((\\d+)-[0-9a-f]+)$`)
}

/** Move the kept entries of `previous` into `next`, swap `next` in as `target`, then settle `previous`. */
async function finishSwap(target: string, previous: string, next: string): Promise<WriteOutcome> {
  const {kept, removed, edited, manifestIgnored} = await planKept(previous, next)
  const moved: string[] = []
  for (const entry of kept) if (await moveEntry(previous, next, entry)) moved.push(entry)
  await rename(next, target)
  return {
    kept: moved,
    leftBehind: await settlePrevious(previous, target),
    removed,
    edited,
    ...(manifestIgnored === undefined ? {} : {manifestIgnored}),
  }
}

/**
 * Move what `previous` still keeps into `target`, then remove it; when something in it is in the way of
 * the tree (only when the tree was changed during the swap), leave it where it is and name it.
 */
async function settlePrevious(previous: string, target: string): Promise<string[]> {
  const {kept, conflicts} = await planKept(previous, target)
  let stuck = conflicts.length > 0
  for (const entry of kept) if (!(await moveEntry(previous, target, entry))) stuck = true
  if (stuck) return [previous]
  await rm(previous, {recursive: true, force: true})
  return []
}

/** Rename `from/entry` to `to/entry` unless something is already there; false when it was. */
async function moveEntry(from: string, to: string, entry: string): Promise<boolean> {
  const destination = path.join(to, entry)
  if (await exists(destination)) return false
  await mkdir(path.dirname(destination), {recursive: true})
  await rename(path.join(from, entry), destination)
  return true
}

interface KeepPlan {
  /** Entries of the old tree to move into the new one, as whole entries (a folder moves with its content). */
  kept: string[]
  /** Entries of the old tree the generator does not own, at a place where the new tree has an entry. */
  conflicts: string[]
  /** Files of the old tree the new one does not have that the old tree's manifest lists unchanged. */
  removed: string[]
  /** Files the old tree's manifest lists, kept because their content is no longer what it lists. */
  edited: string[]
  /** Why the old tree's manifest was ignored, when it was. */
  manifestIgnored?: string
}

/**
 * Which entries of the old tree `from` the generator does not own and so must be kept in the new tree
 * `to`, after the old tree's manifest (see `ownership`). A folder holding nothing owned is kept whole.
 */
async function planKept(from: string, to: string): Promise<KeepPlan> {
  const newKinds = new Map((await listTree(to)).map((entry) => [entry.path, entry.kind]))
  const manifest = await readManifest(from)
  const owner = ownership(from, to, manifest.kind === 'manifest' ? manifest.files : null)
  const plan: KeepPlan = {
    kept: [],
    conflicts: [],
    removed: [],
    edited: [],
    ...(manifest.kind === 'ignored' ? {manifestIgnored: manifest.reason} : {}),
  }
  const visit = async (relative: string): Promise<boolean> => {
    let ownsAny = false
    for (const name of (await readdir(path.join(from, relative))).sort()) {
      const entry = relative ? `${relative}/${name}` : name
      const kind = entryKind(await lstat(path.join(from, entry)))
      const newKind = newKinds.get(entry)
      if (relative === '' && KEPT_FOLDERS.has(name)) {
        if (newKind === undefined) plan.kept.push(entry)
        else plan.conflicts.push(entry)
      } else if (kind === 'directory') {
        if (newKind === 'directory') {
          await visit(entry)
          ownsAny = true
        } else if (newKind !== undefined) {
          // A folder where the new tree has a file: replaced only when nothing in it would be lost.
          const before = {kept: plan.kept.length, removed: plan.removed.length}
          await visit(entry)
          if (plan.kept.length > before.kept) {
            plan.kept.length = before.kept
            plan.removed.length = before.removed
            plan.conflicts.push(entry)
          } else {
            ownsAny = true
          }
        } else {
          const before = plan.kept.length
          if (await visit(entry)) {
            ownsAny = true
          } else {
            plan.kept.length = before
            plan.kept.push(entry)
          }
        }
      } else if (newKind === 'file' && (await owner.replaceable(entry, kind))) {
        ownsAny = true
      } else if (kind === 'file' && (await owner.listedUnchanged(entry))) {
        // Generated by the previous run, unchanged since, and no longer generated (or a folder is there now).
        plan.removed.push(entry)
        ownsAny = true
      } else if (newKind !== undefined) {
        plan.conflicts.push(entry)
      } else {
        plan.kept.push(entry)
        if (owner.listed(entry)) plan.edited.push(entry)
      }
    }
    return ownsAny
  }
  await visit('')
  return plan
}

/**
 * Which entries of the old tree `from` the generator owns, after the old tree's manifest. With a manifest,
 * an entry where the new tree `to` has a file is replaced when the manifest lists it or it already has the
 * new content (otherwise it is the user's, in the way); a file the new tree does not have is removed only
 * when the manifest lists it with the sha256 it has now. Without one (a tree of a version that wrote none,
 * or a manifest that was ignored), the generator's own paths are replaced as before and nothing else is
 * removed: the generated mark alone never makes a file ours.
 */
function ownership(from: string, to: string, manifest: Manifest | null) {
  const hashOf = async (file: string): Promise<string | null> => {
    const read = await readRegularBytes(file)
    return read.kind === 'file' ? sha256(read.bytes) : null
  }
  const listed = (entry: string) => manifest?.has(entry) === true
  return {
    listed,
    async replaceable(entry: string, kind: EntryKind): Promise<boolean> {
      if (manifest === null || entry === MANIFEST_NAME || listed(entry)) return true
      if (kind !== 'file') return false
      const old = await hashOf(path.join(from, entry))
      return old !== null && old === (await hashOf(path.join(to, entry)))
    },
    async listedUnchanged(entry: string): Promise<boolean> {
      const recorded = manifest?.get(entry)
      return recorded !== undefined && recorded === (await hashOf(path.join(from, entry)))
    },
  }
}

/**
 * Refuse an output folder `generate` must not replace: a symlink, a file, or a folder that is not empty
 * (but for `.git`, `dist` and `node_modules`) and not a generated tree (no mark in `src/index.ts`).
 * `writeTreeAtomically` checks this itself; `generate` also calls it before generating, to fail at once.
 *
 * @param out the output folder; a missing one is fine.
 * @throws InputError naming what is wrong.
 */
export async function assertReplaceable(out: string): Promise<void> {
  const target = path.resolve(out)
  const stats = await lstat(target).catch(() => null)
  if (stats === null) return
  if (stats.isSymbolicLink()) throw new InputError(`refusing to replace ${target}: it is a symlink`)
  if (!stats.isDirectory()) throw new InputError(`refusing to replace ${target}: it is not a folder`)
  const entries = (await readdir(target)).filter((name) => !KEPT_FOLDERS.has(name))
  if (entries.length === 0) return
  if (!(await isGeneratedFile(path.join(target, 'src', 'index.ts')))) {
    throw new InputError(`refusing to replace ${target}: it is not empty and not a tree generated by simplex-events`)
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  )
}
