import type { MetricDefinition } from './metric-schema.js'
import { splitRef } from './nested/values.js'
import type { EvalContext, Expr, MetricValue, Requirement, Shape } from './shapes.js'

type Outcome = { ok: true; v: number | null } | { ok: false; reason: string }
type Quotient = Extract<Shape<string>, { shape: 'derived' | 'nested' }>

/**
 * A metric's value for one period and group, from its shape: the only place that turns
 * measures into values, so a ratio is stated once (in its declaration) and evaluated here.
 */
export function evaluateShape(metric: MetricDefinition, ctx: EvalContext): MetricValue {
  const shape = metric.value
  const excluded = metric.excludedBy ? ctx.m(metric.excludedBy).excluded : 0
  const withExcluded = (r: MetricValue): MetricValue => (excluded ? { ...r, excluded } : r)
  switch (shape.shape) {
    case 'measure': {
      const m = ctx.m(shape.of)
      if (metric.measures[shape.of]?.agg !== 'mean')
        return withExcluded({ value: m.value, numerator: m.value })
      return withExcluded(quotientOf(m.sum, m.count, shape.reason ?? 'no_data'))
    }
    case 'ratio':
      return withExcluded(
        quotientOf(ctx.m(shape.numerator).value, ctx.m(shape.denominator).value, shape.reason),
      )
    case 'derived':
      return withExcluded(quotient(shape, ctx))
    case 'nested':
      return quotient(shape.perRep && ctx.groupedBy.includes('rep') ? shape.perRep : shape, ctx)
    case 'custom':
      return shape.evaluate(ctx)
  }
}

function quotientOf(numerator: number, denominator: number, reason: string): MetricValue {
  if (denominator === 0) return { value: null, numerator, denominator, reason }
  return { value: numerator / denominator, numerator, denominator }
}

/** Requirements first, then each part; the first that cannot be computed gives the reason. */
function quotient(q: Omit<Quotient, 'shape' | 'perRep'>, ctx: EvalContext): MetricValue {
  for (const r of (q.requires ?? []) as readonly Requirement<string>[]) {
    const o = evaluate(r.of, ctx)
    if (!o.ok || !o.v) return { value: null, reason: r.reason }
  }
  const n = evaluate(q.numerator, ctx)
  const d = evaluate(q.denominator, ctx)
  if (!n.ok)
    return { value: null, reason: n.reason, numerator: null, denominator: d.ok ? d.v : null }
  if (!d.ok) return { value: null, reason: d.reason, numerator: n.v, denominator: null }
  const numerator = n.v ?? 0
  const denominator = d.v ?? 0
  if (q.notPositive && denominator <= 0)
    return { value: null, numerator, denominator, reason: q.notPositive }
  return quotientOf(numerator, denominator, q.reason)
}

function evaluate(e: Expr<string>, ctx: EvalContext): Outcome {
  if (typeof e === 'string') {
    const ref = splitRef(e)
    return { ok: true, v: ref ? (ctx.nested(ref.input)[ref.value] ?? null) : ctx.m(e).value }
  }
  if ('previous' in e) return { ok: true, v: ctx.m(e.previous, -1).value }
  if ('mean' in e) {
    const m = ctx.m(e.mean)
    return m.count === 0 ? { ok: false, reason: e.reason } : { ok: true, v: m.sum / m.count }
  }
  if ('known' in e) {
    const o = evaluate(e.known, ctx)
    return o.ok && o.v === null ? { ok: false, reason: e.reason } : o
  }
  if ('nonzero' in e) {
    const o = evaluate(e.nonzero, ctx)
    return o.ok && !o.v ? { ok: false, reason: e.reason } : o
  }
  const parts = 'minus' in e ? e.minus : 'times' in e ? e.times : e.over
  const values: number[] = []
  for (const part of parts) {
    const o = evaluate(part, ctx)
    if (!o.ok) return o
    values.push(o.v ?? 0)
  }
  if ('minus' in e) return { ok: true, v: (values[0] ?? 0) - (values[1] ?? 0) }
  if ('times' in e) return { ok: true, v: values.reduce((a, b) => a * b, 1) }
  const [top = 0, bottom = 0] = values
  return bottom === 0 ? { ok: false, reason: e.reason } : { ok: true, v: top / bottom }
}
