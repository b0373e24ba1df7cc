import {describe, expect, it} from 'vitest'
import {firstNonFinite} from '../../src/study/clean.js'

describe('firstNonFinite', () => {
  it('is null when every number is finite (strings, nulls and booleans ignored)', () => {
    expect(firstNonFinite({a: 1, b: [2, {c: 3, d: 'x', e: null, f: true}]})).toBeNull()
  })

  it('names the path of the first non-finite number', () => {
    expect(firstNonFinite({model: {alpha: 1, beta: Number.NaN}})).toBe('model.beta')
    expect(
      firstNonFinite({
        ar: [
          {t: 0, sar: 1},
          {t: 1, sar: Number.POSITIVE_INFINITY},
        ],
      }),
    ).toBe('ar[1].sar')
    expect(firstNonFinite(Number.NaN)).toBe('')
  })
})
