import { Leaderboard, leaderboardMetrics } from '../components/Leaderboard.js'
import { CategoryPage } from './CategoryPage.js'

/** The team metrics, and the reps' leaderboard from the same batch (by rep; by rep and team). */
export function TeamPage() {
  return (
    <CategoryPage
      category="team"
      extra={(p, view) => [
        {
          metrics: [...leaderboardMetrics],
          from: p.from,
          to: p.to,
          grain: 'all',
          by: ['rep'],
          filters: view.filters,
          asOf: view.asOf,
        },
        // Each rep's team(s) in the period, as the records say (a move shows both).
        {
          metrics: ['total_revenue'],
          from: p.from,
          to: p.to,
          grain: 'all',
          by: ['rep', 'team'],
          filters: view.filters,
          asOf: view.asOf,
        },
      ]}
      renderExtra={(rows) => <Leaderboard rows={rows[0] ?? []} teams={rows[1] ?? []} />}
    />
  )
}
