import type { ColumnSource } from '../mapping/file-mapping.js'
import type { Preset } from './preset.js'
import { snapshotTime, stageAccountName } from './shared.js'

/** API v2 JSON keys (flattened: value.amount) first, then the CSV export's labels. */
export const capsule: Preset = {
  name: 'capsule',
  label: 'Capsule CRM',
  dropFooters: false,
  howToExport:
    'Account Settings → Export Data → the ZIP link in the e-mail → opportunities CSV (UTF-8); or the API: GET /api/v2/opportunities?embed=party,tags saved as JSON. Export again on a schedule: each import records milestone moves since the last one.',
  entities: {
    opportunities: {
      columns: {
        id: ['id', 'Opportunity ID', 'ID'],
        name: ['name', 'Opportunity Name', 'Name'],
        owner_id: ['owner.name', 'owner.username', 'Owner', 'Opportunity Owner'],
        pipeline: ['pipeline.name', 'milestone.pipeline.name', 'Pipeline'],
        stage: ['milestone.name', 'Milestone', 'Stage'],
        currency: ['value.currency', 'Currency', 'Value Currency'],
        created_on: ['createdAt', 'Created', 'Date Created', 'Created At'],
        expected_close_on: ['expectedCloseOn', 'Expected Close Date', 'Expected Close On'],
        probability: ['probability', 'Probability', 'milestone.probability'],
        lost_reason: ['lostReason.name', 'Lost Reason'],
      },
      derive(f, mapped) {
        const amount = f.col('value.amount', 'Value', 'Amount', 'Opportunity Value')
        const basis = f.col('durationBasis', 'Duration Basis', 'Value Basis')
        const duration = f.col('duration', 'Duration')
        const closedOn = f.col(
          'closedOn',
          'Closed Date',
          'Date Closed',
          'Closed On',
          'Actual Close Date',
        )
        const complete = f.col('milestone.complete', 'Milestone Complete', 'Complete')
        const probability = f.col('milestone.probability') ?? mapped.get('probability')?.from[0]
        const stage = mapped.get('stage')
        const d = f.dialect
        // Per-period values (5,000 per month for 3 months) are worth amount × duration.
        const money: ColumnSource | undefined = amount
          ? {
              sql:
                basis && duration
                  ? `CASE WHEN UPPER(${f.text(basis)}) NOT IN ('FIXED', '') AND ${d.fullMatch(f.text(duration), '[0-9]+')}
                      THEN CAST(${d.tryCast(f.amount(amount), 'decimal')} * CAST(${f.text(duration)} AS INTEGER) AS ${d.columnType('text')})
                      ELSE ${f.amount(amount)} END`
                  : f.amount(amount),
              from: [amount, basis, duration].filter((c): c is string => !!c),
            }
          : undefined
        // A deal is finished when its milestone is complete (API) or it has a close date
        // (CSV); won at 100% probability, lost at 0% (Capsule's own advice for lost milestones).
        const done = complete
          ? `COALESCE((${f.bool(complete)}) = 'true', FALSE)`
          : closedOn
            ? `${f.text(closedOn)} IS NOT NULL`
            : 'FALSE'
        const pct = probability ? d.tryCast(f.text(probability), 'decimal') : 'NULL'
        const label = stage ? `LOWER(${stage.sql})` : `''`
        const status: ColumnSource = {
          sql: `CASE WHEN NOT (${done}) THEN 'open'
            WHEN ${pct} = 100 OR ${label} IN ('won', 'wygrana', 'closed won') THEN 'won'
            WHEN ${pct} = 0 OR ${label} IN ('lost', 'przegrana', 'closed lost') THEN 'lost'
            ELSE 'finished at ' || COALESCE(CAST(${pct} AS ${d.columnType('text')}), '?') || '% (neither won nor lost)' END`,
          from: [complete, closedOn, probability].filter((c): c is string => !!c),
        }
        const partyId = f.col('party.id', 'Party ID', 'Organisation ID')
        const partyName = f.col('party.name', 'Party', 'Organisation', 'Organization', 'Contact')
        const party = partyId ?? partyName
        return {
          amount: money,
          status,
          closed_on: closedOn
            ? {
                sql: `CASE WHEN (${status.sql}) IN ('won', 'lost') THEN ${f.date(closedOn)} END`,
                from: [closedOn],
              }
            : undefined,
          account_id: party ? { sql: f.text(party), from: [party] } : undefined,
        }
      },
      extend(f, mapping) {
        mapping.createMissing.push({ entity: 'reps', column: 'owner_id' })
        const partyName = f.col('party.name', 'Party', 'Organisation', 'Organization', 'Contact')
        if (mapping.columns.has('account_id')) {
          mapping.createMissing.push({
            entity: 'accounts',
            column: 'account_id',
            ...(partyName
              ? { nameColumn: stageAccountName(mapping, f.text(partyName), partyName) }
              : {}),
          })
        }
        const last = f.col('lastStageChangedAt', 'Last Stage Change', 'Milestone Last Changed')
        mapping.snapshotHistory = { lastStageChange: snapshotTime(mapping, f, last) }
      },
    },
  },
}
