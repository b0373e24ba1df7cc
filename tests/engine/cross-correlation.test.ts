import {describe, expect, it} from 'vitest'
import {
  AggregateCorrelation,
  aggregateMeanCorrelation,
  pairCorrelation,
  pairwiseMeanCorrelation,
} from '../../src/engine/cross-correlation.js'
import {normal} from './random.js'
import {pearson} from './reference.js'

/** n × L ARs with a common factor: a_it = f_t + e_it, corr = vf / (vf + ve). */
function factorPanel(n: number, L: number, seed: number, sdF = 1, sdE = 2): Float64Array {
  const z = normal(seed)
  const f = Array.from({length: L}, () => sdF * z())
  const a = new Float64Array(n * L)
  for (let i = 0; i < n; i++) for (let k = 0; k < L; k++) a[i * L + k] = f[k] + sdE * z()
  return a
}

describe('Kolari-Pynnönen mean pairwise correlation', () => {
  it('pairwise equals a brute-force mean of Pearson correlations (with missing days)', () => {
    const n = 6
    const L = 40
    const a = factorPanel(n, L, 11)
    a[3] = NaN
    a[L + 7] = NaN
    a[4 * L + 20] = NaN
    const rows = Array.from({length: n}, (_, i) => [...a.subarray(i * L, (i + 1) * L)])
    let s = 0
    let c = 0
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        s += pearson(rows[i], rows[j])
        c++
      }
    const r = pairwiseMeanCorrelation(a, n, L, new Int32Array(n))
    expect(Math.abs((r as number) - s / c)).toBeLessThan(1e-12)
  })
  it('pairwise is, to the last bit, the mean of each pair by the general formula: complete rows, gaps and shifts', () => {
    // Complete rows on one date take the one-pass form; rows with a gap or another date, the general one.
    const n = 40
    const L = 60
    const a = factorPanel(n, L, 23)
    for (const i of [3, 17, 30]) a[i * L + ((i * 7) % L)] = NaN
    const cal = Int32Array.from({length: n}, (_, i) => (i % 9 === 0 ? 5 : 0))
    let sum = 0
    let pairs = 0
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const rho = pairCorrelation(a, L, i, j, cal[j] - cal[i])
        // Each pair alone (a sum of hundreds would absorb a last bit).
        const two = Float64Array.from([...a.subarray(i * L, (i + 1) * L), ...a.subarray(j * L, (j + 1) * L)])
        expect(pairwiseMeanCorrelation(two, 2, L, Int32Array.from([cal[i], cal[j]]))).toBe(rho)
        if (rho === null) continue
        sum += rho
        pairs++
      }
    expect(pairwiseMeanCorrelation(a, n, L, cal)).toBe(sum / pairs)
  })
  it('aggregate O(N·L) form equals the pairwise mean on complete data', () => {
    const n = 50
    const L = 120
    const a = factorPanel(n, L, 12)
    const cal = new Int32Array(n).fill(5)
    const exact = pairwiseMeanCorrelation(a, n, L, cal) as number
    const fast = aggregateMeanCorrelation(a, n, L, cal) as number
    expect(Math.abs(exact - fast)).toBeLessThan(1e-12)
    // population value 1 / (1 + 4) = 0.2
    expect(Math.abs(exact - 0.2)).toBeLessThan(0.05)
  })
  it('with a few missing days the aggregate form stays close (documented approximation)', () => {
    const n = 40
    const L = 200
    const a = factorPanel(n, L, 13)
    const z = normal(99)
    for (let k = 0; k < 200; k++) a[Math.floor(Math.abs(z() * 1e6)) % (n * L)] = NaN
    const cal = new Int32Array(n)
    const exact = pairwiseMeanCorrelation(a, n, L, cal) as number
    const fast = aggregateMeanCorrelation(a, n, L, cal) as number
    expect(Math.abs(exact - fast)).toBeLessThan(0.01)
  })
  it('aligns rows with different event dates on calendar days', () => {
    // two rows of the same factor series, shifted by 10 calendar days: identical on their 30 common days
    const z = normal(21)
    const series = Array.from({length: 60}, () => z())
    const L = 40
    const a = new Float64Array(2 * L)
    for (let k = 0; k < L; k++) {
      a[k] = series[k]
      a[L + k] = series[k + 10]
    }
    const cal = Int32Array.from([100, 110])
    expect(pairwiseMeanCorrelation(a, 2, L, cal) as number).toBeCloseTo(1, 12)
    // aggregate: the common days' co-moment over the full-window norms: below 1, above 0.5
    const fast = aggregateMeanCorrelation(a, 2, L, cal) as number
    expect(fast).toBeGreaterThan(0.5)
    expect(fast).toBeLessThan(1)
  })
  it('the aggregate form handles 100,000 rows in O(N·L)', () => {
    const n = 100_000
    const L = 250
    const z = normal(31)
    const f = Float64Array.from({length: L}, () => z())
    const acc = new AggregateCorrelation(0, L, L)
    const row = new Float64Array(L)
    const t0 = performance.now()
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < L; k++) row[k] = f[k] + 3 * z() // corr 1/10
      acc.addRow(row, 0, 0)
    }
    const r = acc.result() as number
    const ms = performance.now() - t0
    expect(Math.abs(r - 0.1)).toBeLessThan(0.02)
    expect(ms).toBeLessThan(30_000)
  })
  it('rows of events on different dates are read back from their source, which a finite event window needs', () => {
    expect(() => new AggregateCorrelation(0, 10, 5, 3)).toThrow(/row source/)
    const ars = Float64Array.from([1, 2, 4, 3, 2, 1, 5, 1, 2, 0, 1, 3])
    const read: number[] = []
    const acc = new AggregateCorrelation(0, 8, 4, 2, (id, out) => {
      read.push(id)
      out.set(ars.subarray(4 * id, 4 * id + 4))
    })
    for (const [i, cal] of [
      [2, 3],
      [0, 0],
      [1, 1],
    ])
      acc.addRow(ars, 4 * i, cal, i)
    expect(acc.result()).toBe(aggregateMeanCorrelation(ars, 3, 4, Int32Array.from([0, 1, 3]), 2))
    expect(new Set(read)).toEqual(new Set([0, 1, 2]))
  })
  it('many events open at once (the sweep holds more open rows than it starts with): the sum over pairs by hand', () => {
    const z = normal(17)
    const n = 100
    const cols = 12
    const eventDays = 4
    const ars = Float64Array.from({length: n * cols}, () => z())
    // one event a day, then 60 events on three days: the open rows outgrow the sweep's store after it has moved on
    const cal = Int32Array.from({length: n}, (_, i) => (i < 40 ? i : 40 + (i % 3)))
    // z_i centred and scaled to unit norm; r = 2 sum over overlapping pairs of <z_i, z_j> / (n (n - 1))
    const zs = Array.from({length: n}, (_, i) => {
      const row = Array.from(ars.subarray(i * cols, (i + 1) * cols))
      const m = row.reduce((a, b) => a + b, 0) / cols
      const norm = Math.sqrt(row.reduce((a, b) => a + (b - m) ** 2, 0))
      return row.map((v) => (v - m) / norm)
    })
    let sum = 0
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const shift = cal[j] - cal[i]
        if (Math.abs(shift) >= eventDays) continue
        for (let k = 0; k < cols; k++) {
          const kj = k - shift
          if (kj >= 0 && kj < cols) sum += zs[i][k] * zs[j][kj]
        }
      }
    const r = aggregateMeanCorrelation(ars, n, cols, cal, eventDays) as number
    expect(r).toBeCloseTo((2 * sum) / (n * (n - 1)), 12)
  })
  it('null with fewer than two rows', () => {
    expect(aggregateMeanCorrelation(new Float64Array(10), 1, 10, new Int32Array(1))).toBeNull()
    expect(pairwiseMeanCorrelation(new Float64Array(10), 1, 10, new Int32Array(1))).toBeNull()
  })
})

