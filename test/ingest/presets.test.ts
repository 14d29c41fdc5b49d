import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { importFile, type ImportOptions } from '../../src/ingest/import-file.js'
import type { EntityName } from '../../src/model/entities.js'
import type { Store } from '../../src/store/store.js'
import { emptyStore, fixture, one, run, rowOf, writeFile } from '../helpers.js'

// Real-shaped exports of each CRM (test/fixtures/crm/*/README.md gives every expected
// number worked out by hand).
const crm = (name: string) => join(fixture('crm'), name)
const Q2 = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-09-30' }
const Q1 = { from: '2026-01-01', to: '2026-03-31', asOf: '2026-09-30' }

async function load(
  store: Store,
  entity: EntityName,
  file: string,
  options: ImportOptions = {},
): Promise<Awaited<ReturnType<typeof importFile>>> {
  return importFile(store, entity, crm(file), { observedAt: '2026-07-01T00:00:00Z', ...options })
}

async function headline(store: Store, range = Q2) {
  const rows = await run(
    store,
    ['total_revenue', 'win_rate', 'average_deal_size', 'sales_cycle_length'],
    range,
  )
  const by = Object.fromEntries(rows.map((r) => [r.metric, r]))
  return {
    revenue: by.total_revenue?.value,
    winRate: by.win_rate?.value,
    dealSize: by.average_deal_size?.value,
    cycle: by.sales_cycle_length?.value,
    cycleExcluded: by.sales_cycle_length?.excluded,
  }
}

const days = (rows: Awaited<ReturnType<typeof run>>) =>
  rows.map((r) => [r.group.stage, r.value === null ? null : Number(r.value.toFixed(3))])

