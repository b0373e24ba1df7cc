/**
 * A normal confidence band for a cross-sectional mean (the CAAR paths of reports): mean ± z_(1-a/2) s / sqrt(N),
 * s the sample standard deviation (divisor N - 1), as the cross-sectional t (MacKinlay 1997, sec. 4.4).
 * The band is null with fewer than 2 values.
 */
import {normalQuantile} from './distributions.js'
import {mean, sd} from './stats.js'

export function meanConfidenceBand(
  values: Float64Array,
  n: number = values.length,
  level = 0.95,
): {mean: number; lo: number | null; hi: number | null} {
  const m = mean(values, n)
  if (n < 2) return {mean: m, lo: null, hi: null}
  const half = (normalQuantile(1 - (1 - level) / 2) * sd(values, n)) / Math.sqrt(n)
  return {mean: m, lo: m - half, hi: m + half}
}