/** Rows taken from calendar-day series: row r is series[who[r]] from calendar day cal[r], `cols` days long. */
function calendarRows(series: number[][], who: number[], cal: number[], cols: number): Float64Array {
  const a = new Float64Array(who.length * cols)
  who.forEach((s, r) => {
    for (let k = 0; k < cols; k++) a[r * cols + k] = series[s][cal[r] + k]
  })
  return a
}

/** Brute force of the rule: mean over all pairs, rho = Pearson over common calendar days if the event windows meet, else 0. */
function bruteForceR(a: Float64Array, cols: number, cal: number[], eventDays: number): number {
  const n = cal.length
  let sum = 0
  let pairs = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      pairs++
      if (Math.abs(cal[i] - cal[j]) >= eventDays) continue
      const lo = Math.max(cal[i], cal[j])
      const hi = Math.min(cal[i], cal[j]) + cols
      const x: number[] = []
      const y: number[] = []
      for (let d = lo; d < hi; d++) {
        x.push(a[i * cols + d - cal[i]])
        y.push(a[j * cols + d - cal[j]])
      }
      sum += pearson(x, y)
    }
  return sum / pairs
}

/** Brute force of the aggregate form: sum over overlapping pairs of <z_i, z_j> on common days, over N (N - 1) / 2. */
function bruteForceAggregate(a: Float64Array, cols: number, cal: number[], eventDays: number): number {
  const n = cal.length
  const z = Array.from({length: n}, (_, i) => {
    const row = [...a.subarray(i * cols, (i + 1) * cols)]
    const m = row.reduce((s, v) => s + v, 0) / cols
    const norm = Math.sqrt(row.reduce((s, v) => s + (v - m) ** 2, 0))
    return row.map((v) => (v - m) / norm)
  })
  let sum = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(cal[i] - cal[j]) >= eventDays) continue
      for (let d = Math.max(cal[i], cal[j]); d < Math.min(cal[i], cal[j]) + cols; d++)
        sum += z[i][d - cal[i]] * z[j][d - cal[j]]
    }
  return (2 * sum) / (n * (n - 1))
}

