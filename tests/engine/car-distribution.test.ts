import {describe, expect, it} from 'vitest'
import {carDistribution} from '../../src/engine/car-distribution.js'
import {normal} from './random.js'

/** R's type-7 quantile, G1 and G2 written out from their definitions (Joanes & Gill 1998). */
function byHand(x: number[]) {
  const s = [...x].sort((a, b) => a - b)
  const n = x.length
  const q = (p: number) => {
    const h = (n - 1) * p
    const lo = Math.floor(h)
    return s[lo] + (h - lo) * ((s[Math.min(lo + 1, n - 1)] ?? s[lo]) - s[lo])
  }
  const m = x.reduce((a, b) => a + b, 0) / n
  const mk = (k: number) => x.reduce((a, v) => a + (v - m) ** k, 0) / n
  const g1 = mk(3) / mk(2) ** 1.5
  const g2 = mk(4) / mk(2) ** 2 - 3
  return {
    quantiles: [0.05, 0.25, 0.5, 0.75, 0.95].map(q),
    skewness: (Math.sqrt(n * (n - 1)) / (n - 2)) * g1,
    excessKurtosis: ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6),
  }
}

describe('CAR distribution', () => {
  it('quantiles, skewness and excess kurtosis match the definitions', () => {
    const z = normal(3)
    const x = Array.from({length: 37}, () => Math.exp(z()) - 1) // skewed, like CARs of a sell-off's losers
    const d = carDistribution(Float64Array.from(x), x.length)
    const h = byHand(x)
    d.quantiles.forEach((v, k) => expect(v).toBeCloseTo(h.quantiles[k], 12))
    expect(d.skewness).toBeCloseTo(h.skewness, 10)
    expect(d.excessKurtosis).toBeCloseTo(h.excessKurtosis, 10)
    expect(d.skewness as number).toBeGreaterThan(0)
  })
  it('a hand-checkable case: 1..5', () => {
    const d = carDistribution(Float64Array.from([5, 1, 4, 2, 3]), 5)
    expect(d.quantiles).toEqual([1.2, 2, 3, 4, 4.8].map((v) => expect.closeTo(v, 12)))
    expect(d.skewness).toBeCloseTo(0, 12)
    // G2 of 1..5: m2 = 2, m4 = 6.8, g2 = 1.7 - 3 = -1.3; (4 / 6)(6 · -1.3 + 6) = -1.2
    expect(d.excessKurtosis).toBeCloseTo(-1.2, 12)
  })
  it('null where undefined: too few values, or no variation', () => {
    expect(carDistribution(Float64Array.from([0.1, 0.2]), 2)).toMatchObject({skewness: null, excessKurtosis: null})
    expect(carDistribution(Float64Array.from([0.1, 0.2, 0.4]), 3).excessKurtosis).toBeNull()
    const flat = carDistribution(Float64Array.from([0.1, 0.1, 0.1, 0.1]), 4)
    expect(flat).toMatchObject({skewness: null, excessKurtosis: null, quantiles: [0.1, 0.1, 0.1, 0.1, 0.1]})
  })
})
