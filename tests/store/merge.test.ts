import {describe, expect, it} from 'vitest'
import {agree, MergeConflictError, planMerge} from '../../src/store/merge.js'
import type {Bar} from '../../src/types.js'

const bar = (date: string, v: Partial<Bar>): Bar => ({
  date,
  open: null,
  high: null,
  low: null,
  close: null,
  adjClose: null,
  volume: null,
  ...v,
})

describe('agree', () => {
  it('accepts a relative difference up to 1e-6, or the given rounding', () => {
    expect(agree(3257.85009765625, 3257.850098)).toBe(true) // float32 vs 6 printed decimals
    expect(agree(100, 100.0002)).toBe(false) // 2e-6
    expect(agree(142.615, 142.62, 0.005)).toBe(true) // printed with 2 decimals
    expect(agree(142.6, 142.62, 0.005)).toBe(false)
  })
})

describe('planMerge', () => {
  it('adds new days, fills empty cells, keeps stored days and agreeing values', () => {
    const stored = [bar('2020-01-02', {adjClose: 94.9, open: 93.75}), bar('2020-01-03', {adjClose: 93.7})]
    const incoming = [
      bar('2019-12-31', {close: 1847.84}),
      bar('2020-01-02', {close: 1898.01, open: 93.75}), // close fills, open agrees
      bar('2020-01-03', {adjClose: 93.70000001}), // agrees: nothing to write
    ]
    const plan = planMerge(stored, incoming)
    expect(plan.conflict).toBeNull()
    expect(plan.added).toBe(1)
    expect(plan.filled).toBe(1)
    expect(plan.write).toEqual([
      bar('2019-12-31', {close: 1847.84}),
      bar('2020-01-02', {adjClose: 94.9, open: 93.75, close: 1898.01}),
    ])
  })

  it('stops at the first date, then column, whose values disagree, and writes nothing', () => {
    const stored = [bar('2020-01-02', {close: 10, adjClose: 9}), bar('2020-01-03', {close: 11, adjClose: 10})]
    const incoming = [bar('2020-01-03', {open: 1, close: 12}), bar('2020-01-02', {close: 10, adjClose: 9.5})]
    const plan = planMerge(stored, incoming)
    expect(plan.conflict).toEqual({date: '2020-01-02', field: 'adjClose', stored: 9, incoming: 9.5})
    expect(plan.write).toEqual([])
    expect(new MergeConflictError('X', plan.conflict!).message).toBe(
      'X on 2020-01-02, column adj_close: the store holds 9, the new data 9.5 (another adjustment basis or another security?)',
    )
  })

  it("honours a file's printed precision", () => {
    const stored = [bar('2020-01-02', {close: 142.615})]
    expect(planMerge(stored, [bar('2020-01-02', {close: 142.62})]).conflict).not.toBeNull()
    expect(planMerge(stored, [bar('2020-01-02', {close: 142.62})], {close: 0.005}).conflict).toBeNull()
  })
})
