import { drillChanges, type DrillTarget } from './drill.js'
import { useLocation } from './router.js'

/** Opens the drill-down panel on a number (a new history entry, so Back closes it). */
export function useDrill(): (target: DrillTarget) => void {
  const { update } = useLocation()
  return (target) => update(drillChanges(target))
}
