import type { StatusResponse } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'

/** Says the numbers are generated, and how to put real ones in their place. */
export function DemoBanner(props: { demo: NonNullable<StatusResponse['demo']> }) {
  const { t, fmt } = useI18n()
  return (
    <aside className="demo-banner" data-testid="demo-banner" aria-label={t('demo.label')}>
      <strong>{t('demo.title')}</strong>{' '}
      {t('demo.text', { asOf: fmt.date(props.demo.as_of), seed: String(props.demo.seed) })}{' '}
      <code>miernik import opportunities deals.csv --preset hubspot</code>
    </aside>
  )
}
