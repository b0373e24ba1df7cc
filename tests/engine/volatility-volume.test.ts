import {describe, expect, it} from 'vitest'
import {runEventStudy} from '../../src/engine/event-study.js'
import {abnormalVolatility} from '../../src/engine/volatility.js'
import {abnormalVolume, abnormalVolumeRows} from '../../src/engine/volume.js'
import {fUpperTail, studentTTwoSidedP} from '../../src/engine/distributions.js'
import type {EngineOptions, RowFit} from '../../src/engine/types.js'
import {numbers, synthetic} from './panel.js'
import {normal} from './random.js'

const close = (a: number | null | undefined, b: number, tol = 1e-10) => {
  expect(a).not.toBeNull()
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))
}
const OPTS: EngineOptions = {
  model: 'market',
  returns: 'simple',
  estimation: [-120, -11],
  windows: [[0, 0]],
  minObservations: 60,
}

describe('abnormal volatility', () => {
  it('per-row F against a hand computation; group share and cross-sectional test', () => {
    const {panel} = synthetic({n: 40, firstRel: -120, lastRel: 14, seed: 77})
    // rows 0-19: tripled noise after the event (window [1, 14])
    const z = normal(5)
    for (let i = 0; i < 20; i++) for (let t = 1; t <= 14; t++) panel.returns[i * panel.days + t + 120] += 0.03 * z()
    const r = runEventStudy(panel, OPTS)
    const v = abnormalVolatility(panel, r, {window: [1, 14]})
    // row 3 by hand
    const f = r.fits[3] as RowFit
    const ars: number[] = []
    for (let t = 1; t <= 14; t++) {
      const c = t + 120
      ars.push(panel.returns[3 * panel.days + c] - f.alpha - f.beta * panel.market[c])
    }
    const m = ars.reduce((s, a) => s + a, 0) / 14
    const s2 = ars.reduce((s, a) => s + (a - m) ** 2, 0) / 13
    const row = v.rows[3]
    expect(row).not.toBeNull()
    close(row?.postVariance, s2)
    close(row?.preVariance, f.sigma ** 2)
    close(row?.ratio, s2 / f.sigma ** 2)
    expect(row?.df1).toBe(13)
    expect(row?.df2).toBe(f.L - 2)
    close(row?.p, fUpperTail(s2 / f.sigma ** 2, 13, f.L - 2))
    // the shocked rows are flagged, the others mostly not
    const shocked = v.rows.slice(0, 20).filter((x) => x?.significant).length
    const calm = v.rows.slice(20).filter((x) => x?.significant).length
    expect(shocked).toBeGreaterThanOrEqual(18)
    expect(calm).toBeLessThanOrEqual(4)
    close(v.group.shareSignificant, (shocked + calm) / 40)
    expect(v.group.n).toBe(40)
    // group test: cross-sectional t of mean_t SAR^2 - 1
    const x = v.rows.map((q) => q?.meanSar2Minus1 as number)
    const mx = x.reduce((s, a) => s + a, 0) / 40
    const sx = Math.sqrt(x.reduce((s, a) => s + (a - mx) ** 2, 0) / 39)
    close(v.group.meanSar2Minus1, mx)
    close(v.group.test.stat, mx / (sx / Math.sqrt(40)))
    close(v.group.test.p, studentTTwoSidedP(mx / (sx / Math.sqrt(40)), 39))
    expect(v.group.test.p as number).toBeLessThan(0.001)
    for (const [path, n] of numbers(v)) if (!Number.isFinite(n)) throw new Error(path)
  })
  it('carries engine exclusions and needs two window returns', () => {
    const {panel} = synthetic({n: 3, firstRel: -120, lastRel: 3, seed: 2})
    for (let c = 0; c < 100; c++) panel.returns[c] = NaN
    panel.returns[panel.days + 122] = NaN
    panel.returns[panel.days + 123] = NaN
    const r = runEventStudy(panel, OPTS)
    const v = abnormalVolatility(panel, r, {window: [1, 3]})
    expect(v.rows[0]).toBeNull()
    expect(v.exclusions[0]).toMatch(/too few estimation observations/)
    expect(v.exclusions[1]).toMatch(/fewer than 2 returns/)
    expect(v.rows[2]).not.toBeNull()
    expect(v.group.n).toBe(1)
    expect(v.group.test.stat).toBeNull()
  })
})

