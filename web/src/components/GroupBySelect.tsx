import { dimensions } from '../api/types.js'
import { useLocation } from '../app/router.js'
import { useView } from '../app/view.js'
import { useI18n } from '../i18n/i18n.js'
import { Field } from './Field.js'

export function GroupBySelect() {
  const { t } = useI18n()
  const view = useView()
  const { update } = useLocation()
  return (
    <Field label={t('group.label')}>
      <select
        data-testid="group-by"
        value={view.by ?? ''}
        onChange={(e) => update({ by: e.target.value || null })}
      >
        <option value="">{t('group.none')}</option>
        {dimensions.map((d) => (
          <option key={d} value={d}>
            {t(`dim.${d}`)}
          </option>
        ))}
      </select>
    </Field>
  )
}
