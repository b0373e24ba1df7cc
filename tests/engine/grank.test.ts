import {describe, expect, it} from 'vitest'
import {grank, grankWindows} from '../../src/engine/grank.js'
import {standardizedRanks} from '../../src/engine/rank-test.js'
import {sd} from '../../src/engine/stats.js'
import {normal} from './random.js'

const f64 = (a: number[]) => Float64Array.from(a)

/** Average ranks (1-based) by sorting: textbook, independent of the engine's bucket ranks. */
function ranks(x: number[]): number[] {
  const idx = x.map((_, k) => k).sort((a, b) => x[a] - x[b])
  const r = new Array<number>(x.length)
  for (let q = 0; q < idx.length; ) {
    let e = q
    while (e + 1 < idx.length && x[idx[e + 1]] === x[idx[q]]) e++
    for (let k = q; k <= e; k++) r[idx[k]] = (q + e + 2) / 2
    q = e + 1
  }
  return r
}

/** Brute-force GRANK straight from Kolari & Pynnönen (2011). */
function bruteForce(est: number[][], sigma: number[], scar: number[]) {
  const n = est.length
  const L = est[0].length
  const ms = scar.reduce((s, v) => s + v, 0) / n
  const sScar = Math.sqrt(scar.reduce((s, v) => s + (v - ms) ** 2, 0) / (n - 1))
  const U: Array<Array<number | null>> = est.map((row, i) => {
    const keep = row.map((v, k) => [v, k] as const).filter(([v]) => !Number.isNaN(v))
    const g = [...keep.map(([v]) => v / sigma[i]), scar[i] / sScar]
    const r = ranks(g)
    const u: Array<number | null> = new Array(L + 1).fill(null)
    keep.forEach(([, k], q) => {
      u[k] = r[q] / (g.length + 1) - 0.5
    })
    u[L] = r[g.length - 1] / (g.length + 1) - 0.5
    return u
  })
  let s2 = 0
  let T = 0
  const ubar: number[] = []
  for (let t = 0; t <= L; t++) {
    const present = U.map((u) => u[t]).filter((v): v is number => v !== null)
    if (present.length === 0) continue
    const m = present.reduce((s, v) => s + v, 0) / present.length
    ubar[t] = m
    s2 += (present.length / n) * m * m
    T++
  }
  const z = ubar[L] / Math.sqrt(s2 / T)
  return {z, t: z * Math.sqrt((T - 2) / (T - 1 - z * z)), df: T - 2}
}

/** Per-day sums of U - 1/2 with each security's SARs and SCAR* ranked together in one array (the direct way). */
function directSums(est: number[][], sigma: number[], scar: Float64Array): Float64Array {
  const L = est[0].length
  const sScar = sd(scar, scar.length)
  const sumU = new Float64Array(L + 1)
  est.forEach((row, i) => {
    const cols = row.flatMap((v, k) => (Number.isNaN(v) ? [] : [k]))
    const vals = Float64Array.from([...cols.map((k) => row[k] / sigma[i]), scar[i] / sScar])
    const out = new Float64Array(vals.length)
    standardizedRanks(vals, vals.length, out)
    ;[...cols, L].forEach((k, q) => {
      sumU[k] += out[q] - 0.5
    })
  })
  return sumU
}

/** S_Ubar^2 from the per-day sums, days counted as the engine does. */
function zDenominator(sumU: Float64Array, est: number[][], n: number): number {
  let s2 = 0
  let T = 0
  for (let k = 0; k < sumU.length; k++) {
    const c = k === sumU.length - 1 ? n : est.filter((row) => !Number.isNaN(row[k])).length
    if (c > 0) {
      const u = sumU[k] / c
      s2 += (c / n) * u * u
      T++
    }
  }
  return s2 / T
}

