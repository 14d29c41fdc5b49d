import type { Rec } from '../helpers.js'

/**
 * A quarter of deals whose forecast snapshot is worked out by hand (base USD; Q3 2026 =
 * Jul 1 – Sep 30). Reps: r1 Ann and r3 Cy in North; r2 Bob in South until Jul 31, West from
 * Aug 1 (rep_teams). EUR is 1.2 USD from Jan 1, 1.5 from Aug 1. Stages: Discovery 10%,
 * Proposal 40%, Negotiation 70%, Qualify without a probability.
 *
 *   w1 r1 won  10,000 USD, Jul 10                      won in Q3 (North)
 *   w2 r2 won   5,000 EUR, Jul 20 → × 1.2 = 6,000      won in Q3, for South (r2's team then)
 *   w3 r1 won   3,000 USD, Jun 30                      before Q3
 *   o1 r1 open 20,000 USD, Aug 30, own 50%             (not the stage's 40%) → 10,000
 *   o2 r2 open 10,000 USD, Sep 15, Negotiation         no own probability: 70% → 7,000
 *   o3 r3 open  8,000 EUR, Sep 1, own 25%              × 1.5 on Aug 15 (1.2 on Jun 20) → 3,000 (2,400)
 *   o4 r1 open 50,000 USD, Oct 15, 90%                 outside Q3
 *   o5 r2 lost 30,000 USD, Jul 5, created Jun 25       lost by Aug 15: nothing
 *   o6 r3 open  6,000 USD, Sep 20, Qualify             no probability at all: adds nothing
 *   o7 r1 open  (no amount), Sep 10, 60%               no amount: adds nothing
 *   o8 r1 open 40,000 USD, Sep 25, 80%, created Aug 20 not there on Aug 15
 *   o9 r1 open  1,000 USD, Sep 5, own 0%               0 is a probability (not the stage's) → 0
 *   o10 r2 open 4,000 USD, Sep 10, own 50%             → 2,000
 *
 * Forecast made on Aug 15 for Q3, without categories: won 16,000 + weighted 22,000 =
 * 38,000; North 10,000 + 13,000 = 23,000; South 6,000; West 9,000; r1 20,000, r2 15,000,
 * r3 3,000. Made on Jun 20 (nothing won yet; o5 not created; EUR at 1.2): 21,400; r1
 * 10,000, r2 9,000, r3 2,400; North 12,400, South 9,000.
 *
 * With categories (`categorised`): o1 commit, o2 best_case, o3 pipeline, o6 and o7 commit,
 * o9 none, o10 omitted; won deals commit (Closed). Aug 15: company commit 16,000 + 10,000
 * = 26,000, best_case + 7,000 = 33,000, pipeline 16,000 + 20,000 = 36,000 (o10 omitted);
 * North 20,000 / 20,000 / 23,000; South 6,000 ×3; West 0 / 7,000 / 7,000; r1 20,000 ×3;
 * r2 6,000 / 13,000 / 13,000; r3 0 / 0 / 3,000.
 */
export function snapshotFiles(categorised: boolean): Record<string, Rec[]> {
  const deal = (
    id: string,
    owner: string,
    status: string,
    amount: number | null,
    extra: Rec,
    category: string | null = null,
  ): Rec => ({
    id,
    owner_id: owner,
    status,
    amount,
    currency: 'USD',
    created_on: '2026-05-01',
    closed_on: null,
    expected_close_on: null,
    probability: null,
    stage: 'Proposal',
    ...extra,
    ...(categorised ? { forecast_category: category } : {}),
  })
  return {
    reps: [
      { id: 'r1', name: 'Ann', team: 'North' },
      { id: 'r2', name: 'Bob', team: 'West' },
      { id: 'r3', name: 'Cy', team: 'North' },
    ],
    rep_teams: [
      { rep_id: 'r2', team: 'South', valid_from: '2025-01-01', valid_to: '2026-07-31' },
      { rep_id: 'r2', team: 'West', valid_from: '2026-08-01', valid_to: null },
    ],
    stages: [
      { stage: 'Discovery', position: 1, probability: 10 },
      { stage: 'Qualify', position: 2, probability: null },
      { stage: 'Proposal', position: 3, probability: 40 },
      { stage: 'Negotiation', position: 4, probability: 70 },
      { stage: 'Closed Won', position: 5, probability: 100, kind: 'won' },
      { stage: 'Closed Lost', position: 6, probability: 0, kind: 'lost' },
    ],
    fx_rates: [
      { currency: 'EUR', on: '2026-01-01', rate: 1.2 },
      { currency: 'EUR', on: '2026-08-01', rate: 1.5 },
    ],
    opportunities: [
      deal('w1', 'r1', 'won', 10000, { closed_on: '2026-07-10', stage: 'Closed Won' }, 'commit'),
      deal(
        'w2',
        'r2',
        'won',
        5000,
        { currency: 'EUR', closed_on: '2026-07-20', stage: 'Closed Won' },
        'commit',
      ),
      deal('w3', 'r1', 'won', 3000, { closed_on: '2026-06-30', stage: 'Closed Won' }, 'commit'),
      deal(
        'o1',
        'r1',
        'open',
        20000,
        { expected_close_on: '2026-08-30', probability: 50 },
        'commit',
      ),
      deal(
        'o2',
        'r2',
        'open',
        10000,
        { expected_close_on: '2026-09-15', stage: 'Negotiation' },
        'best_case',
      ),
      deal(
        'o3',
        'r3',
        'open',
        8000,
        { currency: 'EUR', expected_close_on: '2026-09-01', probability: 25 },
        'pipeline',
      ),
      deal(
        'o4',
        'r1',
        'open',
        50000,
        { expected_close_on: '2026-10-15', probability: 90 },
        'commit',
      ),
      deal(
        'o5',
        'r2',
        'lost',
        30000,
        { created_on: '2026-06-25', closed_on: '2026-07-05', stage: 'Closed Lost' },
        'omitted',
      ),
      deal(
        'o6',
        'r3',
        'open',
        6000,
        { expected_close_on: '2026-09-20', stage: 'Qualify' },
        'commit',
      ),
      deal(
        'o7',
        'r1',
        'open',
        null,
        { expected_close_on: '2026-09-10', probability: 60 },
        'commit',
      ),
      deal(
        'o8',
        'r1',
        'open',
        40000,
        { created_on: '2026-08-20', expected_close_on: '2026-09-25', probability: 80 },
        'commit',
      ),
      deal('o9', 'r1', 'open', 1000, { expected_close_on: '2026-09-05', probability: 0 }),
      deal(
        'o10',
        'r2',
        'open',
        4000,
        { expected_close_on: '2026-09-10', probability: 50 },
        'omitted',
      ),
    ],
  }
}
