/**
 * The fixed cast of the demo: reps, pipeline stages, word lists. Everything that varies
 * with the seed is drawn in SQL (see demo-sql-*.ts); this file only holds names.
 */

export interface DemoRep {
  id: string
  name: string
  team: string | null
  managerId: string | null
  /** Months after the first month of the data when the rep started (negative: before it). */
  fromMonth: number
  /** Months after the first month when the rep left (exclusive); absent: still active. */
  toMonth?: number
  /** Team leads carry half a quota; the head of sales carries none. */
  lead?: boolean
  /** The team the rep was in before `team`, until this month (exclusive): a team move. */
  movedFrom?: { team: string; untilMonth: number }
}

export const segmentTeams = {
  SMB: 'New Business',
  'Mid-Market': 'Mid-Market',
  Enterprise: 'Enterprise',
} as const

/** [id, name, team, manager, fromMonth, toMonth, lead]: compact so the cast reads as a table. */
type RepRow = [string, string, string | null, string | null, number, number | null, boolean]

/** Team moves: [rep, previous team, month of the move] (at a quarter start, so quotas stay whole). */
const moves: [string, string, number][] = [['r-10', 'New Business', 18]]
const repRows: RepRow[] = [
  ['r-01', 'Magdalena Nowak', null, null, -40, null, false],
  ['r-02', 'Tomasz Kowalski', 'New Business', 'r-01', -30, null, true],
  ['r-03', 'Sarah Mitchell', 'Mid-Market', 'r-01', -36, null, true],
  ['r-04', "James O'Connor", 'Enterprise', 'r-01', -48, null, true],
  ['r-05', 'Emma Fischer', 'New Business', 'r-02', -20, null, false],
  ['r-06', 'Lucas Martin', 'New Business', 'r-02', -14, null, false],
  ['r-07', 'Olivia Brown', 'New Business', 'r-02', -10, null, false],
  // Leaves after ten months; Chloe takes over the territory.
  ['r-08', 'Piotr Zieliński', 'New Business', 'r-02', -8, 10, false],
  ['r-09', 'Chloe Dubois', 'New Business', 'r-02', 10, null, false],
  // Moves from New Business to Mid-Market at the start of 2026 (see moves).
  ['r-10', 'Noah Williams', 'Mid-Market', 'r-03', -5, null, false],
  ['r-11', 'Mia Schneider', 'New Business', 'r-02', 15, null, false],
  ['r-12', 'Daniel Kim', 'Mid-Market', 'r-03', -26, null, false],
  ['r-13', 'Sofia Rossi', 'Mid-Market', 'r-03', -18, null, false],
  ['r-14', 'Ethan Clarke', 'Mid-Market', 'r-03', -12, null, false],
  ['r-15', 'Hanna Lewandowska', 'Mid-Market', 'r-03', -7, null, false],
  ['r-16', 'Marco Bianchi', 'Mid-Market', 'r-03', 6, null, false],
  ['r-17', 'Laura Jensen', 'Enterprise', 'r-04', -40, null, false],
  // Leaves after 18 months; Michael joins a month later.
  ['r-18', 'David Cohen', 'Enterprise', 'r-04', -30, 18, false],
  ['r-19', 'Priya Raman', 'Enterprise', 'r-04', -22, null, false],
  ['r-20', 'Michael Grant', 'Enterprise', 'r-04', 19, null, false],
]

export const demoReps: readonly DemoRep[] = repRows.map(
  ([id, name, team, managerId, fromMonth, toMonth, lead]) => ({
    id,
    name,
    team,
    managerId,
    fromMonth,
    ...(toMonth === null ? {} : { toMonth }),
    lead,
    ...Object.fromEntries(
      moves
        .filter(([rep]) => rep === id)
        .map(([, from, untilMonth]) => ['movedFrom', { team: from, untilMonth }]),
    ),
  }),
)

export interface DemoStage {
  stage: string
  position: number
  probability: number
  kind: 'open' | 'won' | 'lost'
}

export const demoPipeline = 'default'

/** The open stages come first, in order; deals skip a middle stage now and then. */
export const demoStages: readonly DemoStage[] = [
  { stage: 'Discovery', position: 1, probability: 10, kind: 'open' },
  { stage: 'Qualification', position: 2, probability: 25, kind: 'open' },
  { stage: 'Proposal', position: 3, probability: 50, kind: 'open' },
  { stage: 'Negotiation', position: 4, probability: 75, kind: 'open' },
  { stage: 'Closed Won', position: 5, probability: 100, kind: 'won' },
  { stage: 'Closed Lost', position: 6, probability: 0, kind: 'lost' },
]

export const openStages = demoStages.filter((s) => s.kind === 'open')
export const wonStage = 'Closed Won'
export const lostStage = 'Closed Lost'

export const sources = ['Inbound', 'Outbound', 'Referral', 'Partner', 'Events'] as const

export const industries = [
  'Software',
  'Manufacturing',
  'Financial Services',
  'Healthcare',
  'Retail',
  'Logistics',
  'Professional Services',
  'Education',
]

/** A comma-separated list of words (kept compact: it is only a list). */
function words(text: string): string[] {
  return text.split(',').map((w) => w.trim())
}

/** Account names take one word from each list (40 x 40 = 1,600 names, then numbered). */
export const nameFirst = words(`
  Northwind, Blue Harbor, Silverline, Granite, Brightpath, Cobalt, Evergreen, Fjord, Helix,
  Ironwood, Juniper, Keystone, Lumen, Maple, Nimbus, Orchid, Pinecrest, Quartz, Redwood,
  Summit, Tidewater, Umbra, Vantage, Willow, Zenith, Alder, Beacon, Cedar, Delta, Ember,
  Falcon, Golden Gate, Harbor, Indigo, Jasper, Kestrel, Lighthouse, Meridian, Northstar,
  Oakridge
`)

export const nameSecond = words(`
  Analytics, Logistics, Systems, Foods, Health, Capital, Robotics, Energy, Labs, Retail,
  Media, Freight, Software, Partners, Dynamics, Networks, Pharma, Industries, Consulting,
  Textiles, Motors, Security, Learning, Finance, Biotech, Studios, Materials, Holdings,
  Telecom, Insurance, Agritech, Marine, Outfitters, Devices, Clinics, Ventures, Cloud,
  Metals, Travel, Water
`)

/** SQL string literal of a constant (names here are code, never user input). */
export function lit(s: string | null): string {
  return s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`
}

/** A SQL list literal, e.g. for list_element(). */
export function listLit(items: readonly string[]): string {
  return `[${items.map(lit).join(', ')}]`
}
