// The study runner's two read paths give the same result byte for byte: the store's packed series (getColumns) and
// its bars read row by row (getBars, what a snapshot or a test store offers), on the bundled studies and on the
// seeded universe of the scale bench, with a gap, a price on a day the benchmark did not trade, a security without
// adjusted closes or volume, a history: cut, overlapping events and events at the start and end of a series.
import Database from 'better-sqlite3'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
// @ts-expect-error: plain JS module of the bench, without types
import {EDGE_EVENTS, writeUniverse} from '../../bench/universe.mjs'
import {loadStudy} from '../../src/spec/load.js'
import type {BarSource} from '../../src/store/bar-source.js'
import {PriceStore, STORE_FILE} from '../../src/store/store.js'
import {planRun, runStudy} from '../../src/study/run.js'
import {benchmarkReturns, studySeries} from '../../src/study/securities.js'
import {importBundledStudyData, run} from '../cli/run.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, REPO} from '../helpers/shared.js'

/** The store seen through getBars only, as a source without columns. */
function barsOnly(store: PriceStore): BarSource {
  return {
    hasSymbol: (s) => store.hasSymbol(s),
    getBars: (s, from, to) => store.getBars(s, from, to),
    lastDate: (s) => store.lastDate(s),
    factors: store.factors,
  }
}

async function bothPaths(cache: string, file: string): Promise<[string, string]> {
  const store = PriceStore.open(cache, {mode: 'read'})
  try {
    const columns = await runStudy(loadStudy(file), store, {offline: true})
    const bars = await runStudy(loadStudy(file), barsOnly(store), {offline: true})
    return [JSON.stringify(columns), JSON.stringify(bars)]
  } finally {
    store.close()
  }
}

