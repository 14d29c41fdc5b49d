// The drill-down panel's state, kept in the URL (drill, dpart, dgroup, dfrom, dto, dpage, dsort, dorder).
import type { DrillPart, MetricInfo } from '../api/types.js'
import type { Changes } from './url.js'

export interface DrillTarget {
  metric: string
  part: DrillPart
  group: Record<string, string | null>
  /** A period other than the view's (a trend bucket). */
  from?: string
  to?: string
}

export interface DrillState extends DrillTarget {
  page: number
  sort: string | null
  order: 'asc' | 'desc'
}

/** The parts of a metric that have records behind them. */
export function drillParts(m: MetricInfo | undefined): DrillPart[] {
  if (!m) return []
  return (['numerator', 'denominator'] as const).filter((part) => m.drill[part])
}

/** Ratios and means list their denominator's records; sums and counts their numerator's. */
export function defaultPart(m: MetricInfo | undefined): DrillPart {
  const parts = drillParts(m)
  return parts.includes('denominator') ? 'denominator' : (parts[0] ?? 'denominator')
}

export function drillChanges(target: DrillTarget | null): Changes {
  return {
    drill: target?.metric ?? null,
    dpart: target?.part ?? null,
    dgroup: target && Object.keys(target.group).length > 0 ? JSON.stringify(target.group) : null,
    dfrom: target?.from ?? null,
    dto: target?.to ?? null,
    dpage: null,
    dsort: null,
    dorder: null,
  }
}

export function readDrill(params: URLSearchParams): DrillState | null {
  const metric = params.get('drill')
  if (!metric) return null
  let group: Record<string, string | null> = {}
  try {
    const parsed: unknown = JSON.parse(params.get('dgroup') ?? '{}')
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      group = parsed as Record<string, string | null>
  } catch {
    // a broken group in a hand-edited URL: drill into the whole
  }
  const page = Number(params.get('dpage') ?? '1')
  return {
    metric,
    part: params.get('dpart') === 'numerator' ? 'numerator' : 'denominator',
    group,
    from: params.get('dfrom') ?? undefined,
    to: params.get('dto') ?? undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    sort: params.get('dsort'),
    order: params.get('dorder') === 'desc' ? 'desc' : 'asc',
  }
}

/** The part to open for a row: a stage's deals are its denominator (those that reached it). */
export function partFor(
  m: MetricInfo | undefined,
  group: Record<string, string | null>,
): DrillPart {
  return 'stage' in group && drillParts(m).includes('denominator') ? 'denominator' : defaultPart(m)
}