describe('HubSpot deals export', () => {
  const file = 'hubspot/hubspot-crm-exports-all-deals-2026-07-01.csv'

  async function hubspotStore(): Promise<Store> {
    const store = await emptyStore()
    await importFile(store, 'fx_rates', crm('hubspot/fx_rates.csv'))
    return store
  }

  it('imports with one command: status from the flags, close date split (a closed deal has no expected close), owners become reps', async () => {
    const store = await hubspotStore()
    const report = await load(store, 'opportunities', file, { preset: 'hubspot' })
    expect(report).toMatchObject({
      rows: 6,
      rejected: 0,
      inserted: 6,
      source: 'hubspot',
      createdReps: 2,
      createdAccounts: 5,
      stages: 5,
    })
    expect(report.ignoredColumns).toEqual(['Last Activity Date'])
    const deals = await store.query(
      `SELECT id, status, amount, currency, owner_id, account_id, stage, pipeline, source, lost_reason,
         CAST(created_on AS VARCHAR) AS created, CAST(closed_on AS VARCHAR) AS closed, CAST(expected_close_on AS VARCHAR) AS expected
       FROM opportunities ORDER BY id`,
    )
    expect(deals).toEqual([
      {
        id: '101',
        status: 'won',
        amount: '12000.0000',
        currency: 'USD',
        owner_id: 'Anna Nowak',
        account_id: '9001',
        stage: 'Closed Won',
        pipeline: 'Sales Pipeline',
        source: 'PAID_SEARCH',
        lost_reason: null,
        created: '2026-03-01',
        closed: '2026-04-20',
        expected: null,
      },
      {
        id: '102',
        status: 'lost',
        amount: '5000.0000',
        currency: 'USD',
        owner_id: 'Jan Kowalski',
        account_id: '9002',
        stage: 'Closed Lost',
        pipeline: 'Sales Pipeline',
        source: 'ORGANIC_SEARCH',
        lost_reason: 'Budget',
        created: '2026-04-02',
        closed: '2026-05-10',
        expected: null,
      },
      {
        id: '103',
        status: 'open',
        amount: '8000.0000',
        currency: 'EUR',
        owner_id: 'Anna Nowak',
        account_id: '9003',
        stage: 'Contract Sent',
        pipeline: 'Sales Pipeline',
        source: 'REFERRALS',
        lost_reason: null,
        created: '2026-04-05',
        closed: null,
        expected: '2026-07-15',
      },
      {
        id: '104',
        status: 'won',
        amount: '3000.0000',
        currency: 'USD',
        owner_id: 'Jan Kowalski',
        account_id: '9004',
        stage: 'Closed Won',
        pipeline: 'Sales Pipeline',
        source: 'PAID_SEARCH',
        lost_reason: null,
        created: '2026-05-01',
        closed: '2026-06-30',
        expected: null,
      },
      {
        id: '105',
        status: 'open',
        amount: null,
        currency: 'USD',
        owner_id: 'Anna Nowak',
        account_id: null,
        stage: 'Appointment Scheduled',
        pipeline: 'Sales Pipeline',
        source: 'DIRECT_TRAFFIC',
        lost_reason: null,
        created: '2026-06-01',
        closed: null,
        expected: '2026-08-01',
      },
      {
        id: '106',
        status: 'won',
        amount: '2000.0000',
        currency: 'EUR',
        owner_id: 'Anna Nowak',
        account_id: '9005',
        stage: 'Closed Won',
        pipeline: 'Sales Pipeline',
        source: 'REFERRALS',
        lost_reason: null,
        created: '2026-03-10',
        closed: '2026-04-02',
        expected: null,
      },
    ])
    expect(await store.query('SELECT id, name FROM reps ORDER BY id')).toEqual([
      { id: 'Anna Nowak', name: 'Anna Nowak' },
      { id: 'Jan Kowalski', name: 'Jan Kowalski' },
    ])
    expect(
      await store.query(`SELECT id, name FROM accounts WHERE id IN ('9001', '9004') ORDER BY id`),
    ).toEqual([
      { id: '9001', name: 'Acme Corp' },
      { id: '9004', name: 'Dune Inc' },
    ])
    expect(await store.query('SELECT stage, position, kind FROM stages ORDER BY position')).toEqual(
      [
        { stage: 'Appointment Scheduled', position: 1, kind: 'open' },
        { stage: 'Qualified to Buy', position: 2, kind: 'open' },
        { stage: 'Contract Sent', position: 3, kind: 'open' },
        { stage: 'Closed Won', position: 4, kind: 'won' },
        { stage: 'Closed Lost', position: 5, kind: 'lost' },
      ],
    )
  })

  it('gives the hand-computed metrics, time in stage from the "Date entered" columns', async () => {
    const store = await hubspotStore()
    await load(store, 'opportunities', file, { preset: 'hubspot' })
    expect(await headline(store)).toEqual({
      revenue: 17200,
      winRate: 0.75,
      dealSize: 17200 / 3,
      cycle: 133 / 3,
      cycleExcluded: 0,
    })
    expect((await one(store, 'opportunity_conversion_rate', Q2)).value).toBe(0.25)
    const stages = await run(store, 'time_in_stage', Q2)
    expect(days(stages).slice(0, 3)).toEqual([
      ['Appointment Scheduled', Number(((10 + 10 + 60 + 23.5 / 24) / 3).toFixed(3))],
      ['Qualified to Buy', 24],
      ['Contract Sent', null],
    ])
    const conversion = await run(store, 'stage_conversion', Q2)
    expect(rowOf(conversion, { stage: 'Appointment Scheduled' }).value).toBe(0.75)
  })

  it('re-importing the same export changes nothing', async () => {
    const store = await hubspotStore()
    await load(store, 'opportunities', file, { preset: 'hubspot' })
    const again = await load(store, 'opportunities', file, { preset: 'hubspot' })
    expect(again).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 6,
      stageChanges: 0,
      stages: 0,
      createdReps: 0,
      changesLogged: 0,
    })
  })

  it('the Excel round trip (;, month-first dates, $12,000.00, single-quoted stage columns) needs --date-format and then gives the same numbers', async () => {
    const store = await hubspotStore()
    const excel = 'hubspot/hubspot-deals-excel.csv'
    const failure = await load(store, 'opportunities', excel, { preset: 'hubspot' }).catch((e) => e)
    expect(failure.code).toBe('IMPORT_REJECTED')
    const first = failure.details.errors[0]
    expect(first).toMatchObject({
      line: 2,
      column: 'Close Date → closed_on',
      value: '4/20/2026 10:00',
    })
    expect(first.reason).toMatch(/--date-format MM\/DD\/YYYY or DD\/MM\/YYYY/)
    expect(await store.query('SELECT COUNT(*) AS n FROM opportunities')).toEqual([{ n: 0 }])

    await load(store, 'opportunities', excel, { preset: 'hubspot', dateFormat: 'MM/DD/YYYY' })
    expect(await headline(store)).toEqual({
      revenue: 17200,
      winRate: 0.75,
      dealSize: 17200 / 3,
      cycle: 133 / 3,
      cycleExcluded: 0,
    })
    expect(
      await store.query(
        `SELECT id, currency, amount FROM opportunities WHERE id IN ('103', '106') ORDER BY id`,
      ),
    ).toEqual([
      { id: '103', currency: 'EUR', amount: '8000.0000' },
      { id: '106', currency: 'EUR', amount: '2000.0000' },
    ])
    const stages = await run(store, 'time_in_stage', Q2)
    expect(days(stages).slice(0, 2)).toEqual([
      ['Appointment Scheduled', Number(((10 + 10 + 60 + 23.5 / 24) / 3).toFixed(3))],
      ['Qualified to Buy', 24],
    ])
  })
})

