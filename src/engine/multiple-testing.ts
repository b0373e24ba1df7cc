/**
 * Adjusted p-values for a family of m tests (docs/methods.md, "Multiple testing"). Null entries (tests that could
 * not be computed) stay null and do not count in m; the order of the input is kept. Same values as R's p.adjust.
 */

/** Indices of the non-null p-values, sorted by ascending p (stable). */
function ascending(p: ReadonlyArray<number | null>): number[] {
  const idx: number[] = []
  for (let k = 0; k < p.length; k++) if (p[k] !== null) idx.push(k)
  return idx.sort((a, b) => (p[a] as number) - (p[b] as number) || a - b)
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
