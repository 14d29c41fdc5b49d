import type { ColumnSource } from '../mapping/file-mapping.js'
import { firstOfList } from '../mapping/normalise-sql.js'
import type { Fields, Preset } from './preset.js'
import {
  amountOf,
  currencyFrom,
  forecastCategoryValues,
  percentText,
  splitCloseDate,
  stageAccountName,
  statusFromFlags,
} from './shared.js'

/** `Date entered "Closed Won (Sales Pipeline)"`, in the current and the older quote style. */
const dateEntered =
  /^Date entered ["'\u201c\u201d\u2018\u2019](.+) \((.+)\)["'\u201c\u201d\u2018\u2019]$/i

/** [ids column, names column] of the deal's company: the primary pair, else the plain one. */
function companyColumns(f: Fields): [string | undefined, string | undefined] {
  for (const suffix of [' (Primary)', '']) {
    const ids = f.headers.peek(`Associated Company IDs${suffix}`)
    const names = f.headers.peek(`Associated Company${suffix}`)
    if (ids || names) return [ids && f.col(ids), names && f.col(names)]
  }
  const names = f.col('Company name')
  return [undefined, names]
}

export const hubspot: Preset = {
  name: 'hubspot',
  label: 'HubSpot',
  dropFooters: false,
  howToExport:
    'CRM → Deals (or Companies, Contacts) → choose a view → Export; pick CSV or XLSX and "include all properties" or the columns listed below.',
  entities: {
    opportunities: {
      columns: {
        id: ['Record ID', 'Deal ID', 'hs_object_id'],
        name: ['Deal Name', 'dealname'],
        owner_id: ['Deal owner', 'Deal Owner', 'hubspot_owner_id', 'Owner'],
        pipeline: ['Pipeline', 'pipeline'],
        stage: ['Deal Stage', 'dealstage'],
        created_on: ['Create Date', 'createdate', 'HubSpot Create Date'],
        source: ['Original Source Type', 'Original Source', 'Source', 'Lead Source'],
        product: ['Product', 'Associated Product'],
        lost_reason: ['Closed Lost Reason', 'closed_lost_reason'],
        forecast_category: ['Forecast category', 'hs_manual_forecast_category'],
        lead_id: [],
      },
      values: { forecast_category: forecastCategoryValues },
      derive(f, mapped) {
        const amount = f.col('Amount', 'amount')
        const home = amount
          ? undefined
          : f.col('Amount in company currency', 'amount_in_home_currency')
        const stage = mapped.get('stage')
        const won = f.col(
          'Is Closed Won',
          'hs_is_closed_won',
          'Closed won count',
          'hs_closed_won_count',
        )
        const lost = f.col('Is closed lost', 'hs_is_closed_lost')
        const closed = f.col('Is Deal Closed?', 'Is Closed', 'hs_is_closed')
        const status = statusFromFlags(f, { won, lost, closed }, stage)
        // The primary association first; ids and names from the same pair of columns.
        const [companyIds, companyNames] = companyColumns(f)
        const account = companyIds ?? companyNames
        const probability = f.col('Deal probability', 'hs_deal_stage_probability')
        return {
          status,
          amount: amountOf(f, amount ?? home),
          currency: home
            ? undefined
            : currencyFrom(
                f,
                f.col('Currency', 'Deal Currency Code', 'deal_currency_code'),
                amount,
              ),
          account_id: account
            ? { sql: firstOfList(f.text(account), f.dialect), from: [account] }
            : undefined,
          probability: probability
            ? { sql: percentText(f, probability), from: [probability] }
            : undefined,
          ...splitCloseDate(f, status, f.col('Close Date', 'closedate')),
        }
      },
      extend(f, mapping) {
        mapping.createMissing.push({ entity: 'reps', column: 'owner_id' })
        const names = companyColumns(f)[1]
        if (mapping.columns.has('account_id')) {
          mapping.createMissing.push({
            entity: 'accounts',
            column: 'account_id',
            ...(names
              ? {
                  nameColumn: stageAccountName(
                    mapping,
                    firstOfList(f.text(names), f.dialect),
                    names,
                  ),
                }
              : {}),
          })
        }
        // One column per stage and pipeline; their order is the pipeline's order. "Include
        // all properties" exports carry both the older '...' and the current "..." columns:
        // one of each (pipeline, stage), the current one preferred.
        const found = f.headers.matching(dateEntered)
        const current = found.filter(
          ({ column }) => !/^Date entered\s*['\u2018\u2019]/i.test(column),
        )
        const chosen = new Map<string, { column: string; stage: string; pipeline: string }>()
        for (const { column, match } of [...current, ...found]) {
          const stage = (match[1] as string).trim()
          const pipeline = (match[2] as string).trim()
          const key = `${pipeline}\u0000${stage}`
          if (!chosen.has(key)) chosen.set(key, { column, stage, pipeline })
        }
        const ordered = found
          .map(({ column }) => [...chosen.values()].find((c) => c.column === column))
          .filter((c): c is { column: string; stage: string; pipeline: string } => !!c)
        mapping.stageDates = ordered.map(({ column, stage, pipeline }, i) => {
          const key = stage.toLowerCase().replace(/[^a-z]/g, '')
          mapping.extras.push({
            name: `stage_date_${i}`,
            type: 'timestamp',
            sql: f.date(column),
            from: [column],
          })
          return {
            stage,
            pipeline,
            extra: `stage_date_${i}`,
            kind: key.includes('closedwon') ? 'won' : key.includes('closedlost') ? 'lost' : 'open',
          }
        })
        // A file without a Pipeline column: its deals are in the one pipeline the stage
        // columns name (else they would match none of the stage history).
        const pipelines = new Set(ordered.map((x) => x.pipeline))
        if (!mapping.columns.has('pipeline') && pipelines.size === 1) {
          const only = [...pipelines][0] as string
          mapping.columns.set('pipeline', { sql: `'${only.replaceAll("'", "''")}'`, from: [] })
        }
        // The other per-stage columns are read by HubSpot reports, not needed here.
        f.headers.matching(
          /^(Date exited|Cumulative time in|Latest time in|Time in) ["'\u201c\u201d\u2018\u2019]/i,
        )
      },
    },
    accounts: {
      columns: {
        id: ['Record ID', 'Company ID', 'hs_object_id'],
        name: ['Company name', 'Name', 'name'],
        industry: ['Industry', 'industry'],
        region: ['Country/Region', 'Country', 'State/Region', 'country'],
        segment: ['Segment', 'Company size'],
        created_on: ['Create Date', 'createdate'],
      },
    },
    leads: {
      columns: {
        id: ['Record ID', 'Contact ID', 'hs_object_id'],
        created_on: ['Create Date', 'createdate'],
        source: ['Original Source', 'Original Source Type', 'Lead Source', 'hs_analytics_source'],
        owner_id: ['Contact owner', 'Contact Owner', 'hubspot_owner_id'],
        qualified_on: [
          'Became a Sales Qualified Lead Date',
          'hs_lifecyclestage_salesqualifiedlead_date',
        ],
        converted_on: ['Became an Opportunity Date', 'hs_lifecyclestage_opportunity_date'],
      },
      derive(f) {
        const company = f.col('Associated Company IDs', 'Associated Company IDs (Primary)')
        const deal = f.col('Associated Deal IDs', 'Associated Deal IDs (Primary)')
        return {
          account_id: company
            ? { sql: firstOfList(f.text(company), f.dialect), from: [company] }
            : undefined,
          opportunity_id: deal
            ? { sql: firstOfList(f.text(deal), f.dialect), from: [deal] }
            : undefined,
        }
      },
      extend(_f, mapping) {
        mapping.createMissing.push({ entity: 'reps', column: 'owner_id' })
      },
    },
    reps: {
      columns: {
        email: ['Email', 'email'],
        team: ['Team', 'Primary team', 'Teams'],
      },
      derive(f) {
        // Users export: First Name + Last Name; owners appear in deals by this full name.
        const full = f.col('Name', 'Full name', 'Owner')
        const first = f.col('First Name', 'firstname')
        const last = f.col('Last Name', 'lastname')
        const name: ColumnSource | undefined = full
          ? { sql: f.text(full), from: [full] }
          : first || last
            ? {
                sql: f.dialect.blankAsNull(
                  `CONCAT_WS(' ', ${[first, last]
                    .filter(Boolean)
                    .map((c) => f.text(c as string))
                    .join(', ')})`,
                ),
                from: [first, last].filter((c): c is string => !!c),
              }
            : undefined
        return { id: name, name }
      },
    },
  },
}
