/**
 * Kolari & Pynnönen (2010): r, the mean pairwise correlation of the security-events' estimation-window ARs, over
 * ALL pairs (i, j), with rho_ij = 0 for a pair whose event windows share no calendar day.
 *
 * KP corrects BMP for the correlation of the same-day event-window ARs. Two rows whose event windows (first window
 * start .. last window end) are on different calendar days have uncorrelated event-window ARs under the model, however
 * correlated their estimation windows are (list events of one stock: the same series), so they add 0 to r.
 * For a common event every pair overlaps and r is the plain mean pairwise correlation.
 *
 * Rows are aligned on calendar days: `calStart[i]` is the calendar index of column 0 of row i. The event window
 * sits at the same offset from column 0 in every row, so the event windows of i and j, each `eventDays` calendar
 * days long, share a day iff |calStart[i] - calStart[j]| < eventDays (Infinity: every pair overlaps).
 *
 * Pairwise (exact, O(N^2 L)): Pearson correlation of each overlapping pair over its common calendar days.
 *
 * Aggregate (O(N L)): with z_i the AR vector of row i, centred on its own mean and scaled to unit norm,
 *   common event:  sum_{i != j} <z_i, z_j> = ||sum_i z_i||^2 - sum_i ||z_i||^2,  so  r = (||S||^2 - N) / (N (N - 1));
 *   mixed dates:   rows swept in calendar order, each adds <z_i, S_active> where S_active is the calendar-aligned sum
 *                  of the earlier rows whose event windows are still open; r = 2 sum / (N (N - 1)).
 * A missing day contributes 0 after standardizing: each pair's term is then its co-moment over common days scaled
 * by the full-window norms, an approximation that shrinks r towards 0 as the overlap shrinks.
 *
 * Input layout: `ars` row-major n × cols, NaN where a day is missing. Reference: docs/methods.md.
 */

/** Above this many rows the engine uses the aggregate form. */
export const PAIRWISE_MAX_N = 300

/** Pearson correlation of rows i and j of `ars` over their common calendar days; null below 3 days or no variance. */
export function pairCorrelation(ars: Float64Array, cols: number, i: number, j: number, shift: number): number | null {
  // column k of i is column k - shift of j
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
  if (c < 3) return null
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
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null
}

/**
 * Exact mean over all pairs of rho_ij: the Pearson correlation over common calendar days when the event windows
 * overlap, 0 when they do not. An overlapping pair whose correlation is undefined (fewer than 3 common days, or no
 * variance on them) is left out of the mean.
 */
export function pairwiseMeanCorrelation(
  ars: Float64Array,
  n: number,
  cols: number,
  calStart: Int32Array,
  eventDays = Number.POSITIVE_INFINITY,
): number | null {
  let sum = 0
  let pairs = 0
  const centred = centredRows(ars, n, cols)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const shift = calStart[j] - calStart[i]
      if (Math.abs(shift) >= eventDays) {
        pairs++ // event windows on different days: rho_ij = 0
        continue
      }
      const rho =
        shift === 0 && centred.complete[i] && centred.complete[j]
          ? completePairCorrelation(centred, cols, i, j)
          : pairCorrelation(ars, cols, i, j, shift)
      if (rho === null) continue
      sum += rho
      pairs++
    }
  }
  return pairs > 0 ? sum / pairs : null
}

/** Each row centred on its mean, its sum of squares, and whether it has every day (no NaN). */
interface CentredRows {
  d: Float64Array
  ss: Float64Array
  complete: Uint8Array
}

/**
 * The rows of `ars` that have every day, centred: d_ik = a_ik - mean_i and ss_i = sum_k d_ik^2, each summed in day
 * order as pairCorrelation sums them, so that a pair of such rows on the same days gets the very same double from
 * completePairCorrelation (a common event of 250 securities has 31,125 pairs: each is then one pass, not two).
 */
