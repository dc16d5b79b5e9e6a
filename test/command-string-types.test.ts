/**
 * The whitelist of command syntax expressions accepts `text.join(',')` whatever `text` is; the
 * generated package would then fail to compile. Each compiled template is type-checked against its
 * parameter types when the schema is built: a located `syntax-type` error.
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {buildSchema} from '../generator/pipeline.js'
import {commandsDocument, type MiniCommand} from './support/mini-commands.js'
import {eventsDocument, MINI_EVENTS, MINI_TYPES, typesDocument} from './support/mini-spec.js'

function build(commands: MiniCommand[]) {
  const text = commandsDocument(commands)
  const result = buildSchema({
    events: new VFile({path: 'EVENTS.md', value: eventsDocument(MINI_EVENTS)}),
    types: new VFile({path: 'TYPES.md', value: typesDocument(MINI_TYPES)}),
    commands: new VFile({path: 'COMMANDS.md', value: text}),
  })
  const messages = result.files.flatMap((file) =>
    file.messages.map(
      (message) => `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`,
    ),
  )
  /** The 1-based line of the first line of COMMANDS.md that starts with `code`. */
  const lineOf = (code: string) => text.split('\n').findIndex((line) => line.startsWith(code)) + 1
  return {ok: result.ok, messages, lineOf}
}

const sent = [{name: 'Sent', tag: 'sent'}]

describe('command syntax expressions are type-checked against their parameters', () => {
  it('`text.join` on a string parameter is a `syntax-type` error at the syntax block', () => {
    const {ok, messages, lineOf} = build([
      {name: 'Tags', parameters: ['- tags: [string]'], javascript: "'/tags ' + tags.join(',')", responses: sent},
      {name: 'Send', parameters: ['- text: string'], javascript: "'/send ' + text.join(',')", responses: sent},
    ])
    expect(ok).toBe(false)
    expect(lineOf("'/send ' + text.join")).toBeGreaterThan(1)
    expect(messages).toEqual([
      `COMMANDS.md:${lineOf("'/send ' + text.join")}:1 syntax-type The syntax of command \`Send\` does not type-check: ` +
        "Property 'join' does not exist on type 'string'.",
    ])
  })

  it('well-typed expressions build', () => {
    const {ok, messages} = build([
      {name: 'Tags', parameters: ['- tags: [string]'], javascript: "'/tags ' + tags.join(',')", responses: sent},
    ])
    expect(messages).toEqual([])
    expect(ok).toBe(true)
  })
})
