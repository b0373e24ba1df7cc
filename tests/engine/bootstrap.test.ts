import {describe, expect, it} from 'vitest'
import {estimationWindowBootstrap, signFlipBootstrap} from '../../src/engine/bootstrap.js'
import {studentTTwoSidedP} from '../../src/engine/distributions.js'
import {createRandom} from '../../src/engine/random.js'
import {normal} from './random.js'

/** Textbook cross-sectional t (independent of the engine's code). */
function tStat(x: number[]): number {
  const n = x.length
  const m = x.reduce((s, v) => s + v, 0) / n
  const s2 = x.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1)
  return m / Math.sqrt(s2 / n)
}

/** CARs with a cross-sectional t near 2 (analytic p near 0.05). */
function cars(n: number, seed: number, shift: number): Float64Array {
  const z = normal(seed)
  return Float64Array.from({length: n}, () => shift + z())
}

describe('the engine PRNG', () => {
  it('is reproducible by seed and uniform on [0, 1)', () => {
    const a = createRandom(7)
    const b = createRandom(7)
    for (let k = 0; k < 100; k++) expect(a.uint32()).toBe(b.uint32())
    const r = createRandom(8)
    let s = 0
    let outside = 0
    const counts = new Int32Array(10)
    for (let k = 0; k < 100_000; k++) {
      const u = r.uniform()
      if (!(u >= 0 && u < 1)) outside++
      s += u
      counts[r.below(10)]++
    }
    expect(outside).toBe(0)
    expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.005)
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500)
  })
})

describe('sign-flip bootstrap of the cross-sectional t', () => {
  it('same seed, same result; the output names the scheme, draws and seed', () => {
    const x = cars(40, 1, 0.3)
    const a = signFlipBootstrap(x, 40, 999, 42)
    expect(signFlipBootstrap(x, 40, 999, 42)).toEqual(a)
    expect(a).toMatchObject({draws: 999, seed: 42, scheme: 'sign-flip', n: 40})
    expect(a.stat as number).toBeCloseTo(tStat([...x]), 12)
  })
  it('is near the analytic Student-t p on normal data', () => {
    for (const [seed, shift] of [
      [2, 0.3],
      [3, 0.2],
      [4, 0.05],
    ]) {
      const x = cars(60, seed, shift)
      const t = tStat([...x])
      const analytic = studentTTwoSidedP(t, 59)
      const boot = signFlipBootstrap(x, 60, 9999, 1)
      expect(Math.abs((boot.p as number) - analytic)).toBeLessThan(0.02 + 0.1 * analytic)
    }
  })
  it('the same p as a direct re-computation of the same sign draws', () => {
    for (const m of [7, 40, 101]) {
      const x = cars(m, 30 + m, 0.25)
      const mean = x.reduce((s, v) => s + v, 0) / m
      const S = Math.abs(tStat([...x]))
      const rng = createRandom(11)
      const B = 400
      let hits = 0
      for (let b = 0; b < B; b++) {
        const words = Array.from({length: Math.ceil(m / 32)}, () => rng.uint32())
        const star = [...x].map((v, k) => ((words[k >> 5] >>> (k & 31)) & 1 ? 1 : -1) * (v - mean))
        if (Math.abs(tStat(star)) >= S * (1 - 1e-12)) hits++
      }
      expect(signFlipBootstrap(x, m, B, 11).p).toBe((1 + hits) / (B + 1))
    }
  })
  it('p* is (1 + hits) / (B + 1): never 0, at most 1; undefined statistic gives null', () => {
    const big = signFlipBootstrap(cars(30, 5, 3), 30, 99, 1)
    expect(big.p).toBe(1 / 100)
    const none = signFlipBootstrap(new Float64Array([0.01, 0.01, 0.01]), 3, 99, 1)
    expect(none.stat).toBeNull()
    expect(none.p).toBeNull()
    expect(none.note).toBeTruthy()
  })
})

