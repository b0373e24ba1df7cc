import {describe, expect, it} from 'vitest'
import {runIndexStudy} from '../../src/study/index-run.js'
import {InputError, MissingDataError} from '../../src/errors.js'
import type {StudySpec} from '../../src/spec/types.js'
import type {Bar} from '../../src/types.js'

// 2025-01-17 (Fri), 2025-01-21 (Tue, after MLK day), 2025-01-22
const CAL = ['2025-01-02', '2025-01-03', '2025-01-17', '2025-01-21', '2025-01-22']
const bars = (ps: number[]): Bar[] =>
  ps.map((p, i) => ({date: CAL[i], open: null, high: null, low: null, close: null, adjClose: p, volume: null}))

function store(symbols: Record<string, number[]>) {
  return {
    hasSymbol: (s: string) => s in symbols,
    getBars: (s: string) => bars(symbols[s] ?? []),
  }
}

function spec(over: Partial<StudySpec> = {}): StudySpec {
  return {
    name: 'x',
    title: null,
    description: null,
    questions: [],
    file: '/studies/x.yaml',
    benchmark: 'SPY',
    price: 'adjClose',
    returns: 'simple',
    model: {kind: 'market'},
    nonTradingDay: 'next',
    estimation: {from: -260, to: -11, minObservations: 100},
    windows: [[0, 0]],
    eventsKind: 'common',
    events: [{id: 'mlk', date: '2025-01-20', label: null, symbol: null, group: null}],
    groups: [{id: 'g', label: null, symbols: ['A']}],
    index: {base: {from: '2025-01-01', to: '2025-01-03'}, asOf: '2025-01-22', weighting: 'equal'},
    volatilityWindow: null,
    history: [],
    shares: [],
    claims: [],
    ...over,
  }
}

describe('runIndexStudy', () => {
  it('resolves day 0 on the benchmark calendar and measures since the close before it', async () => {
    const r = await runIndexStudy(spec(), store({SPY: [1, 1, 1, 1, 1], A: [10, 30, 40, 50, 60]}))
    expect(r.events[0]).toMatchObject({id: 'mlk', date: '2025-01-20', tradingDate: '2025-01-21', shift: 1})
    const a = r.index.securities.find((s) => s.id === 'A')!
    expect(a.level).toBeCloseTo(300, 12) // 60 / mean(10, 30)
    expect(a.sinceEvent.mlk).toBeCloseTo(60 / 40 - 1, 12) // from 2025-01-17's close
  })

  it("history: a security's bars before its first usable date are not used (as in study run)", async () => {
    const r = await runIndexStudy(
      spec({
        groups: [{id: 'g', label: null, symbols: ['A', 'B']}],
        history: [{symbol: 'B', from: '2025-01-03', note: 'when-issued'}],
      }),
      store({SPY: [1, 1, 1, 1, 1], A: [10, 30, 40, 50, 60], B: [10, 30, 40, 50, 60]}),
    )
    expect(r.notes).toContain('B: prices before 2025-01-03 not used (when-issued); history: dropped 1 row')
    expect(r.index.securities.find((s) => s.id === 'A')!.level).toBeCloseTo(300, 12)
    const b = r.index.securities.find((s) => s.id === 'B')!
    expect(b.level).toBeNull() // no price on 2025-01-02 of the base period any more
    expect(b.excluded).toMatch(/prices start/)
  })

  it('names the missing symbols and how to get them', async () => {
    await expect(runIndexStudy(spec(), store({SPY: [1, 1, 1, 1, 1]}))).rejects.toThrow(MissingDataError)
    await expect(runIndexStudy(spec(), store({SPY: [1, 1, 1, 1, 1]}))).rejects.toThrow(
      /groups\.g\.symbols\[0\]: A is not in the price store\n.*aftershock fetch A/,
    )
    await expect(runIndexStudy(spec(), store({A: [1, 1, 1, 1, 1]}))).rejects.toThrow(
      /benchmark: SPY is not in the price store/,
    )
  })

  it('a study without index: is an input error', async () => {
    await expect(runIndexStudy(spec({index: null}), store({SPY: [1, 1, 1, 1, 1], A: [1, 1, 1, 1, 1]}))).rejects.toThrow(
      InputError,
    )
  })

  it('nonTradingDay: skip drops the event with a note', async () => {
    const r = await runIndexStudy(spec({nonTradingDay: 'skip'}), store({SPY: [1, 1, 1, 1, 1], A: [10, 30, 40, 50, 60]}))
    expect(r.events).toHaveLength(0)
    expect(r.notes[0]).toMatch(/mlk/)
  })

  it('value weighting leaves out a member without shares, with the reason', async () => {
    const r = await runIndexStudy(
      spec({
        index: {base: {from: '2025-01-01', to: '2025-01-03'}, asOf: '2025-01-22', weighting: 'value'},
        groups: [{id: 'g', label: null, symbols: ['A', 'B']}],
        shares: [{symbol: 'A', shares: 2, source: 's'}],
      }),
      store({SPY: [1, 1, 1, 1, 1], A: [10, 30, 40, 50, 60], B: [5, 5, 5, 5, 50]}),
    )
    expect(r.index.securities.find((s) => s.id === 'B')!.excluded).toMatch(/no shares outstanding/)
    expect(r.index.groups[0].level).toBeCloseTo(300, 12) // A alone
  })
})
