/**
 * Seeded synthetic factor data for runner tests: three factors and a risk-free rate on the synthetic calendar,
 * a benchmark whose return is RF + Mkt-RF, and securities R = RF + a + b'F + e with known loadings, a planted
 * abnormal return on the event day for the treated ones. Factor sets are stored in a temp price store.
 */
import path from 'node:path'
import {PriceStore} from '../../src/store/store.js'
import type {FactorSetInput} from '../../src/store/factors.js'
import type {Bar} from '../../src/types.js'
import {normal} from '../engine/random.js'
import {tempDir} from '../helpers/cli.js'
import {barsFromReturns, MemStore, weekdays} from './synthetic.js'

export const LOADINGS: Record<string, {alpha: number; b: [number, number, number]; treated: boolean}> = {
  AAA: {alpha: 0.0004, b: [1.2, 0.5, -0.3], treated: true},
  BBB: {alpha: -0.0002, b: [0.8, -0.4, 0.6], treated: true},
  CCC: {alpha: 0.0001, b: [1.5, 0.9, 0.2], treated: true},
  DDD: {alpha: 0.0, b: [1.0, 0.0, 0.0], treated: false},
  EEE: {alpha: 0.0003, b: [0.6, 1.1, -0.8], treated: false},
}

export interface SyntheticFactors {
  dates: string[]
  /** Decimal returns per day: mkt_rf, smb, hml, rf (as stored / 100). */
  f: {mkt_rf: number[]; smb: number[]; hml: number[]; rf: number[]}
  bars: Map<string, Bar[]>
  /** The ff3 set as stored, percent per day; `drop` days have no values. */
  set: FactorSetInput
}

/** The synthetic market with factors; days in `drop` are missing from the stored set; `lastDate` cuts it. */
export function syntheticFactors(
  opts: {eventDate: string; planted: number; seed?: number; drop?: string[]; lastDate?: string} = {
    eventDate: '2025-01-02',
    planted: -0.05,
  },
): SyntheticFactors {
  const z = normal(opts.seed ?? 11)
  const dates = weekdays('2024-01-01', 320, ['2024-12-25'])
  // Percent per day, rounded to 4 places as French's files are: the stored value is exact.
  const pct = (x: number): number => Math.round(x * 1e4) / 1e4
  const rows = dates.map(() => [pct(0.03 + 1 * z()), pct(0.5 * z()), pct(0.5 * z()), pct(0.018 + 0.002 * z())])
  const f = {
    mkt_rf: rows.map((r) => r[0] / 100),
    smb: rows.map((r) => r[1] / 100),
    hml: rows.map((r) => r[2] / 100),
    rf: rows.map((r) => r[3] / 100),
  }
  const bars = new Map<string, Bar[]>()
  bars.set(
    'MKT',
    barsFromReturns(
      dates,
      f.mkt_rf.map((m, i) => (i === 0 ? 0 : m + f.rf[i])),
      4000,
    ),
  )
  const e = dates.indexOf(opts.eventDate)
  for (const [s, l] of Object.entries(LOADINGS)) {
    const r = dates.map((_, i) => {
      if (i === 0) return 0
      const sys = f.rf[i] + l.alpha + l.b[0] * f.mkt_rf[i] + l.b[1] * f.smb[i] + l.b[2] * f.hml[i]
      return sys + 0.004 * z() + (l.treated && i === e ? opts.planted : 0)
    })
    bars.set(s, barsFromReturns(dates, r, 50))
  }
  const keep = dates.map((d) => !(opts.drop ?? []).includes(d) && (opts.lastDate === undefined || d <= opts.lastDate))
  const set: FactorSetInput = {
    name: 'ff3',
    source: 'synthetic',
    columns: [
      {key: 'mkt_rf', name: 'Mkt-RF'},
      {key: 'smb', name: 'SMB'},
      {key: 'hml', name: 'HML'},
      {key: 'rf', name: 'RF'},
    ],
    dates: dates.filter((_, i) => keep[i]),
    values: rows.filter((_, i) => keep[i]),
    vintage: null,
    vintageLine: null,
  }
  return {dates, f, bars, set}
}

/** A MemStore whose factor sets live in a temp price store (close it after the test). */
export class FactorMemStore extends MemStore {
  readonly store: PriceStore
  constructor(bars: Map<string, Bar[]>, sets: FactorSetInput[]) {
    super(bars)
    this.store = PriceStore.open(path.join(tempDir(), 'cache'))
    for (const s of sets) this.store.factors.replace(s)
  }
  get factors() {
    return this.store.factors
  }
}

/** OLS by the normal equations, solved by Gauss-Jordan: coefficients and their standard errors (independent check). */
export function ols(X: number[][], y: number[]): {b: number[]; se: number[]; sigma: number} {
  const n = X.length
  const d = X[0].length
  const a = Array.from({length: d}, (_, i) => [
    ...Array.from({length: d}, (_, j) => X.reduce((s, r) => s + r[i] * r[j], 0)),
    ...Array.from({length: d}, (_, j) => (i === j ? 1 : 0)),
  ])
  for (let c = 0; c < d; c++) {
    const p = a[c][c]
    for (let j = 0; j < 2 * d; j++) a[c][j] /= p
    for (let r = 0; r < d; r++) {
      if (r === c) continue
      const m = a[r][c]
      for (let j = 0; j < 2 * d; j++) a[r][j] -= m * a[c][j]
    }
  }
  const inv = a.map((r) => r.slice(d))
  const xty = Array.from({length: d}, (_, i) => X.reduce((s, r, k) => s + r[i] * y[k], 0))
  const b = inv.map((r) => r.reduce((s, v, j) => s + v * xty[j], 0))
  const ssr = X.reduce((s, r, k) => s + (y[k] - r.reduce((t, v, j) => t + v * b[j], 0)) ** 2, 0)
  const s2 = ssr / (n - d)
  return {b, se: inv.map((r, i) => Math.sqrt(s2 * r[i])), sigma: Math.sqrt(s2)}
}