describe('abnormal volume', () => {
  it('AV and SAV by hand; a planted spike is detected by the cross-sectional t and the sign test', () => {
    const n = 30
    const days = 61 // relative -50 .. 10
    const volume = new Float64Array(n * days)
    const z = normal(4)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < days; j++) volume[i * days + j] = Math.round(1e6 * Math.exp(0.3 * z()) * (j === 50 ? 3 : 1))
    volume[5 * days + 7] = NaN // a missing estimation volume
    const out = abnormalVolume(
      {n, days, firstRel: -50, volume},
      {estimation: [-50, -6], window: [0, 2], minObservations: 30},
    )
    // row 5 by hand, day 0
    const lv: number[] = []
    for (let j = 0; j <= 44; j++) if (j !== 7) lv.push(Math.log(1 + volume[5 * days + j]))
    const m = lv.reduce((s, a) => s + a, 0) / lv.length
    const s = Math.sqrt(lv.reduce((q, a) => q + (a - m) ** 2, 0) / (lv.length - 1))
    const av = Math.log(1 + volume[5 * days + 50]) - m
    close(out.av[5 * 3], av)
    close(out.sav[5 * 3], av / s)
    const d0 = out.daily[0]
    expect(d0.t).toBe(0)
    expect(d0.n).toBe(n)
    expect(d0.meanAv as number).toBeGreaterThan(0.9) // ln 3 = 1.10
    expect(d0.crossSectionalT.p as number).toBeLessThan(0.001)
    expect(d0.sign.p as number).toBeLessThan(0.001)
    expect(out.daily[1].crossSectionalT.p as number).toBeGreaterThan(0.001)
  })
  it('excludes rows without enough volume or with constant volume; skips missing days', () => {
    const days = 20
    const volume = new Float64Array(3 * days).fill(NaN)
    for (let j = 0; j < days; j++) {
      volume[days + j] = 500 // constant
      volume[2 * days + j] = 100 + j * 10
    }
    volume[2 * days + 16] = NaN // day 1 missing for row 2
    const out = abnormalVolume(
      {n: 3, days, firstRel: -15, volume},
      {estimation: [-15, -3], window: [0, 2], minObservations: 10},
    )
    expect(out.exclusions[0]).toMatch(/too few estimation volumes: 0/)
    expect(out.exclusions[1]).toBe('constant volume in the estimation window')
    expect(out.exclusions[2]).toBeNull()
    expect(out.daily[1].n).toBe(0)
    expect(out.daily[1].meanAv).toBeNull()
    expect(out.daily[0].n).toBe(1)
    expect(out.daily[0].crossSectionalT.stat).toBeNull()
    expect([...out.present.subarray(6, 9)]).toEqual([1, 0, 1])
  })
  it('honours an include mask', () => {
    const volume = Float64Array.from({length: 40}, (_, k) => 100 + ((k * 37) % 11))
    const out = abnormalVolume(
      {n: 2, days: 20, firstRel: -15, volume},
      {estimation: [-15, -3], window: [0, 0], minObservations: 5, include: Uint8Array.from([1, 0])},
    )
    expect(out.exclusions[1]).toMatch(/excluded/)
    expect(out.daily[0].n).toBe(1)
  })
  it('reads each row in its own series as the n × days matrix sliced from them would (missing outside them)', () => {
    const days = 30 // relative -20 .. 9
    const z = normal(9)
    const series = [40, 25, 60].map((len) => Float64Array.from({length: len}, () => Math.round(1e5 * Math.exp(z()))))
    // row 0 starts before its series, row 1 runs past its end, row 2 lies inside
    const starts = Int32Array.from([-5, 3, 20])
    const volume = new Float64Array(3 * days).fill(Number.NaN)
    series.forEach((s, i) => {
      for (let j = 0; j < days; j++)
        if (starts[i] + j >= 0 && starts[i] + j < s.length) volume[i * days + j] = s[starts[i] + j]
    })
    const opts = {estimation: [-20, -3] as const, window: [-2, 9] as const, minObservations: 5}
    const rows = abnormalVolumeRows({n: 3, days, firstRel: -20, series, starts}, opts)
    expect(rows).toEqual(abnormalVolume({n: 3, days, firstRel: -20, volume}, opts))
    expect(rows.present[1 * 12 + 11]).toBe(0) // day 9 of row 1 is past its series
  })
})
