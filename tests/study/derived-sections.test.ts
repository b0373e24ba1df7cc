import {buildCalendar} from '../../src/engine/calendar.js'
import {describe, expect, it} from 'vitest'
import {calendarPricesFromBars} from '../../src/study/securities.js'
import {addDerivedSections, type DerivedContext, shareEntries} from '../../src/study/derived-sections.js'
import {SCHEMA_VERSION, type StudyResult} from '../../src/result.js'
import type {StudySpec} from '../../src/spec/types.js'
import type {Bar} from '../../src/types.js'
import {claimsSection} from '../../src/report/claims.js'
import {studySections} from '../../src/report/sections.js'
import {valueSection} from '../../src/report/value-at-stake.js'
import {csvText, indexCsvRows, longRows} from '../../src/render/csv.js'
import {renderIndexTable, terminalSectionBody} from '../../src/render/terminal.js'

const CAL = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09']
const bars = (ps: number[]): Bar[] =>
  ps.map((p, i) => ({date: CAL[i], open: null, high: null, low: null, close: null, adjClose: p, volume: null}))

function spec(): StudySpec {
  return {
    name: 't',
    title: null,
    description: null,
    questions: [],
    file: null,
    benchmark: 'M',
    price: 'adjClose',
    returns: 'simple',
    model: {kind: 'market'},
    nonTradingDay: 'next',
    estimation: {from: -260, to: -11, minObservations: 100},
    windows: [
      [0, 0],
      [0, 1],
    ],
    eventsKind: 'common',
    events: [{id: 'e', date: '2024-01-05', label: null, symbol: null, group: null}],
    groups: [{id: 'g', label: 'G', symbols: ['A', 'B']}],
    index: {base: {from: '2024-01-01', to: '2024-01-03'}, asOf: '2024-01-09', weighting: 'equal'},
    volatilityWindow: null,
    history: [],
    shares: [{symbol: 'A', shares: 1e6, source: '10-Q'}],
    claims: [
      {
        id: 'a-ret',
        text: 'A fell 10%',
        metric: 'return',
        subject: 'A',
        event: 'e',
        window: [0, 0],
        expected: -0.1,
        tolerance: 0.001,
      },
      {
        id: 'a-val',
        text: 'A lost 1m',
        metric: 'valueChange',
        subject: 'A',
        event: 'e',
        window: [0, 0],
        expected: -1e6,
        tolerance: 1,
      },
      {
        id: 'g-lvl',
        text: 'g at 100',
        metric: 'indexLevel',
        subject: 'g',
        event: null,
        window: [0, 0],
        expected: 100,
        tolerance: 1,
      },
    ],
  }
}

function result(): StudyResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'aftershock', version: 'test'},
    study: {
      name: 't',
      title: null,
      description: null,
      questions: [],
      file: null,
      benchmark: 'M',
      price: 'adjClose',
      returns: 'simple',
      model: 'market',
      nonTradingDay: 'next',
      estimation: {from: -260, to: -11, minObservations: 100},
      windows: [
        [0, 0],
        [0, 1],
      ],
    },
    dataAsOf: '2024-01-09',
    events: [{id: 'e', label: null, symbol: null, date: '2024-01-05', tradingDate: '2024-01-05', shift: 0, note: null}],
    groups: [],
    securities: [
      {
        symbol: 'A',
        group: 'g',
        event: 'e',
        model: {alpha: 0, beta: 1, sigma: 0.01, r2: 0.5, n: 250},
        ar: [{t: 0, date: '2024-01-05', ret: -0.1, ar: -0.08, sar: -8}],
        windows: [
          {window: [0, 0], from: '2024-01-05', to: '2024-01-05', car: -0.08, scar: -8, bhar: -0.08, t: -8, p: 0},
        ],
      },
      {symbol: 'B', group: 'g', event: 'e', excluded: 'too few observations'},
    ],
    notes: [],
  }
}

const BARS = new Map([
  ['M', bars([100, 100, 100, 100, 100, 100])],
  ['A', bars([10, 10, 10, 10, 9, 9.9])], // B = 10; day 0 = 2024-01-05: 10 -> 10, day 1: 9
  ['B', bars([20, 20, 20, 22, 22, 22])],
])

/** The runner's context for a study of these bars (prices from the bars, as for a source without columns). */
const context = (s: StudySpec): DerivedContext => {
  const calendar = buildCalendar(CAL)
  return {spec: s, prices: calendarPricesFromBars(calendar, BARS, s.price), calendar}
}

