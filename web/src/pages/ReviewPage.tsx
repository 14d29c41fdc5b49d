import { useState } from 'react'
import { api, reviewQuery, type ReviewBlock } from '../api/client.js'
import { useDataVersion } from '../app/data-version.js'
import { useSession } from '../app/session.js'
import { useView } from '../app/view.js'
import { Loaded } from '../components/Loaded.js'
import { PageHeader } from '../components/PageHeader.js'
import { ScrollArea } from '../components/ScrollArea.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/i18n.js'

const exports = ['pdf', 'html', 'csv', 'md'] as const

/**
 * The review pack of the selected period — the same document the PDF shows, computed for
 * what the user may see — with its exports, and the saved reviews.
 */
export function ReviewPage() {
  const { t, lang } = useI18n()
  const view = useView()
  const version = useDataVersion()
  const role = useSession()?.me.user.role
  const query = view.period
    ? reviewQuery({ period: view.period, lang, filters: view.filters })
    : null
  const state = useAsync(query && `review:${query}:${version}`, (signal) =>
    api.review(query as string, signal),
  )
  const [saved, setSaved] = useState(0)
  const list = useAsync(`reviews:${version}:${saved}`, (signal) => api.reviews(signal))
  const [saving, setSaving] = useState<string | null>(null)
  if (!query)
    return (
      <>
        <PageHeader title={t('page.review')} />
        <p className="state state-empty">{t('review.namedPeriod')}</p>
      </>
    )
  const save = async () => {
    setSaving(t('review.saving'))
    try {
      const { id } = await api.saveReview(view.period as string, view.filters)
      setSaving(t('review.saved', { id }))
      setSaved((n) => n + 1)
    } catch (e) {
      setSaving((e as Error).message)
    }
  }
  return (
    <>
      <PageHeader
        title={t('page.review')}
        actions={
          <div className="review-actions" data-testid="review-exports">
            {exports.map((f) => (
              <a
                key={f}
                className="button"
                href={`/api/review/export?${query}&format=${f}`}
                download
              >
                {f.toUpperCase()}
              </a>
            ))}
            {role === 'admin' || role === 'manager' ? (
              <button type="button" onClick={save} data-testid="review-save">
                {t('review.save')}
              </button>
            ) : null}
          </div>
        }
      >
        {saving ? (
          <p role="status" className="muted" data-testid="review-save-status">
            {saving}
          </p>
        ) : null}
      </PageHeader>
      <Loaded state={state} skeletons={3} skeletonHeight={160}>
        {(data) => (
          <article className="panel review-document" data-testid="review-document">
            <h2 className="review-title">{data.document.title}</h2>
            <p className="muted">{data.document.subtitle}</p>
            {data.document.blocks.map((b, i) => (
              <Block key={i} block={b} />
            ))}
          </article>
        )}
      </Loaded>
      <section className="panel" aria-labelledby="saved-reviews">
        <h2 id="saved-reviews">{t('review.savedList')}</h2>
        <Loaded state={list} skeletons={1} skeletonHeight={60}>
          {(data) =>
            data.reviews.length === 0 ? (
              <p className="muted">{t('review.noneSaved')}</p>
            ) : (
              <ScrollArea label={t('review.savedList')}>
                <table className="data-table" data-testid="saved-reviews">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('review.period')}</th>
                      <th scope="col">{t('review.asOf')}</th>
                      <th scope="col">{t('review.savedBy')}</th>
                      <th scope="col">{t('review.open')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.reviews.map((r) => (
                      <tr key={r.id}>
                        <td>{r.id}</td>
                        <td>{r.label}</td>
                        <td>{r.asOf}</td>
                        <td>
                          {r.savedAt} {r.savedBy ?? ''}
                        </td>
                        <td>
                          {exports.map((f) => (
                            <a
                              key={f}
                              href={`/api/reviews/${r.id}/export?format=${f}&lang=${lang}`}
                              download
                            >
                              {f.toUpperCase()}{' '}
                            </a>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
            )
          }
        </Loaded>
      </section>
    </>
  )
}

/** One block of the review document, as the PDF shows it. */
function Block(props: { block: ReviewBlock }) {
  const b = props.block
  switch (b.kind) {
    case 'h2':
      return <h3 className="review-h">{b.text}</h3>
    case 'p':
      return <p className={b.tone === 'muted' ? 'muted' : undefined}>{b.text}</p>
    case 'list':
      return (
        <ul className="review-list">
          {b.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )
    case 'table':
      return (
        <ScrollArea label={b.head.join(', ')}>
          <table className="data-table">
            <thead>
              <tr>
                {b.head.map((h, i) => (
                  <th key={i} scope="col" className={b.numeric[i] ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className={b.numeric[j] ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )
    case 'chart':
      // The server's own SVG (ECharts, no script): drawn as the PDF draws it.
      return (
        <figure
          className="review-chart"
          role="img"
          aria-label={b.chart.title}
          dangerouslySetInnerHTML={{ __html: b.svg }}
        />
      )
  }
}
