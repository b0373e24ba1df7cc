/**
 * Sign tests on the signs of AR_it (or CAR_i) across N securities. Standard normal, two-sided.
 *   sign:             Z = (w/N - 0.5) sqrt(N) / 0.5, w = number of positive values (zeros count as not positive)
 *   generalized sign: Z = (w - N p) / sqrt(N p (1 - p)), p = share of positive ARs over all estimation
 *                     windows (Cowan 1992), so that a skewed AR distribution does not bias the test.
 */
import {normalTwoSidedP} from './distributions.js'
import {NEEDS_TWO, nullTest} from './parametric-tests.js'
import type {TestResult} from './types.js'

/** Number of values > 0 among x[0..n). */
export function countPositive(x: Float64Array, n: number = x.length): number {
  let w = 0
  for (let i = 0; i < n; i++) if (x[i] > 0) w++
  return w
}

export function signTest(positives: number, n: number): TestResult {
  if (n < 2) return nullTest(n, NEEDS_TWO)
  const z = ((positives / n - 0.5) * Math.sqrt(n)) / 0.5
  return {stat: z, p: normalTwoSidedP(z), n}
}

export function generalizedSignTest(positives: number, n: number, pEstimation: number): TestResult {
  if (n < 2) return nullTest(n, NEEDS_TWO)
  if (!(pEstimation > 0 && pEstimation < 1)) return nullTest(n, 'share of positive estimation ARs is 0 or 1')
  const z = (positives - n * pEstimation) / Math.sqrt(n * pEstimation * (1 - pEstimation))
  return {stat: z, p: normalTwoSidedP(z), n}
}
