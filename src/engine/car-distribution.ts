/**
 * The distribution of the CARs of one group window: quantiles (R's type 7, linear interpolation between order
 * statistics), the adjusted Fisher-Pearson sample skewness G1 and the sample excess kurtosis G2, computed by
 * simple-statistics (`quantile`, `sampleSkewness`, `sampleKurtosis`). With m_k = (1/n) sum (x_i - mean)^k:
 *   G1 = sqrt(n (n - 1)) / (n - 2) · m_3 / m_2^(3/2)                                     (n >= 3)
 *   G2 = (n - 1) / ((n - 2)(n - 3)) · ((n + 1) m_4 / m_2^2 - 3 (n - 1))                 (n >= 4)
 * (Joanes & Gill 1998, "Comparing measures of sample skewness and kurtosis", The Statistician 47). Reference:
 * docs/methods.md, "Distribution of CARs".
 */
import {quantile, sampleKurtosis, sampleSkewness} from 'simple-statistics'

export const CAR_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const

export interface CarDistribution {
  n: number
  /** Quantiles at CAR_QUANTILES, in that order. */
  quantiles: number[]
  /** Null below 3 values (skewness), 4 (kurtosis), or when the values do not vary. */
  skewness: number | null
  excessKurtosis: number | null
}

/** Quantiles, skewness and excess kurtosis of values[0..n) (n >= 1). */
export function carDistribution(values: Float64Array, n: number): CarDistribution {
  if (n < 1) throw new RangeError('carDistribution needs at least one value')
  const x = Array.from(values.subarray(0, n))
  const quantiles = quantile(x, [...CAR_QUANTILES])
  const varies = x.some((v) => v !== x[0])
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null)
  return {
    n,
    quantiles,
    skewness: varies && n >= 3 ? finite(sampleSkewness(x)) : null,
    excessKurtosis: varies && n >= 4 ? finite(sampleKurtosis(x)) : null,
  }
}
