// Model robustness on a seeded synthetic market: a planted abnormal return on a day the market itself fell by
// about as much. The market model removes the market's fall and finds the planted return; mean-adjusted returns
// keep the fall, so the treated group's day-0 CAAR is near zero there: a conclusion that changes between models.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {renderStudyCsv} from '../../src/render/csv.js'
import {renderStudyTable} from '../../src/render/terminal.js'
import {changeLines} from '../../src/report/robustness.js'
import type {RobustnessRow, StudyResult} from '../../src/result.js'
import {runStudy} from '../../src/study/run.js'
import {REPO} from '../helpers/shared.js'
import {baseSpec, MemStore, nonFinitePaths, syntheticMarket} from './synthetic.js'

const EVENT = '2025-01-02'
const market = syntheticMarket({eventDate: EVENT, planted: 0.03, eventMarket: -0.026})
const store = new MemStore(market.bars)
const TWO = [{kind: 'market'}, {kind: 'mean-adjusted'}] as const
const schema = JSON.parse(readFileSync(path.join(REPO, 'schema', 'study-result.schema.json'), 'utf8')) as object
const validate = new Ajv({allErrors: true, strict: false}).compile(schema)

function run(over: Parameters<typeof baseSpec>[0] = {}): Promise<StudyResult> {
  return runStudy(baseSpec(over), store, {offline: true})
}

const row = (r: StudyResult, model: string, group: string, w: [number, number]): RobustnessRow | undefined =>
  r.robustness?.find((x) => x.model === model && x.group === group && x.window[0] === w[0] && x.window[1] === w[1])

/** Simple returns of a symbol by date, from its adjusted closes. */
function returnsOf(symbol: string): number[] {
  const bars = market.bars.get(symbol) ?? []
  return bars.map((b, i) => (i === 0 ? Number.NaN : (b.adjClose as number) / (bars[i - 1].adjClose as number) - 1))
}

describe('model robustness on a synthetic market', () => {
  it('finds the planted return under the market model and not mean-adjusted, and says where the conclusion changes', async () => {
    const r = await run({model: TWO[0], models: [...TWO]})
    expect(nonFinitePaths(r)).toEqual([])
    expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    const mkt = row(r, 'market', 'treated', [0, 0])
    const mean = row(r, 'mean-adjusted', 'treated', [0, 0])
    expect(mkt?.caar).toBeCloseTo(0.03, 2)
    expect(mkt?.tests.crossSectionalT.p).toBeLessThan(0.05)
    expect(Math.abs(mean?.caar ?? 1)).toBeLessThan(0.01)
    expect(mean?.tests.crossSectionalT.p).toBeGreaterThan(0.05)
    const change = r.robustnessChanges?.find(
      (x) => x.group === 'treated' && x.window[0] === 0 && x.window[1] === 0 && x.test === 'crossSectionalT',
    )
    expect(change).toEqual({
      group: 'treated',
      event: 'ev',
      window: [0, 0],
      test: 'crossSectionalT',
      rejecting: ['market'],
      notRejecting: [{model: 'mean-adjusted', p: mean?.tests.crossSectionalT.p}],
    })
    // every change is a finding test with both sides, p < 5% on one and not on the other
    for (const x of r.robustnessChanges ?? []) {
      for (const m of x.rejecting) {
        const p = row(r, m, x.group, x.window)?.tests[x.test].p as number
        expect(p).toBeLessThan(0.05)
      }
      for (const m of x.notRejecting) expect(m.p).toBeGreaterThanOrEqual(0.05)
    }
    const lines = changeLines(r)
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Treated \[0,0\]: Cross-sectional t rejects at 5% under market, not under mean-adjusted \(p 0\.\d{3}\)$/,
      ),
    )
  })

  it('equals separate single-model runs of the same study, the primary model reused as the study ran it', async () => {
    const both = await run({model: TWO[0], models: [...TWO]})
    const alone = {market: await run(), 'mean-adjusted': await run({model: {kind: 'mean-adjusted'}})}
    expect(both.groups).toEqual(alone.market.groups)
    expect(both.securities).toEqual(alone.market.securities)
    for (const [model, r] of Object.entries(alone)) {
      const rows = r.groups.flatMap((g) =>
        g.windows.map((w) => ({model, group: g.group, event: g.event, window: w.window, n: w.n, caar: w.caar})),
      )
      expect(both.robustness?.filter((x) => x.model === model).map(({tests: _, ...x}) => x)).toEqual(rows)
      for (const g of r.groups)
        for (const w of g.windows) {
          const t = row(both, model, g.group, w.window)?.tests
          for (const [name, res] of Object.entries(w.tests)) {
            expect(t?.[name as keyof typeof t]?.stat, `${model} ${g.group} ${name}`).toBe(res.stat)
            expect(t?.[name as keyof typeof t]?.p, `${model} ${g.group} ${name}`).toBe(res.p)
          }
        }
    }
  })

  it('matches mean-adjusted ARs computed by hand: R_0 minus the mean return over days -250..-11', async () => {
    const r = await run({model: TWO[0], models: [...TWO]})
    const e = market.dates.indexOf(EVENT)
    const ars = ['AAA', 'BBB', 'CCC'].map((s) => {
      const R = returnsOf(s)
      const est = R.slice(e - 250, e - 10)
      return R[e] - est.reduce((a, b) => a + b, 0) / est.length
    })
    expect(row(r, 'mean-adjusted', 'treated', [0, 0])?.caar).toBeCloseTo(ars.reduce((a, b) => a + b, 0) / 3, 12)
  })

  it('leaves robustness out for a study of one model', async () => {
    const r = await run({models: [{kind: 'market'}]})
    expect(r.robustness).toBeUndefined()
    expect(r.robustnessChanges).toBeUndefined()
  })

  it('shows the section in the terminal and the CSV', async () => {
    const r = await run({model: TWO[0], models: [...TWO]})
    const text = renderStudyTable(r)
    expect(text).toMatch(/Model robustness\n=+/)
    expect(text).toMatch(/CAAR market .*p market .*CAAR mean-adjusted .*p mean-adjusted/)
    expect(text).toMatch(/Treated \[0,0\]: Cross-sectional t rejects at 5% under market, not under mean-adjusted/)
    const csv = renderStudyCsv(r).split('\n')
    const mean = row(r, 'mean-adjusted', 'treated', [0, 0])
    expect(csv).toContain(`robustness,treated,,ev,0..0,,,mean-adjusted:caar,${mean?.caar},`)
    expect(csv).toContain(
      `robustness,treated,,ev,0..0,,,market:crossSectionalT.p,${row(r, 'market', 'treated', [0, 0])?.tests.crossSectionalT.p},`,
    )
    expect(
      csv.some((l) =>
        /^robustness-change,treated,,ev,0\.\.0,,,crossSectionalT:change,,"?Treated \[0,0\]: Cross-sectional t/.test(l),
      ),
    ).toBe(true)
  })
})
