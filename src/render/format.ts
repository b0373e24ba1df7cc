/**
 * Number formatting shared by the human renderers (tables, Markdown, HTML): percents, statistics with
 * significance stars, money, windows. Null (a value that does not exist) prints as an en dash.
 */
import type {TestResult} from '../engine/types.js'

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

/** Significance stars for a two-sided p-value: *** p < 1%, ** p < 5%, * p < 10%. */
export function stars(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return ''
  if (p < 0.01) return '***'
  if (p < 0.05) return '**'
  if (p < 0.1) return '*'
  return ''
}

/** A test's statistic with its stars, e.g. "-3.21***"; MISSING when the test is undefined. */
export function fmtTest(r: TestResult | null | undefined, digits = 2): string {
  if (!r || r.stat === null || !Number.isFinite(r.stat)) return MISSING
  return fmtNumber(r.stat, digits) + stars(r.p)
}

/** Money in short scale: -592.3e9 -> "-592.3bn", 1.2e6 -> "1.2m". */
export function fmtMoney(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING
  const a = Math.abs(x)
  const [div, unit] =
    a >= 1e12 ? [1e12, 'tn'] : a >= 1e9 ? [1e9, 'bn'] : a >= 1e6 ? [1e6, 'm'] : a >= 1e3 ? [1e3, 'k'] : [1, '']
  return fmtNumber(x / div, unit === '' ? 0 : digits) + unit
}

/** A relative-day window: [-1, 1] -> "[-1,+1]", [0, 0] -> "[0,0]". */
export function fmtWindow(w: readonly [number, number]): string {
  const s = (t: number): string => (t > 0 ? `+${t}` : String(t))
  return `[${s(w[0])},${s(w[1])}]`
}

/** A relative day: 0 -> "0", 3 -> "+3". */
export function fmtDay(t: number): string {
  return t > 0 ? `+${t}` : String(t)
}

/** Whether to colour output on a stream: never with NO_COLOR set, never when not a TTY. */
export function useColor(stream: {isTTY?: boolean} = process.stdout): boolean {
  return !process.env.NO_COLOR && stream.isTTY === true
}

/** The legend printed under tables with stars. */
export const STARS_LEGEND = 'Significance (two-sided): *** p < 1%, ** p < 5%, * p < 10%.'

/** Short column labels of the ten tests, in TEST_NAMES order. */
export const TEST_LABELS: Readonly<Record<string, string>> = {
  crossSectionalT: 'Cross-sectional t',
  brownWarner1980: 'Brown-Warner 1980',
  brownWarner1985: 'Brown-Warner 1985',
  patell: 'Patell Z',
  bmp: 'BMP',
  kolariPynnonen: 'Kolari-Pynnönen',
  corrado: 'Corrado rank',
  sign: 'Sign',
  generalizedSign: 'Generalized sign',
  wilcoxon: 'Wilcoxon',
}
