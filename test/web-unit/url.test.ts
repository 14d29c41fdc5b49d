import { describe, expect, it } from 'vitest'
import { readDrill, drillChanges } from '../../web/src/app/drill.js'
import { applyChanges, pageHref, parsePath, readView } from '../../web/src/app/url.js'

describe('dashboard URL state', () => {
  it('maps paths to pages', () => {
    expect(parsePath('/')).toEqual({ page: 'home' })
    expect(parsePath('/revenue')).toEqual({ page: 'revenue' })
    expect(parsePath('/funnel/')).toEqual({ page: 'funnel' })
    expect(parsePath('/team/r%2007')).toEqual({ page: 'scorecard', repId: 'r 07' })
    expect(parsePath('/home')).toEqual({ page: 'notFound' })
    expect(parsePath('/revenue/x')).toEqual({ page: 'notFound' })
  })

  it('reads the view: period, custom range, grouping and repeated filters', () => {
    const v = readView(new URLSearchParams('period=2026-Q2&by=team&team=Enterprise&team=SMB&rep='))
    expect(v).toEqual({
      period: '2026-Q2',
      custom: null,
      by: 'team',
      filters: { team: ['Enterprise', 'SMB'] },
      asOf: null,
    })
    const custom = readView(new URLSearchParams('from=2026-02-10&to=2026-05-20&by=nonsense'))
    expect(custom.custom).toEqual({ from: '2026-02-10', to: '2026-05-20' })
    expect(custom.by).toBeNull()
  })

  it('changes keys without touching the others; links keep only the shared state', () => {
    const params = new URLSearchParams('period=2026-Q2&lang=pl&trend=win_rate&drill=win_rate')
    expect(
      applyChanges(params, { period: '2026-Q1', team: ['A', 'B'], trend: null }).toString(),
    ).toBe('period=2026-Q1&lang=pl&drill=win_rate&team=A&team=B')
    expect(pageHref('/funnel', params)).toBe('/funnel?period=2026-Q2&lang=pl')
  })

  it('round-trips a drill-down through the URL', () => {
    const group = { pipeline: 'default', stage: 'Proposal' }
    const params = applyChanges(
      new URLSearchParams(),
      drillChanges({ metric: 'stage_conversion', part: 'denominator', group }),
    )
    expect(readDrill(params)).toEqual({
      metric: 'stage_conversion',
      part: 'denominator',
      group,
      from: undefined,
      to: undefined,
      page: 1,
      sort: null,
      order: 'asc',
    })
    expect(readDrill(applyChanges(params, drillChanges(null)))).toBeNull()
  })
})
