import type { RowError } from '../api/client.js'
import { useI18n } from '../i18n/i18n.js'
import { ScrollArea } from './ScrollArea.js'

/** The rows that cannot be imported: line of the file, column, value and why. */
export function ImportErrors(props: { errors: RowError[]; total: number }) {
  const { t, fmt } = useI18n()
  const label = t('import.errors', {
    shown: fmt.number(props.errors.length),
    n: fmt.number(props.total),
  })
  return (
    <ScrollArea label={label}>
      <table className="data-table import-errors" data-testid="import-errors">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.line')}
            </th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.value')}</th>
            <th scope="col">{t('import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {props.errors.map((e, i) => (
            <tr key={i}>
              <td className="num">{e.line}</td>
              <td>{e.column}</td>
              <td>{e.value ?? t('import.empty')}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}
