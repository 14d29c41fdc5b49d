import type { Block, ReviewDocument } from './document.js'

/** A pack as Markdown, for pasting into docs and wikis (charts are left to the HTML). */
export function renderMarkdown(doc: ReviewDocument): string {
  const out = [`# ${doc.title}`, '', `_${escape(doc.subtitle)}_`, '']
  for (const b of doc.blocks) out.push(...block(b), '')
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'h2':
      return [`## ${b.text}`]
    case 'p':
      return [b.tone === 'muted' ? `_${escape(b.text)}_` : escape(b.text)]
    case 'list':
      return b.items.map((i) => `- ${escape(i)}`)
    case 'table':
      return [
        `| ${b.head.map(cell).join(' | ')} |`,
        `| ${b.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ]
    case 'chart':
      return []
  }
}

/** Markdown's own characters in text are taken literally. */
const escape = (s: string) => s.replace(/([\\`*_[\]|<>])/g, '\\$1')
const cell = (s: string) => escape(s).replace(/\n/g, ' ')
