import {describe, expect, it} from 'vitest'
import {normalTwoSidedP} from '../../src/engine/distributions.js'
import {TEST_NAMES, type TestBattery} from '../../src/engine/types.js'
import type {SecurityResult} from '../../src/result.js'
import {day0P, FINDING_TESTS, judgeBattery, stars} from '../../src/report/significance.js'

/** A battery where every test has p = 0.5 unless `ps` says otherwise (null: not computable). */
function battery(ps: Partial<Record<string, number | null>>): TestBattery {
  const b = {} as TestBattery
  for (const name of TEST_NAMES) {
    const p = name in ps ? (ps[name] ?? null) : 0.5
    b[name] = {stat: p === null ? null : 1, p, n: 6}
  }
  return b
}

function security(sar: number, windowP?: number): SecurityResult {
  return {
    symbol: 'X',
    group: 'g',
    event: 'e',
    ar: [{t: 0, date: '2025-01-27', ret: -0.1, ar: -0.09, sar}],
    windows:
      windowP === undefined
        ? [{window: [0, 4], from: 'a', to: 'b', car: 0, scar: 0, bhar: 0, t: 0, p: 0.9}]
        : [{window: [0, 0], from: 'a', to: 'a', car: -0.09, scar: sar, bhar: -0.09, t: sar, p: windowP}],
  }
}

describe('the significance rule', () => {
  it('puts stars at 1%, 5% and 10% of the two-sided p', () => {
    expect(stars(0.0099)).toBe('***')
    expect(stars(0.01)).toBe('**')
    expect(stars(0.049)).toBe('**')
    expect(stars(0.05)).toBe('*')
    expect(stars(0.0999)).toBe('*')
    expect(stars(0.1)).toBe('')
    expect(stars(null)).toBe('')
    expect(stars(Number.NaN)).toBe('')
  })

  it("stars a day-0 AR from the [0,0] window's own t test, else the SAR as a standard normal", () => {
    // SAR 1.9: normal p 0.057 (*); the Student t of the window says p = 0.2 and wins
    expect(day0P(security(1.9, 0.2))).toBe(0.2)
    expect(day0P(security(1.9))).toBe(normalTwoSidedP(1.9))
    expect(stars(day0P(security(1.9)))).toBe('*')
    expect(day0P({symbol: 'X', group: 'g', event: 'e', excluded: 'too few observations'})).toBeNull()
  })

  it('counts the six finding tests that reject at 5% and the ones that do not', () => {
    expect(FINDING_TESTS).toEqual([
      'crossSectionalT',
      'brownWarner1985',
      'bmp',
      'kolariPynnonen',
      'corrado',
      'generalizedSign',
    ])
    const v = judgeBattery(
      battery({crossSectionalT: 0.01, brownWarner1985: 0.001, bmp: 0.049, kolariPynnonen: 0.11, patell: 0.001}),
    )
    expect(v.tested).toHaveLength(6)
    expect(v.rejecting).toEqual(['crossSectionalT', 'brownWarner1985', 'bmp'])
    expect(v.notRejecting).toEqual(['kolariPynnonen', 'corrado', 'generalizedSign'])
    // a test without a p (too few securities) is not counted
    expect(judgeBattery(battery({bmp: null, kolariPynnonen: null})).tested).toHaveLength(4)
  })
})
