function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * The search API marks matches with <mark> inside HTML. Before it reaches v-html, everything except text and <mark>
 * is dropped (tags removed, their text kept, entities decoded and re-escaped), so a record's title cannot inject markup.
 */
export function sanitizeHighlight(html: string | null | undefined): string {
  if (!html) return ''
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html')
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return escapeHtml(node.textContent ?? '')
    if (node.nodeType !== Node.ELEMENT_NODE) return ''
    const el = node as Element
    const tag = el.tagName.toLowerCase()
    if (tag === 'script' || tag === 'style') return ''
    const inner = Array.from(el.childNodes).map(walk).join('')
    return tag === 'mark' ? `<mark>${inner}</mark>` : inner
  }
  return Array.from(doc.body.childNodes).map(walk).join('')
}
