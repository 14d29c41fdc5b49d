import type { ResultRow } from '../contracts/result-row.js'
import { metricRow } from './metric-row.js'
import { goalProgress } from '../format/goal-progress.js'
import { getMetric } from '../metrics/catalog.js'
import type { ReviewContext } from './build-review.js'
import type { CoachingNote, RepLine, TeamSection } from './pack.js'

/**
 * Every rep of the slice with revenue, quota attainment and its pace, win rate, cycle and time
 * selling; the top performers and those under the threshold of their quota, each with what
 * the figures suggest looking at (framed for coaching, not ranking).
 */
export async function teamSection(ctx: ReviewContext, threshold: number): Promise<TeamSection> {
  const period = { from: ctx.from, to: ctx.to }
  const [byRep, whole, coverage] = await ctx.compute([
    {
      ...period,
      by: ['rep'],
      metrics: [
        'total_revenue',
        'quota_attainment_rate',
        'win_rate',
        'sales_cycle_length',
        'time_spent_selling',
      ],
    },
    { ...period, metrics: ['rep_productivity', 'win_rate', 'sales_cycle_length'] },
    { ...period, by: ['rep'], metrics: ['pipeline_coverage'] },
  ])
  const names = await repNames(ctx)
  const rows = new Map<string, Map<string, ResultRow>>()
  for (const r of byRep ?? []) {
    const rep = r.group.rep
    if (rep === null || rep === undefined) continue
    const m = rows.get(rep) ?? new Map<string, ResultRow>()
    m.set(r.metric, r)
    rows.set(rep, m)
  }
  const attainmentMetric = getMetric('quota_attainment_rate')
  const reps: RepLine[] = [...rows].map(([rep, m]) => {
    const quota = m.get('quota_attainment_rate')
    const hasQuota = quota?.denominator !== null && quota?.denominator !== undefined
    return {
      rep,
      name: names.get(rep) ?? rep,
      revenue: m.get('total_revenue')?.value ?? null,
      quota: hasQuota ? (quota?.denominator ?? null) : null,
      attainment: hasQuota ? (quota?.value ?? null) : null,
      goal:
        hasQuota && quota
          ? goalProgress(
              {
                value: quota.numerator,
                goal: quota.denominator as number,
                pace: quota.pace,
                running: quota.running,
              },
              { accumulates: true, direction: attainmentMetric.direction },
            )
          : null,
      winRate: m.get('win_rate')?.value ?? null,
      cycle: m.get('sales_cycle_length')?.value ?? null,
      timeSelling: m.get('time_spent_selling')?.value ?? null,
    }
  })
  reps.sort((a, b) => (b.revenue ?? -1) - (a.revenue ?? -1) || a.rep.localeCompare(b.rep))
  // Attainment against the pace while the period runs: 45% with half the quarter gone is fine.
  const paced = (r: RepLine) =>
    r.goal?.share === null || r.goal?.share === undefined ? null : r.goal.share / r.goal.expected
  const withQuota = reps.filter((r) => paced(r) !== null)
  const top = [...withQuota]
    .sort((a, b) => (paced(b) as number) - (paced(a) as number))
    .filter((r) => (paced(r) as number) >= 1)
    .slice(0, 3)
    .map((r) => r.rep)
  const teamWin = one(whole, 'win_rate')?.value ?? null
  const teamCycle = one(whole, 'sales_cycle_length')?.value ?? null
  const coverageOf = new Map((coverage ?? []).map((r) => [r.group.rep ?? '', r] as const))
  const below = withQuota
    .filter((r) => (paced(r) as number) < threshold)
    .sort((a, b) => (paced(a) as number) - (paced(b) as number))
    .map((r) => {
      const notes: CoachingNote[] = []
      if (r.winRate !== null && teamWin !== null && r.winRate < teamWin)
        notes.push({ kind: 'win_rate', rep: r.winRate, team: teamWin })
      if (r.cycle !== null && teamCycle !== null && r.cycle > teamCycle)
        notes.push({ kind: 'cycle', rep: r.cycle, team: teamCycle })
      const cov = coverageOf.get(r.rep)
      if (cov && (cov.numerator ?? 0) === 0) notes.push({ kind: 'no_pipeline' })
      return { rep: r.rep, attainment: paced(r) as number, notes }
    })
  return {
    reps,
    productivity: one(whole, 'rep_productivity') ?? null,
    threshold,
    top,
    below,
  }
}

const one = metricRow

async function repNames(ctx: ReviewContext): Promise<Map<string, string>> {
  const rows = await ctx.store.query('SELECT id, name FROM reps')
  return new Map(rows.map((r) => [String(r.id), String(r.name)]))
}
