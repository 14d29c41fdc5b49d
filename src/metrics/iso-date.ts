import { z } from 'zod'
import { isIsoDate, yearRange } from './periods.js'

/** A date YYYY-MM-DD that exists, 1900–2999: every query's dates. */
export const isoDateSchema = z.string().refine(isIsoDate, {
  message: `expected a date YYYY-MM-DD between ${yearRange.from} and ${yearRange.to}`,
})
