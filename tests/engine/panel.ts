/** Seeded synthetic event panels with known alpha, beta, sigma and planted abnormal returns. */
import type {EventPanel} from '../../src/engine/types.js'
import {normal} from './random.js'

export interface Synthetic {
  panel: EventPanel
  alpha: number[]
  beta: number[]
  sigma: number[]
}

export interface SyntheticOptions {
  n: number
  firstRel: number
  lastRel: number
  seed: number
  /** Abnormal return added on each of these relative days. */
  planted?: Record<number, number>
  sdMarket?: number
  /** Per-row market series (n × days) instead of one shared row. */
  perRowMarket?: boolean
}

export function synthetic(o: SyntheticOptions): Synthetic {
  const z = normal(o.seed)
  const days = o.lastRel - o.firstRel + 1
  const sdM = o.sdMarket ?? 0.012
  const shared = Float64Array.from({length: days}, () => 0.0003 + sdM * z())
  const market = o.perRowMarket ? new Float64Array(o.n * days) : shared
  const returns = new Float64Array(o.n * days)
  const alpha: number[] = []
  const beta: number[] = []
  const sigma: number[] = []
  for (let i = 0; i < o.n; i++) {
    const a = 0.0005 * z()
    const b = 1 + 0.4 * z()
    const s = 0.008 + 0.008 * Math.abs(z())
    alpha.push(a)
    beta.push(b)
    sigma.push(s)
    for (let j = 0; j < days; j++) {
      const m = o.perRowMarket ? 0.0003 + sdM * z() : shared[j]
      if (o.perRowMarket) market[i * days + j] = m
      returns[i * days + j] = a + b * m + s * z() + (o.planted?.[o.firstRel + j] ?? 0)
    }
  }
  return {
    panel: {n: o.n, days, firstRel: o.firstRel, returns, market, calendarStart: new Int32Array(o.n)},
    alpha,
    beta,
    sigma,
  }
}

/** Every number reachable from x (objects, arrays, typed arrays), with its path. */
export function* numbers(x: unknown, path = '$'): Generator<[string, number]> {
  if (typeof x === 'number') yield [path, x]
  else if (ArrayBuffer.isView(x)) {
    const a = x as unknown as ArrayLike<number>
    for (let k = 0; k < a.length; k++) yield [`${path}[${k}]`, a[k]]
  } else if (Array.isArray(x)) for (let k = 0; k < x.length; k++) yield* numbers(x[k], `${path}[${k}]`)
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) yield* numbers(v, `${path}.${k}`)
}
