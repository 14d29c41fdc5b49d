import { Leaderboard, leaderboardMetrics } from '../components/Leaderboard.js'
import { CategoryPage } from './CategoryPage.js'

/** The team metrics, and the reps' leaderboard from the same batch (by: ['rep']). */
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
      ]}
      renderExtra={(rows) => <Leaderboard rows={rows[0] ?? []} />}
    />
  )
}
