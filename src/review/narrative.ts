import { makeFormatter, type Formatter } from '../format/number-format.js'
import { getMetric } from '../metrics/catalog.js'
import type { KpiLine, ReviewPack, Sentence } from './pack.js'

/** A move smaller than this (relative) is not news. */
const newsworthy = 0.1
/** Pipeline coverage under this multiple of the quota to win is thin (the usual 3× rule). */
const coverageRule = 3
const most = 5

type Both = { en: Formatter; pl: Formatter }

/**
 * The 3–5 most important changes of a pack, written by rules from its figures (no language
 * model): the revenue change and its main driver first, then the largest relative moves of
 * the headline, thresholds crossed (targets, next period's coverage), the biggest funnel leak,
 * reps under their quota and the forecast's bias. Every sentence names the figures it rests on.
 */
export function writeNarrative(pack: ReviewPack): Sentence[] {
  const fmt: Both = {
    en: makeFormatter('en', pack.currency),
    pl: makeFormatter('pl', pack.currency),
  }
  const revenue = revenueSentence(pack, fmt)
  // A metric the revenue sentence already explains is not news twice.
  // The forecast has a sentence of its own.
  const told = new Set([
    'forecast_accuracy',
    'forecast_bias',
    ...(revenue?.figures.includes('drivers.size') ? ['average_deal_size'] : []),
  ])
  const candidates = [
    revenue,
    ...biggestMoves(pack, fmt, told),
    targetSentence(pack, fmt),
    coverageSentence(pack, fmt),
    leakSentence(pack, fmt),
    teamSentence(pack, fmt),
    forecastSentence(pack, fmt),
  ].filter((s): s is Sentence => s !== null)
  return candidates.slice(0, most)
}

const line = (pack: ReviewPack, id: string) => pack.headline.find((k) => k.metric === id)
const name = (id: string, lang: 'en' | 'pl') => getMetric(id).names[lang]
const pct = (x: number, f: Formatter) => f.value(Math.abs(x), 'ratio')

function revenueSentence(pack: ReviewPack, fmt: Both): Sentence | null {
  const r = line(pack, 'total_revenue')
  const d = pack.drivers.drivers
  if (!r || r.value === null || r.previous === null || !d) return null
  const up = d.change >= 0
  const soFar = pack.running
  const rel = r.change
  const head = {
    en: `Revenue ${soFar ? 'so far ' : ''}${up ? 'rose' : 'fell'} ${rel === null ? '' : `${pct(rel, fmt.en)} `}to ${fmt.en.value(r.value, 'currency')} (${fmt.en.change(d.change, 'currency')})`,
    pl: `Przychody${soFar ? ' do tej pory' : ''} ${up ? 'wzrosły' : 'spadły'} ${rel === null ? '' : `o ${pct(rel, fmt.pl)} `}do ${fmt.pl.value(r.value, 'currency')} (${fmt.pl.change(d.change, 'currency')})`,
  }
  const figures = [
    'headline.total_revenue.value',
    'headline.total_revenue.previous',
    'drivers.change',
  ]
  // The driver that moved revenue most, in the same direction as the change.
  const dWon = d.now.won - d.before.won
  const byVolume = Math.abs(d.volume) >= Math.abs(d.size)
  let why: { en: string; pl: string }
  if (byVolume) {
    figures.push('drivers.volume', 'drivers.won.before', 'drivers.won.now')
    const n = Math.abs(dWon)
    why = {
      en: `${dWon >= 0 ? 'more' : 'fewer'} deals won (${dWon >= 0 ? '+' : '−'}${n}, ${fmt.en.change(d.volume, 'currency')})`,
      pl: `${dWon >= 0 ? 'więcej' : 'mniej'} wygranych transakcji (${dWon >= 0 ? '+' : '−'}${n}, ${fmt.pl.change(d.volume, 'currency')})`,
    }
    const u = d.upstream
    if (u && Math.abs(u.created) + Math.abs(u.winRate) > 0) {
      const fromCreated = Math.abs(u.created) >= Math.abs(u.winRate)
      figures.push(fromCreated ? 'drivers.upstream.created' : 'drivers.upstream.win_rate')
      const amount = fromCreated ? u.created : u.winRate
      const more = amount >= 0
      why = {
        en: `${why.en}, mostly from ${fromCreated ? `${more ? 'more' : 'fewer'} opportunities created` : `a ${more ? 'higher' : 'lower'} win rate`} (${fmt.en.change(amount, 'currency')})`,
        pl: `${why.pl}, głównie dzięki ${fromCreated ? `${more ? 'większej' : 'mniejszej'} liczbie utworzonych szans` : `${more ? 'wyższemu' : 'niższemu'} wskaźnikowi wygranych`} (${fmt.pl.change(amount, 'currency')})`,
      }
    }
  } else {
    figures.push('drivers.size')
    const bigger = d.size >= 0
    why = {
      en: `${bigger ? 'bigger' : 'smaller'} deals (average ${fmt.en.value(d.dealSize.now, 'currency')} against ${fmt.en.value(d.dealSize.before, 'currency')}, ${fmt.en.change(d.size, 'currency')})`,
      pl: `${bigger ? 'większe' : 'mniejsze'} transakcje (średnio ${fmt.pl.value(d.dealSize.now, 'currency')} wobec ${fmt.pl.value(d.dealSize.before, 'currency')}, ${fmt.pl.change(d.size, 'currency')})`,
    }
  }
  return { en: `${head.en}: ${why.en}.`, pl: `${head.pl}: ${why.pl}.`, figures }
}

