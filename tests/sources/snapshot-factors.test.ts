// The factor values of a data snapshot: written after the bars (format 2), read back like the store's sets, a range
// or column the snapshot lacks refused, malformed rows named by line.
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {InputError, MissingDataError} from '../../src/errors.js'
import {readSnapshot, SnapshotSource, writeSnapshot} from '../../src/sources/snapshot.js'
import type {Bar} from '../../src/types.js'

const bar = (date: string, close: number): Bar => ({
  date,
  open: null,
  high: null,
  low: null,
  close,
  adjClose: close,
  volume: null,
})

const HEADER = {
  study: 's',
  toolVersion: '0.1.0',
  asOf: '2025-01-06',
  symbols: [{symbol: 'SPY', rows: 2, covers: null, storedTo: '2025-01-06', source: null, written: null}],
  factors: [
    {
      set: 'ff3',
      columns: [
        {key: 'mkt_rf', name: 'Mkt-RF'},
        {key: 'rf', name: 'RF'},
      ],
      rows: 3,
      covers: {from: '2025-01-02', to: '2025-01-06'},
      storedTo: '2026-04-30',
      vintage: '202604',
      source: 'F-F_Research_Data_Factors_daily.csv',
    },
  ],
}
const BARS = new Map([['SPY', [bar('2025-01-03', 1), bar('2025-01-06', 2)]]])
const ROWS = new Map([
  [
    'ff3',
    {
      dates: ['2025-01-02', '2025-01-03', '2025-01-06'],
      values: [
        [-0.27, 0.017],
        [1.1, null],
        [0.5, 0.017],
      ],
    },
  ],
])

describe('factor values in a data snapshot', () => {
  it('writes them after the bars and reads them back as the store would give them', () => {
    const {bytes} = writeSnapshot(HEADER, BARS, ROWS)
    const text = gunzipSync(bytes).toString('utf8')
    expect(text).toContain('# format: aftershock-snapshot/2\n')
    expect(text).toMatch(/# factors: ff3 columns=mkt_rf%3AMkt-RF%2Crf%3ARF rows=3 covers=2025-01-02..2025-01-06/)
    expect(text).toMatch(/\nset,date,values\nff3,2025-01-02,-0.27,0.017\nff3,2025-01-03,1.1,\n/)
    const source = new SnapshotSource(readSnapshot(bytes, 'x.gz'), 'x.gz')
    expect(source.factors.get('ff3')).toMatchObject({lastDate: '2026-04-30', vintage: '202604', rows: 3})
    expect(source.factors.list().map((s) => s.name)).toEqual(['ff3'])
    expect(source.factors.get('mom')).toBeNull()
    const s = source.factors.series('ff3', ['mkt_rf', 'rf'], '2025-01-02', '2025-01-06')
    expect(s.dates).toEqual(['2025-01-02', '2025-01-06'])
    expect([...s.values[0]]).toEqual([-0.27, 0.5])
    expect(s.dropped).toBe(1)
    expect(source.factors.series('ff3', ['mkt_rf'], '2025-01-03', '2025-01-03').values[0][0]).toBe(1.1)
  })

  it('refuses a range or column it does not hold, and a set it lacks', () => {
    const source = new SnapshotSource(readSnapshot(writeSnapshot(HEADER, BARS, ROWS).bytes, 'x.gz'), 'x.gz')
    expect(() => source.factors.series('ff3', ['mkt_rf'], '2024-12-31', '2025-01-06')).toThrow(InputError)
    expect(() => source.factors.series('ff3', ['smb'])).toThrow(/holds factor set ff3 \(mkt_rf, rf\)/)
    expect(() => source.factors.series('mom', ['mom'])).toThrow(MissingDataError)
  })

  it('a malformed factor row is named by its line; a snapshot without factors stays format 1', () => {
    const short = new Map([['ff3', {dates: ['2025-01-02'], values: [[-0.27]]}]])
    expect(() => readSnapshot(writeSnapshot(HEADER, BARS, short).bytes, 'x.gz')).toThrow(
      /x\.gz:\d+: malformed factor row "ff3,2025-01-02,-0.27"/,
    )
    const plain = gunzipSync(writeSnapshot({...HEADER, factors: []}, BARS).bytes).toString('utf8')
    expect(plain).toContain('# format: aftershock-snapshot/1\n')
    expect(plain).not.toContain('set,date,values')
  })
})
