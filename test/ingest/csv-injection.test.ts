import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvCell } from '../../src/format/csv-cell.js'
import { importFile } from '../../src/ingest/import-file.js'
import { createApp } from '../../src/server/app.js'
import { emptyStore, storeWith, tempDir, writeFixture } from '../helpers.js'

/** Cells a spreadsheet would run as formulas (OWASP CSV injection). */
const hostile = [
  '=HYPERLINK("http://x","y")',
  "=cmd|'/C calc'!A0",
  '+1+2',
  '-2+3',
  '@SUM(A1)',
  '\tx',
  '\rx',
]

describe('CSV files Miernik writes are safe to open in a spreadsheet', () => {
  it('formula-like text gets an apostrophe; numbers stay numbers', () => {
    for (const cell of hostile) expect(csvCell(cell)).toBe(`'${cell}`)
    for (const number of ['-5', '+3.25', '-1,5', '-0.5e3', 5, -5, null])
      expect(csvCell(number)).toBe(number)
    expect(csvCell('Acme =1')).toBe('Acme =1')
  })

  it('the rejects file neutralises the cells it repeats from the input', async () => {
    const store = await emptyStore()
    const dir = tempDir()
    const input = join(dir, 'reps.csv')
    // Every row lacks a name: all rejected, their ids written back to the rejects file.
    writeFileSync(
      input,
      `id,name\n${hostile.map((h) => `"${h.replaceAll('"', '""')}",`).join('\n')}\nok,Fine\n`,
    )
    const report = await importFile(store, 'reps', input, { skipInvalid: true })
    expect(report.rejected).toBe(hostile.length)
    const rows = parse(readFileSync(report.rejectsFile as string, 'utf8'), { columns: true }) as {
      id: string
    }[]
    expect(rows.map((r) => r.id)).toEqual(hostile.map((h) => `'${h}`))
  })

  it("the drill-down's CSV export neutralises names and ids", async () => {
    const store = await storeWith(
      writeFixture({
        opportunities: hostile.slice(0, 3).map((name, i) => ({
          id: `d${i}`,
          name,
          status: 'won',
          amount: 100,
          created_on: '2026-04-01',
          closed_on: '2026-05-01',
        })),
      }),
    )
    const app = createApp({ store, today: () => '2026-09-30', log: () => {} })
    const res = await app.request(
      '/api/drilldown?metric=total_revenue&from=2026-04-01&to=2026-06-30&part=numerator&format=csv',
    )
    const rows = parse(await res.text(), { columns: true }) as { name: string; amount: string }[]
    expect(rows.map((r) => r.name)).toEqual(hostile.slice(0, 3).map((h) => `'${h}`))
    expect(rows.map((r) => r.amount)).toEqual(['100', '100', '100'])
  })
})
