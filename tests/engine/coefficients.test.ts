import {describe, expect, it} from 'vitest'
import {adjustedR2, modelReport} from '../../src/engine/coefficients.js'
import {runEventStudy} from '../../src/engine/event-study.js'
import {fitLinearModel, isLinearFailure} from '../../src/engine/linear-model.js'
import {fitModel, isExclusion} from '../../src/engine/models.js'
import type {EngineOptions, RowFit} from '../../src/engine/types.js'
import {synthetic} from './panel.js'
import {expectRelClose as close} from './close.js'

const OPTS: EngineOptions = {
  model: 'market',
  returns: 'simple',
  estimation: [-120, -11],
  windows: [
    [0, 0],
    [-1, 1],
  ],
  minObservations: 60,
}

describe('model report', () => {
  it('market model coefficients equal the general linear model with one regressor', () => {
    const {panel} = synthetic({n: 1, firstRel: -120, lastRel: 5, seed: 3})
    const f = fitModel('market', panel.returns, 0, panel.market, 0, 110, 30) as RowFit
    const g = fitLinearModel(panel.returns, 0, [{x: panel.market, off: 0}], 110)
    if (isExclusion(f) || isLinearFailure(g)) throw new Error('fit failed')
    const r = modelReport('market', f)
    expect(r.coefficients.map((c) => c.name)).toEqual(['alpha', 'beta'])
    for (let j = 0; j < 2; j++) {
      close(r.coefficients[j].se, g.se[j], 1e-10)
      close(r.coefficients[j].t, g.t[j], 1e-9)
      close(r.coefficients[j].p, g.p[j], 1e-9)
    }
    close(r.adjR2, g.adjR2, 1e-10)
    close(adjustedR2(0.5, 11, 2), 1 - (0.5 * 10) / 9)
  })

  it('Dimson reports each lag slope and their sum with its standard error', () => {
    const {panel} = synthetic({n: 3, firstRel: -120, lastRel: 5, seed: 4})
    const r = runEventStudy(panel, {...OPTS, model: 'dimson', lags: 2})
    expect(r.d).toBe(6)
    const fit = r.fits[0] as RowFit
    const rep = modelReport('dimson', fit)
    expect(rep.coefficients.map((c) => c.name)).toEqual([
      'alpha',
      'Rm(t-2)',
      'Rm(t-1)',
      'Rm(t)',
      'Rm(t+1)',
      'Rm(t+2)',
      'beta',
    ])
    const slopes = rep.coefficients.slice(1, 6).reduce((s, c) => s + c.value, 0)
    close(rep.coefficients[6].value, slopes)
    expect(rep.coefficients[6].se).toBeGreaterThan(0)
    expect(fit.df).toBe(fit.L - 6)
  })
})

describe('thin-trading models in the engine', () => {
  it('find a planted abnormal return with betas around the true ones', () => {
    const {panel, beta} = synthetic({n: 40, firstRel: -120, lastRel: 5, seed: 21, planted: {0: 0.03}})
    for (const model of ['scholes-williams', 'dimson'] as const) {
      const r = runEventStudy(panel, {...OPTS, model})
      expect(r.nIncluded).toBe(40)
      const w0 = r.windows[0]
      expect(w0.caar).toBeGreaterThan(0.02)
      expect(w0.tests.crossSectionalT.p).toBeLessThan(0.001)
      // synchronous traders: the betas scatter around the true ones
      let bias = 0
      for (let i = 0; i < 40; i++) bias += ((r.fits[i] as RowFit).beta - beta[i]) / 40
      expect(Math.abs(bias)).toBeLessThan(0.1)
    }
    const sw = modelReport(
      'scholes-williams',
      runEventStudy(panel, {...OPTS, model: 'scholes-williams'}).fits[0] as RowFit,
    )
    expect(sw.coefficients.map((c) => [c.name, c.se])).toEqual([
      ['alpha', null],
      ['beta', null],
    ])
  })
})
