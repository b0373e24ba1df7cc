/**
 * Mean and variance helpers over Float64Array. Two-pass formulas (mean first, then squared deviations)
 * for accuracy; the sample variance uses divisor n - 1 unless told otherwise.
 */

/** Arithmetic mean of the first n values (all values when n is omitted); NaN when n = 0. */
export function mean(x: Float64Array, n: number = x.length): number {
  let s = 0
  for (let i = 0; i < n; i++) s += x[i]
  return s / n
}

/** Sum of squared deviations from m: sum (x_i - m)^2. */
export function sumSquaredDeviations(x: Float64Array, m: number, n: number = x.length): number {
  let s = 0
  for (let i = 0; i < n; i++) {
    const d = x[i] - m
    s += d * d
  }
  return s
}

/** Sample variance s^2 = sum (x_i - mean)^2 / (n - ddof), ddof = 1 by default. */
export function variance(x: Float64Array, n: number = x.length, ddof = 1): number {
  return sumSquaredDeviations(x, mean(x, n), n) / (n - ddof)
}

/** Sample standard deviation sqrt(s^2). */
export function sd(x: Float64Array, n: number = x.length, ddof = 1): number {
  return Math.sqrt(variance(x, n, ddof))
}
