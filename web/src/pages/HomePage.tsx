import { useState } from 'react'
import type { MetricInfo } from '../api/types.js'
import { useAppData } from '../app/app-data.js'
import { useView } from '../app/view.js'
import { CardGrid } from '../components/CardGrid.js'
import { CustomiseDialog } from '../components/CustomiseDialog.js'
import { Loaded } from '../components/Loaded.js'
import { PageHeader } from '../components/PageHeader.js'
import { EmptyState } from '../components/States.js'
import { isEmpty, useMetricsPage } from '../hooks/useMetricsPage.js'
import { useI18n } from '../i18n/i18n.js'

/** The tracked metrics (settings.tracked_metrics) as cards, from one batch request. */
export function HomePage() {
  const { t } = useI18n()
  const { settings, metric } = useAppData()
  const view = useView()
  const [customising, setCustomising] = useState(false)
  const tracked = settings.tracked_metrics
    .map(metric)
    .filter((m): m is MetricInfo => m !== undefined)
  const state = useMetricsPage(tracked.map((m) => m.id))
  return (
    <>
      <PageHeader
        title={t('home.title')}
        actions={
          <button type="button" onClick={() => setCustomising(true)} aria-haspopup="dialog">
            {t('home.customise')}
          </button>
        }
      />
      {tracked.length === 0 ? (
        <p className="state">{t('home.noTracked')}</p>
      ) : (
        <Loaded state={state} skeletons={tracked.length} skeletonHeight={190}>
          {(data) => (
            <>
              {isEmpty(data.current) ? <EmptyState /> : null}
              <CardGrid metrics={tracked} data={data} by={view.by} />
            </>
          )}
        </Loaded>
      )}
      {customising ? <CustomiseDialog onClose={() => setCustomising(false)} /> : null}
    </>
  )
}
