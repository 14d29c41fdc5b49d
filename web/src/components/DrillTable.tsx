import type { DrilldownResponse } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useI18n } from '../i18n/i18n.js'
import { ScrollArea } from './ScrollArea.js'

type Column = DrilldownResponse['columns'][number]

/** Id columns shown as the name beside them (the id on hover, and in the CSV export). */
const nameOf: Record<string, string> = {
  id: 'name',
  owner_id: 'owner_name',
  rep_id: 'rep_name',
  account_id: 'account_name',
}
/** Columns a reader looks for first: who and what, then how much, then where it stands. */
const leading = ['id', 'account_id', 'owner_id', 'rep_id']
const status = ['status', 'stage', 'pipeline']

/**
 * The columns as shown: each id merged with its name, then identity columns, amounts, status,
 * and the rest in the server's order (so the amount is in view on a laptop screen).
 */
function displayColumns(columns: readonly Column[]): Column[] {
  const names = new Set(columns.map((c) => c.name))
  const shown = columns.filter(
    (c) => !Object.entries(nameOf).some(([id, name]) => c.name === name && names.has(id)),
  )
  const rank = (c: Column) =>
    leading.includes(c.name)
      ? leading.indexOf(c.name)
      : c.type === 'money'
        ? 10
        : status.includes(c.name)
          ? 20 + status.indexOf(c.name)
          : 30
  return shown
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c)
}

/** The records behind a number, with sortable column headers. */
export function DrillTable(props: {
  data: DrilldownResponse
  sort: string | null
  order: 'asc' | 'desc'
  onSort: (column: string, order: 'asc' | 'desc') => void
}) {
  const { t, fmt, column, valueWord } = useI18n()
  const { label } = useAppData()
  const { data, sort, order } = props
  const columns = displayColumns(data.columns)
  const has = new Set(data.columns.map((c) => c.name))
  const heading = (c: Column) =>
    c.name === 'id' && has.has('name') ? column('name') : column(c.name)
  const cell = (row: Record<string, unknown>, c: Column): { text: string; title?: string } => {
    const value = row[c.name]
    if (value === null || value === undefined || value === '') return { text: '—' }
    const nameColumn = nameOf[c.name]
    if (nameColumn && has.has(nameColumn) && typeof value === 'string') {
      const name = row[nameColumn]
      if (typeof name === 'string' && name !== '') return { text: name, title: value }
      // No name stored: a rep's name may still be known from the rep list.
      const known = c.name === 'id' ? value : label('rep', value)
      return known === value ? { text: value } : { text: known, title: value }
    }
    if ((c.name === 'status' || c.name === 'pipeline') && typeof value === 'string') {
      return { text: valueWord(c.name, value) }
    }
    if (typeof value === 'number') {
      if (c.type === 'money') return { text: fmt.money(value) }
      return { text: fmt.number(value) }
    }
    if (
      c.type === 'money' &&
      typeof value === 'string' &&
      value.trim() !== '' &&
      !Number.isNaN(Number(value))
    )
      return { text: fmt.money(Number(value)) }
    if (c.type === 'date' && typeof value === 'string') return { text: fmt.date(value) }
    if (typeof value === 'boolean') return { text: value ? '✓' : '✗' }
    return { text: String(value) }
  }
  return (
    <ScrollArea label={t('drill.part')} className="drill-table-wrap">
      <table className="data-table drill-table">
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort === c.name
              const numeric = c.type === 'number' || c.type === 'money'
              return (
                <th
                  key={c.name}
                  scope="col"
                  className={numeric ? 'num' : undefined}
                  aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => props.onSort(c.name, active && order === 'asc' ? 'desc' : 'asc')}
                  >
                    {heading(c)}
                    <span aria-hidden="true">
                      {active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, i) => (
            <tr key={i} data-testid="drilldown-row">
              {columns.map((c) => {
                const { text, title } = cell(row, c)
                return (
                  <td
                    key={c.name}
                    className={c.type === 'number' || c.type === 'money' ? 'num' : undefined}
                    title={title}
                    data-column={c.name}
                  >
                    {text}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}
