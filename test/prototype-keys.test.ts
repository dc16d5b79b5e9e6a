/**
 * Issue 16, "Untrusted docs, round 2": doc text that names a member of `Object.prototype`
 * (`constructor`, `__proto__`, `toString`, ...) must never be looked up as an inherited
 * property. In every place a doc string keys a lookup it gives a located error or the
 * right result: never a crash (`DataCloneError`), and never an inherited value taken for
 * a table entry (`**toString**:` as a type kind).
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {InputError} from '../generator/input-error.js'
import {compareSchemas} from '../generator/diff/compare.js'
import {emitLibrary} from '../generator/emit/index.js'
import {applyOverlay, type Correction} from '../generator/overlay/index.js'
import {readOverlay} from '../generator/overlay/entries.js'
import {buildSchema} from '../generator/pipeline.js'
import type {Schema} from '../generator/schema/types.js'
import {type Docs, PLACES, PROTOTYPE_KEYS} from './support/keyed-places.js'
import {commandsDocument, MINI_COMMANDS} from './support/mini-commands.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument} from './support/mini-spec.js'

interface Outcome {
  schema: Schema | null
  /** Every message, as `FILE:line:column rule`. */
  errors: string[]
}

/**
 * Outcomes by the docs they were generated from: the same docs come back several times per key (the place
 * tests, then the overlay and diff tests re-generate those places and the plain mini spec), and the outcome of
 * a pure build and emission is the same each time. A test gets its own copy; a throw is the same promise, so
 * every test that generates those docs fails with it.
 */
const outcomes = new Map<string, Promise<Outcome>>()

/** Build, apply an empty overlay and emit in memory, as `generate` does; any throw fails the test. */
async function generate(docs: Docs): Promise<Outcome> {
  const key = JSON.stringify([docs.events ?? null, docs.types ?? null, docs.commands ?? null])
  let outcome = outcomes.get(key)
  if (outcome === undefined) outcomes.set(key, (outcome = generateNow(docs)))
  return structuredClone(await outcome)
}

async function generateNow(docs: Docs): Promise<Outcome> {
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: docs.events ?? eventsDocument(MINI_EVENTS)}),
    types: new VFile({path: 'TYPES.md', value: docs.types ?? typesDocument(MINI_TYPES)}),
    commands: new VFile({path: 'COMMANDS.md', value: docs.commands ?? commandsDocument(MINI_COMMANDS)}),
  })
  const errors = result.files.flatMap((file) =>
    file.messages.filter((message) => message.fatal).map((m) => `${file.path}:${m.line}:${m.column} ${m.ruleId}`),
  )
  if (!result.ok) return {schema: null, errors}
  const schema = applyOverlay(result.schema, {corrections: []})
  await emitLibrary({schema, overlaySha256: null, generatorVersion: '0', format: false})
  return {schema, errors}
}

describe.each(PROTOTYPE_KEYS)('`%s` in every keyed place of the docs', (key) => {
  it.each(Object.keys(PLACES))('as the %s: a located error or a schema holding it, never a crash', async (place) => {
    const {schema, errors} = await generate(PLACES[place]!(key))
    if (schema === null) {
      expect(errors.length).toBeGreaterThan(0)
      for (const error of errors) expect(error).toMatch(/^(EVENTS|TYPES|COMMANDS)\.md:\d+:\d+ [a-z-]+$/)
    } else {
      expect(JSON.stringify(schema)).toContain(JSON.stringify(key))
    }
  })

  it('as a table-of-contents group label: a `toc` error where the label is', async () => {
    const {schema, errors} = await generate(PLACES['EVENTS.md table-of-contents group label']!(key))
    expect(schema).toBeNull()
    // The label's line (6), then the event it would have listed, which is now missing from the contents.
    expect(errors).toEqual(['EVENTS.md:6:1 toc', expect.stringMatching(/^EVENTS\.md:\d+:1 toc$/)])
  })

  it('as a type kind (`**key**:`): not a kind, a located error', async () => {
    const {schema, errors} = await generate(PLACES['type kind']!(key))
    expect(schema).toBeNull()
    expect(errors[0]).toMatch(/^TYPES\.md:\d+:1 unknown-kind$/)
  })

  it('as a command section marker (`**key**:`): an `unknown-section` error', async () => {
    const {schema, errors} = await generate(PLACES['command section marker']!(key))
    expect(schema).toBeNull()
    expect(errors).toEqual([expect.stringMatching(/^COMMANDS\.md:\d+:1 unknown-section$/)])
  })

  it('in an overlay target: an overlay error, or the named field corrected', async () => {
    const {schema} = await generate(PLACES['record field name']!(key))
    const base = schema ?? (await generate({})).schema!
    for (const target of [`${key}.x`, `User.${key}`, `Shape.${key}.radius`, `event ${key}.user`]) {
      const correction: Correction = {target, from: 'int', to: 'string', reason: 'r', evidence: 'e'}
      let corrected: Schema | null = null
      try {
        corrected = applyOverlay(base, {corrections: [correction]})
      } catch (error) {
        expect(error, String(error)).toBeInstanceOf(InputError)
        continue
      }
      expect(JSON.stringify(corrected)).toContain('"docsType":"int"')
    }
  })

  it('in an overlay addition (its tag, a field name): an overlay error, or the response added and emitted', async () => {
    const base = (await generate({})).schema!
    const text = JSON.stringify({additions: [{response: key, fields: [`${key}: int`], reason: 'r', evidence: 'e'}]})
    let added: Schema
    try {
      added = applyOverlay(base, readOverlay(JSON.parse(text), 'overlay.json'))
    } catch (error) {
      expect(error, String(error)).toBeInstanceOf(InputError)
      return
    }
    expect(added.addedResponses?.map((response) => [response.tag, response.fields[0]?.name])).toEqual([[key, key]])
    const files = await emitLibrary({schema: added, overlaySha256: null, generatorVersion: '0', format: false})
    expect(files.get('src/responses.ts')).toContain(`type: ${JSON.stringify(key)}`)
  })

  it('diff: a version holding it compared with one without, both ways, lists the changes', async () => {
    const plain = (await generate({})).schema!
    for (const place of ['event name', 'type name', 'record field name', 'enum value', 'command name']) {
      const {schema} = await generate(PLACES[place]!(key))
      if (schema === null) continue
      const added = compareSchemas(plain, schema)
      expect(
        added.some((change) => change.subject.includes(key)),
        place,
      ).toBe(true)
      expect(compareSchemas(schema, plain).length).toBe(added.length)
    }
  })
})
