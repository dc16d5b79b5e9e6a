/**
 * Child process of test/issue-cap.test.ts: decodes a frame whose `chatItems` holds `count` wrong elements,
 * in lenient mode and in default mode with `allErrors`, and prints what came out and its peak memory.
 *
 *     node --import tsx test/support/issue-cap-child.ts COUNT
 */
import path from 'node:path'
import {invitationForNewestDocs} from './frames.js'
import {pinnedSource, runFolder} from './run-folder.js'

// The library of this test run's pinned build (the folder its vitest names in the environment this inherits).
const {decodeChatEventJson, decodeFrame} = (await import(
  path.join(pinnedSource(runFolder()), 'index.ts')
)) as typeof import('../../generated/src/index.js')

const count = Number(process.argv[2])
// A whole user of the pinned docs: the real v6.5.4.1 one, completed (see `invitationForNewestDocs`).
const user = JSON.stringify(invitationForNewestDocs().user)
const event = `{"type":"newChatItems","user":${user},"chatItems":[${'1,'.repeat(count - 1)}1]}`

const frame = decodeFrame(`{"resp":${event}}`, {mode: 'lenient'})
const all = decodeChatEventJson(event, {allErrors: true})
const paths = (issues: readonly {path: string}[]) => [issues[0]?.path, issues.at(-1)?.path]
console.log(
  JSON.stringify({
    frame: {
      kind: frame.kind,
      issues: frame.kind === 'unknown' ? -1 : frame.issues.length,
      truncated: frame.kind === 'unknown' ? -1 : frame.truncated,
      paths: frame.kind === 'unknown' ? [] : paths(frame.issues),
    },
    allErrors: {ok: all.ok, issues: all.issues.length, truncated: all.truncated, paths: paths(all.issues)},
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
)
