import {describe, expect, it} from 'vitest'
import {
  erfc,
  fUpperTail,
  incompleteBeta,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../src/engine/distributions.js'

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol)

describe('log-gamma and incomplete functions', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    close(logGamma(10), Math.log(362880), 1e-12)
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14)
    close(logGamma(1), 0, 1e-14)
    close(
      logGamma(101),
      [...Array(100).keys()].reduce((s, k) => s + Math.log(k + 1), 0),
      1e-9,
    )
  })
  it('erfc at known points', () => {
    close(erfc(0), 1, 1e-15)
    close(erfc(1), 0.15729920705028513, 1e-15)
    close(erfc(-1), 1.8427007929497148, 1e-15)
    close(erfc(3) / 2.209049699858544e-5, 1, 1e-12)
  })
  it('I_x(a, b): symmetric case, I_x(1, b) = 1 - (1 - x)^b, I_x(a, 1) = x^a', () => {
    close(incompleteBeta(0.5, 7, 7), 0.5, 1e-14)
    close(incompleteBeta(0.3, 1, 4.5), 1 - 0.7 ** 4.5, 1e-14)
    close(incompleteBeta(0.8, 3.5, 1), 0.8 ** 3.5, 1e-14)
    expect(incompleteBeta(0, 2, 3)).toBe(0)
    expect(incompleteBeta(1, 2, 3)).toBe(1)
  })
})

describe('standard normal', () => {
  it('cdf at known values', () => {
    close(normalCdf(0), 0.5, 1e-16)
    close(normalCdf(1), 0.8413447460685429, 1e-15)
    close(normalCdf(1.959963984540054), 0.975, 1e-15)
    close(normalCdf(-5) / 2.866515718791939e-7, 1, 1e-12)
  })
  it('two-sided p', () => {
    close(normalTwoSidedP(1.96), 0.04999579029644087, 1e-14)
    close(normalTwoSidedP(-1.96), 0.04999579029644087, 1e-14)
    expect(normalTwoSidedP(0)).toBe(1)
    expect(normalTwoSidedP(60)).toBe(0) // underflows to 0, never NaN
  })
  it('quantile inverts the cdf', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-13)
    close(normalQuantile(0.5), 0, 1e-15)
    for (const p of [1e-10, 0.001, 0.2, 0.9, 0.999999]) close(normalCdf(normalQuantile(p)) / p, 1, 1e-12)
  })
})

describe('Student t', () => {
  it('t(0.975, 10) = 2.228138851986', () => {
    close(studentTCdf(2.228138851986, 10), 0.975, 1e-12)
    close(studentTQuantile(0.975, 10), 2.228138851986, 1e-10)
    close(studentTTwoSidedP(2.228138851986, 10), 0.05, 1e-12)
  })
  it('logBeta agrees with log-gammas where those are exact enough', () => {
    close(logBeta(3, 4), Math.log(1 / 60), 1e-14)
    close(logBeta(12.5, 30), logGamma(12.5) + logGamma(30) - logGamma(42.5), 1e-12)
    close(logBeta(0.5, 40), logGamma(0.5) + logGamma(40) - logGamma(40.5), 1e-12)
  })
  it('closed forms: df 1 (Cauchy) and df 2', () => {
    for (const t of [-3, -0.5, 0, 0.7, 2, 12]) {
      close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13)
      close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13)
    }
    // qt(0.975, 2) = 0.95 / sqrt(2 * 0.975 * 0.025)
    close(studentTQuantile(0.975, 2), 0.95 / Math.sqrt(2 * 0.975 * 0.025), 1e-10)
  })
  it('tends to the normal for large df', () => {
    // first-order difference 2 φ(z)(z^3 + z) / (4 df) (A&S 26.7.5)
    const z = 1.96
    const phi = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)
    close(studentTTwoSidedP(z, 1e7) - normalTwoSidedP(z), (2 * phi * (z ** 3 + z)) / 4e7, 3e-11)
    close(studentTTwoSidedP(2.5, 99_999), normalTwoSidedP(2.5), 1e-5)
  })
  it('cdf agrees with Simpson integration of the density (df 30 and 248)', () => {
    for (const [t, df] of [
      [2, 30],
      [1.3, 248],
      [3.1, 248],
    ]) {
      const lnC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
      const dens = (x: number) => Math.exp(lnC - ((df + 1) / 2) * Math.log1p((x * x) / df))
      const m = 4000
      const h = t / m
      let s = dens(0) + dens(t)
      for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * dens(k * h)
      close(studentTCdf(t, df), 0.5 + (s * h) / 3, 1e-12)
    }
  })
  it('symmetric quantiles', () => {
    close(studentTQuantile(0.025, 10), -2.228138851986, 1e-10)
  })
})

describe('F distribution upper tail', () => {
  it('closed forms for d1 = 2 and d2 = 2', () => {
    // d1 = 2: P(F > f) = (1 + 2f/d2)^(-d2/2)
    close(fUpperTail(1.7, 2, 9), (1 + (2 * 1.7) / 9) ** -4.5, 1e-14)
    // d2 = 2: P(F > f) = 1 - (d1 f / (2 + d1 f))^(d1/2)
    close(fUpperTail(3, 5, 2), 1 - (15 / 17) ** 2.5, 1e-14)
  })
  it('F(1, ν) at t^2 equals the two-sided t p', () => {
    close(fUpperTail(2.228138851986 ** 2, 1, 10), 0.05, 1e-12)
    close(fUpperTail(4, 1, 37), studentTTwoSidedP(2, 37), 1e-13)
  })
  it('is 1 at f <= 0', () => {
    expect(fUpperTail(0, 3, 10)).toBe(1)
  })
})
