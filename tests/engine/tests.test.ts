import {describe, expect, it} from 'vitest'
import {
  bmp,
  brownWarner1980,
  brownWarner1985,
  crossSectionalT,
  kolariPynnonen,
  ownTTest,
  patellVarianceFactor,
  patellZ,
} from '../../src/engine/parametric-tests.js'
import {
  corradoDay,
  corradoWindow,
  rankStandardDeviation,
  standardizedRanks,
  weightedRankDeviations,
} from '../../src/engine/rank-test.js'
import {countPositive, generalizedSignTest, signTest} from '../../src/engine/sign-tests.js'
import {wilcoxonSignedRank} from '../../src/engine/wilcoxon.js'
import {normalTwoSidedP, studentTTwoSidedP} from '../../src/engine/distributions.js'
import {normal, uniform} from './random.js'

const close = (a: number | null, b: number, tol = 1e-12) => {
  expect(a).not.toBeNull()
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol)
}
const f64 = (xs: number[]) => Float64Array.from(xs)

describe('parametric tests', () => {
  it('cross-sectional t: mean 2, s 1, N 3 -> 2 sqrt(3), df 2 (p = 1 - t / sqrt(2 + t^2))', () => {
    const r = crossSectionalT(f64([1, 2, 3]))
    close(r.stat, 2 * Math.sqrt(3))
    close(r.p, 1 - (2 * Math.sqrt(3)) / Math.sqrt(14))
    expect(r.df).toBe(2)
    expect(r.n).toBe(3)
  })
  it('cross-sectional t needs N >= 2 and variance', () => {
    expect(crossSectionalT(f64([1])).stat).toBeNull()
    expect(crossSectionalT(f64([1])).note).toMatch(/at least 2/)
    expect(crossSectionalT(f64([2, 2, 2])).stat).toBeNull()
  })
  it('Brown-Warner 1980: AAR / (sqrt(sum sigma^2) / N), window times 1/sqrt(T)', () => {
    // sum sigma^2 = 3 * 0.02^2 = 0.0012 -> denominator sqrt(0.0012)/3
    const day = brownWarner1980(0.01, 0.0012, 3)
    close(day.stat, 0.01 / (Math.sqrt(0.0012) / 3))
    close(day.p, normalTwoSidedP(day.stat as number))
    close(brownWarner1980(0.01, 0.0012, 3, 4).stat, (day.stat as number) / 2)
  })
  it('Brown-Warner 1985: AAR / s(AAR_est); window CAAR / (sqrt(T) s)', () => {
    close(brownWarner1985(0.03, 0.01, 5).stat, 3)
    close(brownWarner1985(0.03, 0.01, 5, 9).stat, 1)
    expect(brownWarner1985(0.03, 0, 5).stat).toBeNull()
  })
  it('Patell: sum SAR / sqrt(sum (L-2)/(L-4))', () => {
    const v = patellVarianceFactor(10) + patellVarianceFactor(12) // 8/6 + 10/8
    close(v, 8 / 6 + 10 / 8)
    close(patellZ(5, v, 2).stat, 5 / Math.sqrt(8 / 6 + 10 / 8))
    expect(patellZ(5, patellVarianceFactor(4), 1).stat).toBeNull()
  })
  it('BMP is the cross-sectional t of the standardized ARs; Kolari-Pynnönen scales it', () => {
    const s = f64([1.5, 2.5, 0.5, 3.5])
    const b = bmp(s)
    // mean 2, s = sqrt(5/3)
    close(b.stat, 2 / (Math.sqrt(5 / 3) / 2))
    const kp = kolariPynnonen(b, 0.1, 4)
    close(kp.stat, (b.stat as number) * Math.sqrt(0.9 / 1.3))
    close(kp.p, studentTTwoSidedP(kp.stat as number, 3))
    // r = 0 leaves BMP unchanged
    close(kolariPynnonen(b, 0, 4).stat, b.stat as number)
    expect(kolariPynnonen(b, null, 4).stat).toBeNull()
    expect(kolariPynnonen(b, -0.5, 4).stat).toBeNull() // 1 + 3 (-0.5) < 0
  })
  it('own t test for one security', () => {
    const r = ownTTest(2.5, 120)
    close(r.p, studentTTwoSidedP(2.5, 120))
    expect(r.note).toMatch(/own t test/)
  })
})

