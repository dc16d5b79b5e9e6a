import {describe, expect, it} from 'vitest'
import {GENERATED_PACKAGE_VERSION, packageJson, readme, tsconfigFiles} from '../../generator/emit/package-files.js'
import {code, event, field, schema, TINY} from '../support/tiny-schema.js'

describe('packageJson', () => {
  it('keeps the header in "//" and exports ESM and CommonJS, the entry and ./testing, each with its own types', () => {
    const specInfo = {versions: [{spec: null, documents: []}], overlaySha256: null, generator: 'simplex-events 0'}
    const manifest = JSON.parse(packageJson('made by the test', specInfo)) as Record<string, unknown>
    expect(manifest['//']).toBe('made by the test')
    expect(manifest.version).toBe(GENERATED_PACKAGE_VERSION)
    expect(manifest.exports).toStrictEqual({
      '.': {
        import: {types: './dist/esm/index.d.ts', default: './dist/esm/index.js'},
        require: {types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js'},
      },
      './testing': {
        import: {types: './dist/esm/testing/index.d.ts', default: './dist/esm/testing/index.js'},
        require: {types: './dist/cjs/testing/index.d.ts', default: './dist/cjs/testing/index.js'},
      },
      './schema.json': './schema.json',
      './package.json': './package.json',
    })
    expect(manifest).not.toHaveProperty('dependencies')
  })
})

describe('tsconfigFiles', () => {
  it('puts the header comment first in both tsconfig files', () => {
    const files = tsconfigFiles('// header\n')
    expect(Object.keys(files)).toStrictEqual(['tsconfig.json', 'tsconfig.cjs.json'])
    expect(files['tsconfig.json']).toMatch(/^\/\/ header\n\{\n {2}"compilerOptions": \{\n {4}"target": "ES2020",/)
    const cjs = JSON.parse(files['tsconfig.cjs.json']!.replace('// header\n', '')) as {
      compilerOptions: Record<string, unknown>
    }
    expect(cjs.compilerOptions).toMatchObject({module: 'CommonJS', moduleResolution: 'Node10', outDir: 'dist/cjs'})
  })
})

describe('readme', () => {
  it('counts what the schema holds and lists its events by category', () => {
    const text = readme(TINY, 'header')
    expect(text.startsWith('<!-- header -->\n\n# simplex-chat-events\n')).toBe(true)
    expect(text).toContain('\n1 events, 3 types, 1 commands, 1 responses.\n')
    expect(text).toContain(code`
      ## Events by category

      - **Users**: \`userSeen\` (main)

      ## License
    `)
  })

  it('cannot close its header comment, and shows markup in a category name and backticks in a tag as text', () => {
    const given = schema({
      events: [event('Odd', 'odd`tag', [field('x', 'string')], {category: 'A *bold* <b>', rank: 'other'})],
    })
    const text = readme(given, 'a --> b')
    expect(text.startsWith('<!-- a -\\-> b -->\n')).toBe(true)
    expect(text).toContain('- **A \\*bold\\* \\<b\\>**: `` odd`tag ``\n')
  })
})