describe('estimation-window bootstrap', () => {
  const n = 80
  const L = 200
  const T = 5
  function panel(seed: number, common = 0): Float64Array {
    const z = normal(seed)
    const f = Array.from({length: L}, () => z())
    return Float64Array.from({length: n * L}, (_, k) => common * f[k % L] + z())
  }

  it('same seed, same result', () => {
    const est = panel(11)
    const car = cars(n, 12, 0.5)
    const a = estimationWindowBootstrap(car, est, n, L, T, 999, 5)
    expect(estimationWindowBootstrap(car, est, n, L, T, 999, 5)).toEqual(a)
    expect(a.scheme).toBe('estimation-window')
  })

  it('is near the analytic p for independent securities (CAR sd sqrt(T))', () => {
    const est = panel(13)
    const z = normal(14)
    const car = Float64Array.from({length: n}, () => Math.sqrt(T) * (0.25 + z()))
    const analytic = studentTTwoSidedP(tStat([...car]), n - 1)
    const boot = estimationWindowBootstrap(car, est, n, L, T, 9999, 3)
    expect(Math.abs((boot.p as number) - analytic)).toBeLessThan(0.02 + 0.15 * analytic)
  })

  it('keeps cross-correlation: with a common factor the p-value is much larger than the naive t', () => {
    const est = panel(15, 1)
    const car = cars(n, 16, 0.6).map((v) => v * Math.sqrt(T))
    const naive = studentTTwoSidedP(tStat([...car]), n - 1)
    const boot = estimationWindowBootstrap(car, est, n, L, T, 1999, 3)
    expect(naive).toBeLessThan(1e-3)
    expect(boot.p as number).toBeGreaterThan(0.05)
  })

  /** Direct re-computation: centre each row on its present days, draw T days per draw with the same generator. */
  function direct(car: Float64Array, est: Float64Array, m: number, Ls: number, Td: number, B: number, seed: number) {
    const rows = Array.from({length: m}, (_, i) => {
      const r = [...est.subarray(i * Ls, (i + 1) * Ls)]
      const p = r.filter((v) => !Number.isNaN(v))
      const mu = p.reduce((s, v) => s + v, 0) / p.length
      return r.map((v) => (Number.isNaN(v) ? null : v - mu))
    })
    const rng = createRandom(seed)
    const S = Math.abs(tStat([...car]))
    let hits = 0
    for (let b = 0; b < B; b++) {
      const days = Array.from({length: Td}, () => Math.floor((rng.uint32() / 4294967296) * Ls))
      const pseudo = rows.map((r) => {
        const vals = days.map((d) => r[d]).filter((v): v is number => v !== null)
        return vals.length === 0 ? 0 : vals.reduce((s, v) => s + v, 0) * Math.sqrt(Td / vals.length)
      })
      if (Math.abs(tStat(pseudo)) >= S * (1 - 1e-12)) hits++
    }
    return (1 + hits) / (B + 1)
  }

  it('missing days: skipped and rescaled, as a direct re-computation of the same draws', () => {
    const m = 6
    const Ls = 12
    const z = normal(21)
    const est = Float64Array.from({length: m * Ls}, () => z())
    for (const k of [0, 5, 13, 30, 31, 32, 47, 70]) est[k] = Number.NaN
    const car = Float64Array.from({length: m}, () => 0.5 + z())
    expect(estimationWindowBootstrap(car, est, m, Ls, 4, 300, 9).p).toBe(direct(car, est, m, Ls, 4, 300, 9))
  })

  it('complete panel (day Gram matrix form): the same p as the direct re-computation', () => {
    const m = 40
    const Ls = 30
    const z = normal(22)
    const est = Float64Array.from({length: m * Ls}, () => z())
    const car = Float64Array.from({length: m}, () => Math.sqrt(6) * (0.3 + z()))
    expect(estimationWindowBootstrap(car, est, m, Ls, 6, 500, 4).p).toBe(direct(car, est, m, Ls, 6, 500, 4))
  })

  it('9,999 draws for 1,000 securities: both schemes timed', () => {
    const N = 1000
    const Le = 250
    const z = normal(31)
    const est = Float64Array.from({length: N * Le}, () => z())
    const car = Float64Array.from({length: N}, () => 0.05 + z())
    let t0 = performance.now()
    const a = signFlipBootstrap(car, N, 9999, 1)
    const signMs = performance.now() - t0
    t0 = performance.now()
    const b = estimationWindowBootstrap(car, est, N, Le, 5, 9999, 1)
    const estMs = performance.now() - t0
    t0 = performance.now()
    estimationWindowBootstrap(car, est, N, Le, 31, 9999, 1)
    const est31Ms = performance.now() - t0
    console.log(
      `bootstrap, 9,999 draws × 1,000 securities: sign-flip ${signMs.toFixed(0)} ms, estimation-window T = 5 ${estMs.toFixed(0)} ms, T = 31 ${est31Ms.toFixed(0)} ms`,
    )
    expect(a.p).not.toBeNull()
    expect(b.p).not.toBeNull()
    expect(signMs).toBeLessThan(5000)
    expect(estMs).toBeLessThan(10000)
  })
})
