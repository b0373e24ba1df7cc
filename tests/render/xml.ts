/**
 * A small XML well-formedness check for the SVGs (no XML parser in node_modules): one root element, tags
 * balanced and properly nested, attributes quoted and unique, only the predefined or numeric entities.
 * Returns the element names in document order so tests can count them.
 */
export function checkXml(doc: string): {elements: string[]; errors: string[]} {
  const errors: string[] = []
  const elements: string[] = []
  const stack: string[] = []
  let roots = 0
  const s = doc.replace(/^<\?xml[^?]*\?>\s*/, '')
  const tag =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g
  let last = 0
  let m: RegExpExecArray | null
  const checkText = (text: string, at: number, inAttr = false): void => {
    if (text.includes('<')) errors.push(`stray '<' near offset ${at}`)
    for (const e of text.match(/&[^;\s]*;?/g) ?? []) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(e)) errors.push(`bad entity ${e} near offset ${at}`)
    }
    if (!inAttr && stack.length === 0 && text.trim() !== '') errors.push(`text outside the root near offset ${at}`)
  }
  for (;;) {
    m = tag.exec(s)
    if (m === null) break
    checkText(s.slice(last, m.index), last)
    last = tag.lastIndex
    if (m[0].startsWith('<!')) continue
    const [, close, name, attrs, selfClose] = m
    if (close) {
      const open = stack.pop()
      if (open !== name) errors.push(`</${name}> closes <${open ?? 'nothing'}> at offset ${m.index}`)
      continue
    }
    if (stack.length === 0) roots++
    elements.push(name)
    const names = [...attrs.matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((a) => a[1])
    if (new Set(names).size !== names.length) errors.push(`duplicate attribute in <${name}> at offset ${m.index}`)
    for (const v of attrs.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g)) checkText(v[1] ?? v[2] ?? '', m.index, true)
    if (!selfClose) stack.push(name)
  }
  checkText(s.slice(last), last)
  if (stack.length > 0) errors.push(`unclosed <${stack.join('>, <')}>`)
  if (roots !== 1) errors.push(`expected one root element, found ${roots}`)
  return {elements, errors}
}
