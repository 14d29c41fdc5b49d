/**
 * CRM headers are labels users can rename, translate or re-case (Salesforce Data Loader
 * upper-cases API names; Pipedrive writes "Deal – Title" with an en dash). Headers are
 * compared after folding case, whitespace, dashes and quote styles.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-') // hyphens, en/em dashes, minus
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Finds file columns by alias; each file column is handed out once. */
export class HeaderIndex {
  private readonly byNormalised = new Map<string, string>()
  private readonly used = new Set<string>()

  constructor(readonly columns: readonly string[]) {
    for (const c of columns) {
      const key = normaliseHeader(c)
      if (!this.byNormalised.has(key)) this.byNormalised.set(key, c)
    }
  }

  /** The file column matching the first alias found, or undefined. Marks it used. */
  find(aliases: readonly string[]): string | undefined {
    for (const alias of aliases) {
      const column = this.byNormalised.get(normaliseHeader(alias))
      if (column !== undefined) {
        this.used.add(column)
        return column
      }
    }
    return undefined
  }

  /** The file column for a header, without marking it used. */
  peek(alias: string): string | undefined {
    return this.byNormalised.get(normaliseHeader(alias))
  }

  /** Columns matching a pattern (HubSpot's per-stage columns); give it the `i` flag. */
  matching(pattern: RegExp): { column: string; match: RegExpMatchArray }[] {
    const found: { column: string; match: RegExpMatchArray }[] = []
    for (const c of this.columns) {
      // The original text (spacing folded), so captured labels keep their case.
      const match = c.replace(/\s+/g, ' ').trim().match(pattern)
      if (match) {
        this.used.add(c)
        found.push({ column: c, match })
      }
    }
    return found
  }

  /** File columns no rule used, in file order. */
  unused(): string[] {
    return this.columns.filter((c) => !this.used.has(c))
  }
}