describe('HubSpot: other files and encodings', () => {
  it('the deals export saved as UTF-16 (tab-separated, as Excel writes "Unicode text") gives the same numbers', async () => {
    const text = readFileSync(crm('hubspot/hubspot-crm-exports-all-deals-2026-07-01.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .replaceAll('","', '"\t"')
    const utf16 = writeFile('deals-utf16.txt', iconv.encode(text, 'utf-16le', { addBOM: true }))
    const store = await emptyStore()
    await importFile(store, 'fx_rates', crm('hubspot/fx_rates.csv'))
    const report = await importFile(store, 'opportunities', utf16, { preset: 'hubspot' })
    expect(report).toMatchObject({ encoding: 'utf-16le', rows: 6, rejected: 0, stageChanges: 16 })
    expect((await one(store, 'total_revenue', Q2)).value).toBe(17200)
  })

  it('companies become accounts, users become reps named as deal owners are', async () => {
    const store = await emptyStore()
    const companies = writeFile(
      'hubspot-crm-exports-all-companies-2026-07-01.csv',
      '"Record ID","Company name","Industry","Country/Region","Create Date","Company owner"\n"9001","Acme Corp","COMPUTER_SOFTWARE","Poland","2025-11-03 10:00","Anna Nowak"\n',
    )
    const users = writeFile(
      'users.csv',
      'First Name,Last Name,Email,Team\nAnna,Nowak,anna@example.com,Enterprise\n',
    )
    expect(await importFile(store, 'accounts', companies, { preset: 'hubspot' })).toMatchObject({
      inserted: 1,
      ignoredColumns: ['Company owner'],
    })
    expect(await importFile(store, 'reps', users, { preset: 'hubspot' })).toMatchObject({
      inserted: 1,
    })
    expect(
      await store.query(
        `SELECT id, name, industry, region, CAST(created_on AS VARCHAR) AS created_on FROM accounts`,
      ),
    ).toEqual([
      {
        id: '9001',
        name: 'Acme Corp',
        industry: 'COMPUTER_SOFTWARE',
        region: 'Poland',
        created_on: '2025-11-03',
      },
    ])
    expect(await store.query(`SELECT id, name, email, team FROM reps`)).toEqual([
      { id: 'Anna Nowak', name: 'Anna Nowak', email: 'anna@example.com', team: 'Enterprise' },
    ])
  })
})

describe('Pipedrive: stage history from two snapshots', () => {
  async function pipedriveStore(): Promise<Store> {
    const store = await emptyStore({ settings: { base_currency: 'PLN' } })
    await importFile(store, 'stages', crm('pipedrive/stages.csv'))
    return store
  }

  it('records each stage move between exports, and time in stage follows', async () => {
    const store = await pipedriveStore()
    const first = await load(store, 'opportunities', 'pipedrive/deals-2026-05-01.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-01T06:00:00Z',
    })
    expect(first).toMatchObject({
      inserted: 3,
      stageChanges: 3,
      createdReps: 2,
      createdAccounts: 3,
    })
    const second = await load(store, 'opportunities', 'pipedrive/deals-2026-05-15.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-15T06:00:00Z',
    })
    expect(second).toMatchObject({
      inserted: 1,
      updated: 2,
      unchanged: 1,
      stageChanges: 3,
      // Stage, status and expected close as before, and now the close date of the deal won
      // between the exports (closed_on is logged so as-of reads can go back through it).
      changesLogged: 5,
    })
    expect(
      await store.query(
        `SELECT opportunity_id AS id, stage, CAST(entered_at AS VARCHAR) AS at FROM stage_changes ORDER BY opportunity_id, entered_at`,
      ),
    ).toEqual([
      { id: '1', stage: 'Qualified', at: '2026-04-10 10:00:00' },
      { id: '1', stage: 'Proposal Made', at: '2026-05-05 10:00:00' },
      { id: '2', stage: 'Proposal Made', at: '2026-04-20 09:00:00' },
      { id: '2', stage: 'Negotiations Started', at: '2026-05-10 09:00:00' },
      { id: '3', stage: 'Negotiations Started', at: '2026-04-15 12:00:00' },
      // Never moved: its "last stage change" is empty, so it entered Lead In on its creation day.
      { id: '4', stage: 'Lead In', at: '2026-05-02 00:00:00' },
    ])
    expect(
      await store.query(
        `SELECT opportunity_id AS id, field, old_value, new_value FROM opportunity_changes ORDER BY id, field`,
      ),
    ).toEqual([
      { id: '1', field: 'expected_close_on', old_value: '2026-06-30', new_value: '2026-07-31' },
      { id: '1', field: 'stage', old_value: 'Qualified', new_value: 'Proposal Made' },
      { id: '2', field: 'closed_on', old_value: null, new_value: '2026-05-12' },
      { id: '2', field: 'stage', old_value: 'Proposal Made', new_value: 'Negotiations Started' },
      { id: '2', field: 'status', old_value: 'open', new_value: 'lost' },
    ])
    const asOf = { ...Q2, asOf: '2026-05-15' }
    expect(days(await run(store, 'time_in_stage', asOf)).slice(1, 3)).toEqual([
      ['Qualified', 25],
      ['Proposal Made', 20],
    ])
    expect((await one(store, 'total_revenue', asOf)).value).toBe(5000)
    expect((await one(store, 'win_rate', asOf)).value).toBe(0.5)
    expect(await store.query(`SELECT id, name FROM reps ORDER BY id`)).toEqual([
      { id: 'Ewa Lis', name: 'Ewa Lis' },
      { id: 'Piotr Zieliński', name: 'Piotr Zieliński' },
    ])
  })

  it('a move whose "last stage change" is not newer than what is known is dated at the export', async () => {
    const store = await pipedriveStore()
    await load(store, 'opportunities', 'pipedrive/deals-2026-05-01.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-01T06:00:00Z',
    })
    // Same second snapshot, but deal 1's last stage change is older than what is known.
    await store.run(
      `UPDATE stage_changes SET entered_at = TIMESTAMP '2026-05-06 00:00:00' WHERE opportunity_id = '1'`,
    )
    await load(store, 'opportunities', 'pipedrive/deals-2026-05-15.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-15T06:00:00Z',
    })
    expect(
      await store.query(
        `SELECT CAST(entered_at AS VARCHAR) AS at FROM stage_changes WHERE opportunity_id = '1' AND stage = 'Proposal Made'`,
      ),
    ).toEqual([{ at: '2026-05-15 06:00:00' }])
  })

  it('the Polish Windows-1250 export (; and 10 000,00) stores the same rows as the English one', async () => {
    const english = await pipedriveStore()
    await load(english, 'opportunities', 'pipedrive/deals-2026-05-01.csv', { preset: 'pipedrive' })
    const polish = await pipedriveStore()
    const report = await load(polish, 'opportunities', 'pipedrive/deals-2026-05-01-pl-cp1250.csv', {
      preset: 'pipedrive',
    })
    expect(report).toMatchObject({ encoding: 'windows-1250', rejected: 0, inserted: 3 })
    const all = `SELECT * FROM opportunities ORDER BY id`
    expect(await polish.query(all)).toEqual(await english.query(all))
    expect(await polish.query(`SELECT * FROM stage_changes ORDER BY 1, 3`)).toEqual(
      await english.query(`SELECT * FROM stage_changes ORDER BY 1, 3`),
    )
  })
})

