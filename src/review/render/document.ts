import type { ResultRow } from '../../contracts/result-row.js'
import { makeFormatter, type Formatter } from '../../format/number-format.js'
import { reasonText } from '../../format/reason-words.js'
import { getMetric } from '../../metrics/catalog.js'
import type { ReviewPack } from '../pack.js'
import type { Restatement } from '../saved-reviews.js'
import { fill, words, type Words } from './words.js'

export type Lang = 'en' | 'pl'

/** A chart drawn by the HTML renderer (Markdown leaves charts out). */
export type Chart =
  | { kind: 'waterfall'; title: string; steps: { label: string; value: number; total?: boolean }[] }
  | {
      kind: 'bars'
      title: string
      bars: { label: string; value: number }[]
      unit: ResultRow['unit']
      mark?: number
    }

export type Block =
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string; tone?: 'muted' }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: 'chart'; chart: Chart }

/** A pack laid out for reading: the same blocks become Markdown, HTML and so PDF. */
export interface ReviewDocument {
  lang: Lang
  title: string
  subtitle: string
  blocks: Block[]
}

/** The pack as a document in a language: sections in the order a review is presented. */
export function reviewDocument(
  pack: ReviewPack,
  lang: Lang,
  restated?: readonly Restatement[],
): ReviewDocument {
  const w = words[lang]
  const f = makeFormatter(lang, pack.currency)
  const b: Block[] = []
  const scope = pack.scope ?? w.company
  const subtitle = [
    `${f.range(pack.from, pack.to)} · ${w.scope}: ${scope} · ${w.asOf} ${f.date(pack.asOf)}`,
    ...(pack.running ? [w.running] : []),
  ].join(' · ')

  b.push(
    { kind: 'h2', text: w.summary },
    { kind: 'list', items: pack.narrative.map((s) => s[lang]) },
  )
  headline(pack, w, f, lang, b)
  drivers(pack, w, f, b)
  pipeline(pack, w, f, b)
  team(pack, w, f, b)
  customers(pack, w, f, lang, b)
  slices(pack, w, f, lang, b)
  forecast(pack, w, f, lang, b)
  quarters(pack, w, f, lang, b)
  b.push({ kind: 'h2', text: w.quality })
  b.push(
    table(
      [w.check, w.records],
      pack.quality.map((q) => [
        lang === 'pl' ? q.description_pl : q.description,
        f.number(q.count, 0),
      ]),
      [false, true],
    ),
  )
  if (restated) restatedBlock(pack, restated, w, f, lang, b)
  return { lang, title: `${w.kind[pack.kind]} ${pack.label}`, subtitle, blocks: b }
}

const table = (head: string[], rows: string[][], numeric: boolean[]): Block => ({
  kind: 'table',
  head,
  rows,
  numeric,
})

const metricName = (id: string, lang: Lang) => getMetric(id).names[lang]

/** A relative change or share with its sign: +12.0%, −3.5%. */
const signedShare = (v: number, f: Formatter) =>
  `${v > 0 ? '+' : v < 0 ? '−' : ''}${f.value(Math.abs(v), 'ratio')}`

function signedChange(v: number | null, unit: ResultRow['unit'], f: Formatter): string {
  if (v === null) return '—'
  const relative = unit === 'currency' || unit === 'count' || unit === 'currency_per_day'
  return relative ? signedShare(v, f) : f.change(v, unit)
}

/** A value, or the reason it has none in words ("not available"). */
function shown(row: ResultRow | null | undefined, f: Formatter, w: Words): string {
  if (!row) return '—'
  if (
    row.value === null &&
    (row.reason === 'unsupported_filter' || row.reason === 'unsupported_grouping')
  )
    return w.notAvailable
  return f.value(row.value, row.unit)
}

