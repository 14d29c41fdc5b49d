import type { Words } from './metric-schema.js'
import type { NestedName, NestedRef } from './nested/values.js'

/**
 * An operand of a metric's value, over the measure names `M` the metric declares and the
 * values of nested inputs ('customers.lost'). Arithmetic nodes carry the reason that makes
 * the value null when they cannot be computed.
 */
export type Expr<M extends string> =
  | M
  | NestedRef
  /** The measure over the period before (growth). */
  | { previous: M }
  /** A mean measure's mean; `reason` when it has no rows. */
  | { mean: M; reason: string }
  | { minus: readonly [Expr<M>, Expr<M>] }
  | { times: readonly Expr<M>[] }
  /** A quotient inside an expression; `reason` when the divisor is 0. */
  | { over: readonly [Expr<M>, Expr<M>]; reason: string }
  /** The operand, or `reason` when it is 0 (pipeline coverage without a quota). */
  | { nonzero: Expr<M>; reason: string }
  /** The operand, or `reason` when it is unknown (the stage after the last one). */
  | { known: Expr<M>; reason: string }

/** The words after each number of the filled-in formula: "{numerator} won / {denominator} closed". */
export interface PartWords {
  numerator: Words
  denominator?: Words
}

/** One aggregate: a sum or count is the value; a mean is its sum over its count. */
export interface MeasureShape<M extends string> {
  shape: 'measure'
  of: M
  /** The measure whose left-out rows count as `excluded`, where several leave rows out. */
  excluded?: M
  /** Why a mean with no rows is null. */
  reason?: string
  words: PartWords
}

/** Numerator measure / denominator measure; `reason` when the denominator is 0. */
export interface RatioShape<M extends string> {
  shape: 'ratio'
  numerator: M
  denominator: M
  /** The measure whose left-out rows count as `excluded`, where several leave rows out. */
  excluded?: M
  reason: string
  words: Required<PartWords>
}

/** What must be non-zero before anything else is computed (else all is null with `reason`). */
export interface Requirement<M extends string> {
  of: Expr<M>
  reason: string
}

interface Quotient<M extends string> {
  numerator: Expr<M>
  denominator: Expr<M>
  /** The measure whose left-out rows count as `excluded`, where several leave rows out. */
  excluded?: M
  /** Why the value is null when the denominator is 0. */
  reason: string
  /** Why it is null when the denominator is 0 or negative, where that is meaningful (quota met). */
  notPositive?: string
  requires?: readonly Requirement<M>[]
  words: Required<PartWords>
  /** Records behind a part that is not a single operand (a change lists this period's records). */
  drill?: { numerator?: M | NestedRef; denominator?: M | NestedRef }
}

/** An expression over measures and nested values, as numerator / denominator (velocity, growth). */
export interface DerivedShape<M extends string> extends Quotient<M> {
  shape: 'derived'
}

/**
 * A quotient of values computed per rep, per customer or per stage first (quota
 * attainment, customers, funnel, selling time); `perRep` replaces it in rows grouped by rep.
 */
export interface NestedShape extends Quotient<never> {
  shape: 'nested'
  perRep?: Quotient<never>
}

/** What a closure sees: the measures, the nested inputs and the period. */
export interface EvalContext<M extends string = string> {
  /** The named measure, for the period (shift 0) or the one before it (-1). */
  m(name: M, shift?: 0 | -1): MeasureValue
  /** The values of a nested input for the period and group. */
  nested(name: NestedName, shift?: 0 | -1): Record<string, number | null>
  /** Length of the evaluated period in days. */
  days: number
  /** Months of facts in the period: a running or cut period counts the days it has run. */
  months: number
  /** Whether the period's facts stop before its end (it runs, or it is cut to compare like for like). */
  partial: boolean
  settings: { customer_lifetime_years: number | null }
  /** The dimensions the result is grouped by. */
  groupedBy: readonly string[]
}

/** A closure, for what no shape expresses; `why` says what. */
export interface CustomShape<M extends string> {
  shape: 'custom'
  why: string
  reads: readonly NestedName[]
  evaluate(ctx: EvalContext<M>): MetricValue
  formula: Words
  drill?: { numerator?: M | NestedRef; denominator?: M | NestedRef }
}

export type Shape<M extends string> =
  MeasureShape<M> | RatioShape<M> | DerivedShape<M> | NestedShape | CustomShape<M>

/** What a metric evaluation yields for one period and group. */
export interface MetricValue {
  value: number | null
  numerator?: number | null
  denominator?: number | null
  reason?: string
  excluded?: number
}

/** A measure's value for a period and group: a number, or sum and count for a mean. */
export interface MeasureValue {
  value: number
  /** For means: the sum and the count behind the mean, and rows left out. */
  sum: number
  count: number
  excluded: number
}
