import {describe, expect, it} from 'vitest'
import type {TestBattery} from '../../src/engine/types.js'
import {runStudy} from '../../src/study/run.js'
import type {Bar} from '../../src/types.js'
import {MemStore, baseSpec, nonFinitePaths, syntheticMarket} from './synthetic.js'

const EVENT = '2025-01-02'

/** The treated group with one planted exclusion per reason, next to the three well-behaved members. */
function plantedMarket(): {store: MemStore; symbols: string[]} {
  const market = syntheticMarket({eventDate: EVENT, planted: -0.05})
  const bars = new Map(market.bars)
  const base = market.bars.get('AAA') as Bar[]
  const reshape = (f: (b: Bar, i: number) => Bar | null): Bar[] => base.flatMap((b, i) => f(b, i) ?? [])
  // two prices of 1e308 and 1e-300 in the estimation window: sigma is not finite
  bars.set(
    'HUGE',
    reshape((b, i) => (i === 100 ? {...b, adjClose: 1e308} : i === 101 ? {...b, adjClose: 1e-300} : b)),
  )
  // listed a week before the event: too few estimation observations
  bars.set(
    'NEWB',
    reshape((b) => (b.date >= '2024-12-20' ? b : null)),
  )
  // no price on the event day or the day before: a missing event-day return
  bars.set(
    'GAPS',
    reshape((b) => (b.date === EVENT || b.date === '2025-01-01' ? null : b)),
  )
  // the same price every day: constant returns
  bars.set(
    'FLAT',
    reshape((b) => ({...b, adjClose: 10, close: 10})),
  )
  // no prices on the study's trading days
  bars.set('NONE', [{date: '2019-01-02', open: null, high: null, low: null, close: 5, adjClose: 5, volume: null}])
  return {store: new MemStore(bars), symbols: ['HUGE', 'NEWB', 'GAPS', 'FLAT', 'NONE']}
}

describe('a security excluded for any reason leaves every group statistic', () => {
  it('N, CAAR and the tests of the group equal those of the well-behaved members alone', async () => {
    const {store, symbols} = plantedMarket()
    const clean = await runStudy(baseSpec(), store, {offline: true})
    const spec = baseSpec({
      groups: [{id: 'treated', label: 'Treated', symbols: ['AAA', ...symbols, 'BBB', 'CCC']}],
    })
    const r = await runStudy(spec, store, {offline: true})
    expect(nonFinitePaths(r)).toEqual([])
    const g = r.groups[0]
    const want = clean.groups[0]
    expect([g.n, g.excluded]).toEqual([3, symbols.length])
    expect(g.windows.map((w) => w.caar)).toEqual(want.windows.map((w) => w.caar))
    // raw tests only: the adjusted p-values' family is every group window of a study, and the two studies differ
    const raw = (b: TestBattery) =>
      Object.fromEntries(Object.entries(b).map(([k, {pHolm: _h, pBH: _b, ...t}]) => [k, t]))
    expect(g.windows.map((w) => raw(w.tests))).toEqual(want.windows.map((w) => raw(w.tests)))
    expect(g.daily).toEqual(want.daily)
    const reasons = Object.fromEntries(r.securities.filter((s) => s.excluded).map((s) => [s.symbol, s.excluded]))
    expect(Object.keys(reasons).sort()).toEqual([...symbols].sort())
    expect(reasons.HUGE).toMatch(/not finite/)
    expect(reasons.NEWB).toMatch(/too few estimation observations/)
    expect(reasons.GAPS).toMatch(
      /missing return on event day -1 \(2025-01-01: no price that day or the trading day before\)/,
    )
    expect(reasons.FLAT).toMatch(/constant return series/)
    expect(reasons.NONE).toMatch(/no prices in the store/)
    // the volatility section counts only the estimated members too
    const vol = r.volatility?.groups.find((v) => v.group === 'treated')
    expect(vol?.n).toBe(3)
  })
})
