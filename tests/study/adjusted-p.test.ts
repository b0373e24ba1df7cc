import {describe, expect, it} from 'vitest'
import {TEST_NAMES, type TestBattery} from '../../src/engine/types.js'
import type {GroupResult, SecurityResult} from '../../src/result.js'
import {adjustGroupWindows, adjustSecurityWindows} from '../../src/study/adjusted-p.js'

const row = (window: [number, number], p: number) => ({window, from: 'x', to: 'x', car: 0, scar: 0, bhar: 0, t: 0, p})
const sec = (symbol: string, p0: number, p1: number): SecurityResult => ({
  symbol,
  group: 'g',
  event: 'e',
  windows: [row([0, 0], p0), row([0, 4], p1)],
})

describe('adjusted p-values', () => {
  it('single-security tests: one family per window, by hand', () => {
    const s = [
      sec('A', 0.01, 0.5),
      sec('B', 0.04, 0.5),
      sec('C', 0.03, 0.2),
      {symbol: 'D', group: 'g', event: 'e', excluded: 'x'},
    ]
    adjustSecurityWindows(s)
    // Holm: sorted 0.01, 0.03, 0.04 -> 3(0.01), max(0.03, 2(0.03)), max(0.06, 0.04) = 0.03, 0.06, 0.06
    expect(s.slice(0, 3).map((x) => x.windows?.[0].pHolm)).toEqual([0.03, 0.06, 0.06].map((v) => expect.closeTo(v, 15)))
    // BH: 3(0.01)/1, 3(0.03)/2, 3(0.04)/3 = 0.03, 0.045, 0.04 -> running min from the top: 0.03, 0.04, 0.04
    expect(s.slice(0, 3).map((x) => x.windows?.[0].pBH)).toEqual([0.03, 0.04, 0.04].map((v) => expect.closeTo(v, 15)))
    // the [0, 4] family: 0.5, 0.5, 0.2 -> Holm 0.6, 1, 1 sorted: 0.2*3 = 0.6, 0.5*2 = 1, 1; BH 0.5, 0.5, 0.5
    expect(s.map((x) => x.windows?.[1].pHolm)).toEqual([1, 1, expect.closeTo(0.6, 15), undefined])
    expect(s.slice(0, 3).map((x) => x.windows?.[1].pBH)).toEqual([0.5, 0.5, 0.5])
  })

  it('group windows: one family per test over every group × event × window row; null p stays null', () => {
    const battery = (p: number | null): TestBattery =>
      Object.fromEntries(TEST_NAMES.map((t) => [t, {stat: p === null ? null : 1, p, n: 3}])) as TestBattery
    const group = (id: string, ps: Array<number | null>): GroupResult => ({
      group: id,
      label: null,
      event: 'e',
      n: 3,
      excluded: 0,
      daily: [{t: 0, date: null, n: 3, aar: 0, tests: battery(0.01)}],
      windows: ps.map((p, k) => ({window: [0, k], from: null, to: null, n: 3, caar: 0, tests: battery(p)})),
    })
    const gs = [group('a', [0.01, null]), group('b', [0.02, 0.04])]
    adjustGroupWindows(gs)
    for (const t of TEST_NAMES) {
      expect(gs.flatMap((g) => g.windows.map((w) => w.tests[t].pHolm))).toEqual([0.03, null, 0.04, 0.04])
      // m = 3 (the null does not count): Holm 3(0.01), max(., 2(0.02)), max(., 0.04); BH 0.03, 3(0.02)/2, 0.04
      expect(gs.flatMap((g) => g.windows.map((w) => w.tests[t].pBH))).toEqual([0.03, null, 0.03, 0.04])
      expect(gs[0].daily[0].tests[t].pHolm).toBeUndefined()
    }
  })
})
