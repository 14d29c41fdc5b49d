import { describe, expect, it } from 'vitest'
import { makeFormatter } from '../../web/src/i18n/format.js'

/** Intl separates with narrow, thin or non-breaking spaces: compare with plain ones. */
const plain = (s: string) => s.replace(/\s/g, ' ')

describe('dashboard number and date formats', () => {
  const en = makeFormatter('en', 'USD')
  const pl = makeFormatter('pl', 'PLN')

  it('money, percentages, days per locale', () => {
    // No cents from 100 up; cents where they matter.
    expect(en.money(1_000_000)).toBe('$1,000,000')
    expect(plain(pl.money(1_000_000))).toBe('1 000 000 zł')
    expect(en.money(414_835.04)).toBe('$414,835')
    expect(en.money(45.2)).toBe('$45.20')
    expect(en.value(45.2, 'currency_per_day')).toBe('$45.20/day')
    expect(en.value(3.94, 'multiple')).toBe('3.9×')
    expect(plain(pl.value(3.94, 'multiple'))).toBe('3,9×')
    expect(en.compact(3, 'multiple')).toBe('3×')
    expect(en.value(0.25, 'ratio')).toBe('25.0%')
    expect(plain(pl.value(0.25, 'ratio'))).toBe('25,0%')
    expect(en.value(28_045.4, 'currency')).toBe('$28,045')
    expect(en.value(20_000, 'currency_per_day')).toBe('$20,000/day')
    expect(plain(pl.value(20.25, 'days'))).toBe('20,3 dnia')
    expect(en.value(null, 'count')).toBe('—')
  })

  it('changes are signed; rates change in percentage points', () => {
    expect(en.change(0.022, 'ratio')).toBe('+2.2 pp')
    // One minus sign everywhere (U+2212), as in print.
    expect(plain(pl.change(-0.035, 'ratio'))).toBe('\u22123,5 p.p.')
    expect(en.change(3441, 'currency')).toBe('+$3,441')
    expect(en.change(-3441, 'currency')).toBe('\u2212$3,441')
    expect(en.value(-0.649, 'ratio')).toBe('\u221264.9%')
    expect(en.change(0.4, 'multiple')).toBe('+0.4×')
    expect(en.change(-0.42, 'multiple')).toBe('\u22120.4×')
    expect(en.compact(-2_500_000, 'currency')).toBe('\u2212$2.5M')
    expect(en.change(0, 'count')).toBe('0')
  })

  it('trend buckets and ranges', () => {
    expect(en.bucket('2026-05-01', '2026-05-31')).toBe('May 2026')
    expect(en.bucket('2026-01-01', '2026-12-31')).toBe('2026')
    expect(plain(en.bucket('2026-04-01', '2026-06-30'))).toMatch(/^Apr ?– ?Jun 2026$/)
    expect(plain(en.range('2026-04-01', '2026-06-30'))).toMatch(/^Apr 1 ?– ?Jun 30, 2026$/)
  })
})
