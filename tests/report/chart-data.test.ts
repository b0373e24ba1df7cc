import {describe, expect, it} from 'vitest'
import type {SecurityResult, StudyResult} from '../../src/result.js'
import {caarPaths, day0Points, indexPoints, shortEventLabel, volatilityBars} from '../../src/report/chart-data.js'
import {normalTwoSidedP} from '../../src/engine/distributions.js'
import {makeResult} from './fixtures.js'

/** Three securities, days -1..1; C has no AR on day 1 (it drops out from there). */
function tiny(): StudyResult {
  const r = makeResult()
  const sec = (symbol: string, ars: Array<[number, number]>): SecurityResult => ({
    symbol,
    group: 'chips',
    event: 'selloff',
    model: {alpha: 0, beta: 1, sigma: 0.01, r2: 0.5, n: 250},
    ar: ars.map(([t, ar]) => ({t, date: `2025-01-${13 + t}`, ret: ar, ar, sar: ar / 0.01})),
    windows: [],
  })
  r.groups = r.groups.filter((g) => g.group === 'chips' && g.event === 'selloff')
  r.securities = [
    sec('A', [
      [-1, 0.01],
      [0, -0.05],
      [1, 0.02],
    ]),
    sec('B', [
      [-1, 0.0],
      [0, -0.03],
      [1, 0.0],
    ]),
    sec('C', [
      [-1, -0.01],
      [0, -0.04],
    ]),
    {symbol: 'D', group: 'chips', event: 'selloff', excluded: 'too few observations'},
  ]
  return r
}

describe('caarPaths', () => {
  it('cumulates ARs from the first day present and puts 95% bands at ±1.96 s/√N', () => {
    const pts = caarPaths(tiny())
    expect(pts.map((p) => p.t)).toEqual([-1, 0, 1])
    const [d1, d0, p1] = pts
    expect(d1.caar).toBeCloseTo(0, 12)
    expect(d1.n).toBe(3)
    expect(d1.hi! - d1.caar).toBeCloseTo((1.959964 * 0.01) / Math.sqrt(3), 6)
    // CAR(-1..0): A -0.04, B -0.03, C -0.05 -> mean -0.04, s = 0.01
    expect(d0.caar).toBeCloseTo(-0.04, 12)
    expect(d0.caar - d0.lo!).toBeCloseTo((1.959964 * 0.01) / Math.sqrt(3), 6)
    // Day 1: C has no AR and drops out; A -0.02, B -0.03 -> mean -0.025, s = 0.005·√2
    expect(p1.n).toBe(2)
    expect(p1.caar).toBeCloseTo(-0.025, 12)
    expect(p1.hi! - p1.caar).toBeCloseTo((1.959964 * 0.005 * Math.SQRT2) / Math.SQRT2, 6)
    expect(pts.every((p) => p.groupLabel === 'AI chips')).toBe(true)
  })

  it('gives null bands for a single security and keeps only the requested days', () => {
    const r = tiny()
    r.securities = r.securities.slice(0, 1)
    const pts = caarPaths(r, [0, 1])
    expect(pts.map((p) => [p.t, p.n, p.lo, p.hi])).toEqual([
      [0, 1, null, null],
      [1, 1, null, null],
    ])
    expect(pts[1].caar).toBeCloseTo(-0.03, 12)
  })

  it('covers the full -10..+14 range of the fixture for every group × event', () => {
    const r = makeResult()
    const pts = caarPaths(r)
    expect(pts).toHaveLength(r.groups.length * 25)
    expect(Math.min(...pts.map((p) => p.t))).toBe(-10)
    expect(Math.max(...pts.map((p) => p.t))).toBe(14)
    expect(pts.every((p) => Number.isFinite(p.caar))).toBe(true)
  })
})

describe('day0Points', () => {
  it('sorts by AR within each event and marks significance from the [0,0] window p, else SAR', () => {
    const r = tiny()
    r.securities[0].windows = [{window: [0, 0], from: 'x', to: 'x', car: -0.05, scar: -5, bhar: -0.05, t: -5, p: 0.2}]
    const pts = day0Points(r)
    expect(pts.map((p) => p.symbol)).toEqual(['A', 'C', 'B'])
    expect(pts[0].p).toBe(0.2) // the window's own test wins over SAR = -5
    expect(pts[0].significant).toBe(false)
    expect(pts[1].significant).toBe(true) // SAR -4
    expect(pts.find((p) => p.symbol === 'D')).toBeUndefined()
  })

  it("without a [0,0] window the p is the engine's two-sided normal tail of the SAR", () => {
    const pts = day0Points(tiny())
    const c = pts.find((p) => p.symbol === 'C')!
    expect(c.p).toBe(normalTwoSidedP(-4))
    expect(c.p).toBeCloseTo(6.334e-5, 7)
  })
})

describe('volatility and index points', () => {
  it('averages the standard deviations before and after per group × event', () => {
    const r = makeResult()
    r.volatility!.securities = [
      {
        symbol: 'A',
        group: 'chips',
        event: 'selloff',
        preVariance: 1e-4,
        postVariance: 4e-4,
        ratio: 4,
        df1: 13,
        df2: 248,
        p: 0.001,
        significant: true,
      },
      {
        symbol: 'B',
        group: 'chips',
        event: 'selloff',
        preVariance: 4e-4,
        postVariance: 4e-4,
        ratio: 1,
        df1: 13,
        df2: 248,
        p: 0.5,
        significant: false,
      },
    ]
    const bars = volatilityBars(r)
    expect(bars).toHaveLength(2)
    expect(bars[0]).toMatchObject({period: 'before', n: 2, shareSignificant: 0.5})
    expect(bars[0].sd).toBeCloseTo(0.015, 12)
    expect(bars[1].sd).toBeCloseTo(0.02, 12)
  })

  it('reads the group series of the index, skipping nulls', () => {
    const r = makeResult()
    r.index!.series[0].values.chips = null
    const pts = indexPoints(r)
    expect(pts).toHaveLength(r.index!.series.length * 3 - 1)
    expect(new Set(pts.map((p) => p.groupLabel))).toEqual(new Set(['AI chips', 'Hyperscalers', 'Power']))
  })

  it('shortens event labels for panel headers', () => {
    const r = makeResult()
    r.events[0].label = 'DeepSeek R1 released (US market closed: Martin Luther King Jr. Day)'
    expect(shortEventLabel(r, 'release')).toBe('DeepSeek R1 released (2025-01-06)')
    expect(shortEventLabel(r, 'all')).toBe('all events')
  })
})
