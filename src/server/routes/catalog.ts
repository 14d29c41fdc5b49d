import { Hono } from 'hono'
import type { CatalogResponse } from '../../contracts/catalog-response.js'
import { catalog, starterMetrics } from '../../metrics/catalog.js'
import { categories, dimensions, type MetricDefinition } from '../../metrics/metric-schema.js'

/** The metric catalogue: what each metric is, for labels, formats and help texts. */
export function catalogBody(): CatalogResponse {
  return {
    metrics: catalog.map((m) => ({
      id: m.id,
      names: m.names,
      category: m.category,
      unit: m.unit,
      direction: m.direction,
      groupings: m.groupings,
      help: m.help,
      formula: m.formula,
      help_pl: m.pl.help,
      formula_pl: m.pl.formula,
      drill: {
        numerator: m.drill.numerator !== undefined,
        denominator: m.drill.denominator !== undefined,
      },
      per_stage: m.perStage,
      accumulates: m.accumulates,
      parts: partWords(m),
      reference: m.reference ?? null,
    })),
    starter: [...starterMetrics],
    dimensions: [...dimensions],
    categories: [...categories],
  }
}

/** The words of each part, from the metric's shape (none for a custom shape). */
function partWords(m: MetricDefinition): CatalogResponse['metrics'][number]['parts'] {
  const shape = m.value
  if (shape.shape === 'custom') return { numerator: null, denominator: null, per_rep: null }
  const perRep = shape.shape === 'nested' ? shape.perRep?.words : undefined
  return {
    numerator: shape.words.numerator,
    denominator: shape.words.denominator ?? null,
    per_rep: perRep
      ? { numerator: perRep.numerator, denominator: perRep.denominator ?? null }
      : null,
  }
}

export function catalogRoutes(): Hono {
  const body = catalogBody()
  return new Hono().get('/', (c) => c.json(body))
}
