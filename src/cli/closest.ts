/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = [...a.toLowerCase()]
  const t = [...b.toLowerCase()]
  let row = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const next = [i]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost)
    }
    row = next
  }
  return row[t.length] ?? 0
}

/**
 * The candidate a mistyped word most likely meant, or undefined when none is close (more
 * than a third of the word differs). Each candidate may be known by several names (an id
 * and its display name): the closest name counts.
 */
export function closest<T>(
  given: string,
  candidates: readonly T[],
  names: (c: T) => readonly string[],
): T | undefined {
  let best: { c: T; d: number } | undefined
  for (const c of candidates) {
    for (const name of names(c)) {
      const d = editDistance(given.replace(/[\s-]+/g, '_'), name.replace(/[\s-]+/g, '_'))
      if (!best || d < best.d) best = { c, d }
    }
  }
  return best && best.d <= Math.max(1, Math.floor(given.length / 3)) ? best.c : undefined
}
