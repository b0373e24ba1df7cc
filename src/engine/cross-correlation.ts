/**
 * Kolari & Pynnönen (2010): r, the mean pairwise correlation of the securities' estimation-window ARs.
 *
 * Pairwise (exact, O(N^2 L)): Pearson correlation of each pair over its common calendar days, averaged.
 *
 * Aggregate (O(N L)): with z_i the AR vector of security i, centred on its own mean and scaled to unit norm,
 *   sum_{i != j} <z_i, z_j> = ||sum_i z_i||^2 - sum_i ||z_i||^2,  so  r = (||S||^2 - N) / (N (N - 1)).
 * For a common event with complete data this equals the pairwise mean exactly. With missing days or different
 * event dates the rows are aligned on calendar days (calendar index of each row's first estimation column) and a
 * missing day contributes 0 after standardizing: each pair's term is then its co-moment over common days scaled by
 * the full-window norms, an approximation that shrinks r towards 0 as the overlap shrinks.
 *
 * Input layout: `ars` row-major n × cols, NaN where a day is missing; `calStart[i]` the calendar index of column 0
 * of row i.
 */

/** Above this many rows the engine uses the aggregate form. */
export const PAIRWISE_MAX_N = 300

/** Exact mean pairwise correlation over common calendar days; pairs with < 3 common days are skipped. */
export function pairwiseMeanCorrelation(
  ars: Float64Array,
  n: number,
  cols: number,
  calStart: Int32Array,
): number | null {
  let sum = 0
  let pairs = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const shift = calStart[j] - calStart[i] // column k of i is column k - shift of j
      const k0 = Math.max(0, shift)
      const k1 = Math.min(cols, cols + shift)
      let c = 0
      let sa = 0
      let sb = 0
      for (let k = k0; k < k1; k++) {
        const a = ars[i * cols + k]
        const b = ars[j * cols + k - shift]
        if (a === a && b === b) {
          c++
          sa += a
          sb += b
        }
      }
      if (c < 3) continue
      const ma = sa / c
      const mb = sb / c
      let sab = 0
      let saa = 0
      let sbb = 0
      for (let k = k0; k < k1; k++) {
        const a = ars[i * cols + k]
        const b = ars[j * cols + k - shift]
        if (a === a && b === b) {
          sab += (a - ma) * (b - mb)
          saa += (a - ma) * (a - ma)
          sbb += (b - mb) * (b - mb)
        }
      }
      if (!(saa > 0 && sbb > 0)) continue
      sum += sab / Math.sqrt(saa * sbb)
      pairs++
    }
  }
  return pairs > 0 ? sum / pairs : null
}

/** Streaming O(N L) form: add rows one at a time (no N × L storage), then read r. */
export class AggregateCorrelation {
  private readonly total: Float64Array
  private rows = 0

  /** Calendar indices covered: [calMin, calMax); each row has `cols` estimation columns. */
  constructor(
    private readonly calMin: number,
    calMax: number,
    private readonly cols: number,
  ) {
    this.total = new Float64Array(Math.max(0, calMax - calMin))
  }

  /** Adds the AR row values[off .. off + cols) (NaN = missing) whose column 0 is calendar day calStart. */
  addRow(values: Float64Array, off: number, calStart: number): void {
    const cols = this.cols
    let s = 0
    let c = 0
    for (let k = 0; k < cols; k++) {
      const v = values[off + k]
      if (v === v) {
        s += v
        c++
      }
    }
    if (c < 2) return
    const m = s / c
    let ss = 0
    for (let k = 0; k < cols; k++) {
      const v = values[off + k]
      if (v === v) ss += (v - m) * (v - m)
    }
    if (!(ss > 0)) return
    const inv = 1 / Math.sqrt(ss)
    const base = calStart - this.calMin
    const total = this.total
    for (let k = 0; k < cols; k++) {
      const v = values[off + k]
      if (v === v) total[base + k] += (v - m) * inv
    }
    this.rows++
  }

  /** r = (||S||^2 - N) / (N (N - 1)); null when fewer than 2 rows were added. */
  result(): number | null {
    const n = this.rows
    if (n < 2) return null
    let s2 = 0
    for (let k = 0; k < this.total.length; k++) s2 += this.total[k] * this.total[k]
    return (s2 - n) / (n * (n - 1))
  }
}

/** The aggregate form over a whole n × cols matrix (for tests and small callers). */
export function aggregateMeanCorrelation(
  ars: Float64Array,
  n: number,
  cols: number,
  calStart: Int32Array,
): number | null {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, calStart[i])
    hi = Math.max(hi, calStart[i] + cols)
  }
  if (n === 0) return null
  const acc = new AggregateCorrelation(lo, hi, cols)
  for (let i = 0; i < n; i++) acc.addRow(ars, i * cols, calStart[i])
  return acc.result()
}
