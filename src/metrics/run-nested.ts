import { PeriodGroupMap } from './group-values.js'
import { nestedInputs } from './nested/index.js'
import type { NestedRow, NestedRunInput } from './nested/nested-input.js'
import type { NestedName } from './nested/values.js'
import type { MeasureRun } from './run-measures.js'

/** The nested inputs of a batch, each run once for the periods its metrics read. */
export async function runNested(
  run: MeasureRun & Pick<NestedRunInput, 'forecastMadeBefore' | 'repValues'>,
  needs: { name: NestedName; only: ReadonlySet<number>; for: string[] }[],
): Promise<Map<NestedName, PeriodGroupMap<NestedRow>>> {
  const result = new Map<NestedName, PeriodGroupMap<NestedRow>>()
  for (const need of needs) {
    run.signal?.throwIfAborted()
    const input = nestedInputs[need.name]
    const rows = new PeriodGroupMap<NestedRow>([...run.by, ...(input.rowKeys ?? [])])
    for (const row of await input.run({ ...run, only: need.only, for: need.for }))
      rows.set(row.idx, row.group, row)
    result.set(need.name, rows)
  }
  return result
}