/** Brute-force average ranks, 1-based. */
function bruteRanks(v: number[]): number[] {
  return v.map((x) => {
    const less = v.filter((y) => y < x).length
    const equal = v.filter((y) => y === x).length
    return less + (equal + 1) / 2
  })
}

describe('Corrado rank test', () => {
  it('standardized ranks with ties: [3, 1, 2, 2, 5] -> [4, 1, 2.5, 2.5, 5] / 6', () => {
    const out = new Float64Array(5)
    standardizedRanks(f64([3, 1, 2, 2, 5]), 5, out)
    ;[4, 1, 2.5, 2.5, 5].forEach((k, i) => close(out[i], k / 6, 1e-15))
  })
  it('standardized ranks match brute force on random, tied and fat-tailed series', () => {
    const z = normal(7)
    const u = uniform(8)
    for (let rep = 0; rep < 40; rep++) {
      const m = 5 + Math.floor(u() * 300)
      const v = Array.from({length: m}, () => {
        const x = z()
        if (u() < 0.05) return x * 1000 // outliers
        if (u() < 0.1) return Math.round(x) // ties
        return x
      })
      const out = new Float64Array(m)
      standardizedRanks(f64(v), m, out)
      const expected = bruteRanks(v).map((k) => k / (m + 1))
      for (let k = 0; k < m; k++) close(out[k], expected[k], 1e-15)
    }
  })
  it('S_U, day and window statistics', () => {
    const devs = f64([0.1, -0.2, 0.2, 0])
    const counts = Int32Array.from([3, 3, 3, 0]) // the last day had no ranked security
    close(rankStandardDeviation(devs, counts), Math.sqrt((0.01 + 0.04 + 0.04) / 3))
    close(corradoDay(0.1, 0.05, 10).stat, 2)
    // Cowan: sqrt(T) mean(devs) / S_U = sqrt(2) 0.15 / 0.05
    const w = corradoWindow([0.1, 0.2], 0.05, 10)
    close(w.stat, (Math.sqrt(2) * 0.15) / 0.05)
    close(w.p, normalTwoSidedP(w.stat as number))
  })
  it('a complete panel (N_t = N) gives the statistics of the daily means to 1e-12', () => {
    const u = uniform(11)
    const N = 25
    const days = 120
    const sums = new Float64Array(days)
    for (let k = 0; k < days; k++) for (let i = 0; i < N; i++) sums[k] += u() - 0.5
    const counts = new Int32Array(days).fill(N)
    const D = weightedRankDeviations(sums, counts)
    const su = rankStandardDeviation(D, counts)
    // Corrado's mean form: S_U over the daily means, day mean/S_U, window sqrt(T) mean of means / S_U
    const means = Array.from(sums, (s) => s / N)
    const suMean = Math.sqrt(means.reduce((s, m) => s + m * m, 0) / days)
    close(corradoDay(D[100], su, N).stat, means[100] / suMean, 1e-12)
    const win = means.slice(100, 105)
    close(
      corradoWindow(D.subarray(100, 105), su, N).stat,
      (Math.sqrt(5) * (win.reduce((s, m) => s + m, 0) / 5)) / suMean,
      1e-12,
    )
  })
  it('an unbalanced panel weights each day by its own N_t', () => {
    const sums = f64([1, -2, 0.5])
    const counts = Int32Array.from([4, 16, 1])
    const D = weightedRankDeviations(sums, counts)
    expect([...D]).toEqual([0.5, -0.5, 0.5])
    close(rankStandardDeviation(D, counts), 0.5)
    close(corradoWindow(D.subarray(1, 3), 0.5, 16).stat, 0)
  })
})

describe('sign tests', () => {
  it('sign: 8 of 10 positive -> (0.8 - 0.5) sqrt(10) / 0.5', () => {
    expect(countPositive(f64([1, -1, 0, 2, 3]))).toBe(3)
    close(signTest(8, 10).stat, (0.3 * Math.sqrt(10)) / 0.5)
    expect(signTest(1, 1).stat).toBeNull()
  })
  it('generalized sign: (w - N p) / sqrt(N p (1 - p))', () => {
    close(generalizedSignTest(8, 10, 0.45).stat, (8 - 4.5) / Math.sqrt(10 * 0.45 * 0.55))
    expect(generalizedSignTest(8, 10, 1).stat).toBeNull()
  })
})

