/**
 * Run the echo bot against a chat core started with `simplex-chat -p 5225`:
 *
 *   npx tsx examples/echo-bot/main.ts [ws://localhost:5225] [--mode lenient|default|strict]
 */
import {parseArgs} from 'node:util'
import type {DecodeMode} from '../../generated/src/index.js'
import {startEchoBot} from './bot.js'

const MODES: readonly string[] = ['strict', 'default', 'lenient'] satisfies DecodeMode[]

const {positionals, values} = parseArgs({allowPositionals: true, options: {mode: {type: 'string', default: 'lenient'}}})
const url = positionals[0] ?? 'ws://localhost:5225'
if (!MODES.includes(values.mode)) {
  console.error(`--mode must be one of ${MODES.join(', ')}`)
  process.exit(2)
}

let bot
try {
  bot = await startEchoBot({url, mode: values.mode as DecodeMode})
} catch (error) {
  console.error(`cannot connect to ${url}: ${error instanceof Error ? error.message : String(error)}`)
  console.error('Is `simplex-chat -p <port>` running?')
  process.exit(1)
}

console.log('Ctrl-C to stop')
let stopping = false
process.once('SIGINT', () => {
  stopping = true
  void bot.close()
})
await bot.closed
console.log('stats:', bot.stats)
// The chat core going away is a failure; Ctrl-C is not.
process.exitCode = stopping ? 0 : 1
