import Ajv from 'ajv'
import {readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {EXIT, InputError, MissingDataError} from '../../src/errors.js'
import {renderStudyCsv} from '../../src/render/csv.js'
import {renderStudyTable} from '../../src/render/terminal.js'
import type {StudyResult} from '../../src/result.js'
import {PriceStore} from '../../src/store/store.js'
import {runStudy} from '../../src/study/run.js'
import type {EventSpec} from '../../src/spec/types.js'
import {REPO} from '../helpers/shared.js'
import {tempDir} from '../helpers/cli.js'
import {MemStore, baseSpec, nonFinitePaths, syntheticMarket} from './synthetic.js'

const EVENT = '2025-01-02'
const PLANTED = 0.05
const market = syntheticMarket({eventDate: EVENT, planted: PLANTED})
const store = new MemStore(market.bars)
const schema = JSON.parse(readFileSync(path.join(REPO, 'schema', 'study-result.schema.json'), 'utf8')) as object
const validate = new Ajv({allErrors: true, strict: false}).compile(schema)

/** OLS of y on x by plain loops: the independent check of the engine's fit. */
function olsByHand(y: number[], x: number[]): {alpha: number; beta: number} {
  const n = y.length
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my)
    sxx += (x[i] - mx) ** 2
  }
  const beta = sxy / sxx
  return {alpha: my - beta * mx, beta}
}

function adjReturns(symbol: string): Map<string, number> {
  const bars = market.bars.get(symbol)!
  const out = new Map<string, number>()
  for (let i = 1; i < bars.length; i++) out.set(bars[i].date, bars[i].adjClose! / bars[i - 1].adjClose! - 1)
  return out
}

async function run(spec = baseSpec(), opts: Partial<Parameters<typeof runStudy>[2]> = {}): Promise<StudyResult> {
  return runStudy(spec, store, {offline: true, ...opts})
}

