/** `isSpecUrl`: the one test of whether a spec is a URL or a folder, for loading, labels and headers alike. */
import {describe, expect, it} from 'vitest'
import {isSpecUrl} from '../generator/load/spec-kind.js'

describe('isSpecUrl', () => {
  it.each([
    ['https://raw.githubusercontent.com/simplex-chat/simplex-chat/stable/bots/api/', true],
    ['HTTP://localhost:8080/api', true],
    ['spec', false],
    ['./https', false],
    // Not a URL fetch would be asked for: read as a folder named so, as loading always did.
    ['http:spec', false],
    ['ftp://host/api/', false],
  ])('%s → %s', (spec, url) => {
    expect(isSpecUrl(spec)).toBe(url)
  })
})
