/**
 * A memo of pure, slow computations on the real docs, keyed by what they are computed from (a kind and the
 * sha256 of each input text), so that suites asking for the same text again get the first answer. Lives as long as
 * the worker: the unit and integration projects run with `isolate: false`, so one file's answer serves the next.
 * Callers get a structured clone, so a test that changes its copy changes no other test's.
 */
import {createHash} from 'node:crypto'

const answers = new Map<string, unknown>()

/**
 * The value of `make()`, computed once per worker for `kind` and `texts`.
 *
 * @param kind what `make` computes (`remark-parse`): answers of different computations never mix.
 * @param texts every input `make` reads; `make` must read nothing else.
 * @param make a pure computation whose result is structured-cloneable.
 * @returns a fresh clone of the answer.
 */
export function memoByContent<T>(kind: string, texts: readonly string[], make: () => T): T {
  const hash = createHash('sha256').update(kind)
  for (const text of texts) hash.update(`\0${text.length}\0`).update(text)
  const key = hash.digest('hex')
  if (!answers.has(key)) answers.set(key, make())
  return structuredClone(answers.get(key)) as T
}
