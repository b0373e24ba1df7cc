import {describe, expect, it} from 'vitest'
import {pathAbnormalReturns} from '../../src/engine/ar-path.js'
import {modelReport} from '../../src/engine/coefficients.js'
import {abnormalVolatility} from '../../src/engine/volatility.js'
import {runEventStudy} from '../../src/engine/event-study.js'
import type {EngineOptions, EventPanel, RowFit} from '../../src/engine/types.js'
import {synthetic} from './panel.js'
import {normal} from './random.js'
import {expectRelClose as close} from './close.js'

const OPTS: EngineOptions = {
  model: 'factors',
  returns: 'simple',
  estimation: [-250, -11],
  windows: [
    [0, 0],
    [-2, 2],
  ],
  minObservations: 100,
}

/** ff3-like: Mkt-RF, SMB, HML with known loadings per row, RF 0.0001 a day, AR planted on day 0. */
function ff3Panel(seed: number, n: number, planted: number) {
  const z = normal(seed)
  const firstRel = -250
  const days = 256
  const mkt = Float64Array.from({length: days}, () => 0.0003 + 0.01 * z())
  const smb = Float64Array.from({length: days}, () => 0.005 * z())
  const hml = Float64Array.from({length: days}, () => 0.005 * z())
  const rf = new Float64Array(days).fill(0.0001)
  const returns = new Float64Array(n * days)
  const loadings: number[][] = []
  for (let i = 0; i < n; i++) {
    const b = [1 + 0.3 * z(), 0.5 * z(), 0.5 * z()]
    loadings.push(b)
    for (let j = 0; j < days; j++) {
      const ar = firstRel + j === 0 ? planted : 0
      returns[i * days + j] = rf[j] + 0.0002 + b[0] * mkt[j] + b[1] * smb[j] + b[2] * hml[j] + 0.01 * z() + ar
    }
  }
  const panel: EventPanel = {
    n,
    days,
    firstRel,
    returns,
    market: mkt.map((v, j) => v + rf[j]),
    calendarStart: new Int32Array(n),
    factors: [mkt, smb, hml],
    factorNames: ['Mkt-RF', 'SMB', 'HML'],
    riskFree: rf,
  }
  return {panel, loadings}
}

describe('factor model in the engine', () => {
  it('finds a planted AR under ff3-like factors and recovers the loadings with their SEs', () => {
    const {panel, loadings} = ff3Panel(77, 30, 0.04)
    const r = runEventStudy(panel, OPTS)
    expect(r.d).toBe(4)
    expect(r.nIncluded).toBe(30)
    expect(r.windows[0].caar as number).toBeGreaterThan(0.035)
    expect(r.windows[0].tests.crossSectionalT.p as number).toBeLessThan(1e-6)
    let outside = 0
    for (let i = 0; i < 30; i++) {
      const rep = modelReport('factors', r.fits[i] as RowFit, panel.factorNames)
      expect(rep.coefficients.map((c) => c.name)).toEqual(['alpha', 'Mkt-RF', 'SMB', 'HML'])
      for (let a = 0; a < 3; a++) {
        const c = rep.coefficients[a + 1]
        // SE of a slope ~ sigma / (sd(F) sqrt(L)): 0.01 / (0.005 sqrt(240)) ~ 0.13 for SMB and HML
        expect(c.se as number).toBeLessThan(0.2)
        if (Math.abs(c.value - loadings[i][a]) > 2 * (c.se as number)) outside++
      }
    }
    // about 5% of 90 slopes fall outside 2 SEs
    expect(outside).toBeLessThan(12)
    expect(r.systematic?.length).toBe(30 * 256)
  })

  it('with the market as the only factor and no RF equals the market model to 1e-12', () => {
    const {panel} = synthetic({n: 5, firstRel: -250, lastRel: 5, seed: 8, planted: {0: 0.02}})
    const m = runEventStudy(panel, {...OPTS, model: 'market'})
    const f = runEventStudy({...panel, factors: [panel.market]}, OPTS)
    expect(f.d).toBe(2)
    for (let i = 0; i < 5; i++) {
      const a = m.fits[i] as RowFit
      const b = f.fits[i] as RowFit
      close(b.alpha, a.alpha)
      close(b.sigma, a.sigma)
    }
    for (let j = 0; j < m.ar.length; j++) {
      close(f.ar[j], m.ar[j])
      close(f.sar[j], m.sar[j], 1e-10)
    }
    for (let w = 0; w < 2; w++) {
      for (let i = 0; i < 5; i++) {
        close(f.windows[w].varCar[i], m.windows[w].varCar[i], 1e-10)
        close(f.windows[w].scar[i], m.windows[w].scar[i], 1e-10)
        close(f.windows[w].bhar[i], m.windows[w].bhar[i], 1e-10)
      }
      close(f.windows[w].tests.crossSectionalT.stat as number, m.windows[w].tests.crossSectionalT.stat as number, 1e-9)
    }
  })

  it("AR paths and abnormal volatility read each row's systematic return and the general C_it", () => {
    const {panel} = ff3Panel(5, 6, 0.03)
    const r = runEventStudy(panel, OPTS)
    const D = r.eventDays.length
    for (let i = 0; i < 6; i++) {
      const path = pathAbnormalReturns(panel, i, r.fits[i] as RowFit, 'factors', -2, 2)
      expect(path.map((p) => p.t)).toEqual([-2, -1, 0, 1, 2])
      for (let j = 0; j < D; j++) {
        const day = path.find((p) => p.t === r.eventDays[j])
        close(day?.ar as number, r.ar[i * D + j])
        close(day?.sar as number, r.sar[i * D + j])
      }
    }
    const v = abnormalVolatility(panel, r, {window: [-2, 2]})
    expect(v.rows.filter((x) => x !== null).length).toBe(6)
  })

  it('needs factor regressors', () => {
    const {panel} = synthetic({n: 2, firstRel: -250, lastRel: 5, seed: 9})
    expect(() => runEventStudy(panel, OPTS)).toThrow(/at least one factor/)
  })
})
