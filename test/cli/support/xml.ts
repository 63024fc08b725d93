// A small, strict XML 1.0 well-formedness check for the JUnit report (no XML parser is installed and the
// brief forbids adding one). It accepts the subset the report uses — declaration, comments, CDATA,
// elements, attributes, character and the five predefined entity references — and throws with the
// offset on anything malformed. Returns the element tree so tests can count testcases.

export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlElement[]
  text: string
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

export function parseXml(src: string): XmlElement {
  if (!XML_CHAR.test(src)) throw new Error('document contains characters XML 1.0 does not allow')
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`malformed XML at offset ${i}: ${why} (near ${JSON.stringify(src.slice(i, i + 40))})`)
  }
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++
  }
  const name = (): string => {
    NAME.lastIndex = i
    const m = NAME.exec(src)
    if (!m) fail('expected a name')
    i += m![0].length
    return m![0]
  }
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`unterminated reference ${whole}`)
      if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
      if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
      if (!(ref in ENTITIES)) fail(`unknown entity &${ref};`)
      return ENTITIES[ref]!
    })
  const skipMisc = () => {
    for (;;) {
      skipWs()
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i)
        if (end < 0) fail('unterminated comment')
        i = end + 3
      } else return
    }
  }
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <')
    i++
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' }
    for (;;) {
      skipWs()
      if (src.startsWith('/>', i)) {
        i += 2
        return el
      }
      if (src[i] === '>') {
        i++
        break
      }
      const attr = name()
      skipWs()
      if (src[i] !== '=') fail('expected =')
      i++
      skipWs()
      const q = src[i]
      if (q !== '"' && q !== "'") fail('attribute value must be quoted')
      const end = src.indexOf(q!, i + 1)
      if (end < 0) fail('unterminated attribute value')
      const raw = src.slice(i + 1, end)
      if (raw.includes('<')) fail('< inside an attribute value')
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`)
      el.attrs[attr] = decode(raw)
      i = end + 1
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed <${el.name}>`)
      if (src.startsWith('</', i)) {
        i += 2
        const closing = name()
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`)
        skipWs()
        if (src[i] !== '>') fail('expected >')
        i++
        return el
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i)
        if (end < 0) fail('unterminated comment')
        i = end + 3
      } else if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i)
        if (end < 0) fail('unterminated CDATA')
        el.text += src.slice(i + 9, end)
        i = end + 3
      } else if (src[i] === '<') el.children.push(element())
      else {
        const next = src.indexOf('<', i)
        const raw = src.slice(i, next < 0 ? src.length : next)
        if (raw.includes(']]>')) fail(']]> in text')
        el.text += decode(raw)
        i += raw.length
      }
    }
  }
  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i)
    if (end < 0) fail('unterminated declaration')
    i = end + 2
  }
  skipMisc()
  const root = element()
  skipMisc()
  if (i !== src.length) fail('content after the root element')
  return root
}

export function descendants(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)])
}
