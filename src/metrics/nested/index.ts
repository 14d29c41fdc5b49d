import { customers } from './customers.js'
import { forecast } from './forecast.js'
import { funnel } from './funnel.js'
import type { NestedInput } from './nested-input.js'
import { quotaAttainment } from './quota-attainment.js'
import { sellingTime } from './selling-time.js'
import type { NestedName } from './values.js'

export const nestedInputs: Record<NestedName, NestedInput> = {
  customers,
  quota_attainment: quotaAttainment,
  forecast,
  funnel,
  selling_time: sellingTime,
}
