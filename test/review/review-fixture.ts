/**
 * A company with a story to review, Q2 2026 against Q1: two reps of one team; Q1 won 4 deals
 * of 10,000 (and lost 2) from 6 created; Q2 won 6 of 10,000 (lost 2) from 8 created. Revenue
 * rose by 20,000, all of it more deals won: 13,333.33 from more opportunities created, 5,000
 * from the better win rate (2/3 → 3/4), 1,666.67 from both. Rob beat his 30,000 quota with
 * 50,000; Rae won 10,000 of her 50,000 — under 70%.
 */
import { times, writeFixture, type Rec } from '../helpers.js'

const deal = (id: string, owner: string, status: string, created: string, closed: string): Rec => ({
  id,
  owner_id: owner,
  status,
  amount: 10_000,
  created_on: created,
  closed_on: closed,
  source: id.includes('lost') ? 'Events' : 'Inbound',
})

export const reviewAsOf = '2026-07-15'

export function reviewFixture(): string {
  return writeFixture({
    reps: [
      { id: 'r1', name: 'Rob One', email: 'rob@acme.com', team: 'East' },
      { id: 'r2', name: 'Rae Two', email: 'rae@acme.com', team: 'East' },
    ],
    quotas: [
      { rep_id: 'r1', period_start: '2026-04-01', period_end: '2026-06-30', amount: 30_000 },
      { rep_id: 'r2', period_start: '2026-04-01', period_end: '2026-06-30', amount: 50_000 },
    ],
    opportunities: [
      ...times(4, (i) => deal(`q1-${i}`, i < 2 ? 'r1' : 'r2', 'won', '2026-01-10', '2026-02-10')),
      ...times(2, (i) => deal(`q1-lost-${i}`, 'r2', 'lost', '2026-01-10', '2026-03-01')),
      ...times(6, (i) => deal(`q2-${i}`, i < 5 ? 'r1' : 'r2', 'won', '2026-04-05', '2026-05-05')),
      ...times(2, (i) => deal(`q2-lost-${i}`, 'r2', 'lost', '2026-04-05', '2026-06-01')),
    ],
  })
}
