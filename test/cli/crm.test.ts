import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli-run.js'
import { fileLocation } from '../engine.js'
import { fixture } from '../helpers.js'

// The CRM commands end to end: inspect, import --preset / --mapping, quality.
const run = (...argv: string[]) => runCli(argv)

const crm = (name: string) => join(fixture('crm'), name)
const freshDb = () => fileLocation('crm')

describe('miernik inspect', () => {
  it('explains an Excel-saved HubSpot export: delimiter, mapping, the date order its values fit', async () => {
    const r = await run('inspect', crm('hubspot/hubspot-deals-excel.csv'), '--preset', 'hubspot')
    expect(r.code).toBe(0)
    expect(r.out).toContain("6 rows, CSV, delimiter ';', encoding utf-8")
    expect(r.out).toContain('read as: hubspot export → opportunities')
    expect(r.out).toMatch(/Close Date\s*│ closed_on, expected_close_on/)
    expect(r.out).toMatch(
      /Date entered 'Closed Won \(Sales Pipeline\)'\s*│ stage history: entered Closed Won \(Sales Pipeline\)/,
    )
    expect(r.out).toContain(
      'dates in Close Date such as 4/2/2026 16:00 fit MM/DD/YYYY only: pass --date-format MM/DD/YYYY',
    )
    expect(r.out).toContain('6 rows would be rejected')
  })

  it('with the date format, shows the rows as they would be stored and no rejects', async () => {
    const r = await run(
      'inspect',
      crm('hubspot/hubspot-deals-excel.csv'),
      '--preset',
      'hubspot',
      '--date-format',
      'MM/DD/YYYY',
      '--format',
      'json',
    )
    expect(r.code).toBe(0)
    const result = JSON.parse(r.out)
    expect(result).toMatchObject({
      rows: 6,
      invalidRows: 0,
      delimiter: ';',
      encoding: 'utf-8',
      source: 'hubspot',
    })
    expect(result.sample[0]).toMatchObject({
      id: '101',
      status: 'won',
      amount: '12000.0000',
      closed_on: '2026-04-20',
      currency: 'USD',
    })
    expect(result.unmapped).toEqual(expect.arrayContaining(['lead_id', 'product']))
  })

  it('reads a Salesforce report: footer lines dropped and shown', async () => {
    const r = await run(
      'inspect',
      crm('salesforce/report.csv'),
      '--preset',
      'salesforce',
      '--date-format',
      'MM/DD/YYYY',
    )
    expect(r.out).toContain('footer line dropped: "Grand Totals (5 records)"')
    expect(r.out).toContain('all rows valid')
  })
})

describe('miernik import --preset / --mapping', () => {
  it('imports a HubSpot export and says what else it wrote', async () => {
    const db = freshDb()
    const r = await run(
      'import',
      'opportunities',
      crm('hubspot/hubspot-crm-exports-all-deals-2026-07-01.csv'),
      '--preset',
      'hubspot',
      '--db',
      db,
      '--exported-at',
      '2026-07-01',
    )
    expect(r.code).toBe(0)
    expect(r.out).toContain('as a hubspot export, imported')
    expect(r.out).toContain('6 new, 0 updated, 0 unchanged')
    expect(r.out).toContain('16 stage changes recorded')
    expect(r.out).toContain('5 stages added for pipelines not known before')
    expect(r.out).toContain('2 reps created from owner names')
    expect(r.out).toContain('ignored columns (not part of opportunities): Last Activity Date')
  })

  it('an ambiguous date names the file line, the CRM column and the flag to use; exit 1', async () => {
    const r = await run(
      'import',
      'opportunities',
      crm('hubspot/hubspot-deals-excel.csv'),
      '--preset',
      'hubspot',
      '--db',
      freshDb(),
    )
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      "hubspot-deals-excel.csv:2: Close Date → closed_on = '4/20/2026 10:00': not a date: expected YYYY-MM-DD[ HH:MM[:SS]] or DD.MM.YYYY; for dates such as 4/8/2025 give --date-format MM/DD/YYYY or DD/MM/YYYY",
    )
    expect(r.err).toContain('nothing was imported')
  })

  it('a mapping file reads any other CRM: columns, value maps, day-first dates, decimal commas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miernik-mapping-'))
    writeFileSync(
      join(dir, 'deals.csv'),
      [
        'Nr;Titel;Phase;Ergebnis;Wert;Erstellt;Abgeschlossen',
        '1;Alpha;Vertrag;Gewonnen;1.250,50 €;01/02/2026;03/04/2026',
        '2;Beta;Angebot;Offen;900;15/02/2026;',
        '3;Gamma;Angebot;Verloren;100;20/02/2026;10/04/2026',
      ].join('\n'),
    )
    writeFileSync(
      join(dir, 'mapping.json'),
      JSON.stringify({
        columns: {
          Nr: 'id',
          Titel: 'name',
          Phase: 'stage',
          Ergebnis: 'status',
          Wert: 'amount',
          Erstellt: 'created_on',
          Abgeschlossen: 'closed_on',
        },
        values: { status: { Gewonnen: 'won', Verloren: 'lost', Offen: 'open' } },
        dateFormat: 'DD/MM/YYYY',
      }),
    )
    const db = freshDb()
    const r = await run(
      'import',
      'opportunities',
      join(dir, 'deals.csv'),
      '--mapping',
      join(dir, 'mapping.json'),
      '--db',
      db,
      '--exported-at',
      '2026-05-01',
    )
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain('as a mapping file export, imported')
    const m = await run(
      'metrics',
      '--db',
      db,
      '--metric',
      'total_revenue,win_rate',
      '--period',
      '2026-Q2',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    )
    expect(m.err).toBe('')
    const { rows } = JSON.parse(m.out)
    expect(rows.map((x: { value: number }) => x.value)).toEqual([1250.5, 0.5])
  })

  it('a mapping naming a column the file lacks, or a column Miernik lacks, is refused with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miernik-mapping-'))
    writeFileSync(join(dir, 'm1.json'), JSON.stringify({ columns: { Nope: 'id' } }))
    writeFileSync(join(dir, 'm2.json'), JSON.stringify({ columns: { 'Deal Name': 'title' } }))
    const file = crm('hubspot/hubspot-crm-exports-all-deals-2026-07-01.csv')
    const a = await run(
      'import',
      'opportunities',
      file,
      '--mapping',
      join(dir, 'm1.json'),
      '--db',
      freshDb(),
    )
    expect(a.code).toBe(2)
    expect(a.err).toMatch(/no column 'Nope' named in mapping file/)
    const b = await run(
      'import',
      'opportunities',
      file,
      '--mapping',
      join(dir, 'm2.json'),
      '--db',
      freshDb(),
    )
    expect(b.code).toBe(2)
    expect(b.err).toMatch(/'Deal Name' maps to 'title', which opportunities does not have/)
  })
})

