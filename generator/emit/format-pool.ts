import os from 'node:os'
import {Worker} from 'node:worker_threads'
import * as prettier from 'prettier'

/**
 * Prettier over several files at once: prettier is single-threaded and most of a generation's time, so the
 * emitted files are formatted by worker threads (each with prettier of its own) while this thread emits the
 * rest, and by this thread too once it has nothing else to do. The output is what `prettier.format` gives
 * for each file on its own: the same options, the same prettier module.
 */
export interface FormatPool {
  /** Format `text` with `options` (as `prettier.format`); started at once when a worker is free. */
  format(text: string, options: prettier.Options): Promise<string>
  /** Lend this thread to the pool until every file submitted so far is formatted, then stop the workers. */
  drain(): Promise<void>
  /** Stop the workers now (after a failure): files not yet formatted stay unsettled. */
  close(): Promise<void>
}

interface Job {
  text: string
  options: prettier.Options
  resolve: (text: string) => void
  reject: (error: unknown) => void
}

/** The worker: loads prettier (the URL this module resolved) and formats what it is sent. */
const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
import(workerData.prettier).then((prettier) => {
  parentPort.on('message', async ({text, options}) => {
    try {
      parentPort.postMessage({text: await prettier.format(text, options)})
    } catch (error) {
      parentPort.postMessage({error: String(error && error.message ? error.message : error)})
    }
  })
})
`

/** How many workers beside this thread: one fewer than the cores, at most `max`. */
export function defaultWorkerCount(max = 3): number {
  return Math.max(0, Math.min(max, os.availableParallelism() - 1))
}

/**
 * A pool of `workers` threads (none: everything is formatted here, in order, by `drain`). Workers start now,
 * so loading prettier in them overlaps whatever this thread does before the first file comes.
 */
export function createFormatPool(workers = defaultWorkerCount()): FormatPool {
  const queue: Job[] = []
  const idle: Worker[] = []
  let threads: Worker[] = []
  /** Jobs submitted and not yet settled; `wake` tells a waiting `drain` that one settled or came back. */
  let outstanding = 0
  let wake = () => {}
  let prettierUrl: string | null = null
  try {
    prettierUrl = import.meta.resolve('prettier')
  } catch {
    workers = 0
  }

  // Largest first: the pool finishes when its longest file does.
  const take = (): Job | undefined => {
    let largest = 0
    for (let index = 1; index < queue.length; index++)
      if (queue[index]!.text.length > queue[largest]!.text.length) largest = index
    return queue.splice(largest, 1)[0]
  }

  const run = (worker: Worker) => {
    const job = take()
    if (!job) {
      idle.push(worker)
      return
    }
    const onMessage = (reply: {text?: string; error?: string}) => {
      worker.off('error', onFailure)
      if (reply.text !== undefined) job.resolve(reply.text)
      // Formatted again here, for prettier's own error (its class, location and message) rather than a copy.
      else prettier.format(job.text, job.options).then(job.resolve, job.reject)
      run(worker)
    }
    // A worker that fails (out of memory, killed) hands its file back; this thread formats it in `drain`.
    const onFailure = () => {
      worker.off('message', onMessage)
      threads = threads.filter((each) => each !== worker)
      queue.push(job)
      wake()
    }
    worker.once('message', onMessage)
    worker.once('error', onFailure)
    worker.postMessage({text: job.text, options: job.options})
  }

  for (let count = 0; count < workers; count++) {
    const worker = new Worker(WORKER_SOURCE, {eval: true, workerData: {prettier: prettierUrl}, execArgv: []})
    threads.push(worker)
    idle.push(worker)
  }

  const settle = (job: Job): Job => ({
    ...job,
    resolve: (text) => {
      outstanding--
      job.resolve(text)
      wake()
    },
    reject: (error) => {
      outstanding--
      job.reject(error)
      wake()
    },
  })

  return {
    format(text, options) {
      return new Promise<string>((resolve, reject) => {
        outstanding++
        queue.push(settle({text, options, resolve, reject}))
        const worker = idle.pop()
        if (worker) run(worker)
      })
    },
    async drain() {
      try {
        while (outstanding > 0) {
          const job = take()
          if (job) {
            try {
              job.resolve(await prettier.format(job.text, job.options))
            } catch (error) {
              job.reject(error)
            }
          } else await new Promise<void>((resolve) => (wake = resolve))
        }
      } finally {
        await this.close()
      }
    },
    async close() {
      wake = () => {}
      const stopping = threads
      threads = []
      idle.length = 0
      await Promise.all(stopping.map((worker) => worker.terminate()))
    },
  }
}
