import {describe, expect, it} from 'vitest'
import {readSnapshot, SnapshotSource} from '../../src/sources/snapshot.js'
import {runLiveComparison} from '../../src/study/live-comparison.js'
import {runStudy} from '../../src/study/run.js'
import {snapshotStudy} from '../../src/study/snapshot.js'
import type {Bar} from '../../src/types.js'
import {MemStore, baseSpec, syntheticMarket} from './synthetic.js'

const EVENT = '2025-01-02'

describe('a pinned snapshot beside live data', () => {
  it('shows where CAARs moved and why prices differ: re-based adjusted closes, a revised day, the same prices', async () => {
    const market = syntheticMarket({eventDate: EVENT, planted: -0.04})
    const spec = baseSpec()
    const snap = await snapshotStudy(spec, new MemStore(market.bars), {offline: true})
    const source = new SnapshotSource(readSnapshot(snap.bytes, 'pinned.gz'), 'pinned.gz')
    const pinned = await runStudy(spec, source, {offline: true})
    const bars = new Map(market.bars)
    const scale = (b: Bar, f: number): Bar => ({...b, adjClose: (b.adjClose as number) * f})
    // a dividend since the snapshot re-bases AAA's adjusted history by one factor: its returns do not change
    bars.set(
      'AAA',
      (market.bars.get('AAA') as Bar[]).map((b) => scale(b, 0.98)),
    )
    // a revised close of BBB on the event day moves its returns, and CAAR
    bars.set(
      'BBB',
      (market.bars.get('BBB') as Bar[]).map((b) => (b.date === EVENT ? scale(b, 1.03) : b)),
    )
    const c = await runLiveComparison(spec, {result: pinned, source}, new MemStore(bars), {offline: true})
    expect(c.snapshot).toMatchObject({file: 'pinned.gz', sha256: snap.sha256})
    const why = Object.fromEntries(c.prices.map((p) => [p.symbol, p.why]))
    expect(why.AAA).toMatch(/^adjusted closes re-based by a factor of 0\.980000 \(a dividend or split paid since\)/)
    expect(why.BBB).toMatch(new RegExp(`^1 of \\d+ prices differ, first on ${EVENT} \\(a revised history\\)`))
    expect(why.CCC).toMatch(/^same prices on \d+ days/)
    const day0 = c.windows.find((w) => w.group === 'treated' && w.window[0] === 0 && w.window[1] === 0)
    expect(day0?.change).toBeCloseTo(0.03 / 3, 3)
    const control = c.windows.filter((w) => w.group === 'control')
    expect(control.every((w) => w.change === 0)).toBe(true)
  })

  it('a study without a pinned snapshot has nothing to compare', async () => {
    const store = new MemStore(syntheticMarket({eventDate: EVENT, planted: 0}).bars)
    const result = await runStudy(baseSpec(), store, {offline: true})
    await expect(runLiveComparison(baseSpec(), {result, source: store}, store, {offline: true})).rejects.toThrow(
      /--compare-live: study synthetic pins no data snapshot/,
    )
  })
})
