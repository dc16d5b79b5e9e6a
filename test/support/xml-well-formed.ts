/**
 * A check that a document is well-formed XML 1.0, for the JUnit report: elements nest and close, attribute
 * values are quoted and hold no `<`, every `&` starts a known entity or a character reference, and no
 * character XML cannot hold appears. Enough for what `formatJunit` writes (no DTD, CDATA or processing
 * instruction but the declaration); the repository has no XML parser and this is all a test needs of one.
 *
 * @returns the problems found, empty for a well-formed document.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = []
  const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
  if (NOT_XML.test(xml)) problems.push('a character XML 1.0 cannot hold')
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '')
  if (body === xml) problems.push('no XML declaration')
  const open: string[] = []
  const ENTITY = '(?:amp|lt|gt|quot|apos|#\\d+|#x[\\da-fA-F]+);'
  const RAW_AMPERSAND = new RegExp(`&(?!${ENTITY})`)
  const TOKEN = new RegExp(
    `<(\\/?)([A-Za-z_][\\w.-]*)((?:\\s+[A-Za-z_][\\w.-]*="[^"<]*")*)\\s*(\\/?)>|<|&(?!${ENTITY})`,
    'g',
  )
  let roots = 0
  for (const match of body.matchAll(TOKEN)) {
    const [token, closing, name, attributes, selfClosing] = match
    if (attributes && RAW_AMPERSAND.test(attributes)) problems.push(`a raw & in an attribute at ${match.index}`)
    if (token === '<') problems.push(`a raw < at ${match.index}`)
    else if (token === '&') problems.push(`a raw & at ${match.index}`)
    else if (closing) {
      if (open.pop() !== name) problems.push(`</${name}> closes nothing open at ${match.index}`)
    } else if (!selfClosing) {
      if (open.length === 0) roots++
      open.push(name!)
    } else if (open.length === 0) roots++
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`)
  if (roots !== 1) problems.push(`${roots} root elements`)
  return problems
}
