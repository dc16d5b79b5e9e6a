/**
 * A command bot with a menu: the apps show its commands (`commands`, sent as the profile's
 * `preferences.commands`); `/help`, `/roll [sides]` and `/say <words...>` are handled, anything else gets a
 * hint. Tested end to end with the test kit in `bot.test.ts`.
 */
import {createBot, type ChatBotOptions} from '../../generated/src/index.js'

/** The menu the apps show. */
export const MENU = [
  {keyword: 'help', label: 'What I can do'},
  {label: 'Games', commands: [{keyword: 'roll', label: 'Roll a die', params: '[sides]'}]},
  {keyword: 'say', label: 'Repeat words', params: '<words...>'},
]

export const HELP_TEXT = '/help: this text\n/roll [sides]: roll a die\n/say <words...>: I repeat them, one a line'

/**
 * Create the command bot (call `start()` on it).
 *
 * @param options where the core is (`url`, `WebSocket`), and any other option of `createBot`.
 * @param random source of the dice, from 0 to 1.
 */
export function createCommandBot(
  options: Omit<ChatBotOptions<'strict'>, 'profile' | 'mode'>,
  random: () => number = Math.random,
) {
  const bot = createBot({
    ...options,
    mode: 'strict',
    profile: {displayName: 'commands', fullName: 'Command bot'},
    commands: MENU,
    address: {welcome: 'Hello! Send /help.'},
  })
  bot.command('help', (ctx) => ctx.reply(HELP_TEXT))
  bot.command('roll', (ctx) => {
    const sides = ctx.args === '' ? 6 : Number(ctx.args)
    if (!Number.isInteger(sides) || sides < 2) return ctx.reply('/roll takes a whole number of sides, 2 or more')
    return ctx.reply(`🎲 ${1 + Math.floor(random() * sides)} (of ${sides})`)
  })
  // `argv` applies quotes: /say "two words" three → two lines.
  bot.command('say', (ctx) => ctx.reply(ctx.argv.join('\n') || '/say needs words'))
  bot.onMessage((ctx) => ctx.reply('Send /help to see what I can do.'), {chat: 'direct'})
  bot.onError((error, event) => console.error(`handler failed on ${event?.type}:`, error))
  return bot
}
