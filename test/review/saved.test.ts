import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/ingest/import-file.js'
import { buildReview } from '../../src/review/build-review.js'
import {
  listReviews,
  loadReview,
  restatements,
  saveReview,
} from '../../src/review/saved-reviews.js'
import { storeWith, toCsv, writeFile } from '../helpers.js'
import { reviewAsOf, reviewFixture } from './review-fixture.js'

describe('saved reviews', () => {
  it('stay as presented after a data correction, and say which figures it restated', async () => {
    const store = await storeWith(reviewFixture())
    const input = { period: '2026-Q2', asOf: reviewAsOf, scope: 'team:East' }
    const pack = await buildReview(store, input)
    const id = await saveReview(store, pack, input, {
      by: 'boss@acme.com',
      now: new Date('2026-07-16T09:00:00Z'),
    })
    expect(id).toBe(1)
    expect(await restatements(store, id)).toEqual([])

    // Rae's May deal grows to 15,000 in the CRM after the review's day: as of that day it was
    // 10,000, so nothing is restated (quota attainment included: it reads deals as of too).
    const grown = toCsv([
      {
        id: 'q2-5',
        owner_id: 'r2',
        status: 'won',
        amount: 15_000,
        created_on: '2026-04-05',
        closed_on: '2026-05-05',
        source: 'Inbound',
      },
    ])
    await importFile(store, 'opportunities', writeFile('opportunities.csv', grown), {
      observedAt: '2026-08-01T00:00:00Z',
    })
    expect(await restatements(store, id)).toEqual([])
    // A deal Rae won in May, missing from the export the review was made from, loaded since:
    // that restates the quarter.
    const late = toCsv([
      {
        id: 'q2-late',
        owner_id: 'r2',
        status: 'won',
        amount: 5_000,
        created_on: '2026-04-20',
        closed_on: '2026-05-20',
        source: 'Inbound',
      },
    ])
    await importFile(store, 'opportunities', writeFile('opportunities.csv', late), {
      observedAt: '2026-08-02T00:00:00Z',
    })

    const saved = await loadReview(store, id)
    expect(saved.pack).toEqual(JSON.parse(JSON.stringify(pack)))
    expect(saved.pack.headline.find((k) => k.metric === 'total_revenue')?.value).toBe(60_000)
    const changed = Object.fromEntries(
      (await restatements(store, id)).map((r) => [r.key, [r.saved, r.now]]),
    )
    expect(changed['headline.total_revenue.value']).toEqual([60_000, 65_000])
    expect(changed['team.r2.revenue']).toEqual([10_000, 15_000])
    expect(changed['team.r1.revenue']).toBeUndefined()
    expect(changed['drivers.size']).toBeDefined()
    expect(await listReviews(store)).toMatchObject([
      {
        id: 1,
        label: '2026-Q2',
        from: '2026-04-01',
        to: '2026-06-30',
        asOf: reviewAsOf,
        scope: 'team:East',
        savedBy: 'boss@acme.com',
      },
    ])
  })
})
