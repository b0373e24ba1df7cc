import {describe, expect, it} from 'vitest'
import {conclusionChanges, robustnessModels, windowKey} from '../../src/analysis/model-robustness.js'
import {TEST_NAMES, type TestBattery} from '../../src/engine/types.js'
import type {RobustnessRow} from '../../src/result.js'

/** A battery where every test has p 0.5 but those given. */
function battery(ps: Partial<Record<keyof TestBattery, number | null>> = {}): TestBattery {
  const b = {} as TestBattery
  for (const t of TEST_NAMES) {
    const p = t in ps ? (ps[t] ?? null) : 0.5
    b[t] = {stat: p === null ? null : 1, p, n: 5}
  }
  return b
}

const r = (model: string, group: string, ps: Parameters<typeof battery>[0], window: [number, number] = [0, 0]) =>
  ({model, group, event: 'ev', window, n: 5, caar: 0.01, tests: battery(ps)}) satisfies RobustnessRow

describe('conclusionChanges', () => {
  it('lists a finding test that rejects at 5% under some models and not under others, with their p', () => {
    const rows = [
      r('market', 'power', {crossSectionalT: 0.01, bmp: 0.2}),
      r('ff3', 'power', {crossSectionalT: 0.049, bmp: 0.3}),
      r('carhart', 'power', {crossSectionalT: 0.081, bmp: 0.04}),
    ]
    expect(conclusionChanges(rows)).toEqual([
      {
        group: 'power',
        event: 'ev',
        window: [0, 0],
        test: 'crossSectionalT',
        rejecting: ['market', 'ff3'],
        notRejecting: [{model: 'carhart', p: 0.081}],
      },
      {
        group: 'power',
        event: 'ev',
        window: [0, 0],
        test: 'bmp',
        rejecting: ['carhart'],
        notRejecting: [
          {model: 'market', p: 0.2},
          {model: 'ff3', p: 0.3},
        ],
      },
    ])
  })

  it('counts p = 0.05 as not rejecting; a model without a p takes no side; tests outside the six are not read', () => {
    expect(conclusionChanges([r('a', 'g', {bmp: 0.05}), r('b', 'g', {bmp: 0.0499})])[0]).toMatchObject({
      rejecting: ['b'],
      notRejecting: [{model: 'a', p: 0.05}],
    })
    expect(conclusionChanges([r('a', 'g', {bmp: 0.01}), r('b', 'g', {bmp: null})])).toEqual([])
    expect(conclusionChanges([r('a', 'g', {patell: 0.01}), r('b', 'g', {patell: 0.9})])).toEqual([])
  })

  it('compares only the same group, event and window; nothing when all agree', () => {
    const rows = [
      r('a', 'g', {corrado: 0.01}),
      r('a', 'h', {corrado: 0.9}),
      r('b', 'g', {corrado: 0.02}, [0, 0]),
      r('b', 'h', {corrado: 0.8}),
    ]
    expect(conclusionChanges(rows)).toEqual([])
    expect(conclusionChanges([...rows, r('a', 'g', {corrado: 0.01}, [0, 4]), r('b', 'g', {}, [0, 4])])).toHaveLength(1)
  })
})

describe('robustnessModels and windowKey', () => {
  it('models in first appearance; a key per group, event and window', () => {
    expect(robustnessModels([r('market', 'g', {}), r('ff3', 'g', {}), r('market', 'h', {})])).toEqual(['market', 'ff3'])
    expect(windowKey({group: 'g', event: 'e', window: [-1, 1]})).toBe('g|e|-1..1')
  })
})
