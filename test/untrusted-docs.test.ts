/**
 * Issue "Untrusted docs": no doc text becomes code. A name that would become an
 * identifier passes one rule or is a located error (exit 2); every other doc string
 * reaches the output escaped for its context, so importing the package runs nothing
 * from the docs.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {generateInMemory} from '../generator/pipeline.js'
import {runCliCapturing} from './support/run-cli.js'
import {temporaryFolder} from './support/temp-folders.js'
import {
  eventsDocument,
  MINI_EVENTS,
  MINI_TYPES,
  typesDocument,
  writeMiniSpec,
  type MiniEvent,
  type MiniType,
} from './support/mini-spec.js'

/** The review's heading, as markdown writes it (`\*` is a literal star). */
const PAYLOAD = 'Zz//\\*/ export const pwned = 1; /\\*'
const LS = '\u2028'
const PS = '\u2029'

/** `schema --spec` on a mini spec: its exit code and what it printed. */
async function schemaOf(types: MiniType[], events: MiniEvent[] = MINI_EVENTS) {
  return runCliCapturing('schema', '--spec', await writeMiniSpec(types, events))
}

describe('critical: code from the docs', () => {
  it('a record type heading carrying code and U+2028 is a located identifier error, exit 2', async () => {
    // The review's repro: `## Zz//\*/ export const pwned = 1; /\*` then U+2028.
    const name = `${PAYLOAD}${LS}`
    const types = [...MINI_TYPES, {name, body: ['**Record type**:', '- x: int']}]
    const {code, stdout, stderr} = await schemaOf(types)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(
      /TYPES\.md\n\d+:1\s+error\s+Type name `Zz\/\/\*\/ export const pwned = 1; \/\*\\u2028` cannot be a TypeScript identifier/,
    )
    expect(stderr).toContain('identifier')
    const out = path.join(await temporaryFolder('out-'), 'generated')
    const generate = await runCliCapturing('generate', '--spec', await writeMiniSpec(types), '--out', out)
    expect(generate.code).toBe(2)
  })

  it('an event heading carrying code and U+2029 is a located identifier error, exit 2', async () => {
    const events = [...MINI_EVENTS, {name: `${PAYLOAD}${PS}`, tag: 'pwned'}]
    const {code, stderr} = await schemaOf(MINI_TYPES, events)
    expect(code).toBe(2)
    expect(stderr).toMatch(/EVENTS\.md\n\d+:1\s+error\s+Event name `Zz[^`]*` cannot be a TypeScript identifier/)
  })

  it('a union member name that is a reserved word is a located identifier error, exit 2', async () => {
    const types = MINI_TYPES.map((type) =>
      type.name === 'Shape' ? {...type, body: type.body.map((line) => (line === 'Dot:' ? 'default:' : line))} : type,
    )
    const {code, stderr} = await schemaOf(types)
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /error\s+Union member name `default` cannot be a TypeScript identifier: it is a reserved word/,
    )
  })

  it('`## Blocking-Reason` is a located identifier error, not a crash inside prettier', async () => {
    const types = [...MINI_TYPES, {name: 'Blocking-Reason', body: ['**Enum type**:', '- "spam"']}]
    const {code, stderr} = await schemaOf(types)
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /\d+:1\s+error\s+Type name `Blocking-Reason` cannot be a TypeScript identifier: only ASCII letters/,
    )
  })

  it('reserved words and non-ASCII letters are refused as names', async () => {
    for (const name of ['default', 'string', 'Usér', '1User', 'constructor']) {
      const {code, stderr} = await schemaOf([...MINI_TYPES, {name, body: ['**Enum type**:', '- "a"']}])
      expect(code, name).toBe(2)
      expect(stderr, name).toContain('cannot be a TypeScript identifier')
    }
  })

  it('over --spec URL the same heading is refused with exit 2', async () => {
    const documents: Record<string, string> = {
      'TYPES.md': typesDocument([...MINI_TYPES, {name: `${PAYLOAD}${LS}`, body: ['**Record type**:', '- x: int']}]),
      'EVENTS.md': eventsDocument(MINI_EVENTS),
    }
    const server: Server = createServer((request, response) => {
      const name = path.basename(request.url ?? '')
      if (documents[name]) response.writeHead(200, {'content-type': 'text/plain'}).end(documents[name])
      else response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`
      const out = path.join(await temporaryFolder('out-'), 'generated')
      const {code, stderr} = await runCliCapturing('generate', '--spec', url, '--out', out)
      expect(code).toBe(2)
      expect(stderr).toContain('cannot be a TypeScript identifier')
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('diff flags a name that is not an identifier as an error (exit 2), never as a safe change', async () => {
    const old = await writeMiniSpec()
    const next = await writeMiniSpec([...MINI_TYPES, {name: `${PAYLOAD}${LS}`, body: ['**Record type**:', '- x: int']}])
    const {code, stdout, stderr} = await runCliCapturing('diff', old, next, '--fail-on', 'none')
    expect(code).toBe(2)
    expect(stdout).not.toContain('safe')
    expect(stderr).toContain('cannot be a TypeScript identifier')
  })
})

describe('name collisions are located errors, not uncompilable output', () => {
  const record = (name: string): MiniType => ({name, body: ['**Record type**:', '- x: int']})
  const cases: {finding: string; types?: MiniType[]; events?: MiniEvent[]; message: RegExp}[] = [
    {
      finding: 'a type named Frame (decodeFrame)',
      types: [record('Frame')],
      message: /`decodeFrame`, generated for type `Frame` in decode\.ts, is already taken by the generator's own code/,
    },
    {finding: 'a type named ChatEvent', types: [record('ChatEvent')], message: /generated for type `ChatEvent`/},
    {
      finding: 'a type named Value (decodeValue)',
      types: [record('Value')],
      message: /`decodeValue`, generated for type `Value`/,
    },
    {
      // The self import is made where a member's name hides a type its fields name (`Wrap.User` names `User`).
      finding: 'a type named Types (the self import)',
      types: [
        record('Types'),
        {name: 'Wrap', body: ['**Discriminated union type**:', '', 'User:', '- type: "user"', '- user: [User](#user)']},
      ],
      message: /`Types`, generated for type `Types` in types\.ts/,
    },
    {
      finding: 'a type named Event_UserSeen (checkEvent_UserSeen)',
      types: [record('Event_UserSeen')],
      message:
        /`checkEvent_UserSeen`, generated for event `UserSeen` in decode\.ts, is already taken by type `Event_UserSeen`/,
    },
    {
      finding: 'unions A_B + member C against A + member B_C',
      types: [
        // With fields: a member without any has no check of its own (its union's switch accepts it).
        {name: 'A_B', body: ['**Discriminated union type**:', '', 'C:', '- type: "c"', '- x: int']},
        {name: 'A', body: ['**Discriminated union type**:', '', 'B_C:', '- type: "bc"', '- y: int']},
      ],
      message:
        /`checkA_B_C`, generated for member `B_C` of type `A` in decode\.ts, is already taken by member `C` of type `A_B`/,
    },
    {
      finding: 'enums CHATType and ChatType',
      types: [
        {name: 'CHATType', body: ['**Enum type**:', '- "a"']},
        {name: 'ChatType', body: ['**Enum type**:', '- "b"']},
      ],
      // Their `chatTypeValues` would collide too: names are checked for collisions once the docs check, so the
      // case is the one error (names differing in more than case never give one value-list name).
      message: /Type `ChatType` differs from `CHATType` only in case/,
    },
    {
      finding: 'an event named Tag',
      events: [{name: 'Tag', tag: 'tag'}],
      message: /`Tag`, generated for event `Tag` in events\.ts/,
    },
    {
      finding: 'an event named T',
      events: [{name: 'T', tag: 't'}],
      message: /`T`, generated for event `T` in events\.ts/,
    },
    {
      finding: 'an event named ValidUser (isValidUser)',
      events: [{name: 'ValidUser', tag: 'validUser'}],
      message: /`isValidUser`, generated for event `ValidUser` in guards\.ts, is already taken by type `User`/,
    },
    {
      finding: 'an event field named type',
      events: [{name: 'Typed', tag: 'typed', fields: ['- type: string']}],
      message: /Field `type` in event `Typed`: `type` is the tag of a tagged object/,
    },
    {finding: 'types user and User', types: [record('user')], message: /Type `user` differs from `User` only in case/},
    {
      finding: 'a union member named Tag',
      types: [{name: 'Mark', body: ['**Discriminated union type**:', '', 'Tag:', '- type: "tag"']}],
      message: /`Tag`, generated for member `Tag` of type `Mark` in namespace:Mark/,
    },
    {
      finding: 'a type named Array_User (checkArray_User)',
      types: [record('Array_User'), {name: 'Users', body: ['**Record type**:', '- all: [[User](#user)]']}],
      message: /`checkArray_User`/,
    },
  ]
  for (const {finding, types = [], events = [], message} of cases) {
    it(`${finding} is a located error, exit 2`, async () => {
      const {code, stderr} = await schemaOf([...MINI_TYPES, ...types], [...MINI_EVENTS, ...events])
      expect(code).toBe(2)
      expect(stderr).toMatch(/(EVENTS|TYPES)\.md\n\d+:\d+\s+error/)
      expect(stderr).toMatch(message)
    })
  }
})

describe('doc text outside names reaches the output escaped', () => {
  // Every context a doc string can reach: descriptions (comments, README), enum values and
  // tags (string literals, types), field names (quoted keys), category names (JSON data, README).
  const hostile = `*/ globalThis.__pwned = 1; /* ${LS}globalThis.__pwned = 2${PS} \`\${globalThis.__pwned = 3}\` </script> \u001b[2J @internal "\\'`
  let generated: Map<string, string>
  let out: string

  beforeAll(async () => {
    const types: MiniType[] = [
      {name: 'Kind', body: ['**Enum type**:', '- "small"', `- "x${LS}y*/z\${1}"`]},
      {name: 'Shape', body: ['**Discriminated union type**:', '', 'Dot:', `- type: "dot${PS}*/"`]},
      {
        name: 'User',
        body: [
          hostile,
          '',
          '**Record type**:',
          '- userId: int64',
          '- kind: [Kind](#kind)',
          '- shape: [Shape](#shape)?',
        ],
      },
    ]
    const events: MiniEvent[] = [
      {name: 'UserSeen', tag: `seen${LS}*/`, fields: ['- user: [User](./TYPES.md#user)'], description: hostile},
    ]
    const spec = await writeMiniSpec(
      types,
      events,
      'Cat </script> ${x} @internal \u001bc http://evil.example www.evil.example a@b.co',
    )
    generated = (await generateInMemory({spec, overlay: false})).files
    out = await temporaryFolder('hostile-')
    for (const [name, text] of generated) {
      await mkdir(path.dirname(path.join(out, name)), {recursive: true})
      await writeFile(path.join(out, name), text)
    }
  })
  afterAll(() => {
    delete (globalThis as {__pwned?: unknown}).__pwned
  })

  it('no generated file holds a raw U+2028, U+2029 or terminal escape', () => {
    for (const [name, text] of generated) {
      expect(text, name).not.toMatch(/[\u2028\u2029\u001b]/)
    }
  })

  it('no doc comment is closed early and no TSDoc tag comes from the docs', () => {
    const types = generated.get('src/types.ts')!
    expect(types).toContain('*\\/ globalThis.__pwned = 1; /*')
    expect(types).toContain('\\@internal')
  })

  it('importing every module runs nothing from the docs', async () => {
    for (const name of [...generated.keys()].filter((file) => file.endsWith('.ts'))) {
      await import(path.join(out, name))
    }
    expect((globalThis as {__pwned?: unknown}).__pwned).toBeUndefined()
  })

  it('escaped data stays exact: the decoder takes the hostile enum value and tags verbatim', async () => {
    const library = (await import(path.join(out, 'src/index.ts'))) as typeof import('../generated/src/index.js')
    const event = {
      type: `seen${LS}*/`,
      user: {userId: 1, kind: `x${LS}y*/z\${1}`, shape: {type: `dot${PS}*/`}},
    }
    const result = library.decodeChatEvent(event, {mode: 'strict'})
    expect(result.ok).toBe(true)
    expect(library.chatEventTags).toEqual([`seen${LS}*/`])
  })

  it('the README shows the category and tag as text, not markup or HTML', () => {
    const readme = generated.get('README.md')!
    expect(readme).not.toContain('</script>')
    expect(readme).toContain('Cat \\</script\\>')
  })

  it('the README links no URL or email of the docs (GFM autolinks bare http://, www. and a@b.co)', () => {
    const line = generated
      .get('README.md')!
      .split('\n')
      .find((text) => text.startsWith('- **Cat'))!
    expect(line).toContain('http&#58;//evil.example www&#46;evil.example a&#64;b.co')
    expect(line).not.toMatch(/www\.|:\/\/|@/i)
  })
})

