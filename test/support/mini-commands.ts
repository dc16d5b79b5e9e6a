import {slug} from 'github-slugger'

/** One command of a small COMMANDS.md. */
export interface MiniCommand {
  name: string
  /** Parameter lines, e.g. `- text: string`. */
  parameters?: string[]
  /** The ```javascript syntax expression. */
  javascript: string
  /** The plain grammar line. */
  grammar?: string
  /** Responses: name paragraph and field lines after `- type: "tag"`. */
  responses?: {name: string; tag: string; fields?: string[]}[]
  /** Blocks inserted after the parameters, e.g. an unknown `**Marker**:` paragraph. */
  extra?: string[]
}

/** One command `Send` with a text parameter and a `sent` response carrying a user. */
export const MINI_COMMANDS: MiniCommand[] = [
  {
    name: 'Send',
    parameters: ['- text: string'],
    javascript: "'/send ' + text",
    responses: [{name: 'Sent', tag: 'sent', fields: ['- user: [User](./TYPES.md#user)']}],
  },
]

/** COMMANDS.md text for `commands`, all in one category, in the layout upstream generates. */
export function commandsDocument(commands: readonly MiniCommand[] = MINI_COMMANDS, category = 'Test commands'): string {
  const sections = commands.map((command) =>
    [
      `### ${command.name}`,
      '',
      'A command for tests.',
      '',
      '*Network usage*: no.',
      '',
      ...(command.parameters?.length ? ['**Parameters**:', ...command.parameters, ''] : []),
      ...(command.extra ?? []),
      '**Syntax**:',
      '',
      '```',
      command.grammar ?? '/x',
      '```',
      '',
      '```javascript',
      `${command.javascript} // JavaScript`,
      '```',
      '',
      '**Responses**:',
      '',
      ...(command.responses ?? []).flatMap((response) => [
        `${response.name}: A response.`,
        `- type: "${response.tag}"`,
        ...(response.fields ?? []),
        '',
      ]),
      '---',
      '',
    ].join('\n'),
  )
  return [
    '# API Commands and Responses',
    '',
    'This file is generated automatically.',
    '',
    `[${category}](#${slug(category)})`,
    ...commands.map((command) => `- [${command.name}](#${slug(command.name)})`),
    '',
    '---',
    '',
    `## ${category}`,
    '',
    'Commands for tests.',
    '',
    sections.join('\n'),
  ].join('\n')
}
