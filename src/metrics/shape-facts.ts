import type { Drill, Words } from './metric-schema.js'
import { hasRecords, splitRef, type NestedName } from './nested/values.js'
import type { Expr, PartWords, Shape } from './shapes.js'

type Quotient = Omit<Extract<Shape<string>, { shape: 'derived' }>, 'shape'>

// What follows from a shape besides its value: the names it reads, its formula, its drill-down.

/** Every measure name and nested reference an expression reads, with `previous` marked. */
export function refsOf(e: Expr<string>): { name: string; previous: boolean }[] {
  if (typeof e === 'string') return [{ name: e, previous: false }]
  if ('previous' in e) return [{ name: e.previous, previous: true }]
  if ('mean' in e) return [{ name: e.mean, previous: false }]
  if ('known' in e) return refsOf(e.known)
  if ('nonzero' in e) return refsOf(e.nonzero)
  return ('minus' in e ? e.minus : 'times' in e ? e.times : e.over).flatMap(refsOf)
}

/** The operands a shape reads, with the path each is found at (for error messages). */
export function operandsOf(shape: Shape<string>): { path: string; expr: Expr<string> }[] {
  switch (shape.shape) {
    case 'measure':
      return [{ path: 'value.of', expr: shape.of }]
    case 'ratio':
      return [
        { path: 'value.numerator', expr: shape.numerator },
        { path: 'value.denominator', expr: shape.denominator },
      ]
    case 'derived':
    case 'nested': {
      const parts = (q: Quotient, at: string) => [
        { path: `${at}.numerator`, expr: q.numerator },
        { path: `${at}.denominator`, expr: q.denominator },
        ...(q.requires ?? []).map((r, i) => ({ path: `${at}.requires.${i}`, expr: r.of })),
        ...Object.entries(q.drill ?? {}).map(([k, v]) => ({ path: `${at}.drill.${k}`, expr: v })),
      ]
      return [
        ...parts(shape, 'value'),
        ...(shape.shape === 'nested' && shape.perRep ? parts(shape.perRep, 'value.perRep') : []),
      ]
    }
    case 'custom':
      return Object.entries(shape.drill ?? {}).map(([k, v]) => ({
        path: `value.drill.${k}`,
        expr: v,
      }))
  }
}

/** The nested inputs a shape reads. */
export function nestedOf(shape: Shape<string>): NestedName[] {
  if (shape.shape === 'custom') return [...shape.reads]
  const names = operandsOf(shape).flatMap((o) => refsOf(o.expr).map((r) => splitRef(r.name)))
  return [...new Set(names.flatMap((r) => (r ? [r.input] : [])))]
}

export function needsPrevious(shape: Shape<string>): boolean {
  return operandsOf(shape).some((o) => refsOf(o.expr).some((r) => r.previous))
}

/** "{numerator} won / {denominator} closed", in both languages. */
export function formulaOf(
  shape: Shape<string>,
  isMean: (name: string) => boolean,
  grouped: readonly string[] = [],
): Words {
  if (shape.shape === 'custom') return shape.formula
  const words: PartWords =
    shape.shape === 'nested' && shape.perRep && grouped.includes('rep')
      ? shape.perRep.words
      : shape.words
  const oneNumber = shape.shape === 'measure' && !isMean(shape.of)
  const fill = (lang: 'en' | 'pl') =>
    oneNumber || !words.denominator
      ? `{numerator} ${words.numerator[lang]}`
      : `{numerator} ${words.numerator[lang]} / {denominator} ${words.denominator[lang]}`
  return { en: fill('en'), pl: fill('pl') }
}

/**
 * The records behind each part: a part that is one measure lists that measure's records, a
 * nested value with records lists those; anything else only what the shape names in `drill`.
 */
export function drillOf(
  shape: Shape<string>,
  isMean: (name: string) => boolean,
): { numerator?: Drill; denominator?: Drill } {
  const leaf = (e: Expr<string> | undefined): Drill | undefined => {
    if (e === undefined) return undefined
    if (typeof e === 'string') {
      const ref = splitRef(e)
      if (!ref) return { measure: e }
      return hasRecords(ref.input, ref.value)
        ? { nested: ref.input, records: ref.value }
        : undefined
    }
    if ('mean' in e) return { measure: e.mean }
    if ('known' in e) return leaf(e.known)
    return undefined
  }
  const parts = (numerator?: Drill, denominator?: Drill) => ({
    ...(numerator ? { numerator } : {}),
    ...(denominator ? { denominator } : {}),
  })
  switch (shape.shape) {
    case 'measure':
      return parts(leaf(shape.of), isMean(shape.of) ? leaf(shape.of) : undefined)
    case 'ratio':
      return parts(leaf(shape.numerator), leaf(shape.denominator))
    case 'derived':
    case 'nested':
      return parts(
        leaf(shape.drill?.numerator ?? shape.numerator),
        leaf(shape.drill?.denominator ?? shape.denominator),
      )
    case 'custom':
      return parts(leaf(shape.drill?.numerator), leaf(shape.drill?.denominator))
  }
}