describe('what a metric left out', () => {
  it('--explain says how many records and why; JSON carries the reason code', async () => {
    const db = freshDb()
    expect(
      (
        await run(
          'import',
          'opportunities',
          crm('salesforce/Opportunity.csv'),
          '--preset',
          'salesforce',
          '--db',
          db,
        )
      ).code,
    ).toBe(0)
    const args = [
      'metrics',
      '--db',
      db,
      '--metric',
      'sales_cycle_length',
      '--period',
      '2026-Q2',
      '--as-of',
      '2026-09-30',
    ]
    const text = await run(...args, '--explain')
    expect(text.out).toContain(
      '│ 1 excluded: won deals closed before the day they were created (a negative cycle);',
    )
    const json = JSON.parse((await run(...args, '--format', 'json')).out)
    expect(json.rows[0]).toMatchObject({
      value: 92,
      excluded: 1,
      excluded_reason: 'negative_cycle',
    })
  })
})

describe('miernik quality on CRM exports', () => {
  it('lists the planted problems of the Pipedrive snapshots and the Salesforce export', async () => {
    const db = freshDb()
    expect((await run('config', 'set', 'base_currency', 'PLN', '--db', db)).code).toBe(0)
    await run('import', 'stages', crm('pipedrive/stages.csv'), '--db', db)
    expect(
      (
        await run(
          'import',
          'opportunities',
          crm('pipedrive/deals-2026-05-01.csv'),
          '--preset',
          'pipedrive',
          '--db',
          db,
          '--exported-at',
          '2026-05-01T06:00:00Z',
        )
      ).code,
    ).toBe(0)
    await run(
      'import',
      'opportunities',
      crm('pipedrive/deals-2026-05-15.csv'),
      '--preset',
      'pipedrive',
      '--db',
      db,
      '--exported-at',
      '2026-05-15T06:00:00Z',
    )
    expect(
      (
        await run(
          'import',
          'opportunities',
          crm('salesforce/Opportunity.csv'),
          '--preset',
          'salesforce',
          '--db',
          db,
        )
      ).code,
    ).toBe(0)
    const r = await run('quality', '--db', db, '--as-of', '2026-06-30', '--format', 'json')
    expect(r.code).toBe(0)
    const checks = Object.fromEntries(
      JSON.parse(r.out).checks.map((c: { id: string; records: { record_id: string }[] }) => [
        c.id,
        c.records.map((x) => x.record_id),
      ]),
    )
    expect(checks.open_no_amount).toEqual(['4'])
    expect(checks.open_no_close_date).toEqual(['4'])
    expect(checks.negative_cycle).toEqual(['006A4'])
    // Deal 1 last moved on May 5; deal 4 (created May 2) never did: both stale at 30 days on Jun 30.
    expect(checks.stale).toEqual(expect.arrayContaining(['1', '4']))
    expect(checks.unknown_owner).toEqual(expect.arrayContaining(['006A1']))
  })
})
