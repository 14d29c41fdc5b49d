import { entities, entityNames, type ColumnSpec } from './entities.js'

/** The native format as Markdown, for the README: generated from the column specs. */
export function entitiesMarkdown(): string {
  const describe = (c: ColumnSpec, key: readonly string[]) => {
    let s = `\`${c.name}\``
    if (c.required || (key.includes(c.name) && c.default === undefined)) s += '*'
    const notes: string[] = []
    if (c.type !== 'text') notes.push(c.type)
    if (c.values) notes.push(c.values.join('/'))
    if (c.default !== undefined) {
      notes.push(
        typeof c.default === 'string'
          ? `default ${c.default}`
          : 'setting' in c.default
            ? 'default: base currency'
            : `default: ${c.default.concat.join('/')}`,
      )
    }
    if (c.references) notes.push(`→ ${c.references}`)
    return notes.length ? `${s} (${notes.join(', ')})` : s
  }
  const lines = ['| entity | key | columns (* required) |', '|---|---|---|']
  for (const name of entityNames) {
    const e = entities[name]
    lines.push(
      `| \`${name}\` | ${e.key.join(' + ')} | ${e.columns.map((c) => describe(c, e.key)).join(', ')} |`,
    )
  }
  return lines.join('\n')
}