describe('COMMANDS.md: names are checked, doc text reaches the output escaped', () => {
  const hostile = `*/ globalThis.__pwned = 5; /* ${LS}globalThis.__pwned = 6${PS} \`\${globalThis.__pwned = 7}\` </script> \u001b[2J @internal`
  const literal = ` */ globalThis.__pwned = 8; /* ${LS} \${globalThis.__pwned = 9} \\u0000`
  const tag = `sent${PS}*/`

  /** COMMANDS.md with one command `name` whose texts carry payloads. */
  function commandsDocument(name: string, responseName = 'Sent'): string {
    return [
      '# API Commands and Responses',
      '',
      '[Hostile commands](#hostile-commands)',
      `- [${name}](#${name.toLowerCase().replace(/[^\w -]/g, '')})`,
      '',
      '---',
      '',
      '## Hostile commands',
      '',
      hostile,
      '',
      `### ${name}`,
      '',
      hostile,
      '',
      '*Network usage*: no.',
      '',
      '**Parameters**:',
      '- text: string',
      '',
      '**Syntax**:',
      '',
      '```',
      '/_x <text>',
      '```',
      '',
      '```javascript',
      `'/_x ' + text + ${JSON.stringify(literal)} // JavaScript`,
      '```',
      '',
      '**Responses**:',
      '',
      `${responseName}: ${hostile}`,
      `- type: "${tag}"`,
      '- user: [User](./TYPES.md#user)',
      '',
      '---',
      '',
    ].join('\n')
  }

  async function specWithCommands(name: string, responseName?: string): Promise<string> {
    const spec = await writeMiniSpec()
    await writeFile(path.join(spec, 'COMMANDS.md'), commandsDocument(name, responseName))
    return spec
  }

  it('a command name carrying code is a located identifier error in COMMANDS.md, exit 2', async () => {
    const {code, stderr} = await runCliCapturing('schema', '--spec', await specWithCommands('Zz\\*/pwned'))
    expect(code).toBe(2)
    expect(stderr).toMatch(/COMMANDS\.md\n\d+:1\s+error\s+Command name `Zz[^`]*` cannot be a TypeScript identifier/)
  })

  it('a response name that is a reserved word is a located identifier error, exit 2', async () => {
    const {code, stderr} = await runCliCapturing('schema', '--spec', await specWithCommands('SendIt', 'default'))
    expect(code).toBe(2)
    expect(stderr).toMatch(/COMMANDS\.md\n\d+:1\s+error\s+Response name `default` cannot be a TypeScript identifier/)
  })

  it('descriptions, literals of the syntax and response tags stay data: importing runs nothing, values are exact', async () => {
    const files = (await generateInMemory({spec: await specWithCommands('SendIt'), overlay: false})).files
    const out = await temporaryFolder('hostile-commands-')
    for (const [name, text] of files) {
      expect(text, name).not.toMatch(/[\u2028\u2029\u001b]/)
      await mkdir(path.dirname(path.join(out, name)), {recursive: true})
      await writeFile(path.join(out, name), text)
    }
    expect(files.get('src/commands.ts')).toContain('*\\/ globalThis.__pwned = 5; /*')
    expect(files.get('src/responses.ts')).toContain('\\@internal')
    for (const name of [...files.keys()].filter((file) => file.endsWith('.ts'))) await import(path.join(out, name))
    expect((globalThis as {__pwned?: unknown}).__pwned).toBeUndefined()

    const library = (await import(path.join(out, 'src/index.ts'))) as Record<string, unknown>
    const commandString = library.commandString as (name: string, params: unknown) => string
    expect(commandString('SendIt', {text: 'é'})).toBe(`/_x é${literal}`)
    expect(library.chatResponseTags).toEqual([tag])
    const decodeChatResponse = library.decodeChatResponse as (value: unknown, options: object) => {ok: boolean}
    expect(decodeChatResponse({type: tag, user: {userId: 1, kind: 'small'}}, {mode: 'strict'}).ok).toBe(true)
  })
})
