import { MiernikError } from '../../errors.js'
import { makeFormatter } from '../../format/number-format.js'
import { catalog } from '../../metrics/catalog.js'
import type { MetricDefinition } from '../../metrics/metric-schema.js'
import { parsePeriod } from '../../metrics/periods.js'
import { openStore } from '../../store/open-store.js'
import { readSettings } from '../../store/settings.js'
import type { Store } from '../../store/store.js'
import {
  listTargets,
  removeTarget,
  scopeCandidates,
  scopeText,
  setTarget,
  storedValue,
  type Target,
  type TargetKey,
  type TargetScope,
} from '../../store/targets-store.js'
import { closest } from '../closest.js'
import { auditCli } from '../audit-cli.js'
import type { Io } from '../io.js'
import { renderTable } from '../table.js'

export interface TargetOptions {
  db?: string
  period?: string
  value?: string
  scope?: string
  metric?: string
  format?: string
}

/** `miernik target set METRIC --period P --value V [--scope S]`: sets or changes a target. */
export async function targetSetCommand(
  id: string,
  options: TargetOptions,
  io: Io,
): Promise<number> {
  const metric = metricFor(id)
  const scope = parseScope(options.scope ?? 'company')
  if (metric.perStage)
    throw new MiernikError(
      'USAGE',
      `${metric.id} has a value per stage: a target for it would not be shown anywhere`,
    )
  if (scope.kind !== 'company' && !metric.groupings.includes(scope.kind))
    throw new MiernikError(
      'USAGE',
      `${metric.id} cannot be split by ${scope.kind} (only by ${metric.groupings.join(', ') || 'nothing'}): a ${scope.kind}'s target for it would not be shown`,
    )
  const value = parseValue(options.value ?? '', metric)
  return withStore(options.db, async (store, say) => {
    const key = await keyOf(store, metric.id, options.period ?? '', scope)
    await checkScopeExists(store, scope)
    const previous = await setTarget(store, { ...key, value })
    const what = say.target(key)
    await auditCli(store, { action: 'target_set', target: what, ok: true, detail: String(value) })
    const now = say.value(value, metric)
    if (previous === null) io.out(`Set the target of ${what}: ${now}`)
    else if (previous === storedValue(value))
      io.out(`The target of ${what} is already ${now}: nothing changed`)
    else io.out(`Changed the target of ${what} from ${say.value(previous, metric)} to ${now}`)
    return 0
  })
}

/**
 * `miernik target remove METRIC --period P [--scope S]`. Exit code 1 when there was no such
 * target (nothing removed), as grep says it found nothing: a script can tell.
 */
export async function targetRemoveCommand(
  id: string,
  options: TargetOptions,
  io: Io,
): Promise<number> {
  const scope = parseScope(options.scope ?? 'company')
  return withStore(options.db, async (store, say) => {
    // A target imported for a metric the catalogue does not know can still be removed.
    const known = catalog.some((m) => m.id === id)
    if (!known && (await listTargets(store, { metric: id })).length === 0) metricFor(id)
    const key = await keyOf(store, id, options.period ?? '', scope)
    const previous = await removeTarget(store, key)
    const metric = catalog.find((m) => m.id === id)
    await auditCli(store, {
      action: 'target_remove',
      target: say.target(key),
      ok: previous !== null,
    })
    if (previous === null) {
      io.err(`miernik: there is no target of ${say.target(key)}: nothing removed`)
      return 1
    }
    io.out(`Removed the target of ${say.target(key)} (it was ${say.value(previous, metric)})`)
    return 0
  })
}

