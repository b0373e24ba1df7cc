import {describe, expect, it} from 'vitest'
import {readSnapshot, SnapshotSource} from '../../src/sources/snapshot.js'
import {runStudy} from '../../src/study/run.js'
import {snapshotStudy} from '../../src/study/snapshot.js'
import {MemStore, baseSpec, syntheticMarket} from './synthetic.js'

const EVENT = '2025-01-02'

describe('a study run from its data snapshot', () => {
  it('gives byte for byte the JSON of the run from the store, plus where the data came from', async () => {
    const store = new MemStore(syntheticMarket({eventDate: EVENT, planted: -0.04}).bars)
    const spec = baseSpec({
      index: {base: {from: '2024-02-01', to: '2024-02-29'}, asOf: '2025-01-10', weighting: 'equal'},
    })
    const fromStore = await runStudy(spec, store, {offline: true})
    const snap = await snapshotStudy(spec, store, {
      offline: true,
      describe: () => ({source: 'csv:x.csv', written: null}),
    })
    const source = new SnapshotSource(readSnapshot(snap.bytes, 'synthetic.data.csv.gz'), 'synthetic.data.csv.gz')
    const fromSnapshot = await runStudy(spec, source, {offline: true})
    expect(fromSnapshot.data).toEqual({
      source: 'snapshot',
      file: 'synthetic.data.csv.gz',
      sha256: snap.sha256,
      asOf: fromStore.dataAsOf,
      study: 'synthetic',
      toolVersion: fromStore.tool.version,
    })
    const {data: _, ...rest} = fromSnapshot
    expect(JSON.stringify(rest, null, 2)).toBe(JSON.stringify(fromStore, null, 2))
    // the benchmark whole (it is the calendar), the securities over the dates the run reads
    expect(snap.symbols.map((s) => [s.symbol, s.covers === null])).toEqual([
      ['MKT', true],
      ['AAA', false],
      ['BBB', false],
      ['CCC', false],
      ['DDD', false],
      ['EEE', false],
    ])
  })

  it('a symbol the snapshot lacks is an error naming the file, never other data', async () => {
    const store = new MemStore(syntheticMarket({eventDate: EVENT, planted: 0}).bars)
    const snap = await snapshotStudy(baseSpec(), store, {offline: true})
    const source = new SnapshotSource(readSnapshot(snap.bytes, 's.gz'), 's.gz')
    const wider = baseSpec({groups: [{id: 'g', label: null, symbols: ['AAA', 'ZZZ']}]})
    await expect(runStudy(wider, source, {offline: false, fetchMissing: async () => []})).rejects.toThrow(
      /^s\.gz: the data snapshot has no prices for ZZZ, which study synthetic reads/,
    )
  })
})
