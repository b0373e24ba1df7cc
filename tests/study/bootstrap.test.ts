import Ajv from 'ajv'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {signFlipBootstrap} from '../../src/engine/bootstrap.js'
import {runStudy} from '../../src/study/run.js'
import {REPO} from '../helpers/shared.js'
import {MemStore, baseSpec, syntheticMarket} from './synthetic.js'

const market = syntheticMarket({eventDate: '2025-01-02', planted: 0.05})
const store = new MemStore(market.bars)
const schema = JSON.parse(readFileSync(path.join(REPO, 'schema', 'study-result.schema.json'), 'utf8')) as object
const validate = new Ajv({allErrors: true, strict: false}).compile(schema)

const run = (bootstrap: ReturnType<typeof baseSpec>['bootstrap']) =>
  runStudy(baseSpec({bootstrap}), store, {offline: true})

describe('bootstrap p-values of group windows', () => {
  it('sign-flip: the engine scheme on the group CARs, identical for the same seed, schema-valid', async () => {
    const a = await run({draws: 999, seed: 1, scheme: 'sign-flip'})
    const b = await run({draws: 999, seed: 1, scheme: 'sign-flip'})
    expect(validate(a), JSON.stringify(validate.errors)).toBe(true)
    for (const g of a.groups)
      for (const w of g.windows) {
        const cars = a.securities
          .filter((s) => s.group === g.group && s.event === g.event && s.windows)
          .map((s) => s.windows?.find((x) => x.window[0] === w.window[0] && x.window[1] === w.window[1])?.car as number)
        const expected = signFlipBootstrap(Float64Array.from(cars), cars.length, 999, 1)
        expect(w.bootstrap).toEqual({stat: expected.stat, p: expected.p, draws: 999, seed: 1, scheme: 'sign-flip'})
        expect(w.bootstrap?.stat).toBeCloseTo(w.tests.crossSectionalT.stat as number, 10)
      }
    expect(b.groups.map((g) => g.windows.map((w) => w.bootstrap))).toEqual(
      a.groups.map((g) => g.windows.map((w) => w.bootstrap)),
    )
  })

  it('estimation-window: reproducible by seed, a different seed draws differently; none when not asked', async () => {
    const a = await run({draws: 499, seed: 5, scheme: 'estimation-window'})
    const b = await run({draws: 499, seed: 5, scheme: 'estimation-window'})
    const c = await run({draws: 499, seed: 6, scheme: 'estimation-window'})
    const ps = (r: typeof a) => r.groups.flatMap((g) => g.windows.map((w) => w.bootstrap?.p))
    expect(ps(a)).toEqual(ps(b))
    expect(ps(a)).not.toEqual(ps(c))
    for (const g of a.groups) for (const w of g.windows) expect(w.bootstrap?.scheme).toBe('estimation-window')
    // a planted 5% abnormal return is far in the tail under either scheme
    expect(a.groups[0].windows.find((w) => w.window[0] === 0 && w.window[1] === 0)?.bootstrap?.p).toBeLessThan(0.01)
    const none = await run(null)
    for (const g of none.groups) for (const w of g.windows) expect(w.bootstrap).toBeUndefined()
  })
})
