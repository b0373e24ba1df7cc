import {describe, expect, it} from 'vitest'
import {TEST_NAMES, type TestBattery} from '../../src/engine/types.js'
import {changeLines, robustnessSection} from '../../src/report/robustness.js'
import type {RobustnessRow, StudyResult} from '../../src/result.js'

function battery(p: number): TestBattery {
  const b = {} as TestBattery
  for (const t of TEST_NAMES) b[t] = {stat: 2, p, n: 6}
  return b
}

const row = (model: string, event: string, p: number): RobustnessRow => ({
  model,
  group: 'power',
  event,
  window: [0, 0],
  n: 6,
  caar: -0.156,
  tests: battery(p),
})

/** A result with only what the section reads. */
function result(rows: RobustnessRow[], changes: StudyResult['robustnessChanges'] = []): StudyResult {
  return {
    groups: [{group: 'power', label: 'Power producers'}],
    robustness: rows,
    robustnessChanges: changes,
  } as unknown as StudyResult
}

describe('changeLines', () => {
  const change = {
    group: 'power',
    event: 'sell',
    window: [0, 0] as [number, number],
    test: 'crossSectionalT' as const,
    rejecting: ['market', 'ff3'],
    notRejecting: [{model: 'carhart', p: 0.0812}],
  }
  it('names the group by its label, the window, the test and both sides', () => {
    const rows = [row('market', 'sell', 0.01), row('ff3', 'sell', 0.02), row('carhart', 'sell', 0.0812)]
    expect(changeLines(result(rows, [change]))).toEqual([
      'Power producers [0,0]: Cross-sectional t rejects at 5% under market and ff3, not under carhart (p 0.081)',
    ])
  })
  it('names the event when the study has more than one', () => {
    const rows = [row('market', 'sell', 0.01), row('market', 'release', 0.5)]
    expect(changeLines(result(rows, [change]))[0]).toMatch(/^Power producers, sell \[0,0\]: /)
  })
  it('says in one line that nothing changes', () => {
    expect(changeLines(result([row('market', 'sell', 0.01), row('scholes-williams', 'sell', 0.02)]))).toEqual([
      'No conclusion at 5% changes between market and scholes-williams: each finding test rejects under all of them or under none, in every group window.',
    ])
  })
})

describe('robustnessSection', () => {
  const r = result([row('market', 'sell', 0.004), row('dimson', 'sell', 0.3)])
  it('summary: per event a row per group window, per model CAAR and the starred p', () => {
    const s = robustnessSection(r, 'summary')
    expect(s?.tables.map((t) => t.id)).toEqual(['robustness:sell'])
    const t = s?.tables[0]
    expect(t?.columns.filter((c) => !c.hidden).map((c) => c.label)).toEqual([
      'Group',
      'Window',
      'CAAR market',
      'p market',
      'CAAR dimson',
      'p dimson',
    ])
    expect(t?.columns.find((c) => c.key === 'market.p')?.p).toBe('market.p')
    expect(t?.rows).toEqual([
      {
        group: 'power',
        event: 'sell',
        window: [0, 0],
        'market.caar': -0.156,
        'market.p': 0.004,
        'dimson.caar': -0.156,
        'dimson.p': 0.3,
      },
    ])
    expect(s?.notes?.[0]).toMatch(/^No conclusion at 5% changes/)
  })
  it('full: every model row with its battery, measures prefixed by the model; none without robustness', () => {
    const t = robustnessSection(r, 'full')?.tables[0]
    expect(t?.measurePrefix).toBe('model')
    expect(t?.rows.map((x) => [x.model, x.n, x['bmp.p']])).toEqual([
      ['market', 6, 0.004],
      ['dimson', 6, 0.3],
    ])
    expect(robustnessSection(result([]), 'summary')).toBeNull()
  })
})