describe('the seeded universe, read by columns and by bars', () => {
  let dir = ''
  let cache = ''
  let u: ReturnType<typeof writeUniverse>
  beforeAll(async () => {
    dir = tempDir()
    cache = tempDir()
    u = writeUniverse(dir, {securities: 30, days: 600, eventsPerSecurity: 4, commonSecurities: 20, seed: 7})
    const prices = path.join(dir, 'prices')
    const lines = (s: string) =>
      readFileSync(path.join(prices, `${s}.csv`), 'utf8')
        .trimEnd()
        .split('\n')
    // S0001: a gap of 40 days (an event loses its day -1) and a price on a Saturday.
    const s1 = lines('S0001')
    s1.splice(300, 40)
    s1.push(`2020-06-06,${s1[s1.length - 1].split(',').slice(1).join(',')}`)
    writeFileSync(path.join(prices, 'S0001.csv'), `${s1.join('\n')}\n`)
    // S0002: no adjusted closes and no volume (closes stand in, with the note).
    const s2 = lines('S0002').map((l, i) => (i === 0 ? l : l.split(',').slice(0, 5).concat(['', '']).join(',')))
    writeFileSync(path.join(prices, 'S0002.csv'), `${s2.join('\n')}\n`)
    // S0003: its first usable date cuts into an estimation period.
    const study = path.join(dir, 'list', 'study.yaml')
    writeFileSync(study, `${readFileSync(study, 'utf8')}history:\n  S0003: { from: ${u.dates[200]} }\n`)
    // Value at stake and a run-up regression read prices again, beside the panel: by columns and by bars alike.
    const shares = ['S0001', 'S0002', 'S0003', 'S0005'].map((s) => `  ${s}: { shares: 1000000, source: test }`)
    const runup = '  - { id: runup, event: all, window: [0, 4], on: [beta, {runup: [-20, -2]}] }'
    writeFileSync(study, `${readFileSync(study, 'utf8')}shares:\n${shares.join('\n')}\ncrossSection:\n${runup}\n`)
    // And the base-period index: S0002 on its raw closes, S0003's prices starting after the base period.
    const base = `{ from: ${u.dates[150]}, to: ${u.dates[170]} }`
    writeFileSync(study, `${readFileSync(study, 'utf8')}index:\n  base: ${base}\n  asOf: ${u.dates[550]}\n`)
    // S0004: two events a day apart, one on the first day of the series, one two days before its end, one after it.
    const events = path.join(dir, 'list', 'events.csv')
    const extra = [
      [400, 'a'],
      [401, 'b'],
      [0, 'first'],
      [u.dates.length - 3, 'end'],
      [u.dates.length + 5, 'after'],
    ]
    const more = extra.map(([d, id]) => `S0004,${u.dates[d as number] ?? '2030-01-02'},S0004-${id}`)
    writeFileSync(events, `${readFileSync(events, 'utf8')}${more.join('\n')}\n`)
    expect((await run(['import', prices], {cacheDir: cache})).code).toBe(0)
    // Every symbol has its packed series: the column path below reads those, not rows.
    const db = new Database(path.join(cache, STORE_FILE), {readonly: true})
    expect(db.prepare('SELECT count(DISTINCT symbol) FROM series').pluck().get()).toBe(u.truth.length + 1)
    db.close()
  }, 120_000)

  it.each(['list', 'many', 'edges', 'common'])('the %s study gives the same JSON', async (name) => {
    const [columns, bars] = await bothPaths(cache, path.join(dir, name, 'study.yaml'))
    expect(columns === bars, 'the two read paths differ').toBe(true)
    if (name === 'edges') {
      // Every early and late event is left out with its note and gone from the events; the list's events stay.
      const r = JSON.parse(columns) as {events: {id: string}[]; notes: string[]}
      const edgeIds = u.truth.flatMap((t) =>
        t.eventDays.flatMap((_, k) =>
          k < EDGE_EVENTS / 2 ? [`${t.symbol}-early${k + 1}`, `${t.symbol}-late${k + 1}`] : [],
        ),
      )
      const leftOut = r.notes.filter((n) => n.includes(': left out: ')).map((n) => n.split(':')[0])
      expect(new Set(leftOut)).toEqual(new Set(edgeIds))
      expect(r.events.map((e) => e.id)).toEqual(
        u.truth.flatMap((t) => t.eventDays.map((_, k) => `${t.symbol}-e${k + 1}`)),
      )
    }
    if (name === 'list') {
      const notes = (JSON.parse(columns) as {notes: string[]}).notes.join('\n')
      expect(notes).toContain('S0001: 1 price(s) on days MKT did not trade were ignored')
      expect(notes).toContain('no adjusted closes in the store for S0002')
      expect(notes).toMatch(/S0003: prices before \S+ not used; history: dropped \d+ rows/)
      for (const id of ['S0004-first', 'S0004-end', 'S0004-after']) expect(notes).toContain(`${id}: left out: `)
      const r = JSON.parse(columns) as {value: {rows: {id: string}[]}; crossSections: {id: string; n: number}[]}
      expect(new Set(r.value.rows.map((x) => x.id))).toEqual(new Set(['S0001', 'S0002', 'S0003', 'S0005']))
      expect(r.crossSections.map((x) => x.id)).toEqual(['runup'])
      expect(r.crossSections[0].n).toBeGreaterThan(100)
      const index = JSON.parse(columns) as {index: {securities: {id: string; excluded: string | null}[]}}
      expect(index.index.securities.find((x) => x.id === 'S0003')?.excluded).toMatch(/^prices start /)
      expect(index.index.securities.filter((x) => x.excluded === null).length).toBeGreaterThan(20)
      const overlaps = (JSON.parse(columns) as {overlaps: {events: string[]}[]}).overlaps
      expect(overlaps.map((o) => o.events)).toContainEqual(['S0004-a', 'S0004-b'])
    }
  })

  it("lays every security's returns in one buffer with NaN margins from the columns, each in its own array from bars", async () => {
    const store = PriceStore.open(cache, {mode: 'read'})
    try {
      const plan = await planRun(loadStudy(path.join(dir, 'list', 'study.yaml')), store, {offline: true})
      const {spec, cal} = plan
      const bench = benchmarkReturns(spec.benchmark, plan.benchBars, cal, spec.price, spec.returns)
      const read = (source: BarSource, margin: number) =>
        studySeries(
          spec,
          plan.securities,
          source,
          cal,
          plan.range,
          {bars: plan.benchBars, fellBack: bench.fellBack},
          [],
          margin,
        )
      const shared = [...read(store, 30).securities.values()]
      const own = [...read(barsOnly(store), 30).securities.values()]
      const buffer = shared[0].returns.buffer
      expect(shared.every((s) => s.margin === 30 && s.returns.buffer === buffer)).toBe(true)
      expect(own.every((s) => s.margin === 0 && s.returns.buffer !== buffer)).toBe(true)
      const all = new Float64Array(buffer)
      shared.forEach((s, i) => {
        // The bars are aligned over the whole calendar, the columns over the range read (its first return NaN).
        const k0 = s.aligned.start
        expect(Array.from(s.returns.subarray(1))).toEqual(
          Array.from(own[i].returns.subarray(k0 + 1, k0 + s.returns.length)),
        )
        const at = s.returns.byteOffset / 8
        expect(all.subarray(at - 30, at).every(Number.isNaN)).toBe(true)
        expect(all.subarray(at + s.returns.length, at + s.returns.length + 30).every(Number.isNaN)).toBe(true)
      })
    } finally {
      store.close()
    }
  })
})

describe.skipIf(!haveSharedData())('the bundled studies, read by columns and by bars', () => {
  let cache = ''
  beforeAll(async () => {
    cache = tempDir()
    await importBundledStudyData(cache)
  }, 120_000)

  it.each(['deepseek-r1', 'covid-2020', 'nvda-earnings'])(
    '%s gives the same JSON',
    async (name) => {
      const [columns, bars] = await bothPaths(cache, path.join(REPO, 'studies', `${name}.yaml`))
      expect(columns === bars, 'the two read paths differ').toBe(true)
    },
    120_000,
  )
})
