import type { z } from 'zod'
import {
  declarationSchema,
  type Declaration,
  type Measure,
  type MetricDefinition,
} from './metric-schema.js'
import { nestedNames, splitRef } from './nested/values.js'
import { drillOf, formulaOf, nestedOf, needsPrevious, operandsOf, refsOf } from './shape-facts.js'

/**
 * A declaration checked as data and against itself (every name its value reads is
 * declared), compiled into a definition. Returns every problem with its path, never just
 * the first.
 */
export function compileMetric(input: Declaration<string>): {
  definition?: MetricDefinition
  problems: string[]
} {
  const id = typeof input.id === 'string' ? input.id : '?'
  const parsed = declarationSchema.safeParse(input)
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${id}.${i.path.join('.')}: ${i.message}`) }
  }
  const d = parsed.data
  const problems = checkNames(d).map((p) => `${id}.${p}`)
  const isMean = (name: string) => d.measures[name]?.agg === 'mean'
  const excluding = excludingMeasures(d)
  if (d.value.shape !== 'custom' && d.value.shape !== 'nested' && d.value.excluded) {
    if (!excluding.includes(d.value.excluded))
      problems.push(`${id}.value.excluded: '${d.value.excluded}' leaves no rows out of this value`)
    excluding.splice(0, excluding.length, d.value.excluded)
  }
  if (excluding.length > 1)
    problems.push(
      `${id}.value.excluded: name the measure whose left-out rows count (${excluding.join(', ')})`,
    )
  if (excluding.length > 0 !== (d.excludes !== undefined))
    problems.push(`${id}.excludes: say what is excluded exactly when a measure leaves rows out`)
  if (problems.length > 0) return { problems }
  const formula = formulaOf(d.value, isMean)
  return {
    problems,
    definition: {
      id: d.id,
      names: d.names,
      category: d.category,
      unit: d.unit,
      direction: d.direction,
      help: d.help,
      formula: formula.en,
      pl: { help: d.pl.help, formula: formula.pl },
      ...(d.excludes ? { excludes: d.excludes } : {}),
      groupings: d.groupings,
      measures: d.measures as Record<string, Measure>,
      ...(excluding[0] ? { excludedBy: excluding[0] } : {}),
      nested: nestedOf(d.value),
      needsPrevious: needsPrevious(d.value),
      perStage: d.perStage,
      accumulates: d.accumulates,
      ...(d.reference ? { reference: d.reference } : {}),
      drill: drillOf(d.value, isMean),
      ...(d.value.shape === 'nested' && d.value.perRep
        ? { drillPerRep: drillOf({ ...d.value.perRep, shape: 'nested' }, isMean) }
        : {}),
      value: d.value,
      formulaFor: (by) => formulaOf(d.value, isMean, by),
    },
  }
}

/** The measures of the value that leave rows out (a closure reports no exclusions). */
function excludingMeasures(d: z.output<typeof declarationSchema>): string[] {
  if (d.value.shape === 'custom') return []
  const names = operandsOf(d.value).flatMap((o) => refsOf(o.expr).map((r) => r.name))
  return [...new Set(names)].filter((name) => d.measures[name]?.exclude !== undefined)
}

/** Every name the value reads must be a declared measure or a known nested value. */
function checkNames(d: z.output<typeof declarationSchema>): string[] {
  const problems: string[] = []
  const used = new Set<string>()
  for (const { path, expr } of operandsOf(d.value)) {
    for (const { name } of refsOf(expr)) {
      used.add(name)
      const nested = name.includes('.')
      if (nested && !splitRef(name)) problems.push(`${path}: no nested value '${name}'`)
      if (!nested && !(name in d.measures)) problems.push(`${path}: no measure named '${name}'`)
      if (!nested && d.value.shape === 'nested')
        problems.push(`${path}: a nested shape reads nested values only, not '${name}'`)
      if (nested && (d.value.shape === 'ratio' || d.value.shape === 'measure'))
        problems.push(`${path}: a ${d.value.shape} reads measures, not '${name}'`)
    }
  }
  if (d.value.shape === 'custom') {
    for (const name of d.value.reads)
      if (!nestedNames.includes(name)) problems.push(`value.reads: no nested input '${name}'`)
  } else {
    for (const name of Object.keys(d.measures))
      if (!used.has(name)) problems.push(`measures.${name}: declared but never read`)
  }
  return problems
}
