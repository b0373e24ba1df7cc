import {describe, expect, it} from 'vitest'
import {TEST_NAMES, type TestName} from '../../src/engine/types.js'
import {batteryVerdict, findings} from '../../src/report/findings.js'
import type {StudyResult, WindowRow} from '../../src/result.js'
import {makeListResult, makeResult} from './fixtures.js'

const text = (r: StudyResult): string =>
  findings(r)
    .flatMap((g) => [g.heading, ...g.items])
    .join('\n')

/** The power producers on 2025-01-27 (deepseek-r1): -15.6% on day 0, N = 6, the tests disagreeing. */
const POWER: Record<TestName, [number, number]> = {
  crossSectionalT: [-4.03, 0.01],
  brownWarner1980: [-9.1, 1e-6],
  brownWarner1985: [-8.52, 1e-6],
  patell: [-7.7, 1e-6],
  bmp: [-4.03, 0.01],
  kolariPynnonen: [-1.91, 0.115],
  corrado: [-1.77, 0.077],
  sign: [-2.04, 0.041],
  generalizedSign: [-1.55, 0.121],
  wilcoxon: [0, 0.031],
  grank: [-1.5, 0.14],
  corradoSign: [-1.6, 0.11],
}

function powerWindow(): WindowRow {
  const tests = Object.fromEntries(
    TEST_NAMES.map((t) => [t, {stat: POWER[t][0], p: POWER[t][1], n: 6}]),
  ) as WindowRow['tests']
  return {window: [0, 0], from: '2025-01-27', to: '2025-01-27', n: 6, caar: -0.156, tests}
}

describe('findings', () => {
  it('answer in plain words from the numbers', () => {
    const t = text(makeResult({failingClaim: true}))
    expect(t).toContain('The market was closed on 2025-01-04; day 0 is 2025-01-06.')
    expect(t).toMatch(/Power \(N = 2\): abnormal return -\d+\.\d% on day 0 \(all 6 tests reject at 5%\)/)
    expect(t).toContain('Claims: 2 of 3 hold')
    expect(t).toContain('Fails: “Power stocks rose” (measured -20.00%, claimed +5.00% ± 1.00%).')
    expect(t).toContain('-$592.4bn')
    // a dollar change is called a change, not a market value, and carries its sign
    expect(t).toContain('AI chips, day 0 of selloff: market value changed by -$700.0bn (abnormal part -$600.0bn).')
    expect(t).not.toMatch(/market value -?\$/)
    expect(t).toContain('Significance: for a group, how many of 6 tests (Cross-sectional t, Brown-Warner 1985, BMP')
  })

  it('call a gain a gain and name no loss when there is none', () => {
    const gains = makeResult()
    for (const row of [...gains.value!.rows, ...gains.value!.groups]) {
      row.change = Math.abs(row.change)
      row.abnormalChange = row.abnormalChange === null ? null : Math.abs(row.abnormalChange)
    }
    const t = text(gains)
    expect(t).toContain('market value changed by +$700.0bn (abnormal part +$600.0bn)')
    expect(t).not.toContain('Largest single loss')
  })

  it('judge a group window by the battery: the agreement and the dissent, not Kolari-Pynnönen alone', () => {
    const v = batteryVerdict(powerWindow())
    expect(v).toBe(
      '3 of 6 tests reject at 5%: Cross-sectional t -4.03, Brown-Warner 1985 -8.52 and BMP -4.03; ' +
        'Kolari-Pynnönen -1.91 (p 0.115), Corrado rank -1.77 (p 0.077) and Generalized sign -1.55 (p 0.121) do not',
    )
    expect(v).not.toContain('not significant')
    const r = makeResult()
    const g = r.groups.find((x) => x.group === 'power' && x.event === 'selloff')!
    g.n = 6
    g.windows[0] = powerWindow()
    expect(text(r)).toContain(
      'Power (N = 6): abnormal return -15.6% on day 0 (3 of 6 tests reject at 5%: Cross-sectional t',
    )
  })

  it('name the minority when most tests agree, and say when all or none reject', () => {
    const w = powerWindow()
    w.tests.corrado = {stat: -2.5, p: 0.012, n: 6}
    w.tests.generalizedSign = {stat: -2.2, p: 0.03, n: 6}
    expect(batteryVerdict(w)).toMatch(/^5 of 6 tests reject at 5%: .*; Kolari-Pynnönen -1\.91 \(p 0\.115\) does not$/)
    for (const t of TEST_NAMES) w.tests[t] = {stat: 0.1, p: 0.9, n: 6}
    expect(batteryVerdict(w)).toBe('none of the 6 tests rejects at 5%')
    w.tests.bmp = {stat: 3, p: 0.003, n: 6}
    expect(batteryVerdict(w)).toBe(
      '1 of 6 tests rejects at 5%: BMP 3.00; Cross-sectional t 0.10 (p 0.900), Brown-Warner 1985 0.10 (p 0.900), Kolari-Pynnönen 0.10 (p 0.900), Corrado rank 0.10 (p 0.900) and Generalized sign 0.10 (p 0.900) do not',
    )
  })

  it('judge a single security by its own t test', () => {
    const r = makeResult()
    const g = r.groups.find((x) => x.group === 'power' && x.event === 'selloff')!
    g.n = 1
    for (const w of g.windows) w.n = 1
    expect(text(r)).toMatch(
      /Power \(1 security\): abnormal return -\d+\.\d% on day 0 \(significant at 1%, own t test\)/,
    )
  })
})

describe('findings of a list study', () => {
  it('names the largest day-0 fall and rise over all the pooled list events, not within the first event', () => {
    // Day-0 ARs (i · 7919 mod 3) / 3 - 0.5: S0 -50%, S1 +16.7%, S2 -16.7%; the last event's S2 is not the rise.
    const t = text(makeListResult(3))
    expect(t).toContain('Largest day-0 fall: S0 -50.0%; largest day-0 rise or smallest fall: S1 +16.7%.')
  })

  it('gives the volatility of the pooled list events per group, one line, not one per event', () => {
    const r = makeListResult(300)
    r.volatility!.securities.forEach((s, i) => {
      s.significant = i % 3 === 0
      s.ratio = i % 2 === 0 ? 1 : 2
    })
    const lines = text(r)
      .split('\n')
      .filter((l) => l.includes('volatility rose'))
    expect(lines).toEqual([
      'AI chips after the list events: volatility rose significantly for 100 of 300 (mean variance ratio 1.50).',
    ])
  })
})