/** Brute-force exact two-sided p of W+ over all 2^m sign patterns of the given ranks. */
function bruteWilcoxon(x: number[]): {w: number; p: number} {
  const nz = x.filter((v) => v !== 0)
  const ranks = bruteRanks(nz.map(Math.abs))
  const w = nz.reduce((s, v, k) => s + (v > 0 ? ranks[k] : 0), 0)
  let lower = 0
  let upper = 0
  const total = 2 ** nz.length
  for (let mask = 0; mask < total; mask++) {
    let s = 0
    for (let k = 0; k < nz.length; k++) if (mask & (1 << k)) s += ranks[k]
    if (s <= w + 1e-9) lower++
    if (s >= w - 1e-9) upper++
  }
  return {w, p: Math.min(1, (2 * Math.min(lower, upper)) / total)}
}

describe('Wilcoxon signed-rank', () => {
  it('all five positive: W+ = 15, exact p = 2/32', () => {
    const r = wilcoxonSignedRank(f64([1, 2, 3, 4, 5]))
    expect(r.stat).toBe(15)
    close(r.p, 0.0625)
  })
  it('exact p with ties and zeros matches brute-force enumeration', () => {
    const cases = [
      [0, 1, -1, 2, 2, 3], // zero dropped; ranks 1.5 1.5 3.5 3.5 5; W+ = 13.5
      [-1, 2, 3, -4, 5, 6],
      [0.3, -0.1, 0.2, 0.2, -0.2, 0.5, -0.7, 0.4, 0.1, 0.9, -0.3, 0.6],
    ]
    for (const c of cases) {
      const r = wilcoxonSignedRank(f64(c))
      const b = bruteWilcoxon(c)
      close(r.stat, b.w)
      close(r.p, b.p, 1e-12)
    }
    expect(wilcoxonSignedRank(f64([0, 1, -1, 2, 2, 3])).stat).toBe(13.5)
  })
  it('normal approximation for N > 50 (tie-corrected variance, continuity correction)', () => {
    const z = normal(3)
    const x = Array.from({length: 120}, () => Math.round((z() + 0.3) * 4) / 4)
    const r = wilcoxonSignedRank(f64(x))
    const nz = x.filter((v) => v !== 0)
    const ranks = bruteRanks(nz.map(Math.abs))
    const w = nz.reduce((s, v, k) => s + (v > 0 ? ranks[k] : 0), 0)
    const m = nz.length
    const groups = new Map<number, number>()
    for (const v of nz) groups.set(Math.abs(v), (groups.get(Math.abs(v)) ?? 0) + 1)
    const ties = [...groups.values()].reduce((s, t) => s + t ** 3 - t, 0)
    const sdW = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - ties / 48)
    const diff = w - (m * (m + 1)) / 4
    close(r.stat, w, 1e-9)
    close(r.p, normalTwoSidedP((diff - Math.sign(diff) * 0.5) / sdW), 1e-12)
  })
  it('needs two values; all zeros give a note', () => {
    expect(wilcoxonSignedRank(f64([1])).stat).toBeNull()
    expect(wilcoxonSignedRank(f64([0, 0, 0])).note).toMatch(/zero/)
  })
})

describe('radix sort of non-negative doubles (used by Wilcoxon at large N)', () => {
  it('matches the native sort, with ties, zeros, tiny and huge values', async () => {
    const {sortNonNegative} = await import('../../src/engine/radix-sort.js')
    const z = normal(17)
    const a = Float64Array.from({length: 20_000}, (_, k) =>
      k % 7 === 0 ? 0 : k % 11 === 0 ? 1.5 : Math.abs(z()) * 10 ** Math.round(z() * 5),
    )
    const expected = a.slice().sort()
    const got = sortNonNegative(a.subarray(1000, 15_000).slice())
    expect([...got]).toEqual([...a.subarray(1000, 15_000).slice().sort()])
    expect([...sortNonNegative(a)]).toEqual([...expected])
  })
})
