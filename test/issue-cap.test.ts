import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {decodeChatEvent, decodeFrame, DecodeError, assertChatEvent} from '../generated/src/index.js'
import {runNode} from './support/processes.js'

const root = path.resolve(import.meta.dirname, '..')

describe('the issue cap (maxIssues)', () => {
  it('a frame with 10^6 bad array elements decodes in lenient mode with exactly 100 issues and the count of the rest, under 500 MB', async () => {
    // A child process with a heap limit: without the cap, 10^6 issues with their paths and messages exceed it.
    const child = await runNode(
      ['--max-old-space-size=450', '--import', 'tsx', path.join('test', 'support', 'issue-cap-child.ts'), '1000000'],
      root,
    )
    expect(child.stderr).toBe('')
    expect(child.code).toBe(0)
    const report = JSON.parse(child.stdout)
    expect(report.frame).toEqual({
      kind: 'event',
      issues: 100,
      truncated: 999_900,
      paths: ['$.resp.chatItems[0]', '$.resp.chatItems[99]'],
    })
    expect(report.allErrors).toEqual({
      ok: false,
      issues: 100,
      truncated: 999_900,
      paths: ['$.chatItems[0]', '$.chatItems[99]'],
    })
    expect(report.maxRssMiB).toBeLessThan(500)
  }, 20_000)

  it('maxIssues sets the cap; Infinity lists every issue', () => {
    const value = {type: 'contactConnected', user: 1, contact: 2}
    const capped = decodeChatEvent(value, {mode: 'lenient', maxIssues: 1})
    expect(capped).toMatchObject({ok: true, truncated: 1})
    expect(capped.issues.map((issue) => issue.path)).toEqual(['$.user'])
    const all = decodeChatEvent(value, {allErrors: true, maxIssues: Infinity})
    expect(all).toMatchObject({ok: false, truncated: 0})
    expect(all.issues.map((issue) => issue.path)).toEqual(['$.user', '$.contact'])
    expect(decodeFrame(JSON.stringify({resp: value}), {allErrors: true, maxIssues: 1})).toMatchObject({
      kind: 'error',
      truncated: 1,
    })
  })

  it('assertChatEvent throws a DecodeError that says how many issues it does not list', () => {
    const value = {type: 'contactConnected', user: 1, contact: 2}
    try {
      assertChatEvent(value, {allErrors: true, maxIssues: 1})
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError)
      expect((error as DecodeError).truncated).toBe(1)
      expect((error as DecodeError).message).toBe('$.user: expected User object, got 1\n... and 1 more issues')
    }
  })
})
