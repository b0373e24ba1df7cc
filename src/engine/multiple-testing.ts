/**
 * Adjusted p-values for a family of m tests (docs/methods.md, "Multiple testing"). Null entries (tests that could
 * not be computed) stay null and do not count in m; the order of the input is kept. Same values as R's p.adjust.
 */
import {ascendingOrder} from './radix-sort.js'

/** Indices of the non-null p-values, sorted by ascending p (stable). */
function ascending(p: ReadonlyArray<number | null>): Int32Array {
  const idx = new Int32Array(p.length)
  const values = new Float64Array(p.length)
  let m = 0
  for (let k = 0; k < p.length; k++) {
    const v = p[k]
    if (v !== null) {
      idx[m] = k
      values[m++] = v
    }
  }
  const order = ascendingOrder(values.subarray(0, m))
  for (let q = 0; q < m; q++) order[q] = idx[order[q]]
  return order
}

/**
 * Holm (1979) step-down family-wise adjustment. With p_(1) <= ... <= p_(m):
 *   p~_(k) = max_{j <= k} min(1, (m - j + 1) p_(j)).
 * Reference: Holm, S. (1979), A simple sequentially rejective multiple test procedure, Scand. J. Statistics 6.
 */
export function holm(p: ReadonlyArray<number | null>): Array<number | null> {
  const order = ascending(p)
  const m = order.length
  const out: Array<number | null> = p.map(() => null)
  let running = 0
  order.forEach((k, j) => {
    running = Math.max(running, Math.min(1, (m - j) * (p[k] as number)))
    out[k] = running
  })
  return out
}

/**
 * Benjamini-Hochberg (1995) step-up false-discovery-rate adjustment. With p_(1) <= ... <= p_(m):
 *   p~_(k) = min_{j >= k} min(1, m p_(j) / j).
 * Reference: Benjamini, Y. & Hochberg, Y. (1995), Controlling the false discovery rate, JRSS B 57.
 */
export function benjaminiHochberg(p: ReadonlyArray<number | null>): Array<number | null> {
  const order = ascending(p)
  const m = order.length
  const out: Array<number | null> = p.map(() => null)
  let running = 1
  for (let j = m - 1; j >= 0; j--) {
    const k = order[j]
    running = Math.min(running, (m * (p[k] as number)) / (j + 1))
    out[k] = running
  }
  return out
}
