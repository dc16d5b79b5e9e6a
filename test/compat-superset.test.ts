/**
 * The superset property of the compatibility build (issue 17): every value the build of one doc version
 * accepts, the compat build accepts.
 *
 * What is compared, for each doc version (the three of spec/compat/ and the pinned spec/ alone):
 *
 * - its single-version build: `generate --spec <version> --no-compat --overlay spec/overlay.json`, generated
 *   in memory. The overlay is applied because the compat build applies it: without it a version accepts what
 *   the overlay deliberately rejects (`User.agentUserId` as a string, which the docs say but the wire never
 *   sends). Every entry applies to every version today; one that stops applying fails here loudly.
 * - the compat build: `generate` of spec/ (compat.json's versions, the overlay), also generated in memory, so
 *   this tests the generator as it is, not a stale generated/ (`npm run check` holds generated/ to the same).
 * - the values: drawn (fixed seed) from the version's own schema, overlay applied, so they are what its build
 *   accepts in strict mode: every event, every response of `ChatResponse` (versions with COMMANDS.md, and the
 *   overlay's additions in every version) and every TYPES.md type. Each value is first checked against the
 *   version's build (the arbitraries are right), then the compat build must accept it in default mode and in
 *   strict mode (a value with only that version's fields has only fields the merge knows).
 *
 * fast-check shrinks a counterexample to a small value: a merge bug of `generator/compat/`, fixed there.
 */
import path from 'node:path'
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import type {DecodeMode, DecodeResult} from '../generated/src/index.js'
import type {Schema} from '../generator/schema/types.js'
import {valueArbitraries, type ValueArbitraries} from './support/arbitraries.js'
import {importDecodersOf, type Decoders} from './support/decoders-of.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const SPEC = path.join(ROOT, 'spec')
const OVERLAY = path.join(SPEC, 'overlay.json')
/** The doc versions, oldest first, each as its folder: the pinned spec/ is the newest. */
const VERSIONS = ['spec/compat/2025-09-27', 'spec/compat/2026-088a33e', 'spec/compat/2026-fork-d94cbb0', 'spec']

const SEED = process.env.PROPERTY_SEED === undefined ? 0x5_0e_17 : Number(process.env.PROPERTY_SEED)
/**
 * Runs per event, per response and per type of each version (~11k values): the file takes about 25 s on a
 * 2-core machine, most of it generating the five builds. `PROPERTY_RUNS=full` for ~10 times as many.
 */
const RUNS =
  process.env.PROPERTY_RUNS === 'full' ? {event: 400, response: 150, type: 100} : {event: 40, response: 15, type: 10}
const MODES: readonly DecodeMode[] = ['default', 'strict']

interface Version {
  folder: string
  decoders: Decoders
  schema: Schema
  arbitraries: ValueArbitraries
}

let compat: Decoders
const versions: Version[] = []

beforeAll(async () => {
  const built = await importDecodersOf(SPEC, OVERLAY, 'declared')
  compat = built.decoders
  for (const folder of VERSIONS) {
    const {decoders, schema} = await importDecodersOf(path.join(ROOT, folder), OVERLAY, [])
    versions.push({folder, decoders, schema, arbitraries: valueArbitraries(schema)})
  }
})

type Decode = (value: unknown, options: {mode: DecodeMode}) => DecodeResult<unknown>

/** Why `decode` does not accept `value` in `mode`, or `null` when it does (ok, no issues). */
function rejection(decode: Decode, value: unknown, mode: DecodeMode): string | null {
  const result = decode(value, {mode})
  if (result.ok && result.issues.length === 0) return null
  return result.ok ? result.issues.map((issue) => issue.message).join('; ') : result.error.message
}

/**
 * `arbitrary`'s values, accepted by the version's build in strict mode, are accepted by the compat build.
 *
 * @returns fast-check's report of the shrunk counterexample, or `null`: a test lists every failing node at once.
 */
function supersetFailure(
  what: string,
  arbitrary: fc.Arbitrary<unknown>,
  runs: number,
  single: Decode,
  merged: Decode,
): string | null {
  const details = fc.check(
    fc.property(arbitrary, (value) => {
      const own = rejection(single, value, 'strict')
      if (own !== null) throw new Error(`${what}: the version's own build rejects a drawn value (${own})`)
      for (const mode of MODES) {
        const problem = rejection(merged, value, mode)
        if (problem !== null) throw new Error(`${what}: the compat build rejects it in ${mode} mode: ${problem}`)
      }
    }),
    {seed: SEED, numRuns: runs},
  )
  if (!details.failed) return null
  const {seed, counterexamplePath, counterexample, errorInstance} = details
  const message = errorInstance instanceof Error ? errorInstance.message.split('\n')[0] : String(errorInstance)
  return `${message} (seed ${seed}, path ${counterexamplePath}): ${JSON.stringify(counterexample?.[0])}`
}

/** The `decode<Type>` of a build. */
function typeDecoder(decoders: Decoders, name: string): Decode {
  const decoder = (decoders as unknown as Record<string, unknown>)[`decode${name}`]
  if (typeof decoder !== 'function') throw new Error(`no decode${name}`)
  return decoder as Decode
}

describe.each(VERSIONS.map((folder, index) => ({folder, index})))(
  'the compat build accepts what $folder accepts',
  ({index}) => {
    const version = () => versions[index]!

    it('every event', () => {
      const {schema, arbitraries, decoders} = version()
      const failures = schema.events.map((event) =>
        supersetFailure(
          `event ${event.name}`,
          arbitraries.events[event.name]!,
          RUNS.event,
          decoders.decodeChatEvent,
          compat.decodeChatEvent,
        ),
      )
      expect(failures.filter(Boolean)).toEqual([])
    })

    it('every response', () => {
      const {arbitraries, decoders} = version()
      const failures = Object.entries(arbitraries.responses).map(([tag, arbitrary]) =>
        supersetFailure(
          `response ${tag}`,
          arbitrary,
          RUNS.response,
          decoders.decodeChatResponse,
          compat.decodeChatResponse,
        ),
      )
      expect(failures.filter(Boolean)).toEqual([])
    })

    it('every type', () => {
      const {schema, arbitraries, decoders} = version()
      const failures = schema.types.map((type) =>
        supersetFailure(
          `type ${type.name}`,
          arbitraries.types[type.name]!,
          RUNS.type,
          typeDecoder(decoders, type.name),
          typeDecoder(compat, type.name),
        ),
      )
      expect(failures.filter(Boolean)).toEqual([])
    })
  },
)
