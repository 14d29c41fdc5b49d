import type { ColumnSource } from '../mapping/file-mapping.js'
import type { Preset } from './preset.js'
import { amountOf, currencyFrom, snapshotTime, stageAccountName } from './shared.js'

/** "Deal - Title" in English exports, "Transakcja - Tytuł" in Polish ones. */
const deal = (...names: string[]) => names.flatMap((n) => [`Deal - ${n}`, `Transakcja - ${n}`])
const org = (...names: string[]) =>
  names.flatMap((n) => [`Organization - ${n}`, `Organizacja - ${n}`])

const statuses = {
  open: 'open',
  won: 'won',
  lost: 'lost',
  otwarta: 'open',
  otwarty: 'open',
  wygrana: 'won',
  wygrany: 'won',
  przegrana: 'lost',
  przegrany: 'lost',
  otwarte: 'open',
  wygrane: 'won',
  przegrane: 'lost',
}

export const pipedrive: Preset = {
  name: 'pipedrive',
  label: 'Pipedrive',
  dropFooters: false,
  howToExport:
    'Deals list view (or Organizations) → ... → Export filter results → CSV or Excel; include the columns listed below. Export again on a schedule: each import records stage moves since the last one.',
  entities: {
    opportunities: {
      columns: {
        id: deal('ID', 'Pipedrive System ID'),
        name: deal('Title', 'Tytuł'),
        owner_id: deal('Owner', 'Właściciel'),
        pipeline: deal('Pipeline', 'Lejek'),
        stage: deal('Stage', 'Stage (pipeline)', 'Etap'),
        status: deal('Status'),
        currency: deal('Currency of Value', 'Currency', 'Waluta wartości', 'Waluta'),
        created_on: deal(
          'Deal created',
          'Deal created on',
          'Creation date',
          'Add time',
          'Utworzono transakcję',
          'Data utworzenia',
        ),
        expected_close_on: deal(
          'Expected close date',
          'Oczekiwana data zamknięcia',
          'Przewidywana data zamknięcia',
        ),
        probability: deal('Probability', 'Prawdopodobieństwo'),
        lost_reason: deal('Lost reason', 'Powód przegranej', 'Przyczyna przegranej'),
        source: deal('Source channel', 'Source origin', 'Kanał źródłowy', 'Źródło'),
        product: deal('Product name', 'Nazwa produktu'),
      },
      values: { status: statuses },
      derive(f, mapped) {
        const amount = f.col(...deal('Value', 'Deal value', 'Wartość'))
        const status = mapped.get('status')
        const wonTime = f.col(...deal('Won time', 'Data wygranej', 'Czas wygranej'))
        const lostTime = f.col(...deal('Lost time', 'Data przegranej', 'Czas przegranej'))
        const closedOn = f.col(
          ...deal('Deal closed on', 'Closed on', 'Close time', 'Data zamknięcia'),
        )
        // The won or lost time by status, else the generic close time.
        const when = (c: string | undefined) => (c ? f.date(c) : 'NULL')
        const closed: ColumnSource | undefined =
          status && (wonTime || lostTime || closedOn)
            ? {
                sql: `CASE WHEN (${status.sql}) = 'won' THEN COALESCE(${when(wonTime)}, ${when(closedOn)})
                  WHEN (${status.sql}) = 'lost' THEN COALESCE(${when(lostTime)}, ${when(closedOn)}) END`,
                from: [wonTime, lostTime, closedOn].filter((c): c is string => !!c),
              }
            : undefined
        const orgId = f.col(...deal('Organization ID', 'ID organizacji'))
        const orgName = f.col(...deal('Organization', 'Organizacja'))
        const account = orgId ?? orgName
        return {
          amount: amountOf(f, amount),
          currency: mapped.get('currency') ?? currencyFrom(f, undefined, amount),
          closed_on: closed,
          account_id: account ? { sql: f.text(account), from: [account] } : undefined,
        }
      },
      extend(f, mapping) {
        mapping.createMissing.push({ entity: 'reps', column: 'owner_id' })
        const orgName = f.col(...deal('Organization', 'Organizacja'))
        if (mapping.columns.has('account_id')) {
          mapping.createMissing.push({
            entity: 'accounts',
            column: 'account_id',
            ...(orgName ? { nameColumn: stageAccountName(mapping, f.text(orgName), orgName) } : {}),
          })
        }
        const last = f.col(...deal('Last stage change', 'Ostatnia zmiana etapu'))
        mapping.snapshotHistory = { lastStageChange: snapshotTime(mapping, f, last) }
      },
    },
    accounts: {
      columns: {
        id: org('ID'),
        name: org('Name', 'Nazwa'),
        industry: org('Industry', 'Branża'),
        region: org('Address - Country', 'Country', 'Kraj', 'Address country'),
        segment: org('Segment', 'Label', 'Etykieta'),
        created_on: org(
          'Organization created',
          'Add time',
          'Utworzono organizację',
          'Data utworzenia',
        ),
      },
    },
  },
}