function headline(pack: ReviewPack, w: Words, f: Formatter, lang: Lang, b: Block[]) {
  b.push({ kind: 'h2', text: w.headline })
  b.push(
    table(
      [w.metric, w.value, w.previous, w.change, w.yearAgo, w.change, w.target, w.goal],
      pack.headline.map((k) => [
        metricName(k.metric, lang),
        shown(k.row, f, w),
        f.value(k.previous, k.unit),
        arrow(k.better) + signedChange(k.change, k.unit, f),
        f.value(k.yearAgo, k.unit),
        arrow(k.betterYearAgo) + signedChange(k.changeYearAgo, k.unit, f),
        k.target === null ? '' : f.value(k.target, k.unit),
        k.goal?.status ? `${f.value(k.goal.share, 'ratio')} · ${w.goalStatus[k.goal.status]}` : '',
      ]),
      [false, true, true, true, true, true, true, false],
    ),
  )
  if (pack.byTeam) {
    const metrics = pack.headline.map((k) => k.metric)
    b.push(
      table(
        [w.team, ...metrics.map((m) => metricName(m, lang))],
        pack.byTeam.map((t) => [
          t.team ?? w.none,
          ...metrics.map((m) =>
            shown(
              t.rows.find((r) => r.metric === m),
              f,
              w,
            ),
          ),
        ]),
        [false, ...metrics.map(() => true)],
      ),
    )
  }
}

/** ▲ good news, ▼ bad news (direction-aware), nothing when unchanged or unknown. */
const arrow = (better: boolean | null) => (better === null ? '' : better ? '▲ ' : '▼ ')