function centredRows(ars: Float64Array, n: number, cols: number): CentredRows {
  const d = new Float64Array(n * cols)
  const ss = new Float64Array(n)
  const complete = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const at = i * cols
    let s = 0
    let c = 0
    for (let k = 0; k < cols; k++) {
      const a = ars[at + k]
      if (a === a) {
        c++
        s += a
      }
    }
    if (c !== cols) continue
    complete[i] = 1
    const m = s / c
    let q = 0
    for (let k = 0; k < cols; k++) {
      const x = ars[at + k] - m
      d[at + k] = x
      q += x * x
    }
    ss[i] = q
  }
  return {d, ss, complete}
}

/** pairCorrelation of two complete rows on the same days, from their centred values (the same double). */
function completePairCorrelation({d, ss}: CentredRows, cols: number, i: number, j: number): number | null {
  if (cols < 3) return null
  let sab = 0
  for (let k = 0, a = i * cols, b = j * cols; k < cols; k++) sab += d[a + k] * d[b + k]
  return ss[i] > 0 && ss[j] > 0 ? sab / Math.sqrt(ss[i] * ss[j]) : null
}

/** Writes the AR row `id` (NaN = missing) into out[0..cols): the very values addRow was given under that id. */
export type CorrelationRowSource = (id: number, out: Float64Array) => void

/**
 * Streaming O(N L) form: add rows one at a time, then read r. When event windows may differ (eventDays finite) the
 * sweep needs the rows again in calendar order: it reads them back from `source` (each row's mean and norm are
 * kept), so that no N × L copy of the standardized rows is held.
 */
export class AggregateCorrelation {
  private readonly total: Float64Array
  private rows = 0
  // per added row, for the sweep: calendar start, id, mean and 1 / norm (eventDays finite only)
  private starts: Int32Array
  private ids: Int32Array
  private means: Float64Array
  private invs: Float64Array

  /**
   * Calendar indices covered: [calMin, calMax); each row has `cols` estimation columns; `eventDays` the calendar
   * length of every row's event window (Infinity when all rows share one event window: nothing is kept); `source`
   * gives the rows back (needed when eventDays is finite); `capacity` the rows expected.
   */
  constructor(
    private readonly calMin: number,
    calMax: number,
    private readonly cols: number,
    private readonly eventDays = Number.POSITIVE_INFINITY,
    private readonly source: CorrelationRowSource | null = null,
    capacity = 16,
  ) {
    this.total = new Float64Array(Math.max(0, calMax - calMin))
    const keep = Number.isFinite(eventDays)
    if (keep && !source) throw new RangeError('AggregateCorrelation: finite eventDays need a row source')
    const rows = keep ? Math.max(1, capacity) : 0
    this.starts = new Int32Array(rows)
    this.ids = new Int32Array(rows)
    this.means = new Float64Array(rows)
    this.invs = new Float64Array(rows)
  }

  /** Adds the AR row values[off .. off + cols) (NaN = missing), row `id` of the source, column 0 on day calStart. */
  addRow(values: Float64Array, off: number, calStart: number, id = this.rows): void {
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
    addStandardized(this.total, calStart - this.calMin, values, off, cols, m, inv)
    if (Number.isFinite(this.eventDays)) this.keep(calStart, id, m, inv)
    this.rows++
  }

  private keep(calStart: number, id: number, m: number, inv: number): void {
    const q = this.rows
    if (this.starts.length === q) {
      this.starts = grown(this.starts, new Int32Array(2 * q))
      this.ids = grown(this.ids, new Int32Array(2 * q))
      this.means = grown(this.means, new Float64Array(2 * q))
      this.invs = grown(this.invs, new Float64Array(2 * q))
    }
    this.starts[q] = calStart
    this.ids[q] = id
    this.means[q] = m
    this.invs[q] = inv
  }

  /** z_q: the q-th added row read back from the source, centred and scaled (0 where missing), into out[o ..). */
  private standardized(q: number, out: Float64Array, o: number): void {
    const row = out.subarray(o, o + this.cols)
    ;(this.source as CorrelationRowSource)(this.ids[q], row)
    const m = this.means[q]
    const inv = this.invs[q]
    for (let k = 0; k < this.cols; k++) {
      const v = row[k]
      row[k] = v === v ? (v - m) * inv : 0
    }
  }

