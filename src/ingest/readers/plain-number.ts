/**
 * A number as plain decimal text, the way a database reads it back exactly: no exponent,
 * no thousands separators, the shortest digits that round-trip (`0.1`, not `0.1000000000000000055`).
 * Not finite gives ''.
 *
 * @example plainNumber(1e21) === '1000000000000000000000'; plainNumber(1.5e-7) === '0.00000015'
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return ''
  const text = String(n)
  const e = text.indexOf('e')
  if (e === -1) return text
  const sign = n < 0 ? '-' : ''
  const [int = '', fraction = ''] = text.slice(sign.length, e).split('.')
  const digits = int + fraction
  // Where the decimal point falls in `digits` once the exponent is applied.
  const point = int.length + Number(text.slice(e + 1))
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}