describe('Pipedrive: the Excel export', () => {
  it('an XLSX export with a title row and real date cells stores the same rows as the CSV', async () => {
    // The first snapshot as Pipedrive's Excel export: numbers as numbers, datetimes as date cells.
    const [header, ...lines] = readFileSync(crm('pipedrive/deals-2026-05-01.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','))
    const cell = (v: string, i: number) => {
      const column = header?.[i] ?? ''
      if (v === '') return null
      if (/Value|Weighted value|Organization ID|Deal - ID/.test(column)) return Number(v)
      if (/\d{4}-\d{2}-\d{2}/.test(v)) return new Date(`${v.replace(' ', 'T')}Z`)
      return v
    }
    const sheet = XLSX.utils.aoa_to_sheet(
      [['Deals export'], header ?? [], ...lines.map((l) => l.map(cell))],
      { cellDates: true },
    )
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Deals')
    const xlsx = writeFile(
      'deals.xlsx',
      XLSX.write(book, { type: 'buffer', bookType: 'xlsx', cellDates: true }),
    )

    const fromCsv = await emptyStore({ settings: { base_currency: 'PLN' } })
    await load(fromCsv, 'opportunities', 'pipedrive/deals-2026-05-01.csv', { preset: 'pipedrive' })
    const fromXlsx = await emptyStore({ settings: { base_currency: 'PLN' } })
    const report = await importFile(fromXlsx, 'opportunities', xlsx, {
      preset: 'pipedrive',
      observedAt: '2026-07-01T00:00:00Z',
    })
    expect(report).toMatchObject({ rows: 3, rejected: 0 })
    const all = `SELECT * FROM opportunities ORDER BY id`
    expect(await fromXlsx.query(all)).toEqual(await fromCsv.query(all))
    const history = `SELECT * FROM stage_changes ORDER BY 1, 3`
    expect(await fromXlsx.query(history)).toEqual(await fromCsv.query(history))
  })
})

describe('Salesforce', () => {
  async function salesforceStore(): Promise<Store> {
    const store = await emptyStore()
    await importFile(store, 'stages', crm('salesforce/stages.csv'))
    return store
  }

  it('Data Loader export: IsWon / IsClosed decide, deleted rows are left out, a negative cycle is excluded', async () => {
    const store = await salesforceStore()
    const report = await load(store, 'opportunities', 'salesforce/Opportunity.csv', {
      preset: 'salesforce',
    })
    expect(report).toMatchObject({
      rows: 5,
      inserted: 5,
      skipped: [{ rows: 1, why: 'deleted in Salesforce (IsDeleted)' }],
    })
    expect(await store.query(`SELECT id, status FROM opportunities ORDER BY id`)).toEqual([
      { id: '006A1', status: 'won' },
      { id: '006A2', status: 'lost' },
      { id: '006A3', status: 'open' },
      { id: '006A4', status: 'won' },
      { id: '006A6', status: 'won' },
    ])
    expect(await headline(store)).toEqual({
      revenue: 65000,
      winRate: 0.75,
      dealSize: 65000 / 3,
      cycle: 92,
      cycleExcluded: 1,
    })
  })

  it('a report export with US dates and the Grand Totals / confidentiality footer gives the same numbers', async () => {
    const store = await salesforceStore()
    const report = await load(store, 'opportunities', 'salesforce/report.csv', {
      preset: 'salesforce',
      dateFormat: 'MM/DD/YYYY',
    })
    expect(report).toMatchObject({ rows: 5, rejected: 0, createdReps: 2, createdAccounts: 3 })
    expect(report.skipped[0]?.why).toMatch(/report footer/)
    expect(await headline(store)).toEqual({
      revenue: 65000,
      winRate: 0.75,
      dealSize: 65000 / 3,
      cycle: 92,
      cycleExcluded: 1,
    })
    expect(await store.query(`SELECT DISTINCT owner_id FROM opportunities ORDER BY 1`)).toEqual([
      { owner_id: 'John Smith' },
      { owner_id: 'Maria Garcia' },
    ])
  })

  it('OpportunityHistory: repeated stages collapse, time in stage from the history', async () => {
    const store = await salesforceStore()
    await load(store, 'opportunities', 'salesforce/Opportunity.csv', { preset: 'salesforce' })
    const report = await load(store, 'stage_changes', 'salesforce/OpportunityHistory.csv', {
      preset: 'salesforce',
    })
    expect(report).toMatchObject({ rows: 8, inserted: 8, rejected: 0 })
    expect(report.skipped.map((s) => s.rows)).toEqual([1, 2])
    const stages = await run(store, 'time_in_stage', Q1)
    expect(days(stages).slice(0, 4)).toEqual([
      ['Prospecting', 30],
      ['Qualification', null],
      ['Proposal/Quote', Number((53 - (6 + 14 / 60 + 25 / 3600) / 24).toFixed(3))],
      ['Negotiation/Review', 78],
    ])
  })
})

describe('Salesforce history imported again and incrementally', () => {
  it('a re-import changes nothing; a later export repeating the stored stage adds only real moves', async () => {
    const store = await emptyStore()
    await importFile(store, 'stages', crm('salesforce/stages.csv'))
    await load(store, 'opportunities', 'salesforce/Opportunity.csv', { preset: 'salesforce' })
    await load(store, 'stage_changes', 'salesforce/OpportunityHistory.csv', {
      preset: 'salesforce',
    })
    const again = await load(store, 'stage_changes', 'salesforce/OpportunityHistory.csv', {
      preset: 'salesforce',
    })
    expect(again).toMatchObject({ inserted: 0, unchanged: 8 })
    // 006A3 was last in Proposal/Quote (Apr 30); a later export repeats it, then moves on.
    const later = writeFile(
      'OpportunityHistory-later.csv',
      [
        'OpportunityId,CreatedDate,StageName,Amount,IsDeleted',
        '006A3,2026-05-20 08:00:00,Proposal/Quote,35000,0',
        '006A3,2026-06-01 08:00:00,Negotiation/Review,35000,0',
      ].join('\n'),
    )
    const report = await importFile(store, 'stage_changes', later, { preset: 'salesforce' })
    expect(report).toMatchObject({ inserted: 1, skipped: [{ rows: 1 }] })
    expect(
      await store.query(
        `SELECT stage FROM stage_changes WHERE opportunity_id = '006A3' ORDER BY entered_at`,
      ),
    ).toEqual([
      { stage: 'Prospecting' },
      { stage: 'Proposal/Quote' },
      { stage: 'Negotiation/Review' },
    ])
  })
})

describe('Capsule CRM', () => {
  it.each([
    ['API v2 JSON', 'capsule/opportunities.json'],
    ['CSV export', 'capsule/opportunities.csv'],
  ])('%s: won and lost from the milestone, per-month values × duration', async (_, file) => {
    const store = await emptyStore({ settings: { base_currency: 'GBP' } })
    const report = await load(store, 'opportunities', file, { preset: 'capsule' })
    expect(report).toMatchObject({ rows: 4, rejected: 0, createdReps: 2, createdAccounts: 3 })
    expect(
      await store.query(`SELECT id, status, amount, lost_reason FROM opportunities ORDER BY id`),
    ).toEqual([
      { id: '11', status: 'won', amount: '15000.0000', lost_reason: null },
      { id: '12', status: 'lost', amount: '2000.0000', lost_reason: 'Too expensive' },
      { id: '13', status: 'open', amount: '8000.0000', lost_reason: null },
      { id: '14', status: 'won', amount: '1200.0000', lost_reason: null },
    ])
    expect(await headline(store)).toEqual({
      revenue: 16200,
      winRate: 2 / 3,
      dealSize: 8100,
      cycle: 55,
      cycleExcluded: 0,
    })
  })
})

describe('status from the flags a file has', () => {
  it('HubSpot with only "Is closed lost": the flag says lost, the label says won', async () => {
    const file = writeFile(
      'deals.csv',
      [
        'Record ID,Deal Name,Deal Stage,Close Date,Create Date,Amount,Is closed lost',
        '1,A,Lost - no budget,2026-05-01,2026-04-01,100,true',
        '2,B,Closed Won,2026-05-02,2026-04-01,200,false',
        '3,C,Negotiation,2026-07-01,2026-04-01,300,false',
        '4,D,Closed Won,2026-05-03,2026-04-01,400,',
      ].join('\n'),
    )
    const store = await emptyStore()
    await importFile(store, 'opportunities', file, { preset: 'hubspot' })
    expect(await store.query(`SELECT id, status FROM opportunities ORDER BY id`)).toEqual([
      { id: '1', status: 'lost' },
      { id: '2', status: 'won' },
      { id: '3', status: 'open' },
      { id: '4', status: 'won' },
    ])
  })

  it('HubSpot "Is Closed Won" decides over a custom stage name; both quote styles of stage columns give one history', async () => {
    const file = writeFile(
      'deals.csv',
      [
        `Record ID,Deal Stage,Close Date,Create Date,Amount,Is Closed Won,Date entered "Signed (Sales)",Date entered 'Signed (Sales)'`,
        '1,Signed,2026-05-01,2026-04-01,100,true,2026-05-01 10:00,2026-05-01 10:00',
      ].join('\n'),
    )
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file, { preset: 'hubspot' })
    expect(report).toMatchObject({ stageChanges: 1, stages: 1 })
    expect(await store.query(`SELECT status, pipeline FROM opportunities`)).toEqual([
      { status: 'won', pipeline: 'Sales' },
    ])
  })

  it('Salesforce with IsWon only; a report amount in EUR keeps its currency', async () => {
    const loader = writeFile(
      'Opportunity.csv',
      'Id,StageName,Amount,CloseDate,CreatedDate,IsWon\n1,Signed,100,2026-05-01,2026-04-01,1\n2,Prospecting,50,2026-07-01,2026-04-01,\n',
    )
    const report = writeFile(
      'report.csv',
      '"Opportunity ID","Stage","Amount","Close Date","Created Date","Won","Closed"\n"9","Closed Won","EUR 20,000.00","2026-05-01","2026-04-01","1","1"\n',
    )
    const store = await emptyStore()
    await importFile(store, 'opportunities', loader, { preset: 'salesforce' })
    await importFile(store, 'opportunities', report, { preset: 'salesforce' })
    expect(
      await store.query(`SELECT id, status, amount, currency FROM opportunities ORDER BY id`),
    ).toEqual([
      { id: '1', status: 'won', amount: '100.0000', currency: 'USD' },
      { id: '2', status: 'open', amount: '50.0000', currency: 'USD' },
      { id: '9', status: 'won', amount: '20000.0000', currency: 'EUR' },
    ])
  })
})

describe('forecast categories of the CRMs', () => {
  it('Salesforce: the label (ForecastCategoryName) first; Closed is commit, Most Likely best case', async () => {
    const file = writeFile(
      'Opportunity.csv',
      [
        'Id,StageName,Amount,CloseDate,CreatedDate,IsWon,IsClosed,ForecastCategory,ForecastCategoryName',
        '1,Closed Won,100,2026-05-01,2026-04-01,1,1,Closed,Closed',
        '2,Negotiation,100,2026-07-01,2026-04-01,,,Forecast,Commit',
        '3,Proposal,100,2026-07-01,2026-04-01,,,BestCase,Best Case',
        '4,Proposal,100,2026-07-01,2026-04-01,,,MostLikely,Most Likely',
        '5,Prospecting,100,2026-07-01,2026-04-01,,,Pipeline,Pipeline',
        '6,Closed Lost,100,2026-05-01,2026-04-01,,1,Omitted,Omitted',
        '7,Prospecting,100,2026-07-01,2026-04-01,,,,',
      ].join('\n'),
    )
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file, { preset: 'salesforce' })
    expect(report).toMatchObject({ rejected: 0, ignoredColumns: ['ForecastCategory'] })
    expect(
      await store.query(`SELECT id, forecast_category FROM opportunities ORDER BY id`),
    ).toEqual([
      { id: '1', forecast_category: 'commit' },
      { id: '2', forecast_category: 'commit' },
      { id: '3', forecast_category: 'best_case' },
      { id: '4', forecast_category: 'best_case' },
      { id: '5', forecast_category: 'pipeline' },
      { id: '6', forecast_category: 'omitted' },
      { id: '7', forecast_category: null },
    ])
  })

  it('Salesforce API values alone (ForecastCategory): Forecast is commit', async () => {
    const file = writeFile(
      'Opportunity.csv',
      'Id,StageName,Amount,CloseDate,CreatedDate,ForecastCategory\n1,Negotiation,100,2026-07-01,2026-04-01,Forecast\n2,Proposal,100,2026-07-01,2026-04-01,BestCase\n',
    )
    const store = await emptyStore()
    await importFile(store, 'opportunities', file, { preset: 'salesforce' })
    expect(
      await store.query(`SELECT id, forecast_category FROM opportunities ORDER BY id`),
    ).toEqual([
      { id: '1', forecast_category: 'commit' },
      { id: '2', forecast_category: 'best_case' },
    ])
  })

  it('HubSpot "Forecast category": labels and internal values; Not forecasted is omitted', async () => {
    const file = writeFile(
      'deals.csv',
      [
        'Record ID,Deal Stage,Close Date,Create Date,Amount,Forecast category',
        '1,Contract Sent,2026-07-01,2026-04-01,100,Commit',
        '2,Qualified,2026-07-01,2026-04-01,100,Best case',
        '3,Qualified,2026-07-01,2026-04-01,100,BEST_CASE',
        '4,Appointment,2026-07-01,2026-04-01,100,Pipeline',
        '5,Appointment,2026-07-01,2026-04-01,100,Not forecasted',
        '6,Closed Won,2026-05-01,2026-04-01,100,Closed won',
        '7,Appointment,2026-07-01,2026-04-01,100,OMIT',
      ].join('\n'),
    )
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file, { preset: 'hubspot' })
    expect(report).toMatchObject({ rejected: 0 })
    expect(
      await store.query(`SELECT id, forecast_category FROM opportunities ORDER BY id`),
    ).toEqual([
      { id: '1', forecast_category: 'commit' },
      { id: '2', forecast_category: 'best_case' },
      { id: '3', forecast_category: 'best_case' },
      { id: '4', forecast_category: 'pipeline' },
      { id: '5', forecast_category: 'omitted' },
      { id: '6', forecast_category: 'commit' },
      { id: '7', forecast_category: 'omitted' },
    ])
  })

  it('a category the CRM does not have is a rejected row naming the column', async () => {
    const file = writeFile(
      'Opportunity.csv',
      'Id,StageName,Amount,CloseDate,CreatedDate,ForecastCategoryName\n1,Negotiation,100,2026-07-01,2026-04-01,Maybe\n',
    )
    const store = await emptyStore()
    const report = await importFile(store, 'opportunities', file, {
      preset: 'salesforce',
      skipInvalid: true,
    })
    expect(report.rejected).toBe(1)
    expect(JSON.stringify(report)).toContain('must be one of commit, best_case, pipeline, omitted')
  })
})

