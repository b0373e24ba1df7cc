import {describe, expect, it} from 'vitest'
import {evaluateClaims, windowReturn} from '../../src/analysis/claims.js'
import {SCHEMA_VERSION, type StudyResult, type TestBattery} from '../../src/result.js'
import {TEST_NAMES} from '../../src/engine/types.js'
import type {ClaimSpec} from '../../src/spec/types.js'

const tests = Object.fromEntries(TEST_NAMES.map((n) => [n, {stat: null, p: null, n: 0}])) as unknown as TestBattery

function result(): StudyResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'aftershock', version: 'test'},
    study: {
      name: 't',
      title: null,
      description: null,
      questions: [],
      file: null,
      benchmark: 'M',
      price: 'adjClose',
      returns: 'simple',
      model: 'market',
      nonTradingDay: 'next',
      estimation: {from: -260, to: -11, minObservations: 100},
      windows: [
        [0, 0],
        [0, 1],
      ],
    },
    dataAsOf: '2025-02-14',
    events: [
      {id: 'sell', label: null, symbol: null, date: '2025-01-27', tradingDate: '2025-01-27', shift: 0, note: null},
    ],
    groups: [
      {
        group: 'chips',
        label: null,
        event: 'sell',
        n: 2,
        excluded: 1,
        daily: [{t: 0, date: '2025-01-27', n: 2, aar: -0.12, tests}],
        windows: [{window: [0, 1], from: '2025-01-27', to: '2025-01-28', n: 2, caar: -0.1, tests}],
      },
    ],
    securities: [
      {
        symbol: 'NVDA',
        group: 'chips',
        event: 'sell',
        model: {alpha: 0, beta: 1.5, sigma: 0.03, r2: 0.4, n: 250},
        ar: [
          {t: 0, date: '2025-01-27', ret: -0.1697, ar: -0.15, sar: -5},
          {t: 1, date: '2025-01-28', ret: 0.0893, ar: 0.08, sar: 2.6},
        ],
        windows: [
          {window: [0, 1], from: '2025-01-27', to: '2025-01-28', car: -0.07, scar: -1.6, bhar: -0.08, t: -1.6, p: 0.11},
        ],
      },
      {
        symbol: 'AMD',
        group: 'chips',
        event: 'sell',
        model: {alpha: 0, beta: 1.2, sigma: 0.03, r2: 0.4, n: 250},
        ar: [
          {t: 0, date: '2025-01-27', ret: -0.0637, ar: -0.09, sar: -3},
          {t: 1, date: '2025-01-28', ret: 0.01, ar: 0.0, sar: 0},
        ],
        windows: [
          {window: [0, 1], from: '2025-01-27', to: '2025-01-28', car: -0.13, scar: -3, bhar: -0.06, t: -3, p: 0.003},
        ],
      },
      {symbol: 'ARM', group: 'chips', event: 'sell', excluded: 'only 80 estimation observations (minimum 120)'},
    ],
    index: {
      base: {from: '2023-01-01', to: '2023-01-31'},
      asOf: '2025-02-14',
      weighting: 'equal',
      securities: [
        {
          id: 'NVDA',
          group: 'chips',
          base: 17.5,
          level: 790,
          sinceBase: 6.9,
          sinceEvent: {},
          peak: 850,
          peakDate: '2025-01-06',
          drawdown: -0.07,
          excluded: null,
        },
      ],
      groups: [
        {
          id: 'chips',
          group: null,
          base: null,
          level: 300,
          sinceBase: 2,
          sinceEvent: {},
          peak: 320,
          peakDate: '2025-01-06',
          drawdown: -0.06,
          excluded: null,
        },
      ],
      series: [],
      notes: [],
    },
    value: {
      shares: [{symbol: 'NVDA', shares: 24.49e9, source: '10-Q', current: false}],
      rows: [
        {
          id: 'NVDA',
          group: 'chips',
          event: 'sell',
          window: [0, 0],
          from: '2025-01-27',
          to: '2025-01-27',
          startPrice: 142.57,
          endPrice: 118.38,
          change: -592.4e9,
          abnormalChange: -523e9,
          approximate: true,
        },
      ],
      groups: [
        {
          id: 'chips',
          group: null,
          event: 'sell',
          window: [0, 0],
          from: '2025-01-27',
          to: '2025-01-27',
          startPrice: null,
          endPrice: null,
          change: -700e9,
          abnormalChange: null,
          approximate: true,
        },
      ],
      notes: [],
    },
    notes: [],
  }
}

