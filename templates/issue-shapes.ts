/**
 * Decode issues grouped by shape: what a server sends that the docs do not say, once per kind of difference
 * rather than once per frame. A lenient bot meets the same missing field in every event of a tag; it logs the
 * shape the first time and counts the rest. Meant to be copied into `generated/src/issue-shapes.ts`.
 *
 * A shape is the frame's tag, the issue's code, its path with array positions written `[]`, and what the docs
 * expect there: `newChatItems missing $.chatItems[].chatInfo.contact.activeConn (Connection object)`. Map keys
 * stay in the path (a path does not say which of its keys are map keys). Shapes are bounded: past `limit`,
 * new shapes are only counted in `overflow`, so a server cannot make a client hold unbounded state.
 */

import type {DecodeIssue, DecodeIssueCode} from './runtime.js'

/** One kind of decode issue, with how often it was seen. */
export interface IssueShape {
  /** `tag code path (expected)`: equal for issues of one shape. */
  readonly key: string
  /** The tag of the event or response the issue was in (`undefined` for a frame without one). */
  readonly tag: string | undefined
  readonly code: DecodeIssueCode
  /** The issue's path with array positions as `[]`: `$.chatItems[].chatInfo.type`. */
  readonly path: string
  readonly expected: string
  /** The first issue of this shape, as the decoder reported it. */
  readonly first: DecodeIssue
  /** Issues of this shape so far. */
  readonly count: number
}

/** The shapes of the issues seen so far. */
export interface IssueShapes {
  /** Count each issue under its shape; returns the shapes seen for the first time, in order. */
  add(tag: string | undefined, issues: readonly DecodeIssue[]): IssueShape[]
  /** Every shape seen, in the order first seen, with its count. */
  list(): IssueShape[]
  /** Issues whose shape was new once `limit` shapes were held (counted, not kept). */
  readonly overflow: number
}

/** Default most shapes held. */
export const DEFAULT_ISSUE_SHAPE_LIMIT = 1000

// `[12]` in a path: an array position (a map key is `.key` or `["key"]`; one that holds `[1]` is grouped too).
const POSITION = /\[\d+\]/g

/** The path of `issue` with array positions written `[]`. */
export function shapePath(path: string): string {
  return path.replace(POSITION, '[]')
}

/** The key of the shape of `issue` in a frame tagged `tag`. */
export function issueShapeKey(tag: string | undefined, issue: DecodeIssue): string {
  return `${tag ?? '(no tag)'} ${issue.code} ${shapePath(issue.path)} (${issue.expected})`
}

/** An empty set of shapes holding at most `limit` (default `DEFAULT_ISSUE_SHAPE_LIMIT`). */
export function createIssueShapes(limit: number = DEFAULT_ISSUE_SHAPE_LIMIT): IssueShapes {
  const shapes = new Map<string, {-readonly [K in keyof IssueShape]: IssueShape[K]}>()
  let overflow = 0
  return {
    add(tag, issues) {
      const added: IssueShape[] = []
      for (const issue of issues) {
        const key = issueShapeKey(tag, issue)
        const known = shapes.get(key)
        if (known !== undefined) known.count++
        else if (shapes.size >= limit) overflow++
        else {
          const path = shapePath(issue.path)
          const shape = {key, tag, code: issue.code, path, expected: issue.expected, first: issue, count: 1}
          shapes.set(key, shape)
          added.push({...shape})
        }
      }
      return added
    },
    list: () => [...shapes.values()].map((shape) => ({...shape})),
    get overflow() {
      return overflow
    },
  }
}