/** The two headline metrics (revenue aside) that moved most against the previous period. */
function biggestMoves(pack: ReviewPack, fmt: Both, told: ReadonlySet<string>): Sentence[] {
  const relative = (k: KpiLine) => {
    if (k.value === null || k.previous === null || k.previous === 0) return null
    return (k.value - k.previous) / Math.abs(k.previous)
  }
  return pack.headline
    .filter((k) => k.metric !== 'total_revenue' && !told.has(k.metric) && k.better !== null)
    .map((k) => ({ k, rel: relative(k) }))
    .filter(
      (x): x is { k: KpiLine; rel: number } => x.rel !== null && Math.abs(x.rel) >= newsworthy,
    )
    .sort((a, b) => Math.abs(b.rel) - Math.abs(a.rel))
    .slice(0, 2)
    .map(({ k }) => {
      const good = k.better === true
      return {
        en: `${name(k.metric, 'en')} ${good ? 'improved' : 'worsened'} from ${fmt.en.value(k.previous, k.unit)} to ${fmt.en.value(k.value, k.unit)}.`,
        pl: `${name(k.metric, 'pl')}: ${good ? 'poprawa' : 'pogorszenie'} z ${fmt.pl.value(k.previous, k.unit)} do ${fmt.pl.value(k.value, k.unit)}.`,
        figures: [`headline.${k.metric}.value`, `headline.${k.metric}.previous`],
      }
    })
}

/** Revenue against its target: met, on pace, behind or missed. */
function targetSentence(pack: ReviewPack, fmt: Both): Sentence | null {
  const r = line(pack, 'total_revenue')
  if (!r || r.target === null || !r.goal || r.goal.share === null || r.goal.status === null)
    return null
  const share = { en: pct(r.goal.share, fmt.en), pl: pct(r.goal.share, fmt.pl) }
  const words = {
    met: { en: 'met its target', pl: 'osiągnęły cel' },
    on_pace: { en: 'is on pace for its target', pl: 'idą zgodnie z tempem do celu' },
    behind: { en: 'is behind the pace of its target', pl: 'są poniżej tempa celu' },
    missed: { en: 'missed its target', pl: 'nie osiągnęły celu' },
  }[r.goal.status]
  return {
    en: `Revenue ${words.en}: ${share.en} of ${fmt.en.value(r.target, 'currency')}.`,
    pl: `Przychody ${words.pl}: ${share.pl} z ${fmt.pl.value(r.target, 'currency')}.`,
    figures: ['headline.total_revenue.value', 'headline.total_revenue.target'],
  }
}

/** The next period's coverage when it is under the 3× rule. */
function coverageSentence(pack: ReviewPack, fmt: Both): Sentence | null {
  const c = pack.pipeline.coverageNext
  if (!c || c.value === null || c.value >= coverageRule) return null
  return {
    en: `Pipeline for the next period covers ${fmt.en.value(c.value, 'multiple')} of the quota still to win, under the ${coverageRule}× rule of thumb.`,
    pl: `Lejek na kolejny okres pokrywa ${fmt.pl.value(c.value, 'multiple')} kwoty do zdobycia, poniżej zasady ${coverageRule}×.`,
    figures: ['pipeline.coverage_next'],
  }
}

function leakSentence(pack: ReviewPack, fmt: Both): Sentence | null {
  const leak = pack.pipeline.leak
  if (!leak) return null
  const stopped = leak.conversion === null ? null : 1 - leak.conversion
  return {
    en: `Most deals stopped at ${leak.stage}: ${leak.dropOff} went no further${stopped === null ? '' : ` (${pct(stopped, fmt.en)} of those that reached it)`}.`,
    pl: `Najwięcej transakcji zatrzymało się na etapie ${leak.stage}: ${leak.dropOff} nie poszło dalej${stopped === null ? '' : ` (${pct(stopped, fmt.pl)} tych, które do niego doszły)`}.`,
    figures: ['pipeline.leak.drop_off'],
  }
}

function teamSentence(pack: ReviewPack, fmt: Both): Sentence | null {
  const t = pack.team
  if (t.below.length === 0) return null
  const names = t.below
    .slice(0, 3)
    .map((b) => t.reps.find((r) => r.rep === b.rep)?.name ?? b.rep)
    .join(', ')
  const threshold = { en: pct(t.threshold, fmt.en), pl: pct(t.threshold, fmt.pl) }
  const pace = pack.running
  return {
    en: `${t.below.length} of ${t.reps.length} reps are under ${threshold.en} of their quota${pace ? ' at this pace' : ''} (${names}): worth a coaching conversation.`,
    pl: `Handlowcy poniżej ${threshold.pl} kwoty${pace ? ' przy obecnym tempie' : ''}: ${t.below.length} z ${t.reps.length} (${names}) — warto porozmawiać o wsparciu.`,
    figures: t.below.map((b) => `team.${b.rep}.attainment`),
  }
}

function forecastSentence(pack: ReviewPack, fmt: Both): Sentence | null {
  const { bias, accuracy } = pack.forecast
  if (bias === null || !accuracy || accuracy.value === null) return null
  const over = bias > 0
  return {
    en: `The forecast was ${pct(bias, fmt.en)} ${over ? 'above' : 'below'} the actual (accuracy ${fmt.en.value(accuracy.value, 'ratio')}).`,
    pl: `Prognoza była o ${pct(bias, fmt.pl)} ${over ? 'wyższa' : 'niższa'} od wyniku (dokładność ${fmt.pl.value(accuracy.value, 'ratio')}).`,
    figures: ['forecast.bias', 'forecast.accuracy'],
  }
}