describe('snapshots out of order', () => {
  it('an export older than one already imported is refused, and nothing is written', async () => {
    const store = await emptyStore({ settings: { base_currency: 'PLN' } })
    await load(store, 'opportunities', 'pipedrive/deals-2026-05-01.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-01T06:00:00Z',
    })
    await load(store, 'opportunities', 'pipedrive/deals-2026-05-15.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-15T06:00:00Z',
    })
    const before = await store.query(`SELECT * FROM opportunities ORDER BY id`)
    const e = await load(store, 'opportunities', 'pipedrive/deals-2026-05-01.csv', {
      preset: 'pipedrive',
      observedAt: '2026-05-01T06:00:00Z',
    }).catch((x) => x)
    expect(e.message).toMatch(
      /this pipedrive export \(taken 2026-05-01 06:00:00\) is older than one imported before \(2026-05-15 06:00:00\)/,
    )
    expect(await store.query(`SELECT * FROM opportunities ORDER BY id`)).toEqual(before)
  })
})

describe('preset errors', () => {
  it('a file that is not the named CRM export says what is missing and lists its columns', async () => {
    const store = await emptyStore()
    const e = await load(store, 'opportunities', 'capsule/opportunities.csv', {
      preset: 'pipedrive',
    }).catch((x) => x)
    expect(e.message).toMatch(
      /the pipedrive mapping finds no column for id, status, created_on of opportunities: is this a Pipedrive export of opportunities\? Its columns: ID, Name/,
    )
  })

  it('a preset for an entity the CRM does not export is refused', async () => {
    const store = await emptyStore()
    const e = await load(store, 'quotas', 'capsule/opportunities.csv', { preset: 'capsule' }).catch(
      (x) => x,
    )
    expect(e.message).toBe('the Capsule CRM preset reads opportunities, not quotas')
  })
})
