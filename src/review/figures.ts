import type { ReviewPack } from './pack.js'

/**
 * Every figure of a pack under a stable key (headline.win_rate.value, drivers.volume,
 * team.r-17.revenue...): what a narrative sentence points at, and what a saved review
 * compares with a fresh computation to say which figures a data correction restated.
 */
export function reviewFigures(pack: ReviewPack): Record<string, number | null> {
  const f: Record<string, number | null> = {}
  for (const k of pack.headline) {
    f[`headline.${k.metric}.value`] = k.value
    f[`headline.${k.metric}.previous`] = k.previous
    f[`headline.${k.metric}.year_ago`] = k.yearAgo
    if (k.target !== null) f[`headline.${k.metric}.target`] = k.target
  }
  const d = pack.drivers.drivers
  if (d) {
    f['drivers.change'] = d.change
    f['drivers.volume'] = d.volume
    f['drivers.size'] = d.size
    f['drivers.interaction'] = d.interaction
    f['drivers.won.before'] = d.before.won
    f['drivers.won.now'] = d.now.won
    if (d.upstream) {
      f['drivers.upstream.created'] = d.upstream.created
      f['drivers.upstream.win_rate'] = d.upstream.winRate
      f['drivers.upstream.both'] = d.upstream.both
      f['drivers.upstream.rest'] = d.upstream.rest
    }
  }
  const p = pack.pipeline
  f['pipeline.velocity'] = p.velocity?.value ?? null
  f['pipeline.coverage_next'] = p.coverageNext?.value ?? null
  f['pipeline.slipped.count'] = p.slipped.count
  f['pipeline.slipped.amount'] = p.slipped.amount
  if (p.leak) f['pipeline.leak.drop_off'] = p.leak.dropOff
  if (p.slowest) f['pipeline.slowest.days'] = p.slowest.days
  for (const r of pack.team.reps) {
    f[`team.${r.rep}.revenue`] = r.revenue
    f[`team.${r.rep}.attainment`] = r.attainment
    f[`team.${r.rep}.win_rate`] = r.winRate
  }
  const c = pack.customers
  f['customers.new'] = c.newCustomers
  f['customers.lost'] = c.lost
  f['customers.cac'] = c.cac?.value ?? null
  f['customers.cltv'] = c.cltv?.value ?? null
  f['customers.ltv_to_cac'] = c.ltvToCac
  for (const s of pack.segments) f[`segments.${s.segment ?? ''}.velocity`] = s.velocity
  for (const x of pack.channels) {
    f[`channels.${x.channel ?? ''}.revenue`] = x.revenue
    f[`channels.${x.channel ?? ''}.return_on_spend`] = x.returnOnSpend
  }
  f['forecast.accuracy'] = pack.forecast.accuracy?.value ?? null
  f['forecast.bias'] = pack.forecast.bias
  for (const q of pack.quality) f[`quality.${q.id}`] = q.count
  return f
}
