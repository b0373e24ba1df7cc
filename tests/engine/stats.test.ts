// The engine's basic statistics against simple-statistics, an independent, widely used implementation.
import * as ss from 'simple-statistics'
import {describe, expect, it} from 'vitest'
import {ols} from '../../src/engine/ols.js'
import {crossSectionalT} from '../../src/engine/parametric-tests.js'
import {mean, sd, variance} from '../../src/engine/stats.js'
import {normal} from './random.js'

const z = normal(11)
const xs = Array.from({length: 250}, () => 0.01 * z())
const ys = xs.map((x) => 0.0004 + 1.3 * x + 0.006 * z())

describe('the engine agrees with simple-statistics', () => {
  it('mean, sample variance and standard deviation', () => {
    const a = Float64Array.from(ys)
    expect(mean(a)).toBeCloseTo(ss.mean(ys), 15)
    expect(variance(a)).toBeCloseTo(ss.sampleVariance(ys), 15)
    expect(sd(a)).toBeCloseTo(ss.sampleStandardDeviation(ys), 15)
  })

  it('OLS slope, intercept and R^2 of the market model', () => {
    const f = ols(Float64Array.from(ys), 0, Float64Array.from(xs), 0, xs.length)
    const pairs = xs.map((x, i) => [x, ys[i]])
    const line = ss.linearRegression(pairs)
    expect(f.beta).toBeCloseTo(line.m, 12)
    expect(f.alpha).toBeCloseTo(line.b, 14)
    expect(f.r2).toBeCloseTo(ss.rSquared(pairs, ss.linearRegressionLine(line)), 12)
  })

  it('the cross-sectional t is the one-sample t statistic (sample sd, divisor N - 1)', () => {
    // simple-statistics' tTest divides by the population sd (divisor N): rescale it to the sample sd
    const n = ys.length
    expect(crossSectionalT(Float64Array.from(ys)).stat).toBeCloseTo(ss.tTest(ys, 0) * Math.sqrt((n - 1) / n), 12)
  })
})

describe('meanConfidenceBand', () => {
  it('is mean ± 1.96 s / sqrt(N) at 95% (hand-checked), none with one value', async () => {
    const {meanConfidenceBand} = await import('../../src/engine/confidence-band.js')
    const v = Float64Array.from([1, 2, 3, 4])
    // mean 2.5, s = sqrt(5/3), half = 1.959963984540054 * 1.2909944487358056 / 2
    const band = meanConfidenceBand(v)
    expect(band.mean).toBe(2.5)
    expect(band.lo).toBeCloseTo(2.5 - 1.26515131188166, 9)
    expect(band.hi).toBeCloseTo(2.5 + 1.26515131188166, 9)
    expect(meanConfidenceBand(Float64Array.from([7]))).toEqual({mean: 7, lo: null, hi: null})
  })
})
