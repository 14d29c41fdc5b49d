import { z } from 'zod'
import { units } from './vocabulary.js'

export const recordColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['text', 'date', 'number', 'money']),
})

/** GET /api/drilldown: the records behind a result row, with the row's formula filled in. */
export const drilldownResponseSchema = z.object({
  metric: z.string(),
  part: z.enum(['numerator', 'denominator']),
  period: z.object({ start: z.iso.date(), end: z.iso.date() }),
  group: z.record(z.string(), z.string().nullable()),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  unit: z.enum(units),
  /** "Win rate 25.0% = 25 won / 100 closed" in the language asked; null without the row. */
  formula: z.string().nullable(),
  /** Records in all (every page). */
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  columns: z.array(recordColumnSchema),
  rows: z.array(z.record(z.string(), z.unknown())),
})
export type DrilldownResponse = z.infer<typeof drilldownResponseSchema>
