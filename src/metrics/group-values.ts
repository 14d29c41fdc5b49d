/** A result's slice: dimension -> value, null for records without one. */
export type GroupValues = Readonly<Record<string, string | null>>

/**
 * Values per (period index, group), with the group kept as a typed value: the internal
 * key is built from the dimensions in a fixed order and never parsed back.
 */
export class PeriodGroupMap<T> {
  private readonly entries = new Map<string, { idx: number; group: GroupValues; value: T }>()

  constructor(private readonly dims: readonly string[]) {}

  private key(idx: number, group: GroupValues): string {
    // \u0000 marks null, \u0001 a value: no text can pass for another.
    return `${idx}${this.dims.map((d) => (group[d] == null ? '\u0000' : `\u0001${group[d]}`)).join('')}`
  }

  set(idx: number, group: GroupValues, value: T): void {
    this.entries.set(this.key(idx, group), { idx, group, value })
  }

  get(idx: number, group: GroupValues): T | undefined {
    return this.entries.get(this.key(idx, group))?.value
  }

  /** Every entry, in insertion order. */
  all(): IterableIterator<{ idx: number; group: GroupValues; value: T }> {
    return this.entries.values()
  }
}

/** Groups in a stable order: by each dimension in turn, nulls last. */
export function compareGroups(a: GroupValues, b: GroupValues, by: readonly string[]): number {
  for (const d of by) {
    const x = a[d] ?? null
    const y = b[d] ?? null
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    return x < y ? -1 : 1
  }
  return 0
}
