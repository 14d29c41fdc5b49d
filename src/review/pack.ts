import type { Direction } from '../contracts/vocabulary.js'
import type { FunnelStage } from '../contracts/funnel-response.js'
import type { ResultRow } from '../contracts/result-row.js'
import type { GoalProgress } from '../format/goal-progress.js'
import type { RevenueDrivers } from './drivers.js'

/**
 * A review pack: every figure a monthly, quarterly or annual review presents, computed by the
 * metric engine for one period, scope and as-of date. The renderers (Markdown, HTML, PDF) and
 * the JSON output read this and nothing else; a saved review stores it whole.
 */
export interface ReviewPack {
  version: 1
  kind: 'month' | 'quarter' | 'year' | 'range'
  /** The period as asked (2026-Q3), and its dates. */
  label: string
  from: string
  to: string
  /** The period holds the as-of date: its figures run to it and compare like for like. */
  running: boolean
  asOf: string
  previous: { from: string; to: string }
  yearAgo: { from: string; to: string }
  next: { from: string; to: string }
  currency: string
  /** The slice reviewed: filters as the engine took them ({} for the company). */
  filters: Partial<Record<string, string[]>>
  /** Who may have seen it: a scope as given on the command line (team:East), or null. */
  scope: string | null
  headline: KpiLine[]
  /** The headline metrics per team when asked (--by team). */
  byTeam: { team: string | null; rows: ResultRow[] }[] | null
  drivers: DriversSection
  pipeline: PipelineSection
  team: TeamSection
  customers: CustomersSection
  segments: SliceLine[]
  channels: ChannelLine[]
  forecast: ForecastSection
  quality: { id: string; description: string; description_pl: string; count: number }[]
  /** Annual packs: the year by quarter, each against the same quarter a year before. */
  quarters: { from: string; to: string; rows: ResultRow[] }[] | null
  narrative: Sentence[]
}

/** A headline figure against the previous period, a year ago and its target. */
export interface KpiLine {
  metric: string
  unit: ResultRow['unit']
  direction: Direction
  row: ResultRow
  value: number | null
  previous: number | null
  yearAgo: number | null
  /** Relative change for money and counts (0.12 = +12%); absolute (pp) for ratios via `change`. */
  change: number | null
  changeYearAgo: number | null
  /** Whether each change is good news: the metric's direction applied to its sign. */
  better: boolean | null
  betterYearAgo: boolean | null
  target: number | null
  goal: GoalProgress | null
}

export interface DriversSection {
  /** null when revenue cannot be split (e.g. a scope where revenue is unavailable). */
  drivers: RevenueDrivers | null
  reason: string | null
}

export interface PipelineSection {
  velocity: ResultRow | null
  /** The four parts of velocity: created × win rate × deal size / cycle. */
  components: {
    created: number | null
    winRate: number | null
    dealSize: number | null
    cycle: number | null
  }
  /** Pipeline coverage of the next period (open pipeline expected to close in it / quota to win). */
  coverageNext: ResultRow | null
  funnel: { pipeline: string; stages: FunnelStage[] }[]
  /** The stage the most deals stopped at (the biggest leak), per the main pipeline. */
  leak: {
    pipeline: string
    stage: string
    next: string | null
    dropOff: number
    conversion: number | null
  } | null
  /** The stage slowest against its own mean of the periods before. */
  slowest: { stage: string; days: number; usual: number; ratio: number } | null
  slipped: { count: number; amount: number; deals: SlippedDeal[] }
}

export interface SlippedDeal {
  id: string
  name: string | null
  owner: string | null
  amount: number | null
  /** The expected close in the period it slipped from, and where it is now. */
  was: string
  now: string | null
}

export interface RepLine {
  rep: string
  name: string
  revenue: number | null
  quota: number | null
  attainment: number | null
  goal: GoalProgress | null
  winRate: number | null
  cycle: number | null
  timeSelling: number | null
}

export interface TeamSection {
  reps: RepLine[]
  /** Revenue per active rep (rep_productivity of the whole slice). */
  productivity: ResultRow | null
  threshold: number
  top: string[]
  /** Reps under the threshold of their quota (pace-adjusted while the period runs), with what to look at. */
  below: { rep: string; attainment: number; notes: CoachingNote[] }[]
}

export type CoachingNote =
  | { kind: 'win_rate'; rep: number; team: number }
  | { kind: 'cycle'; rep: number; team: number }
  | { kind: 'no_pipeline' }

export interface CustomersSection {
  newCustomers: number | null
  lost: number | null
  atStart: number | null
  cac: ResultRow | null
  cltv: ResultRow | null
  churn: ResultRow | null
  retention: ResultRow | null
  ltvToCac: number | null
  cacByChannel: { channel: string | null; value: number | null }[]
}

export interface SliceLine {
  segment: string | null
  winRate: number | null
  dealSize: number | null
  cycle: number | null
  velocity: number | null
}

export interface ChannelLine {
  channel: string | null
  leads: number | null
  conversion: number | null
  revenue: number | null
  spend: number | null
  cac: number | null
  /** Revenue won per unit of spend (revenue / spend). */
  returnOnSpend: number | null
}

export interface ForecastSection {
  accuracy: ResultRow | null
  /** (forecast − actual) / actual: above 0 over-forecast, below under. */
  bias: number | null
  forecast: number | null
  actual: number | null
  /** Accuracy and bias of the periods before, for the company, each team and each rep. */
  history: {
    scope: string
    from: string
    to: string
    accuracy: number | null
    bias: number | null
  }[]
}

/** One sentence of the narrative, with the figures it rests on (keys of reviewFigures). */
export interface Sentence {
  en: string
  pl: string
  figures: string[]
}