describe('Kolari-Pynnönen r counts only pairs whose event windows share a calendar day', () => {
  const cols = 120
  const eventDays = 6
  const z = normal(41)
  const factor = Array.from({length: 1200}, () => z())
  // five stocks driven by one factor (correlation 0.5 between stocks)
  const series = Array.from({length: 5}, () => factor.map((f) => f + z()))

  it('list events of one stock on days far apart: r = 0, so KP = BMP', () => {
    const cal = [0, 63, 126, 189, 252, 315, 378, 441]
    const a = calendarRows(series, new Array(8).fill(0), cal, cols)
    // the estimation windows overlap heavily (same stock): the old rule gave r near 1
    expect(pairwiseMeanCorrelation(a, 8, cols, Int32Array.from(cal)) as number).toBeGreaterThan(0.9)
    expect(pairwiseMeanCorrelation(a, 8, cols, Int32Array.from(cal), eventDays)).toBe(0)
    expect(aggregateMeanCorrelation(a, 8, cols, Int32Array.from(cal), eventDays)).toBe(0)
  })

  it('several stocks on one date: unchanged (every pair overlaps)', () => {
    const cal = [200, 200, 200, 200, 200]
    const a = calendarRows(series, [0, 1, 2, 3, 4], cal, cols)
    const c = Int32Array.from(cal)
    const before = pairwiseMeanCorrelation(a, 5, cols, c) as number
    expect(pairwiseMeanCorrelation(a, 5, cols, c, eventDays)).toBe(before)
    expect(aggregateMeanCorrelation(a, 5, cols, c, eventDays)).toBe(aggregateMeanCorrelation(a, 5, cols, c))
    expect(Math.abs(before - bruteForceR(a, cols, cal, eventDays))).toBeLessThan(1e-12)
    expect(before).toBeGreaterThan(0.3)
  })

  it('mixed: stocks on overlapping and separate dates agree with the brute force', () => {
    const who = [0, 1, 2, 0, 3, 4, 1, 2, 0, 3, 4, 2]
    const cal = [300, 300, 302, 305, 305, 310, 400, 403, 404, 407, 600, 600]
    const a = calendarRows(series, who, cal, cols)
    const c = Int32Array.from(cal)
    const exact = pairwiseMeanCorrelation(a, who.length, cols, c, eventDays) as number
    expect(Math.abs(exact - bruteForceR(a, cols, cal, eventDays))).toBeLessThan(1e-12)
    const fast = aggregateMeanCorrelation(a, who.length, cols, c, eventDays) as number
    expect(Math.abs(fast - bruteForceAggregate(a, cols, cal, eventDays))).toBeLessThan(1e-12)
    // fewer pairs count than under the old rule, so r shrinks
    expect(exact).toBeLessThan(pairwiseMeanCorrelation(a, who.length, cols, c) as number)
    expect(exact).toBeGreaterThan(0)
  })

  it('the aggregate sweep with mixed dates matches the brute force on a larger sample', () => {
    const u = normal(43)
    const n = 60
    const who = Array.from({length: n}, () => Math.floor(Math.abs(u() * 1000)) % 5)
    const cal = Array.from({length: n}, () => Math.floor(Math.abs(u() * 1000)) % 900)
    const a = calendarRows(series, who, cal, cols)
    const fast = aggregateMeanCorrelation(a, n, cols, Int32Array.from(cal), eventDays) as number
    expect(Math.abs(fast - bruteForceAggregate(a, cols, cal, eventDays))).toBeLessThan(1e-12)
  })
})