/** `miernik target list [--metric M] [--period P] [--scope S] [--format table|json]`. */
export async function targetListCommand(options: TargetOptions, io: Io): Promise<number> {
  const format = options.format ?? 'table'
  if (format !== 'table' && format !== 'json')
    throw new MiernikError('USAGE', `unknown --format '${format}': use table or json`)
  const scope = options.scope === undefined ? undefined : scopeText(parseScope(options.scope))
  return withStore(options.db, async (store, say) => {
    if (options.metric !== undefined && !catalog.some((m) => m.id === options.metric)) {
      const any = await listTargets(store, { metric: options.metric })
      if (any.length === 0) metricFor(options.metric)
    }
    let period: { from: string; to: string } | undefined
    if (options.period !== undefined) {
      const settings = await readSettings(store)
      period = targetPeriod(options.period, settings.fiscal_year_start_month)
    }
    const targets = await listTargets(store, {
      ...(options.metric !== undefined ? { metric: options.metric } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(period ? period : {}),
    })
    const unitOf = (t: Target) => catalog.find((m) => m.id === t.metric)?.unit ?? null
    if (format === 'json') {
      io.out(JSON.stringify({ targets: targets.map((t) => ({ ...t, unit: unitOf(t) })) }, null, 2))
      return 0
    }
    if (targets.length === 0) {
      const filtered = options.metric ?? options.period ?? options.scope
      io.out(
        filtered
          ? 'No targets match.'
          : 'No targets set (miernik target set METRIC --period P --value V).',
      )
      return 0
    }
    const rows = targets.map((t) => [
      t.metric,
      `${t.period_start} – ${t.period_end}`,
      say.scope(t.scope),
      say.value(
        t.value,
        catalog.find((m) => m.id === t.metric),
      ),
    ])
    io.out(
      renderTable(
        [
          { head: 'Metric', wrap: true, breakWords: false },
          { head: 'Period', wrap: true, breakWords: false },
          { head: 'Scope', wrap: true },
          { head: 'Target', align: 'right' },
        ],
        rows,
        io.width,
      ),
    )
    return 0
  })
}

/** How targets are said: values in the metric's unit and the base currency, reps by name. */
interface Sayer {
  value(v: number, metric: MetricDefinition | undefined): string
  scope(scope: string): string
  target(key: TargetKey): string
}

async function withStore(
  db: string | undefined,
  fn: (store: Store, say: Sayer) => Promise<number>,
): Promise<number> {
  const store = await openStore(db)
  try {
    const settings = await readSettings(store)
    const fmt = makeFormatter('en', settings.base_currency)
    const { reps } = await scopeCandidates(store)
    const names = new Map(reps.map((r) => [r.id, r.name]))
    const say: Sayer = {
      // A target is said as it was given: cents where it has them ($2,500.50, not $2,501).
      value: (v, m) =>
        !m
          ? fmt.number(v, 4)
          : m.unit === 'currency' && !Number.isInteger(v)
            ? fmt.money(v, 2)
            : fmt.value(v, m.unit),
      scope: (s) => {
        const rep = /^rep:(.*)$/s.exec(s)?.[1]
        const name = rep === undefined ? undefined : names.get(rep)
        return name ? `${s} (${name})` : s
      },
      target: (k) => {
        const m = catalog.find((x) => x.id === k.metric)
        return `${m ? `${m.names.en} (${k.metric})` : k.metric} for ${k.period_start} – ${k.period_end}, ${say.scope(k.scope)}`
      },
    }
    return await fn(store, say)
  } finally {
    await store.close()
  }
}

async function keyOf(
  store: Store,
  metric: string,
  period: string,
  scope: TargetScope,
): Promise<TargetKey> {
  const settings = await readSettings(store)
  const p = targetPeriod(period, settings.fiscal_year_start_month)
  return { metric, period_start: p.from, period_end: p.to, scope: scopeText(scope) }
}

/** A named period (targets are for whole periods: there is no --from/--to to point to). */
function targetPeriod(text: string, fiscalStartMonth: number): { from: string; to: string } {
  try {
    return parsePeriod(text, fiscalStartMonth)
  } catch (e) {
    if (e instanceof MiernikError && e.code === 'INVALID_PERIOD')
      throw new MiernikError(e.code, e.message.replace(/, or --from\/--to dates$/, ''))
    throw e
  }
}

function metricFor(id: string): MetricDefinition {
  const metric = catalog.find((m) => m.id === id)
  if (metric) return metric
  const near = closest(id, catalog, (m) => [m.id, m.names.en])
  throw new MiernikError(
    'METRIC_NOT_FOUND',
    `unknown metric '${id}'${near ? `: did you mean ${near.id}?` : ''} ('miernik metrics --list' shows the catalogue)`,
  )
}

/** 'company', 'rep:ID' or 'team:NAME'. */
export function parseScope(text: string): TargetScope {
  const t = text.trim()
  if (t.toLowerCase() === 'company') return { kind: 'company' }
  const m = /^(rep|team):(.*)$/is.exec(t)
  const id = m?.[2]?.trim()
  if (!m || !id)
    throw new MiernikError('USAGE', `bad --scope '${text}': use company, rep:ID or team:NAME`)
  return { kind: (m[1] as string).toLowerCase() as 'rep' | 'team', id }
}

const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/
/** Above this a DECIMAL(18,4) cannot hold it. */
const largest = 1e14

/**
 * A target value in the metric's unit: a plain number, a percentage for a ratio ("30%" or
 * 0.3; a plain number above 1 is refused, as 30 would mean 3,000%), "3" or "3x" for a
 * multiple. Only ratios may be negative (a fall in revenue growth).
 */
export function parseValue(text: string, metric: MetricDefinition): number {
  const t = text.trim()
  const percent = /^(.*?)\s*%$/.exec(t)?.[1]
  const times = /^(.*?)\s*[x×]$/i.exec(t)?.[1]
  const body = percent ?? (metric.unit === 'multiple' ? times : undefined) ?? t
  if (!number.test(body))
    throw new MiernikError('USAGE', `--value must be a number (250000, 0.3 or 30%), not '${text}'`)
  if (percent !== undefined && metric.unit !== 'ratio')
    throw new MiernikError(
      'USAGE',
      `--value '${text}': ${metric.id} is not a ratio (its unit is ${metric.unit}); give a plain number`,
    )
  const value = percent !== undefined ? Number(body) / 100 : Number(body)
  if (metric.unit === 'ratio' && percent === undefined && Math.abs(value) > 1)
    throw new MiernikError(
      'USAGE',
      `--value '${text}' for ${metric.id}, a ratio: write ${body}% or ${value / 100} (a ratio above 1 as a percentage, e.g. 150%)`,
    )
  if (metric.unit !== 'ratio' && value < 0)
    throw new MiernikError('USAGE', `--value for ${metric.id} must be 0 or more, not '${text}'`)
  if (!Number.isFinite(value) || Math.abs(value) >= largest)
    throw new MiernikError('USAGE', `--value '${text}' is too large`)
  return value
}

/** A rep's target needs the rep in reps, a team's the team in reps or their team history. */
async function checkScopeExists(store: Store, scope: TargetScope): Promise<void> {
  if (scope.kind === 'company') return
  const { reps, teams } = await scopeCandidates(store)
  if (scope.kind === 'rep') {
    if (reps.some((r) => r.id === scope.id)) return
    if (reps.length === 0)
      throw new MiernikError(
        'USAGE',
        `no reps are loaded: import them first (miernik import reps FILE)`,
      )
    const named = reps.find((r) => r.name.toLowerCase() === scope.id.toLowerCase())
    const near = named ?? closest(scope.id, reps, (r) => [r.id, r.name])
    throw new MiernikError(
      'USAGE',
      `unknown rep '${scope.id}'${near ? `: did you mean rep:${near.id} (${near.name})?` : ' (give the id of reps)'}`,
    )
  }
  if (teams.includes(scope.id)) return
  if (teams.length === 0)
    throw new MiernikError('USAGE', `no teams are known: import reps with their team first`)
  const near =
    teams.find((t) => t.toLowerCase() === scope.id.toLowerCase()) ??
    closest(scope.id, teams, (t) => [t])
  const known = teams.length <= 12 ? ` (teams: ${teams.join(', ')})` : ''
  throw new MiernikError(
    'USAGE',
    `unknown team '${scope.id}'${known}${near ? `: did you mean team:${near}?` : ''}`,
  )
}
