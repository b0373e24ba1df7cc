// Factor models through the runner: seeded synthetic factors and loadings in a temp store, coefficients and SEs
// recovered (against an OLS computed here), the planted AR found, missing sets fetched or named, days without
// factors counted, windows past the factors' end refused, columns by French's name; the snapshot round trip.
import {gunzipSync, gzipSync} from 'node:zlib'
import {afterEach, describe, expect, it} from 'vitest'
import {InputError, MissingDataError} from '../../src/errors.js'
import {studyModel} from '../../src/spec/model.js'
import {calendarFactors, missingFactorNote, resolveFactorModel} from '../../src/study/factors.js'
import type {TradingCalendar} from '../../src/engine/calendar.js'
import type {FactorSource} from '../../src/store/bar-source.js'
import {readSnapshot, SnapshotSource} from '../../src/sources/snapshot.js'
import {runStudy} from '../../src/study/run.js'
import {snapshotStudy} from '../../src/study/snapshot.js'
import type {StudyResult} from '../../src/result.js'
import {FactorMemStore, LOADINGS, ols, syntheticFactors} from './factor-synthetic.js'
import {baseSpec, MemStore, nonFinitePaths} from './synthetic.js'

const stores: FactorMemStore[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.store.close()
})

function storeWith(data: ReturnType<typeof syntheticFactors>, sets = [data.set]): FactorMemStore {
  const s = new FactorMemStore(data.bars, sets)
  stores.push(s)
  return s
}

const EVENT = '2025-01-02'
const ff3 = baseSpec({model: studyModel('ff3')})

function security(r: StudyResult, symbol: string) {
  const s = r.securities.find((x) => x.symbol === symbol)
  if (!s?.model) throw new Error(`${symbol} has no model: ${s?.excluded}`)
  return s
}

