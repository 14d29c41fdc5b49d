import type { DrilldownResponse } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useI18n } from '../i18n/i18n.js'
import { ScrollArea } from './ScrollArea.js'

/** Columns holding a rep id: shown with the rep's name. */
const repColumns = new Set(['owner_id', 'rep_id', 'rep'])

/** The records behind a number, with sortable column headers. */
export function DrillTable(props: {
  data: DrilldownResponse
  sort: string | null
  order: 'asc' | 'desc'
  onSort: (column: string, order: 'asc' | 'desc') => void
}) {
  const { t, fmt, column } = useI18n()
  const { label } = useAppData()
  const { data, sort, order } = props
  const cell = (value: unknown, type: string, column: string): string => {
    if (value === null || value === undefined || value === '') return '—'
    if (repColumns.has(column) && typeof value === 'string') {
      const name = label('rep', value)
      return name === value ? value : `${name} (${value})`
    }
    if (typeof value === 'number') {
      if (type === 'money') return fmt.money(value)
      return fmt.number(value)
    }
    if (
      type === 'money' &&
      typeof value === 'string' &&
      value.trim() !== '' &&
      !Number.isNaN(Number(value))
    )
      return fmt.money(Number(value))
    if (type === 'date' && typeof value === 'string') return fmt.date(value)
    if (typeof value === 'boolean') return value ? '✓' : '✗'
    return String(value)
  }
  return (
    <ScrollArea label={t('drill.part')} className="drill-table-wrap">
      <table className="data-table drill-table">
        <thead>
          <tr>
            {data.columns.map((c) => {
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
                    {column(c.name)}
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
              {data.columns.map((c) => (
                <td
                  key={c.name}
                  className={c.type === 'number' || c.type === 'money' ? 'num' : undefined}
                >
                  {cell(row[c.name], c.type, c.name)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}
