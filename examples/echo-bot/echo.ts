/**
 * The echo bot on `createBot`: it answers every text message with the same text, in the chat it came from.
 * (`bot.ts` is the same bot written on the decoders alone, frame by frame.)
 *
 *   npx tsx examples/echo-bot/echo.ts [ws://localhost:5225]
 */
import WebSocket from 'ws'
import {createBot} from '../../generated/src/index.js'

const bot = createBot({url: process.argv[2] ?? 'ws://localhost:5225', WebSocket, profile: {displayName: 'echo'}})
bot.onMessage((ctx) => ctx.reply(ctx.text), {contentType: 'text'})
const {address} = await bot.start({signals: true})
console.log(`echoing; connect at ${address?.connLinkContact.connFullLink}, Ctrl-C to stop`)
