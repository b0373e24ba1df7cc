/**
 * Number cells of a price CSV, read in place from the line (no substring, no regex), for the cells the plain-line
 * scan (csv-row.ts) leaves and for the lines it leaves. The grammar is a plain decimal `[+-]digits[.digits][(e|E)[+-]digits]`; the value is the correctly
 * rounded double Number() gives, computed directly in the common case (Clinger's fast path: an integer mantissa of
 * at most 15 digits and a power of ten of at most 22, both exact doubles, so one multiplication or division
 * rounds once, correctly) and by Number() otherwise.
 */

/** Powers of ten that are exact doubles: 10^0..10^22. */
export const POW10 = Array.from({length: 23}, (_, k) => 10 ** k)

/** The digit at s[i] (0-9), or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1
}

/**
 * The number written in s[start, end), or NaN when that is not a plain decimal (an empty range included). Sets
 * `out.decimals` to the decimals it is written with, exponent included (`1.25` 2, `1.5e-3` 4, `12e2` 0).
 */
export function readNumber(s: string, start: number, end: number, out: {decimals: number}): number {
  let i = start
  const c0 = s.charCodeAt(i)
  const negative = c0 === 45
  if (c0 === 43 || c0 === 45) i++
  let mantissa = 0
  const wholeStart = i
  for (let d = digitAt(s, i); i < end && d >= 0; d = digitAt(s, ++i)) mantissa = mantissa * 10 + d
  let digits = i - wholeStart
  let frac = 0
  if (i < end && s.charCodeAt(i) === 46) {
    const fracStart = ++i
    for (let d = digitAt(s, i); i < end && d >= 0; d = digitAt(s, ++i)) mantissa = mantissa * 10 + d
    frac = i - fracStart
    digits += frac
  }
  if (digits === 0) return Number.NaN
  let exp = 0
  const e = s.charCodeAt(i)
  if (i < end && (e === 101 || e === 69)) {
    i++
    const sign = s.charCodeAt(i) === 45 ? -1 : 1
    if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++
    const first = i
    for (let d = digitAt(s, i); i < end && d >= 0; d = digitAt(s, ++i)) exp = exp * 10 + d
    if (i === first) return Number.NaN
    exp *= sign
  }
  if (i !== end) return Number.NaN
  out.decimals = Math.max(0, frac - exp)
  const p = exp - frac
  if (digits <= 15 && p >= -22 && p <= 22) {
    const v = p >= 0 ? mantissa * POW10[p] : mantissa / POW10[-p]
    return negative ? -v : v
  }
  return Number(s.slice(start, end))
}

/** The decimals a number cell is written with, or -1 when it is not a plain decimal number. */
export function numberDecimals(cell: string): number {
  const out = {decimals: 0}
  return Number.isNaN(readNumber(cell, 0, cell.length, out)) ? -1 : out.decimals
}