describe('GRANK (Kolari & Pynnönen 2011)', () => {
  it('several windows at once: the same numbers as ranking each window GSARs together, ties with SCAR* included', () => {
    const z = normal(11)
    const n = 12
    const L = 40
    const sigma = new Array<number>(n).fill(1)
    const scars = [0, 1, 2].map(() => Float64Array.from({length: n}, () => Math.round(4 * z()) / 4))
    const sScar = sd(scars[0], n)
    // SARs on a coarse grid (ties among them), some equal to the first window's SCAR*, some missing
    const est = sigma.map((_, i) =>
      Array.from({length: L}, (_, k) => (k % 9 === 0 ? scars[0][i] / sScar : Math.round(4 * z()) / 4)),
    )
    est[3][2] = Number.NaN
    const got = grankWindows(n, L, (i, out) => out.set(est[i]), f64(sigma), scars)
    scars.forEach((scar, w) => {
      const sumU = directSums(est, sigma, scar)
      const one = grank(f64(est.flat()), n, L, f64(sigma), scar)
      expect(got[w]).toEqual(one)
      expect(one.z as number).toBe(sumU[L] / n / Math.sqrt(zDenominator(sumU, est, n)))
    })
  })

  it('worked example: two securities, three estimation days', () => {
    // SCAR 3, -1: S_SCAR = sqrt(8), SCAR* = 1.0607, -0.3536.
    // A: GSAR 0.5, -1, 2, 1.0607 -> ranks 2, 1, 4, 3 -> U = -0.1, -0.3, 0.3, 0.1
    // B: GSAR -0.3, 0.1, 1, -0.3536 -> ranks 2, 3, 4, 1 -> U = -0.1, 0.1, 0.3, -0.3
    // Ubar = -0.1, -0.1, 0.3, -0.1; S^2 = 0.12 / 4 = 0.03; Z = -0.1 / sqrt(0.03) = -0.57735;
    // t = Z sqrt(2 / (3 - 1/3)) = -0.5, df 2.
    const r = grank(f64([0.5, -1, 2, -0.3, 0.1, 1]), 2, 3, f64([1, 1]), f64([3, -1]))
    expect(r.z as number).toBeCloseTo(-1 / Math.sqrt(3), 12)
    expect(r.stat as number).toBeCloseTo(-0.5, 12)
    expect(r.df).toBe(2)
    expect(r.n).toBe(2)
  })

  it('agrees with a brute-force computation, with missing days and per-security sigma', () => {
    const z = normal(3)
    const n = 25
    const L = 60
    const sigma = Array.from({length: n}, () => 0.01 + 0.02 * Math.abs(z()))
    const est = sigma.map((s) => Array.from({length: L}, () => s * z()))
    est[2][5] = Number.NaN
    est[7][0] = Number.NaN
    est[7][1] = Number.NaN
    for (let k = 0; k < 20; k++) est[11][k] = Number.NaN // listed during the estimation window
    const scar = Array.from({length: n}, () => 0.4 + z())
    const got = grank(f64(est.flat()), n, L, f64(sigma), f64(scar))
    const want = bruteForce(est, sigma, scar)
    expect(Math.abs((got.z as number) - want.z)).toBeLessThan(1e-12)
    expect(Math.abs((got.stat as number) - want.t)).toBeLessThan(1e-12)
    expect(got.df).toBe(want.df)
  })

  it('rejects at about the nominal 5% rate on null data and detects a planted CAR', () => {
    const z = normal(7)
    const n = 30
    const L = 120
    let rejections = 0
    const reps = 300
    for (let rep = 0; rep < reps; rep++) {
      const est = Float64Array.from({length: n * L}, () => z())
      const scar = Float64Array.from({length: n}, () => z())
      if ((grank(est, n, L, new Float64Array(n).fill(1), scar).p as number) < 0.05) rejections++
    }
    expect(rejections / reps).toBeGreaterThan(0.01)
    expect(rejections / reps).toBeLessThan(0.1)
    const est = Float64Array.from({length: n * L}, () => z())
    const planted = Float64Array.from({length: n}, () => 1.5 + z())
    expect(grank(est, n, L, new Float64Array(n).fill(1), planted).p as number).toBeLessThan(0.01)
  })

  it('null with a note for fewer than two securities or constant SCAR', () => {
    expect(grank(f64([1, 2, 3]), 1, 3, f64([1]), f64([1])).stat).toBeNull()
    const r = grank(f64([1, 2, 3, 3, 1, 2]), 2, 3, f64([1, 1]), f64([2, 2]))
    expect(r.stat).toBeNull()
    expect(r.note).toMatch(/SCAR/)
  })
})
