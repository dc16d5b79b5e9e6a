/**
 * Run the client bot against a chat core started with `simplex-chat -p 5225`:
 *
 *   npx tsx examples/client-bot/main.ts [ws://localhost:5225]
 */
import WebSocket from 'ws'
import {createBot} from './bot.js'

const url = process.argv[2] ?? 'ws://localhost:5225'
// The `ws` package's WebSocket runs on every supported Node (20 has no global one); browsers pass none.
const bot = createBot({url, WebSocket})
try {
  await bot.connect()
} catch (error) {
  console.error(`cannot connect to ${url}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
console.log('Ctrl-C to stop')
process.once('SIGINT', () => void bot.close())
