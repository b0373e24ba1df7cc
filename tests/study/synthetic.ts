/** Seeded synthetic prices for runner tests: known alpha, beta and a planted abnormal return. */
import type {StudySpec} from '../../src/spec/types.js'
import type {Bar} from '../../src/types.js'
import {normal} from '../engine/random.js'

/** Weekdays from `from`, `count` of them, leaving out `holidays`. */
export function weekdays(from: string, count: number, holidays: string[] = []): string[] {
  const out: string[] = []
  const d = new Date(from + 'T00:00:00Z')
  while (out.length < count) {
    const iso = d.toISOString().slice(0, 10)
    const wd = d.getUTCDay()
    if (wd !== 0 && wd !== 6 && !holidays.includes(iso)) out.push(iso)
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}

export function barsFromReturns(
  dates: string[],
  returns: number[],
  start = 100,
  opts: {adj?: boolean; volume?: (i: number) => number | null} = {},
): Bar[] {
  let p = start
  return dates.map((date, i) => {
    if (i > 0) p *= 1 + returns[i]
    const v = opts.volume ? opts.volume(i) : null
    return {
      date,
      open: null,
      high: null,
      low: null,
      close: opts.adj === false ? p : p * 1.01,
      adjClose: opts.adj === false ? null : p,
      volume: v,
    }
  })
}

export interface SyntheticMarket {
  dates: string[]
  rm: number[]
  bars: Map<string, Bar[]>
  /** True parameters per symbol. */
  truth: Map<string, {alpha: number; beta: number}>
}

/**
 * 320 weekdays from 2024-01-01 with 2024-12-25 closed; event day 2025-01-02 is index ~262... The market has sd 1%;
 * securities r = alpha + beta rm + e (sd 0.4%), plus `planted` on `eventDate` for the treated ones. With
 * `eventMarket`, the market's return on the event day is that (the other draws unchanged).
 */
export function syntheticMarket(opts: {
  eventDate: string
  planted: number
  seed?: number
  eventMarket?: number
}): SyntheticMarket {
  const z = normal(opts.seed ?? 7)
  const dates = weekdays('2024-01-01', 320, ['2024-12-25'])
  const rm = dates.map((_, i) => (i === 0 ? 0 : 0.0003 + 0.01 * z()))
  if (opts.eventMarket !== undefined) rm[dates.indexOf(opts.eventDate)] = opts.eventMarket
  const bars = new Map<string, Bar[]>()
  const truth = new Map<string, {alpha: number; beta: number}>()
  bars.set('MKT', barsFromReturns(dates, rm, 4000, {volume: () => 1e9}))
  const specs: Array<[string, number, number, boolean]> = [
    ['AAA', 0.0005, 1.2, true],
    ['BBB', -0.0002, 0.8, true],
    ['CCC', 0.0001, 1.5, true],
    ['DDD', 0.0, 1.0, false],
    ['EEE', 0.0003, 0.6, false],
  ]
  const e = dates.indexOf(opts.eventDate)
  for (const [s, alpha, beta, treated] of specs) {
    const r = dates.map((_, i) =>
      i === 0 ? 0 : alpha + beta * rm[i] + 0.004 * z() + (treated && i === e ? opts.planted : 0),
    )
    bars.set(
      s,
      barsFromReturns(dates, r, 50, {
        volume: (i) => Math.round(1e6 * Math.exp(0.2 * z())) * (treated && i === e ? 5 : 1),
      }),
    )
    truth.set(s, {alpha, beta})
  }
  return {dates, rm, bars, truth}
}

export function baseSpec(over: Partial<StudySpec> = {}): StudySpec {
  return {
    name: 'synthetic',
    title: null,
    description: null,
    questions: [],
    file: null,
    benchmark: 'MKT',
    price: 'adjClose',
    returns: 'simple',
    model: {kind: 'market'},
    nonTradingDay: 'next',
    estimation: {from: -250, to: -11, minObservations: 100},
    windows: [
      [0, 0],
      [-1, 1],
      [0, 4],
    ],
    eventsKind: 'common',
    events: [{id: 'ev', date: '2025-01-02', label: 'the event', symbol: null, group: null}],
    groups: [
      {id: 'treated', label: 'Treated', symbols: ['AAA', 'BBB', 'CCC']},
      {id: 'control', label: null, symbols: ['DDD', 'EEE']},
    ],
    index: null,
    volatilityWindow: null,
    history: [],
    shares: [],
    claims: [],
    ...over,
  }
}

/** An in-memory store with PriceStore's read interface. */
export class MemStore {
  constructor(readonly bars: Map<string, Bar[]>) {}
  hasSymbol(s: string): boolean {
    return (this.bars.get(s)?.length ?? 0) > 0
  }
  lastDate(s: string): string | null {
    const b = this.bars.get(s)
    return b && b.length > 0 ? b[b.length - 1].date : null
  }
  getBars(s: string, from = '0000', to = '9999'): Bar[] {
    return (this.bars.get(s) ?? []).filter((b) => b.date >= from && b.date <= to)
  }
}

/** Paths of every NaN or non-finite number in a value. */
export function nonFinitePaths(x: unknown, path = '$'): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path]
  if (Array.isArray(x)) return x.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`))
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`))
  return []
}