function drivers(pack: ReviewPack, w: Words, f: Formatter, b: Block[]) {
  b.push({ kind: 'h2', text: w.drivers })
  const d = pack.drivers.drivers
  if (!d) {
    b.push({ kind: 'p', text: w.driversNone, tone: 'muted' })
    return
  }
  b.push({ kind: 'p', text: w.driversIntro })
  // To the cent: the lines add up to the change, and a reader can check it.
  const money = (v: number) => f.money(v, 2)
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${f.money(Math.abs(v), 2)}`
  b.push(
    table(
      [w.driver, w.amount],
      [
        [w.revenueBefore, money(d.before.revenue)],
        [w.volume, signed(d.volume)],
        [w.size, signed(d.size)],
        [w.interaction, signed(d.interaction)],
        [w.revenueNow, money(d.now.revenue)],
      ],
      [false, true],
    ),
  )
  b.push({
    kind: 'p',
    text: fill(w.wonDeals, {
      before: f.number(d.before.won, 0),
      now: f.number(d.now.won, 0),
      sizeBefore: f.value(d.dealSize.before, 'currency'),
      sizeNow: f.value(d.dealSize.now, 'currency'),
    }),
  })
  b.push({
    kind: 'chart',
    chart: {
      kind: 'waterfall',
      title: w.drivers,
      steps: [
        { label: w.revenueBefore, value: d.before.revenue, total: true },
        { label: w.volume, value: d.volume },
        { label: w.size, value: d.size },
        { label: w.interaction, value: d.interaction },
        { label: w.revenueNow, value: d.now.revenue, total: true },
      ],
    },
  })
  if (d.upstream) {
    b.push({ kind: 'p', text: `${w.upstream} (${w.volume.toLowerCase()}: ${signed(d.volume)})` })
    b.push(
      table(
        [w.driver, w.amount],
        [
          [w.created, signed(d.upstream.created)],
          [w.winRate, signed(d.upstream.winRate)],
          [w.both, signed(d.upstream.both)],
          [w.rest, signed(d.upstream.rest)],
        ],
        [false, true],
      ),
    )
  }
}

function pipeline(pack: ReviewPack, w: Words, f: Formatter, b: Block[]) {
  const p = pack.pipeline
  b.push({ kind: 'h2', text: w.pipeline })
  const c = p.components
  if (p.velocity)
    b.push({
      kind: 'p',
      text: fill(w.velocity, {
        value: shown(p.velocity, f, w),
        created: c.created === null ? '—' : f.number(c.created, 0),
        winRate: f.value(c.winRate, 'ratio'),
        dealSize: f.value(c.dealSize, 'currency'),
        cycle: f.value(c.cycle, 'days'),
      }),
    })
  if (p.coverageNext)
    b.push({
      kind: 'p',
      text: fill(w.coverageNext, {
        period: f.range(pack.next.from, pack.next.to),
        value: shown(p.coverageNext, f, w),
      }),
    })
  for (const { pipeline, stages } of p.funnel) {
    b.push({ kind: 'p', text: `${w.funnel}${p.funnel.length > 1 ? ` — ${pipeline}` : ''}` })
    b.push(
      table(
        [w.stage, w.reached, w.conversion, w.dropOff, w.days],
        stages.map((s) => [
          s.stage,
          f.number(s.reached, 0),
          f.value(s.conversion, 'ratio'),
          s.drop_off === null ? '' : f.number(s.drop_off, 0),
          f.value(s.mean_days, 'days'),
        ]),
        [false, true, true, true, true],
      ),
    )
  }
  if (p.leak)
    b.push({
      kind: 'p',
      text: fill(w.leak, {
        stage: p.leak.stage,
        next: p.leak.next ?? '—',
        dropOff: f.number(p.leak.dropOff, 0),
      }),
    })
  if (p.slowest && p.slowest.ratio <= 1) b.push({ kind: 'p', text: w.noneSlower })
  else if (p.slowest)
    b.push({
      kind: 'p',
      text: fill(w.slowest, {
        stage: p.slowest.stage,
        days: f.value(p.slowest.days, 'days'),
        usual: f.value(p.slowest.usual, 'days'),
      }),
    })
  b.push({
    kind: 'p',
    text: fill(w.slipped, {
      count: f.number(p.slipped.count, 0),
      amount: f.value(p.slipped.amount, 'currency'),
    }),
  })
  if (p.slipped.deals.length)
    b.push(
      table(
        [w.deal, w.owner, w.amount, w.was, w.now],
        p.slipped.deals.map((x) => [
          x.name ?? x.id,
          x.owner ?? '',
          f.value(x.amount, 'currency'),
          f.date(x.was),
          x.now ? f.date(x.now) : '',
        ]),
        [false, false, true, false, false],
      ),
    )
}

function team(pack: ReviewPack, w: Words, f: Formatter, b: Block[]) {
  const t = pack.team
  b.push({ kind: 'h2', text: w.team })
  b.push(
    table(
      [w.rep, w.revenue, w.quota, w.attainment, w.pace, w.winRate, w.cycle, w.timeSelling],
      t.reps.map((r) => [
        r.name,
        f.value(r.revenue, 'currency'),
        f.value(r.quota, 'currency'),
        f.value(r.attainment, 'ratio'),
        r.goal?.status ? w.goalStatus[r.goal.status] : '',
        f.value(r.winRate, 'ratio'),
        f.value(r.cycle, 'days'),
        f.value(r.timeSelling, 'ratio'),
      ]),
      [false, true, true, true, false, true, true, true],
    ),
  )
  const withQuota = t.reps.filter((r) => r.attainment !== null)
  if (withQuota.length)
    b.push({
      kind: 'chart',
      chart: {
        kind: 'bars',
        title: w.attainment,
        unit: 'ratio',
        mark: 1,
        bars: withQuota.map((r) => ({ label: r.name, value: r.attainment as number })),
      },
    })
  if (t.productivity)
    b.push({ kind: 'p', text: fill(w.productivity, { value: shown(t.productivity, f, w) }) })
  const name = (rep: string) => t.reps.find((r) => r.rep === rep)?.name ?? rep
  if (t.top.length) b.push({ kind: 'p', text: fill(w.top, { names: t.top.map(name).join(', ') }) })
  if (t.below.length) {
    b.push({
      kind: 'p',
      text: fill(w.below, {
        threshold: f.value(t.threshold, 'ratio'),
        pace: pack.running ? w.atPace : '',
      }),
    })
    b.push({
      kind: 'list',
      items: t.below.map((x) => {
        const notes = x.notes.map((n) =>
          n.kind === 'win_rate'
            ? fill(w.noteWinRate, { rep: f.value(n.rep, 'ratio'), team: f.value(n.team, 'ratio') })
            : n.kind === 'cycle'
              ? fill(w.noteCycle, { rep: f.value(n.rep, 'days'), team: f.value(n.team, 'days') })
              : w.noteNoPipeline,
        )
        return `${name(x.rep)}: ${f.value(x.attainment, 'ratio')}${notes.length ? ` — ${notes.join('; ')}` : ''}`
      }),
    })
  }
}

function customers(pack: ReviewPack, w: Words, f: Formatter, lang: Lang, b: Block[]) {
  const c = pack.customers
  b.push({ kind: 'h2', text: w.customers })
  const count = (v: number | null) => (v === null ? '—' : f.number(v, 0))
  b.push(
    table(
      [w.metric, w.value],
      [
        [w.newCustomers, count(c.newCustomers)],
        [w.lostCustomers, count(c.lost)],
        [w.atStart, count(c.atStart)],
        [metricName('customer_acquisition_cost', lang), shown(c.cac, f, w)],
        [metricName('customer_lifetime_value', lang), shown(c.cltv, f, w)],
        [metricName('churn_rate', lang), shown(c.churn, f, w)],
        [metricName('customer_retention_rate', lang), shown(c.retention, f, w)],
        [w.ltvToCac, c.ltvToCac === null ? '—' : f.value(c.ltvToCac, 'multiple')],
      ],
      [false, true],
    ),
  )
  if (c.cacByChannel.length)
    b.push(
      { kind: 'p', text: w.cacByChannel },
      table(
        [w.channel, 'CAC'],
        c.cacByChannel.map((x) => [x.channel ?? w.none, f.value(x.value, 'currency')]),
        [false, true],
      ),
    )
}

function slices(pack: ReviewPack, w: Words, f: Formatter, lang: Lang, b: Block[]) {
  b.push({ kind: 'h2', text: w.segments }, { kind: 'p', text: w.segmentsIntro, tone: 'muted' })
  b.push(
    table(
      [w.segment, w.winRate, w.dealSize, w.cycle, metricName('pipeline_velocity', lang)],
      pack.segments.map((s) => [
        s.segment ?? w.none,
        f.value(s.winRate, 'ratio'),
        f.value(s.dealSize, 'currency'),
        f.value(s.cycle, 'days'),
        f.value(s.velocity, 'currency_per_day'),
      ]),
      [false, true, true, true, true],
    ),
  )
  b.push({ kind: 'h2', text: w.channels }, { kind: 'p', text: w.channelsIntro, tone: 'muted' })
  b.push(
    table(
      [w.channel, w.leads, w.leadConversion, w.revenue, w.spend, 'CAC', w.returnOnSpend],
      pack.channels.map((x) => [
        x.channel ?? w.none,
        x.leads === null ? '—' : f.number(x.leads, 0),
        f.value(x.conversion, 'ratio'),
        f.value(x.revenue, 'currency'),
        f.value(x.spend, 'currency'),
        f.value(x.cac, 'currency'),
        x.returnOnSpend === null ? '—' : f.value(x.returnOnSpend, 'multiple'),
      ]),
      [false, true, true, true, true, true, true],
    ),
  )
}

function forecast(pack: ReviewPack, w: Words, f: Formatter, lang: Lang, b: Block[]) {
  const x = pack.forecast
  b.push({ kind: 'h2', text: w.forecast })
  if (x.bias === null || x.forecast === null || x.actual === null) {
    const reason = x.accuracy?.reason
    b.push({
      kind: 'p',
      text: reason && reason !== 'no_forecast' ? reasonText(reason, lang) : w.forecastNone,
      tone: 'muted',
    })
  } else {
    b.push({
      kind: 'p',
      text: fill(w.forecastLine, {
        forecast: f.value(x.forecast, 'currency'),
        actual: f.value(x.actual, 'currency'),
        accuracy: shown(x.accuracy, f, w),
        bias: f.value(Math.abs(x.bias), 'ratio'),
        direction: x.bias > 0 ? w.over : w.under,
      }),
    })
  }
  if (x.history.length) {
    b.push({ kind: 'p', text: w.history })
    b.push(
      table(
        [w.scope, w.period, w.accuracy, w.bias],
        x.history.map((h) => [
          h.scope,
          f.bucket(h.from, h.to),
          f.value(h.accuracy, 'ratio'),
          h.bias === null ? '—' : signedShare(h.bias, f),
        ]),
        [false, false, true, true],
      ),
    )
  }
}

function quarters(pack: ReviewPack, w: Words, f: Formatter, lang: Lang, b: Block[]) {
  if (!pack.quarters) return
  b.push({ kind: 'h2', text: w.quarters })
  const metrics = pack.headline.map((k) => k.metric)
  b.push(
    table(
      [w.metric, ...pack.quarters.map((q) => f.bucket(q.from, q.to))],
      metrics.map((m) => [
        metricName(m, lang),
        ...pack.quarters!.map((q) => {
          const r = q.rows.find((x) => x.metric === m)
          if (!r) return '—'
          const change =
            r.change === null || r.change === undefined ? '' : ` (${f.change(r.change, r.unit)})`
          return `${shown(r, f, w)}${change}`
        }),
      ]),
      [false, ...pack.quarters.map(() => true)],
    ),
  )
}

/** A saved review's figures that data corrections have changed since: saved → now. */
function restatedBlock(
  pack: ReviewPack,
  restated: readonly Restatement[],
  w: Words,
  f: Formatter,
  lang: Lang,
  b: Block[],
) {
  b.push({ kind: 'h2', text: w.restated })
  if (restated.length === 0) {
    b.push({ kind: 'p', text: w.notRestated, tone: 'muted' })
    return
  }
  b.push({ kind: 'p', text: w.restatedIntro, tone: 'muted' })
  const show = (key: string, v: number | null) => (v === null ? '—' : f.value(v, unitOf(key, pack)))
  b.push(
    table(
      [w.figure, w.saved, w.now],
      restated.map((r) => [
        figureLabel(r.key, pack, w, lang),
        show(r.key, r.saved),
        show(r.key, r.now),
      ]),
      [false, true, true],
    ),
  )
}

/** A figure key in words: "Win rate (previous period)", "Rae Two: revenue". */
function figureLabel(key: string, pack: ReviewPack, w: Words, lang: Lang): string {
  const [section, name, part] = key.split('.')
  if (section === 'headline' && name) {
    const suffix =
      part === 'previous'
        ? ` (${w.previous})`
        : part === 'year_ago'
          ? ` (${w.yearAgo})`
          : part === 'target'
            ? ` (${w.target})`
            : ''
    return `${metricName(name, lang)}${suffix}`
  }
  if (section === 'team' && name) {
    const rep = pack.team.reps.find((r) => r.rep === name)?.name ?? name
    const what =
      part === 'revenue'
        ? w.revenue
        : part === 'attainment'
          ? w.attainment
          : part === 'win_rate'
            ? w.winRate
            : part
    return `${rep}: ${what}`
  }
  return key
}

function unitOf(key: string, pack: ReviewPack): ResultRow['unit'] {
  const [section, name, part] = key.split('.')
  if (section === 'headline') return pack.headline.find((k) => k.metric === name)?.unit ?? 'count'
  if (
    part === 'attainment' ||
    part === 'win_rate' ||
    key === 'forecast.accuracy' ||
    key === 'forecast.bias'
  )
    return 'ratio'
  if (
    key.includes('count') ||
    section === 'quality' ||
    key.startsWith('drivers.won') ||
    key === 'customers.new' ||
    key === 'customers.lost'
  )
    return 'count'
  if (
    key === 'pipeline.coverage_next' ||
    key.endsWith('return_on_spend') ||
    key === 'customers.ltv_to_cac'
  )
    return 'multiple'
  if (key === 'pipeline.velocity' || key.endsWith('.velocity')) return 'currency_per_day'
  if (key === 'pipeline.slowest.days') return 'days'
  if (key === 'pipeline.leak.drop_off') return 'count'
  return 'currency'
}