describe('addDerivedSections', () => {
  it('fills index, value and claims from the spec and the bars', () => {
    const r = result()
    addDerivedSections(r, context(spec()))
    // index: A 9.9 / 10, B 22 / 20 -> group (99 + 110) / 2
    expect(r.index!.groups[0].level).toBeCloseTo(104.5, 10)
    expect(r.index!.securities.map((s) => s.id)).toEqual(['M', 'A', 'B'])
    // value: A on day 0 (2024-01-05): close before 10 (01-04), close 10 -> change 0; [0,1]: 10 -> 9
    const v0 = r.value!.rows.find((x) => x.id === 'A' && x.window[1] === 0)!
    expect(v0.change).toBe(0)
    expect(v0.abnormalChange).toBeCloseTo(1e6 * 10 * -0.08, 6)
    const v1 = r.value!.rows.find((x) => x.id === 'A' && x.window[1] === 1)!
    expect(v1.change).toBeCloseTo(-1e6, 6)
    expect(v1.abnormalChange).toBeNull() // no CAR [0,1] and no AR for day 1 in the result
    expect(r.value!.notes.join('\n')).toMatch(/no shares outstanding given for B/)
    // claims
    expect(r.claims!.map((c) => c.holds)).toEqual([true, false, false])
    expect(r.claims![1].measured).toBe(0)
    expect(r.claims![2].measured).toBeCloseTo(104.5, 10)
    expect(r.notes.at(-1)).toBe('claims: 1 of 3 hold; not holding: a-val, g-lvl')
    expect(JSON.stringify(r)).not.toMatch(/NaN/)
  })

  it('no index, shares or claims: nothing added', () => {
    const r = result()
    addDerivedSections(r, context({...spec(), index: null, shares: [], claims: []}))
    expect(r.index).toBeUndefined()
    expect(r.value).toBeUndefined()
    expect(r.claims).toBeUndefined()
  })

  it('live shares fill in for symbols the study file does not cover, flagged current', () => {
    const s = shareEntries(
      spec(),
      new Map([
        ['A', 5],
        ['B', 7],
      ]),
    )
    expect(s).toEqual([
      {symbol: 'A', shares: 1e6, source: '10-Q', current: false},
      {
        symbol: 'B',
        shares: 7,
        source: 'Yahoo Finance, current shares outstanding (not as of the event)',
        current: true,
      },
    ])
  })
})

describe('extras renderers', () => {
  const r = result()
  addDerivedSections(r, context(spec()))

  it('tables carry the numbers', () => {
    const idx = renderIndexTable(r.index!)
    expect(idx).toMatch(/\[g\]\s+│\s+–\s+│\s+104\.5/)
    expect(idx).toMatch(/M \(benchmark\)/)
    const val = terminalSectionBody(valueSection(r.value!, 'summary'))
    expect(val).toMatch(/event e: \[0,0\] 2024-01-05; \[0,\+1\] 2024-01-05\.\.2024-01-08/)
    expect(val).toMatch(/A\s+│\s+\$0 │\s+-\$800\.0k │\s+-\$1\.0m/)
    expect(val).toMatch(/A\s+│\s+1,000,000 │ 10-Q/)
    const cl = terminalSectionBody(claimsSection(r.claims!)!)
    expect(cl).toMatch(/Claims: 1 of 3 hold/)
    expect(cl).toMatch(/holds/)
    expect(cl).toMatch(/FAILS/)
    expect(cl).toMatch(/-10\.00% │\s+0\.10% │/)
  })

  it('CSV rows in the study CSV columns', () => {
    const rows = longRows(studySections(r, 'full'))
    expect(
      rows.find((x) => x.section === 'index' && x.group === 'g' && x.symbol === null && x.measure === 'level')!.value,
    ).toBeCloseTo(104.5, 10)
    expect(rows.filter((x) => x.section === 'index-series' && x.group === 'g')).toHaveLength(CAL.length)
    expect(rows.find((x) => x.section === 'claim' && x.measure === 'a-ret:holds')!.text).toBe('true')
    const text = csvText(indexCsvRows(r.index!))
    expect(text.split('\n')[0]).toBe('section,group,symbol,event,window,t,date,measure,value,text')
    const line = text.split('\n').find((l) => l.startsWith('index,g,A,,,,2024-01-09,level,'))!
    expect(Number(line.split(',').at(-2))).toBeCloseTo(99, 10)
  })
})
