/**
 * The stages of generator/ only flow forward: no folder imports a folder that imports it back, and the IR
 * (`schema/`) depends on nothing of the generator but the diagnostics it reports with.
 */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {cyclesOf, formatStageGraph, stageGraph} from './support/stage-graph.js'

const generator = path.resolve(import.meta.dirname, '../generator')

describe('the stage graph of generator/', () => {
  const graph = stageGraph(generator)

  it('has no import cycle between folders', () => {
    expect(cyclesOf(graph), formatStageGraph(graph)).toEqual([])
  })

  it('reads the stages it is made of', () => {
    // A walk that found no files would also have no cycle.
    expect([...graph.keys()]).toEqual(
      expect.arrayContaining(['load/', 'parse/', 'schema/', 'names/', 'overlay/', 'emit/', 'write/', 'pipeline.ts']),
    )
    expect(graph.get('pipeline.ts')).toEqual(expect.arrayContaining(['load/', 'parse/', 'schema/', 'emit/']))
  })

  it('keeps schema/ free of the stages: it imports only the diagnostics it reports with', () => {
    expect(graph.get('schema/')).toEqual(['diagnostics.ts'])
  })

  it('keeps the library stages free of the CLI', () => {
    for (const stage of ['load/', 'parse/', 'schema/', 'names/', 'overlay/', 'emit/', 'write/', 'diff/', 'compat/'])
      expect(graph.get(stage), stage).not.toContain('cli-io.ts')
  })
})

describe('cyclesOf', () => {
  it('finds a cycle through two folders, and none in a chain', () => {
    const cycle = new Map([
      ['parse/', ['schema/']],
      ['schema/', ['parse/']],
    ])
    expect(cyclesOf(cycle)).toEqual([['parse/', 'schema/', 'parse/']])
    expect(
      cyclesOf(
        new Map([
          ['a/', ['b/']],
          ['b/', ['c/']],
          ['c/', []],
        ]),
      ),
    ).toEqual([])
  })
})