describe('runStudy on synthetic data with known parameters', () => {
  it('recovers alpha, beta and the planted abnormal return, and fills a schema-valid result without NaN', async () => {
    const r = await run()
    expect(nonFinitePaths(r)).toEqual([])
    expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    expect(r.schemaVersion).toBe(3)
    expect(r.dataAsOf).toBe(market.dates[market.dates.length - 1])
    expect(r.events).toEqual([
      {id: 'ev', label: 'the event', symbol: null, date: EVENT, tradingDate: EVENT, shift: 0, note: null},
    ])
    expect(r.groups.map((g) => [g.group, g.event, g.n, g.excluded])).toEqual([
      ['treated', 'ev', 3, 0],
      ['control', 'ev', 2, 0],
    ])
    for (const s of r.securities) {
      const truth = market.truth.get(s.symbol)!
      expect(s.model!.beta).toBeGreaterThan(truth.beta - 0.1)
      expect(s.model!.beta).toBeLessThan(truth.beta + 0.1)
      expect(s.model!.n).toBe(240)
      const d0 = s.ar!.find((x) => x.t === 0)!
      expect(d0.date).toBe(EVENT)
      if (s.group === 'treated') expect(Math.abs(d0.ar - PLANTED)).toBeLessThan(0.015)
      else expect(Math.abs(d0.ar)).toBeLessThan(0.015)
    }
    const treated0 = r.groups[0].windows.find((w) => w.window[0] === 0 && w.window[1] === 0)!
    expect(treated0.from).toBe(EVENT)
    expect(Math.abs(treated0.caar - PLANTED)).toBeLessThan(0.01)
    expect(treated0.tests.crossSectionalT.p!).toBeLessThan(0.01)
    expect(treated0.tests.patell.p!).toBeLessThan(0.001)
    const control0 = r.groups[1].windows[0]
    expect(control0.tests.patell.p!).toBeGreaterThan(0.001)
  })

  it("reports each security's coefficients with SE, t, p and adjusted R^2, under every model", async () => {
    const r = await run()
    const s = r.securities.find((x) => x.symbol === 'AAA')!
    const m = s.model!
    expect(m.coefficients.map((c) => c.name)).toEqual(['alpha', 'beta'])
    expect(m.coefficients[1].value).toBe(m.beta)
    expect(m.coefficients[1].p!).toBeLessThan(1e-6)
    expect(m.adjR2!).toBeLessThan(m.r2!)
    for (const kind of ['scholes-williams', 'dimson'] as const) {
      const t = await run(baseSpec({model: kind === 'dimson' ? {kind, lags: 1} : {kind}}))
      expect(nonFinitePaths(t)).toEqual([])
      expect(validate(t), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
      const u = t.securities.find((x) => x.symbol === 'AAA')!.model!
      expect(Math.abs(u.beta - market.truth.get('AAA')!.beta)).toBeLessThan(0.2)
      expect(u.coefficients.at(-1)!.name).toBe('beta')
    }
  })

  it('matches an independent OLS and AR computed by hand from the bars', async () => {
    const r = await run()
    const dates = market.dates
    const e = dates.indexOf(EVENT)
    const rm = adjReturns('MKT')
    for (const sym of ['AAA', 'EEE']) {
      const ri = adjReturns(sym)
      const est = dates.slice(e - 250, e - 10) // days -250..-11
      const fit = olsByHand(
        est.map((d) => ri.get(d)!),
        est.map((d) => rm.get(d)!),
      )
      const s = r.securities.find((x) => x.symbol === sym)!
      expect(s.model!.alpha).toBeCloseTo(fit.alpha, 12)
      expect(s.model!.beta).toBeCloseTo(fit.beta, 10)
      let car = 0
      for (let t = 0; t <= 4; t++) {
        const d = dates[e + t]
        const ar = ri.get(d)! - (fit.alpha + fit.beta * rm.get(d)!)
        const row = s.ar!.find((x) => x.t === t)!
        expect(row.date).toBe(d)
        expect(row.ret).toBeCloseTo(ri.get(d)!, 14)
        expect(row.ar).toBeCloseTo(ar, 12)
        car += ar
      }
      expect(s.windows!.find((w) => w.window[1] === 4)!.car).toBeCloseTo(car, 12)
      // rows beyond the event windows, for CAAR path charts: days -10..+14, AR from the same fit
      expect(s.ar!.map((x) => x.t)).toEqual(Array.from({length: 25}, (_, k) => k - 10))
      for (const t of [-10, -2, 5, 14]) {
        const d = dates[e + t]
        const row = s.ar!.find((x) => x.t === t)!
        expect(row.date).toBe(d)
        expect(row.ar).toBeCloseTo(ri.get(d)! - (fit.alpha + fit.beta * rm.get(d)!), 12)
      }
    }
  })

  it('gives the same result twice (deterministic) and renders table and CSV', async () => {
    const a = await run()
    const b = await run()
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    const table = renderStudyTable(a)
    expect(table).toContain('Treated (treated), event ev: N = 3')
    expect(table).toContain('Cross-sectional t')
    expect(table).toContain('Abnormal returns on day 0')
    expect(table).not.toMatch(/\u001b\[/) // no colour by default
    const csv = renderStudyCsv(a).trim().split('\n')
    expect(csv[0]).toBe('section,group,symbol,event,window,t,date,measure,value,text')
    const caar = csv.find((l) => l.startsWith('group-window,treated,,ev,0..0,') && l.includes(',caar,'))!
    expect(Number(caar.split(',').at(-2))).toBeCloseTo(a.groups[0].windows[0].caar, 12)
    expect(csv.every((l) => l.split(',').length >= 10)).toBe(true)
  })

  it('reports abnormal volatility and volume sections', async () => {
    const r = await run()
    expect(r.volatility!.window).toEqual([1, 4])
    expect(r.volatility!.groups.map((g) => g.group)).toEqual(['treated', 'control'])
    // volume was planted 5x on day 0 for the treated group
    const v = r.volume!.groups.find((g) => g.group === 'treated')!
    const d0 = v.daily.find((d) => d.t === 0)!
    expect(d0.meanAv).toBeGreaterThan(Math.log(5) - 0.5)
  })
})

describe('runStudy: events and exclusions', () => {
  it('moves an event on a closed day to the next trading day and says so', async () => {
    const r = await run(baseSpec({events: [{id: 'xmas', date: '2024-12-25', label: null, symbol: null, group: null}]}))
    expect(r.events[0]).toMatchObject({date: '2024-12-25', tradingDate: '2024-12-26', shift: 1})
    expect(r.events[0].note).toContain('market closed on 2024-12-25')
    expect(r.notes.join('\n')).toContain('market closed on 2024-12-25')
  })

  it('skips a closed-day event with nonTradingDay: skip, and refuses it with error', async () => {
    const two: EventSpec[] = [
      {id: 'xmas', date: '2024-12-25', label: null, symbol: null, group: null},
      {id: 'ev', date: EVENT, label: null, symbol: null, group: null},
    ]
    const r = await run(baseSpec({nonTradingDay: 'skip', events: two}))
    expect(r.events.map((e) => e.id)).toEqual(['ev'])
    expect(r.notes.join('\n')).toContain('xmas')
    await expect(run(baseSpec({nonTradingDay: 'error', events: two}))).rejects.toThrow(
      /events\[0\] \(xmas\)\.date: market closed on 2024-12-25/,
    )
  })

  it('excludes a security listed after the estimation window began, and one missing its day-0 price, with reasons', async () => {
    const bars = new Map(market.bars)
    bars.set(
      'LATE',
      market.bars.get('AAA')!.filter((b) => b.date >= '2024-11-01'),
    )
    bars.set(
      'HOLE',
      market.bars.get('BBB')!.filter((b) => b.date !== EVENT),
    )
    const spec = baseSpec({groups: [{id: 'g', label: null, symbols: ['AAA', 'LATE', 'HOLE']}]})
    const r = await runStudy(spec, new MemStore(bars), {offline: true})
    expect(nonFinitePaths(r)).toEqual([])
    expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    const late = r.securities.find((s) => s.symbol === 'LATE')!
    expect(late.excluded).toMatch(/first price in the store 2024-11-01/)
    expect(late.model).toBeUndefined()
    const hole = r.securities.find((s) => s.symbol === 'HOLE')!
    expect(hole.excluded).toMatch(/missing return on event day 0 \(2025-01-02: no price/)
    expect(r.groups[0]).toMatchObject({n: 1, excluded: 2})
    expect(r.notes.join('\n')).toContain('LATE')
  })

  it("arRows false: the same result less the securities' ar rows, the same exclusions; kept when a section reads them", async () => {
    const bars = new Map(market.bars)
    bars.set(
      'HOLE',
      market.bars.get('BBB')!.filter((b) => b.date !== EVENT),
    )
    const spec = baseSpec({groups: [{id: 'g', label: null, symbols: ['AAA', 'HOLE', 'CCC']}]})
    const full = await runStudy(spec, new MemStore(bars), {offline: true})
    const lean = await runStudy(spec, new MemStore(bars), {offline: true, arRows: false})
    expect(lean.securities.every((s) => s.ar === undefined)).toBe(true)
    const withoutAr = {...full, securities: full.securities.map(({ar: _ar, ...rest}) => rest)}
    expect(JSON.stringify(lean)).toBe(JSON.stringify(withoutAr))
    expect(validate(lean), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    // --live-shares asks for value at stake, which may sum daily ARs: the rows are built
    const shared = await runStudy(spec, new MemStore(bars), {offline: true, arRows: false, liveShares: true})
    expect(shared.securities.find((s) => s.symbol === 'AAA')?.ar?.length).toBeGreaterThan(0)
  })

  it('says when a security has prices after the benchmark ends', async () => {
    const bars = new Map(market.bars)
    bars.set('AAA', [
      ...market.bars.get('AAA')!,
      {date: '2026-01-05', open: null, high: null, low: null, close: 60, adjClose: 60, volume: null},
    ])
    const r = await runStudy(baseSpec(), new MemStore(bars), {offline: true})
    expect(r.dataAsOf).toBe(market.dates[market.dates.length - 1])
    expect(r.notes.join('\n')).toContain(`MKT's data end on ${r.dataAsOf}: later prices of AAA are not used`)
  })

  it('falls back to the close for a security without adjusted closes, with a note', async () => {
    const bars = new Map(market.bars)
    bars.set(
      'RAW',
      market.bars.get('CCC')!.map((b) => ({...b, adjClose: null})),
    )
    const r = await runStudy(
      baseSpec({groups: [{id: 'g', label: null, symbols: ['RAW', 'AAA']}]}),
      new MemStore(bars),
      {offline: true},
    )
    expect(r.notes.join('\n')).toMatch(/no adjusted closes in the store for RAW/)
    // close = 1.01 × adjClose here, so returns (and the fit) are the same
    const raw = r.securities.find((s) => s.symbol === 'RAW')!
    expect(raw.model!.beta).toBeCloseTo(1.5, 0)
  })

  it('studies per-security list events: groups from the study, "all" event, dates null, overlaps reported', async () => {
    const events: EventSpec[] = [
      {id: 'AAA-1', date: EVENT, label: null, symbol: 'AAA', group: null},
      {id: 'AAA-2', date: '2025-01-06', label: null, symbol: 'AAA', group: null},
      {id: 'DDD-1', date: '2025-01-10', label: null, symbol: 'DDD', group: null},
      {id: 'ZZ-1', date: '2025-01-10', label: null, symbol: 'EEE', group: 'custom'},
    ]
    const r = await run(baseSpec(), {eventsOverride: events})
    expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    expect(r.events.map((e) => [e.id, e.symbol])).toEqual(events.map((e) => [e.id, e.symbol]))
    expect(r.groups.map((g) => [g.group, g.event, g.n])).toEqual([
      ['treated', 'all', 2],
      ['control', 'all', 1],
      ['custom', 'all', 1],
    ])
    expect(r.groups[0].daily[0].date).toBeNull()
    expect(r.groups[1].daily.find((d) => d.t === 0)!.date).toBe('2025-01-10')
    expect(r.overlaps).toEqual([expect.objectContaining({symbol: 'AAA', events: ['AAA-1', 'AAA-2']})])
    expect(r.securities.find((s) => s.event === 'AAA-2')!.ar!.find((x) => x.t === 0)!.date).toBe('2025-01-06')
  })

  it('leaves out the list events the data cannot cover, each with its note, and keeps the others in order', async () => {
    // Events in January 2024 have no estimation window in data that start on 2024-01-01.
    const at = (id: string, date: string, symbol: string): EventSpec => ({id, date, label: null, symbol, group: null})
    const events = [
      at('AAA-early', '2024-01-10', 'AAA'),
      at('AAA-1', EVENT, 'AAA'),
      at('BBB-early', '2024-01-11', 'BBB'),
      at('CCC-early', '2024-01-12', 'CCC'),
      at('DDD-1', '2025-01-10', 'DDD'),
      at('DDD-early', '2024-01-16', 'DDD'),
    ]
    const r = await run(baseSpec(), {eventsOverride: events})
    expect(r.events.map((e) => e.id)).toEqual(['AAA-1', 'DDD-1'])
    expect(r.securities.map((s) => s.event)).toEqual(['AAA-1', 'DDD-1'])
    const leftOut = r.notes.filter((n) => n.includes(': left out: ')).map((n) => n.split(':')[0])
    expect(leftOut).toEqual(['AAA-early', 'BBB-early', 'CCC-early', 'DDD-early'])
  })
})

describe('runStudy: history (first usable dates)', () => {
  it("drops a security's bars before history.from everywhere: fewer estimation days, fit on the rest, index and value from the rest too", async () => {
    const e = market.dates.indexOf(EVENT)
    const from = market.dates[e - 200]
    const spec = baseSpec({
      history: [{symbol: 'AAA', from, note: 'when-issued rows'}],
      index: {base: {from: market.dates[0], to: market.dates[19]}, asOf: EVENT, weighting: 'equal'},
      shares: [{symbol: 'AAA', shares: 1000, source: 'test'}],
    })
    const r = await run(spec)
    expect(nonFinitePaths(r)).toEqual([])
    expect(r.notes).toContain(
      `AAA: prices before ${from} not used (when-issued rows); history: dropped ${e - 200} rows`,
    )
    const aaa = r.securities.find((s) => s.symbol === 'AAA')!
    // first return kept: the day after `from`; estimation days -199..-11
    expect(aaa.model!.n).toBe(189)
    expect(r.securities.find((s) => s.symbol === 'BBB')!.model!.n).toBe(240)
    const ri = adjReturns('AAA')
    const rm = adjReturns('MKT')
    const days = market.dates.slice(e - 199, e - 10)
    expect(days).toHaveLength(189)
    const byHand = olsByHand(
      days.map((d) => ri.get(d)!),
      days.map((d) => rm.get(d)!),
    )
    expect(aaa.model!.beta).toBeCloseTo(byHand.beta, 10)
    expect(aaa.model!.alpha).toBeCloseTo(byHand.alpha, 10)
    // the index no longer sees AAA's base-period prices
    const idx = r.index!.securities.find((x) => x.id === 'AAA')!
    expect(idx.level).toBeNull()
    expect(idx.excluded).toMatch(/prices start/)
    expect(r.index!.securities.find((x) => x.id === 'BBB')!.level).not.toBeNull()
    // value at stake still uses the kept prices around the event
    expect(r.value!.rows.find((x) => x.id === 'AAA' && x.window[0] === 0 && x.window[1] === 0)!.change).toBeCloseTo(
      1000 * (market.bars.get('AAA')![e].close - market.bars.get('AAA')![e - 1].close),
      8,
    )
  })

  it('leaves the result as it was when nothing precedes history.from', async () => {
    const plain = await run()
    const r = await run(baseSpec({history: [{symbol: 'AAA', from: market.dates[0], note: null}]}))
    expect(r).toEqual(plain)
  })
})

describe('runStudy: data checks', () => {
  it('names the benchmark when it is not in the store, and says how to get it', async () => {
    const err = await run(baseSpec({benchmark: 'NOPE'})).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MissingDataError)
    expect((err as MissingDataError).exitCode).toBe(EXIT.usage)
    expect((err as Error).message).toMatch(/benchmark: NOPE is not in the price store/)
    expect((err as Error).message).toMatch(/aftershock fetch NOPE/)
  })

  it('names the group field of an unknown symbol', async () => {
    const err = await run(baseSpec({groups: [{id: 'g', label: null, symbols: ['AAA', 'XYZ']}]})).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(MissingDataError)
    expect((err as Error).message).toMatch(/groups\.g\.symbols\[1\]: XYZ is not in the price store/)
  })

  it('fetches what the store lacks when online, then runs', async () => {
    const bars = new Map(market.bars)
    bars.delete('EEE')
    const mem = new MemStore(bars)
    const asked: string[][] = []
    const r = await runStudy(baseSpec(), mem, {
      offline: false,
      fetchMissing: async (symbols) => {
        asked.push(symbols)
        for (const s of symbols) mem.bars.set(s, market.bars.get(s)!)
        return symbols.map((symbol) => ({symbol, ok: true}))
      },
    })
    expect(asked).toEqual([['EEE']])
    expect(r.securities.find((s) => s.symbol === 'EEE')!.model).toBeDefined()
  })

  it('refuses a window after the end of the data, naming the field', async () => {
    await expect(run(baseSpec({windows: [[0, 100]]}))).rejects.toThrow(
      /windows\[0\]: .*after the benchmark's last date/,
    )
  })

  it('refuses an estimation window before the start of the data', async () => {
    await expect(run(baseSpec({estimation: {from: -400, to: -11, minObservations: 100}}))).rejects.toThrow(
      /estimation\.from: .*before the benchmark's first date/,
    )
  })

  it('refuses an estimation window (as dates) overlapping an event window', async () => {
    const spec = baseSpec({estimation: {from: '2024-01-15', to: '2025-01-03', minObservations: 100}})
    await expect(run(spec)).rejects.toThrow(/estimation: days .* overlap windows\[0\]/)
  })

  it('refuses more minObservations than a dated estimation window holds, naming estimation.minObservations', async () => {
    // 2024-12-02..2024-12-31: 21 trading days on the synthetic calendar
    const spec = baseSpec({estimation: {from: '2024-12-02', to: '2024-12-31', minObservations: 100}})
    const err = await run(spec).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(
      /estimation\.minObservations: 100 observations cannot come from the estimation window 2024-12-02\.\.2024-12-31, which holds \d+ trading days for event ev; lower estimation\.minObservations to at most \d+ or widen the window/,
    )
    const held = Number(/which holds (\d+) trading days/.exec((err as Error).message)![1])
    expect(held).toBe(market.dates.filter((d) => d >= '2024-12-02' && d <= '2024-12-31').length)
    const ok = await run(baseSpec({estimation: {from: '2024-12-02', to: '2024-12-31', minObservations: held}}))
    expect(ok.groups[0].n).toBeGreaterThan(0)
  })

  it('re-checks the study against --events: dated windows are refused naming --events and the field', async () => {
    const spec = baseSpec({windows: [['2025-01-02', '2025-01-08']]})
    const events: EventSpec[] = [{id: 'AAA-1', date: EVENT, label: null, symbol: 'AAA', group: null}]
    const err = await run(spec, {eventsOverride: events, eventsSource: '--events ev.csv'}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toContain(
      'windows[0]: events from a list (--events ev.csv) have their own dates per security: write windows as trading-day offsets',
    )
  })

  it('re-checks claims against --events: an unknown event id is refused before the run', async () => {
    const claim = {
      id: 'c',
      text: 't',
      metric: 'car' as const,
      subject: 'AAA',
      event: 'ev',
      window: [0, 0] as [number, number],
      expected: 0,
      tolerance: 1,
    }
    const events: EventSpec[] = [{id: 'AAA-1', date: EVENT, label: null, symbol: 'AAA', group: null}]
    await expect(run(baseSpec({claims: [claim]}), {eventsOverride: events})).rejects.toThrow(
      /claims\[0\]\.event: unknown event "ev" \(events now come from --events\)/,
    )
    const r = await run(baseSpec({claims: [{...claim, event: 'AAA-1'}]}), {eventsOverride: events})
    expect(r.claims![0]).toMatchObject({event: 'AAA-1', measured: expect.any(Number)})
  })

  it('resolves ISO-date windows and estimation per event', async () => {
    const spec = baseSpec({
      estimation: {from: '2024-01-15', to: '2024-12-31', minObservations: 100},
      windows: [['2025-01-02', '2025-01-08']],
    })
    const r = await run(spec)
    expect(r.groups[0].windows[0].window).toEqual([0, 4])
    expect(r.groups[0].windows[0].from).toBe('2025-01-02')
    expect(r.groups[0].windows[0].to).toBe('2025-01-08')
    expect(r.study.windows).toEqual([['2025-01-02', '2025-01-08']])
  })
})

describe('runStudy with the real PriceStore', () => {
  const dir = tempDir()
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('reads bars from a temp store and gives the same result as the in-memory one', async () => {
    const ps = PriceStore.open(dir)
    try {
      for (const [s, bars] of market.bars) ps.replaceHistory(s, bars, {source: 'test', at: '2025-01-01T00:00:00Z'})
      const a = await runStudy(baseSpec(), ps, {offline: true})
      const b = await run()
      expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    } finally {
      ps.close()
    }
  })
})

describe('the result schema catches shape drift', () => {
  it('rejects a missing key, an unknown key, a null CAAR and a wrong test battery', async () => {
    const good = await run()
    expect(validate(good)).toBe(true)
    const clone = (): StudyResult => JSON.parse(JSON.stringify(good)) as StudyResult
    const noNotes = clone() as Partial<StudyResult>
    delete noNotes.notes
    expect(validate(noNotes)).toBe(false)
    const extra = clone() as StudyResult & {extra?: number}
    extra.extra = 1
    expect(validate(extra)).toBe(false)
    const nullCaar = clone() as unknown as {groups: Array<{windows: Array<{caar: number | null}>}>}
    nullCaar.groups[0].windows[0].caar = null
    expect(validate(nullCaar)).toBe(false)
    const noTest = clone() as unknown as {groups: Array<{windows: Array<{tests: Record<string, unknown>}>}>}
    delete noTest.groups[0].windows[0].tests.wilcoxon
    expect(validate(noTest)).toBe(false)
    const both = clone()
    both.securities[0].excluded = 'x'
    expect(validate(both)).toBe(false)
  })
})
