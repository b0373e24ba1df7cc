import {describe, expect, it} from 'vitest'
import {ascendingOrder, sortNonNegative} from '../../src/engine/radix-sort.js'
import {uniform} from './random.js'

/** The order by a comparison sort: ascending value, equal values by index. */
function byComparison(a: Float64Array): number[] {
  return Array.from(a, (_, k) => k).sort((x, y) => a[x] - a[y] || x - y)
}

describe('ascendingOrder', () => {
  it('matches a stable comparison sort, with ties, zeros of both signs and 1, below and above the radix cut', () => {
    const u = uniform(5)
    for (const n of [0, 1, 50, 5000]) {
      // p-values on a coarse grid (many ties), some exact 0, -0 and 1
      const a = Float64Array.from({length: n}, () => Math.round(u() * 200) / 200)
      for (let k = 0; k < n; k += 17) a[k] = k % 2 === 0 ? -0 : 1
      expect(Array.from(ascendingOrder(a))).toEqual(byComparison(a))
    }
  })

  it('sorts wide-ranging values as sortNonNegative does', () => {
    const u = uniform(9)
    const a = Float64Array.from({length: 6000}, () => u() ** 8 * 1e6)
    const order = ascendingOrder(a)
    expect(Float64Array.from(order, (k) => a[k])).toEqual(sortNonNegative(a.slice()))
  })
})