describe('a factor model study run', () => {
  const data = syntheticFactors({eventDate: EVENT, planted: -0.05})

  it('recovers each security loadings, with the coefficients and SEs of an OLS computed here', async () => {
    const r = await runStudy(ff3, storeWith(data), {offline: true})
    expect(nonFinitePaths(r)).toEqual([])
    expect(r.study.model).toBe('ff3')
    const e = data.dates.indexOf(EVENT)
    for (const [symbol, truth] of Object.entries(LOADINGS)) {
      const m = security(r, symbol).model as NonNullable<StudyResult['securities'][0]['model']>
      expect(m.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'smb', 'hml'])
      expect(m.n).toBe(240)
      const bars = data.bars.get(symbol) ?? []
      const X: number[][] = []
      const y: number[] = []
      for (let i = e - 250; i <= e - 11; i++) {
        const ret = (bars[i].adjClose as number) / (bars[i - 1].adjClose as number) - 1
        X.push([1, data.f.mkt_rf[i], data.f.smb[i], data.f.hml[i]])
        y.push(ret - data.f.rf[i])
      }
      const ref = ols(X, y)
      m.coefficients.forEach((c, k) => {
        expect(c.value).toBeCloseTo(ref.b[k], 10)
        expect(c.se as number).toBeCloseTo(ref.se[k], 10)
        expect(c.t as number).toBeCloseTo(ref.b[k] / ref.se[k], 6)
      })
      expect(m.sigma).toBeCloseTo(ref.sigma, 10)
      // the true loadings lie within 4 standard errors; beta is the market factor's slope
      truth.b.forEach((b, k) => expect(Math.abs(m.coefficients[k + 1].value - b)).toBeLessThan(4 * ref.se[k + 1]))
      expect(m.beta).toBe(m.coefficients[1].value)
      expect(m.adjR2 as number).toBeLessThan(m.r2 as number)
    }
  })

  it('finds the planted abnormal return in the treated group and none in the control group', async () => {
    const r = await runStudy(ff3, storeWith(data), {offline: true})
    const day0 = (g: string) => r.groups.find((x) => x.group === g)?.windows.find((w) => w.window[1] === 0)
    expect(day0('treated')?.caar as number).toBeCloseTo(-0.05, 2)
    expect(day0('treated')?.tests.patell.p as number).toBeLessThan(0.001)
    expect(Math.abs(day0('control')?.caar as number)).toBeLessThan(0.01)
    const ar = security(r, 'AAA').ar?.find((a) => a.t === 0)
    expect(ar?.ar as number).toBeCloseTo(-0.05, 1)
  })

  it('reads columns by French names and takes the set RF by default', async () => {
    const spec = baseSpec({model: studyModel({factors: {set: 'ff3', columns: ['Mkt-RF', 'SMB', 'hml']}})})
    const store = storeWith(data)
    expect(resolveFactorModel(spec, store.factors)).toMatchObject({
      factors: [{column: 'mkt_rf'}, {column: 'smb'}, {column: 'hml'}],
      riskFree: {set: 'ff3', column: 'rf'},
    })
    const a = await runStudy(spec, store, {offline: true})
    const b = await runStudy(ff3, store, {offline: true})
    expect(a.study.model).toBe('factors(ff3: Mkt-RF, SMB, hml)')
    expect(security(a, 'BBB').model).toEqual(security(b, 'BBB').model)
  })

  it('an unknown column is an input error naming model, the column and what the set has', async () => {
    const spec = baseSpec({model: studyModel({factors: {set: 'ff3', columns: ['mkt_rf', 'umd']}})})
    const err = await runStudy(spec, storeWith(data), {offline: true}).catch((e) => e)
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toMatch(/model \(factors\(ff3: mkt_rf, umd\)\): factor set ff3 has no column umd/)
    expect(err.message).toMatch(
      /factors info` lists its columns: mkt_rf \(Mkt-RF\), smb \(SMB\), hml \(HML\), rf \(RF\)/,
    )
  })
})

describe('factor sets a run needs', () => {
  const data = syntheticFactors({eventDate: EVENT, planted: -0.05})

  it('a set missing offline is a MissingDataError naming model, the set and the fetch', async () => {
    const err = await runStudy(ff3, new MemStore(data.bars), {offline: true}).catch((e) => e)
    expect(err).toBeInstanceOf(MissingDataError)
    expect(err.message).toMatch(/model \(ff3\): factor set ff3 is not in the store \(offline: nothing was fetched\)/)
    expect(err.message).toContain('npx aftershock factors fetch ff3')
    const carhart = baseSpec({model: studyModel('carhart')})
    const err2 = await runStudy(carhart, storeWith(data), {offline: true}).catch((e) => e)
    expect(err2.message).toMatch(/factor set mom is not in the store .*\(the store holds ff3\)/)
    // a robustness model after the primary is named by its place in `models`
    const robust = baseSpec({model: studyModel('market'), models: [studyModel('market'), studyModel('carhart')]})
    const err3 = await runStudy(robust, storeWith(data), {offline: true}).catch((e) => e)
    expect(err3).toBeInstanceOf(MissingDataError)
    expect(err3.message).toMatch(/models\[1\] \(carhart\): factor set mom is not in the store/)
  })

  it('online, a missing set is fetched first', async () => {
    const store = storeWith(data, [])
    const asked: string[][] = []
    const r = await runStudy(ff3, store, {
      offline: false,
      fetchFactors: async (sets) => {
        asked.push(sets)
        store.store.factors.replace(data.set)
        return sets.map((set) => ({set, ok: true}))
      },
    })
    expect(asked).toEqual([['ff3']])
    expect(r.study.model).toBe('ff3')
  })

  it('estimation days without factor values are left out and counted in the notes', async () => {
    const drop = ['2024-06-03', '2024-06-04', '2024-09-10']
    const r = await runStudy(ff3, storeWith(syntheticFactors({eventDate: EVENT, planted: -0.05, drop})), {
      offline: true,
    })
    expect(security(r, 'AAA').model?.n).toBe(237)
    const note = r.notes.find((n) => n.startsWith('model ff3'))
    expect(note).toMatch(
      /3 trading day\(s\) of the estimation windows have no factor values in ff3 \(2024-06-03, 2024-06-04, 2024-09-10\)/,
    )
  })

  it('an event window past the last factor date is an input error naming that date and the fetch', async () => {
    const cut = syntheticFactors({eventDate: EVENT, planted: -0.05, lastDate: '2025-01-03'})
    const err = await runStudy(ff3, storeWith(cut), {offline: true}).catch((e) => e)
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toMatch(/the factor data of ff3 end on 2025-01-03, before event ev's windows end on 2025-01-08/)
    expect(err.message).toContain('npx aftershock factors fetch ff3')
  })
})

describe('the data snapshot of a factor-model study', () => {
  const data = syntheticFactors({eventDate: EVENT, planted: -0.05, drop: ['2024-06-03']})
  const write = (spec = ff3, store = storeWith(data)) =>
    snapshotStudy(spec, store, {offline: true, describe: () => ({source: 'csv:x.csv', written: null})})

  it('carries the factor values it reads: the run from it gives the JSON of the run from the store', async () => {
    const store = storeWith(data)
    const fromStore = await runStudy(ff3, store, {offline: true})
    const snap = await write(ff3, store)
    expect(snap.factors).toEqual([
      {
        set: 'ff3',
        columns: [
          {key: 'mkt_rf', name: 'Mkt-RF'},
          {key: 'smb', name: 'SMB'},
          {key: 'hml', name: 'HML'},
          {key: 'rf', name: 'RF'},
        ],
        rows: expect.any(Number),
        covers: {from: expect.any(String), to: expect.any(String)},
        storedTo: data.dates[data.dates.length - 1],
        vintage: null,
        source: 'synthetic',
      },
    ])
    const content = readSnapshot(snap.bytes, 'f.data.csv.gz')
    expect(gunzipSync(snap.bytes).toString('utf8')).toMatch(/^# format: aftershock-snapshot\/2$/m)
    const fromSnapshot = await runStudy(ff3, new SnapshotSource(content, 'f.data.csv.gz'), {offline: true})
    const {data: _, ...rest} = fromSnapshot
    expect(JSON.stringify(rest)).toBe(JSON.stringify(fromStore))
    expect(rest.notes.some((n) => n.includes('1 trading day(s) of the estimation windows'))).toBe(true)
  })

  it('the hash covers the factor values', async () => {
    const snap = await write()
    const text = gunzipSync(snap.bytes).toString('utf8')
    const at = text.indexOf('\nff3,') + 1
    const line = text.slice(at, text.indexOf('\n', at))
    const changed = text.replace(
      line,
      line.replace(/,([-0-9.]+),/, (_m, v) => `,${Number(v) + 0.01},`),
    )
    expect(changed).not.toBe(text)
    expect(() => readSnapshot(gzipSync(Buffer.from(changed)), 'f.data.csv.gz')).toThrow(/does not match its SHA-256/)
  })

  it('a snapshot of a market-model study stays format 1 without factors; a factor model cannot run on it', async () => {
    const spec = baseSpec()
    const snap = await write(spec)
    expect(snap.factors).toEqual([])
    const text = gunzipSync(snap.bytes).toString('utf8')
    expect(text).toMatch(/^# format: aftershock-snapshot\/1$/m)
    expect(text).not.toMatch(/factors/)
    const source = new SnapshotSource(readSnapshot(snap.bytes, 'm.data.csv.gz'), 'm.data.csv.gz')
    expect((await runStudy(spec, source, {offline: true})).study.model).toBe('market')
    const err = await runStudy(ff3, source, {offline: true}).catch((e) => e)
    expect(err).toBeInstanceOf(MissingDataError)
    expect(err.message).toMatch(/m\.data\.csv\.gz: the data snapshot has no factor set ff3, which model \(ff3\)/)
  })
})

describe('factor values on the calendar', () => {
  const cal = {dates: ['2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07']} as TradingCalendar
  const model = {
    kind: 'factors' as const,
    name: 'carhart',
    factors: [
      {set: 'ff3', column: 'mkt_rf'},
      {set: 'mom', column: 'mom'},
    ],
    riskFree: {set: 'ff3', column: 'rf'},
  }
  // ff3 has a day the benchmark did not trade (2025-01-04) and lacks 2025-01-06; mom lacks 2025-01-02
  const source: FactorSource = {
    list: () => [],
    get: () => null,
    series: (name, columns) =>
      name === 'ff3'
        ? {
            dates: ['2025-01-02', '2025-01-03', '2025-01-04', '2025-01-07'],
            values: columns.map((c) => Float64Array.from(c === 'rf' ? [0.02, 0.02, 0.02, 0.02] : [1.5, -2, 9, 0.25])),
            dropped: 0,
          }
        : {dates: ['2025-01-03', '2025-01-06', '2025-01-07'], values: [Float64Array.from([-3.28, 1, 0.5])], dropped: 0},
  }

  it('divides by 100, aligns by date and leaves NaN where a set has no value', () => {
    const f = calendarFactors(model, source, cal, ['2025-01-02', '2025-01-07'])
    expect(f.names).toEqual(['mkt_rf', 'mom'])
    expect([...f.values[0]]).toEqual([0.015, -0.02, Number.NaN, 0.0025])
    expect([...f.values[1]]).toEqual([Number.NaN, -3.28 / 100, 0.01, 0.005])
    expect([...(f.riskFree ?? [])]).toEqual([0.0002, 0.0002, Number.NaN, 0.0002])
  })

  it('counts the estimation days missing a factor or RF in the note', () => {
    const f = calendarFactors(model, source, cal, ['2025-01-02', '2025-01-07'])
    const layout = {
      estimation: [-3, -1] as [number, number],
      windows: [[0, 0] as [number, number]],
      volatility: [0, 0] as [number, number],
    }
    expect(missingFactorNote(model, f, cal, [{day0: 3, layout}])).toBe(
      'model carhart: 2 trading day(s) of the estimation windows have no factor values in ff3, mom (2025-01-02, 2025-01-06); they are left out of the estimation',
    )
    expect(missingFactorNote(model, f, cal, [{day0: 3, layout: {...layout, estimation: [-2, -2]}}])).toBeNull()
  })
})
