import path from 'node:path'
import {Worker} from 'node:worker_threads'
import type {Schema} from '../schema/types.js'
import {checkCommandStringTypes, type CommandStringTypeError} from './check-command-strings.js'

/**
 * `checkCommandStringTypes` in a worker thread, so that the type checks of a compatibility build (one per
 * doc version, and the merged schema's) run while this thread parses the next version. The results are the
 * same as in this thread: the same function, on a structured clone of the schema (plain JSON).
 */
export interface CommandStringChecker {
  /** The errors of `schema`'s command-string functions (`checkCommandStringTypes`), in document order. */
  check(schema: Schema): Promise<CommandStringTypeError[]>
  /** Stop the worker; checks not yet answered finish in this thread. */
  close(): Promise<void>
}

/**
 * The worker: loads the check (through tsx's loader when it runs from the TypeScript sources) and checks each
 * schema it is sent. A check that throws is answered with `failed`; this thread then runs it itself, so the
 * error is the one it would have been without a worker.
 */
const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
;(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register()
  const {checkCommandStringTypes} = await import(workerData.check)
  parentPort.on('message', ({id, schema}) => {
    try {
      parentPort.postMessage({id, errors: checkCommandStringTypes(schema)})
    } catch {
      parentPort.postMessage({id, failed: true})
    }
  })
})().catch(() => process.exit(1))
`

interface Pending {
  schema: Schema
  resolve: (errors: CommandStringTypeError[]) => void
  reject: (error: unknown) => void
}

/**
 * Start the worker now (loading TypeScript and its standard library in it overlaps this thread's parsing).
 * Run from the TypeScript sources (tsx, vitest) every check runs in this thread unless `fromSources` is set:
 * there the worker loads the generator through tsx as well, which costs more CPU than it saves (measured on
 * 2 shared cores), and tests run many builds side by side.
 *
 * @param options.fromSources use a worker from the sources too (through tsx), for the tests of the worker.
 */
export function startCommandStringChecker(options: {fromSources?: boolean} = {}): CommandStringChecker {
  const pending = new Map<number, Pending>()
  let next = 0
  const here = (job: Pending) => {
    try {
      job.resolve(checkCommandStringTypes(job.schema))
    } catch (error) {
      job.reject(error)
    }
  }
  let worker = startWorker(options.fromSources ?? false)
  // A worker that fails (it could not load the check, ran out of memory) hands every open check back, and
  // the checks from then on run here.
  const fallBack = () => {
    worker = null
    const jobs = [...pending.values()]
    pending.clear()
    for (const job of jobs) here(job)
  }
  worker?.on('message', ({id, errors, failed}: {id: number; errors?: CommandStringTypeError[]; failed?: true}) => {
    const job = pending.get(id)
    if (!job) return
    pending.delete(id)
    if (failed || !errors) here(job)
    else job.resolve(errors)
  })
  worker?.on('error', fallBack)
  worker?.on('exit', fallBack)
  // Only pending checks keep the process alive: an idle worker does not.
  worker?.unref()
  return {
    check(schema) {
      return new Promise<CommandStringTypeError[]>((resolve, reject) => {
        const job = {schema, resolve, reject}
        if (!worker) return here(job)
        const id = next++
        pending.set(id, job)
        worker.ref()
        worker.postMessage({id, schema})
      }).finally(() => {
        if (pending.size === 0) worker?.unref()
      })
    },
    async close() {
      const stopping = worker
      if (!stopping) return
      stopping.off('exit', fallBack)
      fallBack()
      await stopping.terminate()
    },
  }
}

/** The worker, or `null` when this module runs from TypeScript (unless `fromSources`, and tsx can be found). */
function startWorker(fromSources: boolean): Worker | null {
  const extension = path.extname(new URL(import.meta.url).pathname)
  const check = new URL(`./check-command-strings${extension}`, import.meta.url).href
  let tsx: string | null = null
  if (extension !== '.js') {
    if (!fromSources) return null
    try {
      tsx = import.meta.resolve('tsx/esm/api')
    } catch {
      return null
    }
  }
  return new Worker(WORKER_SOURCE, {eval: true, workerData: {check, tsx}, execArgv: []})
}
