import { betterWord } from '../format/direction.js'
import { catalog } from './catalog.js'
import { categories } from './metric-schema.js'

const unitLabels = {
  currency: 'money',
  ratio: '%',
  multiple: '×',
  days: 'days',
  count: 'count',
  currency_per_day: 'money / day',
  hours: 'hours',
} as const

/** The catalogue as Markdown, for the README: generated, so the docs never drift from the code. */
export function catalogMarkdown(): string {
  const lines: string[] = []
  for (const category of categories) {
    const metrics = catalog.filter((m) => m.category === category)
    if (metrics.length === 0) continue
    lines.push(`#### ${category[0]?.toUpperCase()}${category.slice(1)}`, '')
    lines.push(
      '| id | name (en / pl) | unit | better | groupings | definition |',
      '|---|---|---|---|---|---|',
    )
    for (const m of metrics) {
      const cell = (s: string) => s.replaceAll('|', '\\|')
      lines.push(
        `| \`${m.id}\` | ${m.names.en} / ${m.names.pl} | ${unitLabels[m.unit]} | ${betterWord[m.direction]} | ${m.groupings.join(', ')} | ${cell(m.help)} |`,
      )
    }
    lines.push('')
  }
  return lines.join('\n').trimEnd()
}

/** Replaces the generated block between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`README has no ${name} markers`)
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`
}
