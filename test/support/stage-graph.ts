/**
 * The stage graph of `generator/`: which folder imports which. A file in a folder (`generator/parse/x.ts`)
 * is its folder (`parse`); a file at the top (`pipeline.ts`, `diagnostics.ts`) is its own node, since the
 * top level holds the pipeline and the CLI beside shared leaves, not one stage.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {ts} from 'ts-morph'

/** Each node and the nodes it imports (itself left out), sorted. */
export type StageGraph = Map<string, string[]>

/**
 * Read the relative import specifiers (static, `export ... from`, type-only and dynamic `import()`) of every
 * `.ts` file under `root`, each resolved to its node; imports leaving `root` (`templates/`) are left out.
 *
 * @param root the generator folder.
 * @returns the graph.
 */
export function stageGraph(root: string): StageGraph {
  const edges = new Map<string, Set<string>>()
  for (const file of tsFiles(root)) {
    const from = nodeOf(root, file)
    const targets = edges.get(from) ?? new Set<string>()
    edges.set(from, targets)
    const {importedFiles} = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const {fileName} of importedFiles) {
      if (!fileName.startsWith('.')) continue
      const target = path.resolve(path.dirname(file), fileName).replace(/\.js$/, '.ts')
      const relative = path.relative(root, target)
      if (relative.startsWith('..')) continue
      const to = nodeOf(root, target)
      if (to !== from) targets.add(to)
    }
  }
  return new Map([...edges].sort(([a], [b]) => a.localeCompare(b)).map(([node, to]) => [node, [...to].sort()]))
}

/**
 * Every cycle of `graph`, each as the path of nodes that closes it (`['parse', 'schema', 'parse']`), found
 * by a depth-first walk: one per back edge.
 */
export function cyclesOf(graph: StageGraph): string[][] {
  const cycles: string[][] = []
  const done = new Set<string>()
  const walk = (node: string, trail: string[]) => {
    if (trail.includes(node)) return void cycles.push([...trail.slice(trail.indexOf(node)), node])
    if (done.has(node)) return
    for (const next of graph.get(node) ?? []) walk(next, [...trail, node])
    done.add(node)
  }
  for (const node of graph.keys()) walk(node, [])
  return cycles
}

/** The graph as `node -> a, b` lines, for a report. */
export function formatStageGraph(graph: StageGraph): string {
  return [...graph].map(([node, to]) => `${node} -> ${to.join(', ') || '(nothing)'}`).join('\n')
}

function nodeOf(root: string, file: string): string {
  const [first, ...rest] = path.relative(root, file).split(path.sep)
  return rest.length === 0 ? first! : `${first}/`
}

function tsFiles(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) return tsFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}
