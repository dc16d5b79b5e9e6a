import {describe, expect, it} from 'vitest'
import {BOT_COMMANDS} from '../../templates/bot.js'
import {missingBotCommands} from '../../generator/emit/chat-bot.js'
import {emitLibrary} from '../../generator/emit/index.js'
import type {Schema} from '../../generator/schema/types.js'
import {TINY} from '../support/tiny-schema.js'

/** TINY with a command of each name in `names` (each a copy of its first command, renamed). */
function withCommands(names: readonly string[]): Schema {
  const [template] = TINY.commands
  if (!template) throw new Error('TINY has no command to copy')
  return {...TINY, commands: [...TINY.commands, ...names.map((name) => ({...template, name}))]}
}

describe('the bot layer is emitted only for a spec with every command it sends', () => {
  it('names the commands a spec lacks, in the order the bot uses them', () => {
    expect(missingBotCommands(TINY)).toEqual([...BOT_COMMANDS])
    expect(missingBotCommands(withCommands(BOT_COMMANDS.slice(1)))).toEqual(['ShowActiveUser'])
    expect(missingBotCommands(withCommands(BOT_COMMANDS))).toEqual([])
  })

  it('without them: no bot.ts, no chat-bot.ts, no bot export, and the README says which commands are missing', async () => {
    const files = await emitLibrary({schema: TINY, overlaySha256: null, generatorVersion: '0', format: false})
    expect(files.has('src/bot.ts') || files.has('src/chat-bot.ts')).toBe(false)
    expect(files.get('src/index.ts')).not.toMatch(/["']\.\/(chat-)?bot\.js["']|createBot/)
    expect(files.get('README.md')).toContain('## No bot layer in this build')
    expect(files.get('README.md')).toContain('`ShowActiveUser`, `CreateActiveUser`')
  })

  it('with them: bot.ts, chat-bot.ts and createBot exported', async () => {
    const schema = withCommands(BOT_COMMANDS)
    const files = await emitLibrary({schema, overlaySha256: null, generatorVersion: '0', format: false})
    expect(files.has('src/bot.ts') && files.has('src/chat-bot.ts')).toBe(true)
    expect(files.get('src/index.ts')).toMatch(/createBot[\s\S]*["']\.\/chat-bot\.js["']/)
    expect(files.get('README.md')).toContain('## A bot in 10 lines')
  })
})
