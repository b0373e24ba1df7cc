import {describe, expect, it} from 'vitest'
import {corradoZivneySign} from '../../src/engine/corrado-sign.js'
import {normalTwoSidedP} from '../../src/engine/distributions.js'
import {normal} from './random.js'

const f64 = (a: number[]) => Float64Array.from(a)

/** Brute force from the definition (R-style median, signs, D_t, S_G). */
function bruteForce(ars: number[][], c1: number, c2: number): number {
  const cols = ars[0].length
  const G = ars.map((row) => {
    const p = row.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
    const med = p.length % 2 ? p[(p.length - 1) / 2] : (p[p.length / 2 - 1] + p[p.length / 2]) / 2
    return row.map((v) => (Number.isNaN(v) ? null : Math.sign(v - med)))
  })
  const D: Array<number | null> = []
  for (let t = 0; t < cols; t++) {
    const g = G.map((r) => r[t]).filter((v): v is number => v !== null)
    D[t] = g.length ? g.reduce((s, v) => s + v, 0) / Math.sqrt(g.length) : null
  }
  const present = D.filter((v): v is number => v !== null)
  const sG = Math.sqrt(present.reduce((s, v) => s + v * v, 0) / present.length)
  const w = D.slice(c1, c2 + 1).filter((v): v is number => v !== null)
  return w.reduce((s, v) => s + v, 0) / (Math.sqrt(w.length) * sG)
}

describe('Corrado-Zivney sign test', () => {
  // A: 1 2 3 4 10, median 3 -> G = -1 -1 0 +1 +1;  B: 2 1 4 3 5, median 3 -> G = -1 -1 +1 0 +1
  // sums -2 -2 1 1 2, D^2 = 2 2 0.5 0.5 2, S_G^2 = 7/5
  const ars = f64([1, 2, 3, 4, 10, 2, 1, 4, 3, 5])
  it('worked example: day statistic', () => {
    const r = corradoZivneySign(ars, 2, 5, [4, 4])
    expect(r.stat as number).toBeCloseTo(Math.sqrt(2) / Math.sqrt(1.4), 12)
    expect(r.p as number).toBeCloseTo(normalTwoSidedP(Math.sqrt(2 / 1.4)), 12)
    expect(r.n).toBe(2)
  })
  it('worked example: two-day window (Cowan aggregation)', () => {
    // (D_3 + D_4) / (sqrt(2) S_G) = (1/sqrt 2 + 2/sqrt 2) / (sqrt 2 sqrt 1.4) = 1.5 / sqrt(1.4)
    expect(corradoZivneySign(ars, 2, 5, [3, 4]).stat as number).toBeCloseTo(1.5 / Math.sqrt(1.4), 12)
  })
  it('agrees with a brute-force computation with missing days and an even count', () => {
    const z = normal(17)
    const n = 30
    const cols = 75
    const rows = Array.from({length: n}, () => Array.from({length: cols}, () => z()))
    rows[3][10] = Number.NaN
    rows[4][74] = Number.NaN
    for (let k = 0; k < 30; k++) rows[9][k] = Number.NaN
    for (let i = 0; i < n; i++) rows[i][72] += 0.8
    const flat = f64(rows.flat())
    for (const [c1, c2] of [
      [72, 72],
      [70, 74],
    ] as const) {
      const got = corradoZivneySign(flat, n, cols, [c1, c2]).stat as number
      expect(Math.abs(got - bruteForce(rows, c1, c2))).toBeLessThan(1e-12)
    }
    expect(corradoZivneySign(flat, n, cols, [72, 72]).p as number).toBeLessThan(0.05)
  })
  it('null with a note when nothing varies; a window outside the columns is a programming error', () => {
    expect(corradoZivneySign(f64([1, 1, 1, 2, 2, 2]), 2, 3, [2, 2]).stat).toBeNull()
    expect(() => corradoZivneySign(ars, 2, 5, [4, 5])).toThrow(RangeError)
  })
})