const claim = (c: Partial<ClaimSpec> & Pick<ClaimSpec, 'metric' | 'subject' | 'expected'>): ClaimSpec => ({
  id: `${c.metric}-${c.subject}`,
  text: 'x',
  event: 'sell',
  window: [0, 0],
  tolerance: 0.01,
  ...c,
})

describe('claims', () => {
  it('windowReturn compounds simple returns and exponentiates summed log returns', () => {
    expect(windowReturn([0.1, -0.1], 'simple')).toBeCloseTo(-0.01, 12)
    expect(windowReturn([Math.log(1.1), Math.log(0.9)], 'log')).toBeCloseTo(-0.01, 12)
  })

  it('holds and fails from the result numbers', () => {
    const r = evaluateClaims(
      [
        claim({metric: 'return', subject: 'NVDA', expected: -0.17}),
        claim({metric: 'return', subject: 'NVDA', expected: -0.2}),
        claim({
          metric: 'return',
          subject: 'NVDA',
          window: [0, 1],
          expected: (1 - 0.1697) * 1.0893 - 1,
          tolerance: 1e-9,
        }),
        claim({metric: 'valueChange', subject: 'NVDA', expected: -6e11, tolerance: 0.3e11}),
        claim({metric: 'valueChange', subject: 'chips', expected: -7e11, tolerance: 1}),
        claim({metric: 'abnormalValueChange', subject: 'NVDA', expected: -5e11, tolerance: 0.3e11}),
        claim({metric: 'car', subject: 'NVDA', window: [0, 1], expected: -0.07, tolerance: 0}),
        claim({metric: 'bhar', subject: 'NVDA', window: [0, 1], expected: -0.08, tolerance: 0}),
        claim({metric: 'ar', subject: 'NVDA', expected: -0.15, tolerance: 0}),
        claim({metric: 'caar', subject: 'chips', window: [0, 1], expected: -0.1, tolerance: 0}),
        claim({metric: 'ar', subject: 'chips', expected: -0.12, tolerance: 0}),
        claim({metric: 'indexLevel', subject: 'chips', event: null, expected: 300, tolerance: 0}),
        claim({metric: 'sinceBase', subject: 'NVDA', event: null, expected: 7, tolerance: 0.05}),
      ],
      result(),
    )
    expect(r.map((c) => c.holds)).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ])
    expect(r[0].measured).toBeCloseTo(-0.1697, 12)
    expect(r[1].measured).toBeCloseTo(-0.1697, 12)
    expect(r[3].note).toMatch(/approximate/)
    expect(r[11].event).toBeNull()
    expect(r[12].measured).toBeCloseTo(6.9, 12)
  })

  it('index claims carry event null even when the study file names an event', () => {
    const [c] = evaluateClaims(
      [claim({metric: 'indexLevel', subject: 'chips', event: 'sell', expected: 300, tolerance: 0})],
      result(),
    )
    expect(c.event).toBeNull()
    expect(c.holds).toBe(true)
  })

  it('group mean for a security metric, with a note', () => {
    const [c] = evaluateClaims(
      [claim({metric: 'return', subject: 'chips', expected: -0.1167, tolerance: 1e-4})],
      result(),
    )
    expect(c.measured).toBeCloseTo((-0.1697 - 0.0637) / 2, 12)
    expect(c.holds).toBe(true)
    expect(c.note).toMatch(/mean over 2 members/)
  })

  it('missing subject, event, window or excluded security: measured null, fails, says why', () => {
    const r = evaluateClaims(
      [
        claim({metric: 'return', subject: 'TSLA', expected: 0}),
        claim({metric: 'return', subject: 'NVDA', event: 'nope', expected: 0}),
        claim({metric: 'car', subject: 'NVDA', window: [0, 14], expected: 0}),
        claim({metric: 'return', subject: 'ARM', expected: 0}),
        claim({metric: 'ar', subject: 'NVDA', window: [0, 1], expected: 0}),
        claim({metric: 'caar', subject: 'NVDA', expected: 0}),
        claim({metric: 'valueChange', subject: 'NVDA', window: [0, 4], expected: 0}),
      ],
      result(),
    )
    for (const c of r) {
      expect(c.measured).toBeNull()
      expect(c.holds).toBe(false)
      expect(c.note).toBeTruthy()
    }
    expect(r[0].note).toMatch(/TSLA is neither a security nor a group/)
    expect(r[1].note).toMatch(/event nope is not in the result/)
    expect(r[2].note).toMatch(/window \[0, 14\] is not among/)
    expect(r[3].note).toMatch(/ARM is excluded.*80 estimation/)
    expect(r[4].note).toMatch(/one-day window/)
    expect(r[5].note).toMatch(/group measure/)
    expect(r[6].note).toMatch(/no value-at-stake row/)
  })

  it('volatility: variance ratio of a security, mean ratio and share of significant rises of a group', () => {
    const res = result()
    const sec = (symbol: string, ratio: number, p: number) => ({
      symbol,
      group: 'chips',
      event: 'sell',
      preVariance: 1e-4,
      postVariance: ratio * 1e-4,
      ratio,
      df1: 13,
      df2: 248,
      p,
      significant: p < 0.05,
    })
    const test = {stat: 1, p: 0.3, n: 2}
    res.volatility = {
      window: [1, 14],
      securities: [sec('NVDA', 2.5, 0.004), sec('AMD', 0.9, 0.6)],
      groups: [{group: 'chips', event: 'sell', n: 2, meanRatio: 1.7, shareSignificant: 0.5, test, meanSar2Minus1: 0.7}],
    }
    const r = evaluateClaims(
      [
        claim({metric: 'volatilityRatio', subject: 'NVDA', window: [1, 14], expected: 2.5, tolerance: 0}),
        claim({metric: 'volatilityRatio', subject: 'chips', expected: 1.7, tolerance: 0}),
        claim({metric: 'volatilityRiseShare', subject: 'chips', window: [1, 14], expected: 0.75, tolerance: 0.25}),
        claim({metric: 'volatilityRiseShare', subject: 'NVDA', expected: 1, tolerance: 0}),
        claim({metric: 'volatilityRatio', subject: 'NVDA', window: [1, 5], expected: 2.5, tolerance: 0}),
      ],
      res,
    )
    expect(r.map((c) => c.measured)).toEqual([2.5, 1.7, 0.5, null, null])
    expect(r.map((c) => c.holds)).toEqual([true, true, true, false, false])
    expect(r[1].window).toEqual([1, 14]) // the window measured over, also when the claim leaves it out
    expect(r[2].note).toMatch(/share of 2 members with a significant rise/)
    expect(r[3].note).toMatch(/group measure/)
    expect(r[4].note).toMatch(/not the volatility window \[1, 14\]/)
    delete res.volatility
    expect(evaluateClaims([claim({metric: 'volatilityRatio', subject: 'NVDA', expected: 1})], res)[0].note).toMatch(
      /no volatility section/,
    )
  })

  it('tolerance boundary holds despite decimal round-off', () => {
    const res = result()
    res.securities[0].ar![0].ret = -0.16
    const [c] = evaluateClaims([claim({metric: 'return', subject: 'NVDA', expected: -0.17, tolerance: 0.01})], res)
    expect(c.holds).toBe(true)
  })
})
