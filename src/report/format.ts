/**
 * Number formatting for every human rendering (terminal, Markdown, HTML, findings): percents, statistics,
 * money, windows. Null (a value that does not exist) prints as an en dash.
 */

export const MISSING = '–'

/** Fixed decimals; null or non-finite -> MISSING. Negative zero prints as 0. */
export function fmtNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING
  const s = x.toFixed(digits)
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s
}

/** A decimal return as a percent: -0.1697 -> "-16.97%". */
export function fmtPercent(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING
  return `${fmtNumber(x * 100, digits)}%`
}

/** A signed percent: 0.0123 -> "+1.23%". */
export function fmtSignedPercent(x: number | null | undefined, digits = 2): string {
  const s = fmtPercent(x, digits)
  // a value that rounds to zero gets no sign: "+0.00%" would claim a direction the digits do not show
  return s !== MISSING && !s.startsWith('-') && Number(s.slice(0, -1)) !== 0 ? `+${s}` : s
}

/** Money in short scale: -592.3e9 -> "-592.3bn", 1.2e6 -> "1.2m". */
export function fmtMoney(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING
  const a = Math.abs(x)
  const [div, unit] =
    a >= 1e12 ? [1e12, 'tn'] : a >= 1e9 ? [1e9, 'bn'] : a >= 1e6 ? [1e6, 'm'] : a >= 1e3 ? [1e3, 'k'] : [1, '']
  return fmtNumber(x / div, unit === '' ? 0 : digits) + unit
}

/** US dollars in short scale: -5.92e11 -> "-$592.0bn". */
export function fmtUsd(x: number | null | undefined): string {
  const m = fmtMoney(x)
  return m === MISSING ? m : m.startsWith('-') ? `-$${m.slice(1)}` : `$${m}`
}

/** Dollars with an explicit sign: +$76.4bn, -$592.5bn. */
export function fmtSignedUsd(x: number | null | undefined): string {
  const s = fmtUsd(x)
  return x !== null && x !== undefined && x > 0 && s.startsWith('$') ? `+${s}` : s
}

/** A whole number; five digits and more grouped by thousands: 15204137000 -> "15,204,137,000". */
export function fmtInteger(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING
  return Math.abs(x) >= 1e4 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x))
}

/** A relative-day window: [-1, 1] -> "[-1,+1]", [0, 0] -> "[0,0]". */
export function fmtWindow(w: readonly [number, number]): string {
  return `[${fmtDay(w[0])},${fmtDay(w[1])}]`
}

/** A relative day: 0 -> "0", 3 -> "+3". */
export function fmtDay(t: number): string {
  return t > 0 ? `+${t}` : String(t)
}

/** Words in a list: "A", "A and B", "A, B and C". */
export function listed(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`
}
