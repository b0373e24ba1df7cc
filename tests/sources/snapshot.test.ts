import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {gunzipSync, gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {loadSnapshot, readSnapshot, SnapshotSource, writeSnapshot} from '../../src/sources/snapshot.js'
import {dayNumber} from '../../src/store/days.js'
import type {Bar} from '../../src/types.js'
import {tempDir} from '../helpers/cli.js'

const bar = (date: string, close: number | null, adjClose: number | null, volume: number | null = null): Bar => ({
  date,
  open: null,
  high: null,
  low: null,
  close,
  adjClose,
  volume,
})

const BARS = new Map<string, Bar[]>([
  ['SPY', [bar('2025-01-02', 584.64, 579.1211234567891, 50203900), bar('2025-01-03', 591.95, 0.1 + 0.2, null)]],
  ['NVDA', [bar('2025-01-03', null, 144.4699951171875, 229322500)]],
])
const HEADER = {
  study: 'demo',
  toolVersion: '0.1.0',
  asOf: '2025-01-03',
  symbols: [
    {
      symbol: 'SPY',
      rows: 2,
      covers: null,
      storedTo: '2025-01-03',
      source: 'csv:SPY.csv',
      written: '2026-12-01T10:00:00.000Z',
    },
    {
      symbol: 'NVDA',
      rows: 1,
      covers: {from: '2025-01-03', to: '2025-01-03'},
      storedTo: '2025-05-01',
      source: 'yahoo',
      written: null,
    },
  ],
}

describe('data snapshots', () => {
  it('read back the same bars, doubles exact, with the header and the hash', () => {
    const {bytes, sha256} = writeSnapshot(HEADER, BARS)
    const back = readSnapshot(bytes, 'demo.data.csv.gz')
    const source = new SnapshotSource(back, 'demo.data.csv.gz')
    expect(new Map([...BARS.keys()].map((s) => [s, source.getBars(s)]))).toEqual(BARS)
    expect(back.header).toEqual({...HEADER, sha256})
    expect(sha256).toMatch(/^[0-9a-f]{64}$/)
    const text = gunzipSync(bytes).toString('utf8')
    expect(text.split('\n').slice(0, 2)).toEqual(['# aftershock data snapshot', '# format: aftershock-snapshot/1'])
    expect(text).toContain('SPY,2025-01-03,591.95,0.30000000000000004,\n')
  })

  it('are deterministic: the same bars give the same bytes', () => {
    expect(writeSnapshot(HEADER, BARS).bytes.equals(writeSnapshot(HEADER, BARS).bytes)).toBe(true)
  })

  it('refuse a changed content, naming the file and both hashes', () => {
    const {bytes} = writeSnapshot(HEADER, BARS)
    const tampered = gzipSync(Buffer.from(gunzipSync(bytes).toString('utf8').replace('591.95', '591.96')))
    expect(() => readSnapshot(tampered, 'x.gz')).toThrow(InputError)
    expect(() => readSnapshot(tampered, 'x.gz')).toThrow(
      /^x\.gz: the content does not match its SHA-256 \(recorded [0-9a-f]{64}, computed/,
    )
    const header = gzipSync(
      Buffer.from(gunzipSync(bytes).toString('utf8').replace('asOf: 2025-01-03', 'asOf: 2025-01-04')),
    )
    expect(() => readSnapshot(header, 'x.gz')).toThrow(/does not match its SHA-256/)
    expect(() => readSnapshot(Buffer.from('not gzip'), 'x.gz')).toThrow(/x\.gz: not a gzip-compressed data snapshot/)
    expect(() => readSnapshot(gzipSync(Buffer.from('symbol,date\n')), 'x.gz')).toThrow(
      /x\.gz:2: not an aftershock-snapshot\/1/,
    )
  })

  it('as a BarSource: a symbol it lacks or dates it does not cover are errors naming the file', () => {
    const src = new SnapshotSource(readSnapshot(writeSnapshot(HEADER, BARS).bytes, 'demo.gz'), 'demo.gz')
    expect(src.hasSymbol('NVDA')).toBe(true)
    expect(src.hasSymbol('AMD')).toBe(false)
    expect(src.getBars('SPY', '2025-01-03', '2025-01-03').map((b) => b.date)).toEqual(['2025-01-03'])
    expect(src.getBars('NVDA', '2025-01-03', '2025-01-03')).toHaveLength(1)
    expect(() => src.getBars('NVDA', '2025-01-02', '2025-01-03')).toThrow(
      /demo\.gz: the data snapshot holds NVDA from 2025-01-03 to 2025-01-03/,
    )
    expect(() => src.getBars('AMD')).toThrow(/demo\.gz: the data snapshot has no prices for AMD/)
    expect(src.lastDate('NVDA')).toBe('2025-05-01')
    // The runner's columns: the same rows, an empty cell NaN, and the same refusals.
    const spy = src.getColumns(['SPY'], '2025-01-03', '2025-01-03').get('SPY')!
    const bar = src.getBars('SPY', '2025-01-03', '2025-01-03')[0]
    expect([...spy.days]).toEqual([dayNumber('2025-01-03')])
    expect([spy.close[0], spy.adjClose[0], spy.volume[0]]).toEqual([bar.close, bar.adjClose, bar.volume ?? Number.NaN])
    expect(() => src.getColumns(['NVDA'], '2025-01-02', '2025-01-03')).toThrow(/holds NVDA from 2025-01-03/)
    expect(() => src.getColumns(['AMD'], '2025-01-03', '2025-01-03')).toThrow(/has no prices for AMD/)
    expect(src.provenance()).toMatchObject({source: 'snapshot', file: 'demo.gz', study: 'demo', asOf: '2025-01-03'})
  })

  it('loadSnapshot names a missing file and how to write it', () => {
    const dir = tempDir()
    expect(() => loadSnapshot(path.join(dir, 'none.gz'))).toThrow(
      /none\.gz: the study's data snapshot cannot be read \(not found\); write it with `aftershock snapshot STUDY`/,
    )
    const file = path.join(dir, 'ok.gz')
    writeFileSync(file, writeSnapshot(HEADER, BARS).bytes)
    expect(loadSnapshot(file).hasSymbol('SPY')).toBe(true)
  })
})
