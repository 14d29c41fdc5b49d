import type { FileMapping } from '../mapping/file-mapping.js'
import type { Fields, Preset } from './preset.js'
import {
  amountOf,
  currencyFrom,
  forecastCategoryValues,
  splitCloseDate,
  stageAccountName,
  statusFromFlags,
} from './shared.js'

/** Rows deleted in Salesforce (IsDeleted = 1) are left out. */
function skipDeleted(f: Fields, mapping: FileMapping): void {
  const deleted = f.col('IsDeleted', 'Deleted')
  if (deleted) {
    mapping.skipRow = {
      sql: `(${f.bool(deleted)}) = 'true'`,
      why: 'deleted in Salesforce (IsDeleted)',
    }
  }
}

export const salesforce: Preset = {
  name: 'salesforce',
  label: 'Salesforce',
  dropFooters: true,
  howToExport:
    'Data Loader / Data Export (API names: Id, StageName, IsWon...) or a report exported as "Details Only" CSV/XLSX (labels: Opportunity ID, Stage, Won...). Stage history: export OpportunityHistory (Data Loader) or an "Opportunity History" report.',
  entities: {
    opportunities: {
      columns: {
        id: ['Id', 'Opportunity ID', '18 Character Opportunity ID', 'Opportunity ID (18)'],
        name: ['Name', 'Opportunity Name'],
        pipeline: ['Pipeline', 'Sales Process', 'RecordType.Name', 'Opportunity Record Type'],
        stage: ['StageName', 'Stage'],
        currency: ['CurrencyIsoCode', 'Opportunity Currency', 'Amount Currency'],
        created_on: ['CreatedDate', 'Created Date'],
        probability: ['Probability', 'Probability (%)'],
        source: ['LeadSource', 'Lead Source'],
        lost_reason: ['Loss_Reason__c', 'Loss Reason', 'Lost Reason'],
        // The label first (Best Case); the API value (BestCase, Forecast) where it is alone.
        forecast_category: ['ForecastCategoryName', 'Forecast Category', 'ForecastCategory'],
        lead_id: [],
      },
      values: { forecast_category: forecastCategoryValues },
      derive(f, mapped) {
        // IsWon and IsClosed decide (empty = false in Data Loader files); the label only without them.
        const status = statusFromFlags(
          f,
          { won: f.col('IsWon', 'Won'), closed: f.col('IsClosed', 'Closed') },
          mapped.get('stage'),
        )
        // A converted amount is in the org's corporate currency (set it as base currency).
        const converted = f.headers.peek('Amount (converted)')
        const amount = f.col('Amount') ?? (converted && f.col(converted))
        const ownerId = f.col('OwnerId', 'Owner ID', 'Opportunity Owner ID')
        const ownerName = ownerId ? undefined : f.col('Opportunity Owner', 'Owner', 'Owner Name')
        const owner = ownerId ?? ownerName
        const accountId = f.col('AccountId', 'Account ID', 'Account ID (18)')
        const accountName = f.col('Account Name', 'Account')
        const account = accountId ?? accountName
        return {
          status,
          amount: amountOf(f, amount),
          currency:
            amount && amount === converted
              ? undefined
              : (mapped.get('currency') ?? currencyFrom(f, undefined, amount)),
          owner_id: owner ? { sql: f.text(owner), from: [owner] } : undefined,
          account_id: account ? { sql: f.text(account), from: [account] } : undefined,
          ...splitCloseDate(f, status, f.col('CloseDate', 'Close Date')),
        }
      },
      extend(f, mapping) {
        skipDeleted(f, mapping)
        // Reports name owners and accounts; Data Loader files give ids (import Users and Accounts too).
        if (mapping.columns.get('owner_id')?.from[0]?.match(/owner$|owner name/i)) {
          mapping.createMissing.push({ entity: 'reps', column: 'owner_id' })
        }
        const accountName = f.col('Account Name', 'Account')
        if (accountName) {
          mapping.createMissing.push({
            entity: 'accounts',
            column: 'account_id',
            nameColumn: stageAccountName(mapping, f.text(accountName), accountName),
          })
        }
      },
    },
    stage_changes: {
      // OpportunityHistory (Data Loader) or the "Opportunity History" report.
      columns: {
        opportunity_id: ['OpportunityId', 'Opportunity ID', 'Opportunity ID (18)'],
        stage: ['StageName', 'To Stage', 'Stage'],
        entered_at: ['CreatedDate', 'Last Modified', 'Edit Date', 'Created Date'],
      },
      extend(f, mapping) {
        skipDeleted(f, mapping)
        // A row is written for any change of stage, amount, probability or close date.
        mapping.collapseStageRepeats = true
      },
    },
    accounts: {
      columns: {
        id: ['Id', 'Account ID'],
        name: ['Name', 'Account Name'],
        industry: ['Industry'],
        segment: ['Segment__c', 'Segment'],
        region: ['BillingCountry', 'Billing Country', 'BillingState', 'Region'],
        created_on: ['CreatedDate', 'Created Date'],
      },
    },
    reps: {
      columns: {
        id: ['Id', 'User ID'],
        name: ['Name', 'Full Name'],
        email: ['Email'],
        team: ['Department', 'UserRole.Name', 'Role', 'Division'],
        manager_id: ['ManagerId', 'Manager ID'],
      },
    },
    leads: {
      columns: {
        id: ['Id', 'Lead ID'],
        created_on: ['CreatedDate', 'Create Date', 'Created Date'],
        source: ['LeadSource', 'Lead Source'],
        owner_id: ['OwnerId', 'Lead Owner ID'],
        account_id: ['ConvertedAccountId', 'Converted Account ID'],
        converted_on: ['ConvertedDate', 'Converted Date'],
        opportunity_id: ['ConvertedOpportunityId', 'Converted Opportunity ID'],
      },
    },
  },
}
