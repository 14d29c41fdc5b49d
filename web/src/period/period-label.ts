import type { Lang } from '../api/types.js'
import type { Formatter } from '../i18n/format.js'
import type { PeriodValue } from './period.js'

const roman = ['I', 'II', 'III', 'IV']

/** How a picker option reads: "May 2026", "Q2 2026" / "II kw. 2026", "FY2026 Q1" / "I kw. r.o. 2026". */
export function periodLabel(p: PeriodValue, lang: Lang, fmt: Formatter): string {
  const pl = lang === 'pl'
  switch (p.kind) {
    case 'month': {
      const first = `${p.year}-${String(p.n).padStart(2, '0')}-01`
      return fmt.bucket(first, first)
    }
    case 'quarter':
      return pl ? `${roman[p.n - 1]} kw. ${p.year}` : `Q${p.n} ${p.year}`
    case 'year':
      return String(p.year)
    case 'fquarter':
      return pl ? `${roman[p.n - 1]} kw. r.o. ${p.year}` : `FY${p.year} Q${p.n}`
    case 'fyear':
      return pl ? `r.o. ${p.year}` : `FY${p.year}`
  }
}
