/**
 * Run the command bot against a chat core started with `simplex-chat -p 5225`:
 *
 *   npx tsx examples/command-bot/main.ts [ws://localhost:5225]
 */
import WebSocket from 'ws'
import {createCommandBot} from './bot.js'

const bot = createCommandBot({url: process.argv[2] ?? 'ws://localhost:5225', WebSocket})
try {
  const {user, address} = await bot.start({signals: true})
  console.log(`${user.profile.displayName} at ${address?.connLinkContact.connFullLink}; Ctrl-C to stop`)
} catch (error) {
  // A BotStartError says which step and which command failed.
  console.error(error instanceof Error ? error.message : error)
  await bot.stop()
  process.exitCode = 1
}
