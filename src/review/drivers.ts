/**
 * Why revenue moved: the change between two periods split into drivers that add up to it
 * exactly, to the cent. Revenue is deals won × average deal size:
 *
 *   ΔR = ΔN·A₀ (more or fewer deals) + N₀·ΔA (bigger or smaller deals) + ΔN·ΔA (both at once)
 *
 * and, upstream, the deals won are roughly the opportunities created × the win rate:
 *
 *   ΔN·A₀ = ΔC·w₀·A₀ (opportunities created) + C₀·Δw·A₀ (win rate) + ΔC·Δw·A₀ (both)
 *           + the rest (deals won from earlier cohorts, timing) — shown, never hidden.
 *
 * Each term is rounded to the cent and the last one of each line takes the rounding, so the
 * terms a reader adds up give the change they are shown.
 */
export interface DriverSide {
  /** Won revenue (Σ amount of deals won with an amount). */
  revenue: number
  /** Deals won with an amount: revenue / average deal size. */
  won: number
  /** Opportunities created in the period; null when unknown. */
  created: number | null
  /** Win rate (won / closed); null when nothing closed. */
  winRate: number | null
}

export interface RevenueDrivers {
  before: DriverSide
  now: DriverSide
  /** Average deal size of each side (the other side's when a side won nothing). */
  dealSize: { before: number; now: number }
  change: number
  /** change = volume + size + interaction, to the cent. */
  volume: number
  size: number
  interaction: number
  /** volume = created + winRate + both + rest, to the cent; null without the upstream figures. */
  upstream: { created: number; winRate: number; both: number; rest: number } | null
}

const cents = (x: number) => Math.round(x * 100)
const money = (c: number) => c / 100

export function revenueDrivers(before: DriverSide, now: DriverSide): RevenueDrivers {
  const a0raw = before.won > 0 ? before.revenue / before.won : null
  const a1raw = now.won > 0 ? now.revenue / now.won : null
  // A side that won nothing has no deal size: the other side's makes its size effect zero
  // and puts the whole change in volume, which is what happened.
  const a0 = a0raw ?? a1raw ?? 0
  const a1 = a1raw ?? a0
  const change = cents(now.revenue) - cents(before.revenue)
  const dN = now.won - before.won
  const volume = cents(dN * a0)
  const size = cents(before.won * (a1 - a0))
  const interaction = change - volume - size
  let upstream: RevenueDrivers['upstream'] = null
  if (
    before.created !== null &&
    now.created !== null &&
    before.winRate !== null &&
    now.winRate !== null
  ) {
    const dC = now.created - before.created
    const dW = now.winRate - before.winRate
    const created = cents(dC * before.winRate * a0)
    const winRate = cents(before.created * dW * a0)
    const both = cents(dC * dW * a0)
    upstream = {
      created: money(created),
      winRate: money(winRate),
      both: money(both),
      rest: money(volume - created - winRate - both),
    }
  }
  return {
    before,
    now,
    dealSize: { before: a0, now: a1 },
    change: money(change),
    volume: money(volume),
    size: money(size),
    interaction: money(interaction),
    upstream,
  }
}