  /** r over all pairs (0 for pairs whose event windows share no day); null when fewer than 2 rows were added. */
  result(): number | null {
    const n = this.rows
    if (n < 2) return null
    if (!Number.isFinite(this.eventDays) || this.allOverlap()) {
      let s2 = 0
      for (let k = 0; k < this.total.length; k++) s2 += this.total[k] * this.total[k]
      return (s2 - n) / (n * (n - 1))
    }
    return (2 * this.sweep()) / (n * (n - 1))
  }

  private allOverlap(): boolean {
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (let i = 0; i < this.rows; i++) {
      lo = Math.min(lo, this.starts[i])
      hi = Math.max(hi, this.starts[i])
    }
    return hi - lo < this.eventDays
  }

  /**
   * sum over overlapping pairs i < j of <z_i, z_j>: rows in calendar order against the still-open rows' sum. The
   * open rows' z sit in a ring (slot q mod slots), so each row is read from the source once.
   */
  private sweep(): number {
    const {cols, rows, starts, calMin, eventDays} = this
    const order = Int32Array.from({length: rows}, (_, i) => i).sort((a, b) => starts[a] - starts[b])
    const active = new Float64Array(this.total.length)
    let slots = 16
    let ring: Float64Array = new Float64Array(slots * cols)
    let head = 0
    let sum = 0
    for (let q = 0; q < rows; q++) {
      const i = order[q]
      while (starts[order[head]] <= starts[i] - eventDays) {
        addTo(active, starts[order[head]] - calMin, ring, (head % slots) * cols, cols, -1)
        head++
      }
      if (q - head === slots) {
        ring = regrown(ring, slots, head, q, cols)
        slots *= 2
      }
      const base = starts[i] - calMin
      const o = (q % slots) * cols
      this.standardized(i, ring, o)
      for (let k = 0; k < cols; k++) sum += ring[o + k] * active[base + k]
      addTo(active, base, ring, o, cols, 1)
    }
    return sum
  }
}

/** A ring of twice the slots holding rows head .. q - 1 of `ring` (row p in slot p mod slots). */
function regrown(ring: Float64Array, slots: number, head: number, q: number, cols: number): Float64Array {
  const next = new Float64Array(2 * slots * cols)
  for (let p = head; p < q; p++)
    next.set(ring.subarray((p % slots) * cols, (p % slots) * cols + cols), (p % (2 * slots)) * cols)
  return next
}

/** `into` holding `from`'s values in its first from.length places. */
function grown<T extends Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from)
  return into
}

/** total[base + k] += (v_k - m) inv over the present values v_k = src[off + k], k < cols. */
function addStandardized(
  total: Float64Array,
  base: number,
  src: Float64Array,
  off: number,
  cols: number,
  m: number,
  inv: number,
): void {
  for (let k = 0; k < cols; k++) {
    const v = src[off + k]
    if (v === v) total[base + k] += (v - m) * inv
  }
}

/** target[base + k] += sign * src[off + k] for k < cols. */
function addTo(target: Float64Array, base: number, src: Float64Array, off: number, cols: number, sign: number): void {
  for (let k = 0; k < cols; k++) target[base + k] += sign * src[off + k]
}

/** The aggregate form over a whole n × cols matrix (for tests and small callers). */
export function aggregateMeanCorrelation(
  ars: Float64Array,
  n: number,
  cols: number,
  calStart: Int32Array,
  eventDays = Number.POSITIVE_INFINITY,
): number | null {
  if (n === 0) return null
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, calStart[i])
    hi = Math.max(hi, calStart[i] + cols)
  }
  const source = (i: number, out: Float64Array) => out.set(ars.subarray(i * cols, (i + 1) * cols))
  const acc = new AggregateCorrelation(lo, hi, cols, eventDays, source, n)
  for (let i = 0; i < n; i++) acc.addRow(ars, i * cols, calStart[i], i)
  return acc.result()
}
