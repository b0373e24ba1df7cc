import {describe, expect, it} from 'vitest'
import {
  AggregateCorrelation,
  aggregateMeanCorrelation,
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
  it('null with fewer than two rows', () => {
    expect(aggregateMeanCorrelation(new Float64Array(10), 1, 10, new Int32Array(1))).toBeNull()
    expect(pairwiseMeanCorrelation(new Float64Array(10), 1, 10, new Int32Array(1))).toBeNull()
  })
})
