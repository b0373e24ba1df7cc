import {describe, expect, it} from 'vitest'
import {benjaminiHochberg, holm} from '../../src/engine/multiple-testing.js'

const expectClose = (got: Array<number | null>, want: Array<number | null>) => {
  expect(got.length).toBe(want.length)
  got.forEach((g, k) => {
    if (want[k] === null) expect(g).toBeNull()
    else expect(Math.abs((g as number) - (want[k] as number))).toBeLessThan(1e-12)
  })
}

describe('Holm adjusted p-values', () => {
  it('hand-worked: p = 0.01, 0.04, 0.03, 0.005 (m = 4)', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 -> 4*0.005 = 0.02, 3*0.01 = 0.03, 2*0.03 = 0.06, 1*0.04 = 0.04 -> max so far 0.06
    expectClose(holm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02])
  })
  it('caps at 1, keeps nulls in place and out of m', () => {
    // m = 2: sorted 0.2, 0.7 -> 0.4, max(0.4, 0.7) = 0.7
    expectClose(holm([0.7, null, 0.2]), [0.7, null, 0.4])
    expectClose(holm([0.6, 0.9]), [1, 1])
    expect(holm([])).toEqual([])
    expect(holm([null])).toEqual([null])
  })
})

describe('Benjamini-Hochberg adjusted p-values', () => {
  it('hand-worked: p = 0.01, 0.04, 0.03, 0.005 (m = 4)', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 -> m p / j = 0.02, 0.02, 0.04, 0.04; running min from the top: 0.02 0.02 0.04 0.04
    expectClose(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02])
  })
  it('step-up: a larger p can lower the adjustment of smaller ones', () => {
    // sorted 0.02, 0.03, 0.04 (m = 3): 0.06, 0.045, 0.04 -> min from the top: 0.04, 0.04, 0.04
    expectClose(benjaminiHochberg([0.04, null, 0.02, 0.03]), [0.04, null, 0.04, 0.04])
  })
  it('ties and ones', () => {
    // sorted 0.5, 0.5, 1 (m = 3): 1.5, 0.75, 1 -> min from top: 0.75, 0.75, 1
    expectClose(benjaminiHochberg([1, 0.5, 0.5]), [1, 0.75, 0.75])
    expectClose(holm([0.5, 0.5]), [1, 1])
  })
  it('never below the raw p, never above 1, Holm >= BH', () => {
    const p = [0.001, 0.2, 0.013, 0.04, 0.5, 0.0007, 0.9, 0.049]
    const h = holm(p)
    const b = benjaminiHochberg(p)
    p.forEach((v, k) => {
      expect(b[k] as number).toBeGreaterThanOrEqual(v)
      expect(h[k] as number).toBeGreaterThanOrEqual(b[k] as number)
      expect(h[k] as number).toBeLessThanOrEqual(1)
    })
  })
})
