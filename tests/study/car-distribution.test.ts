import {describe, expect, it} from 'vitest'
import {carDistribution} from '../../src/engine/car-distribution.js'
import {carDistributionSection} from '../../src/report/car-distribution.js'
import {runStudy} from '../../src/study/run.js'
import {MemStore, baseSpec, syntheticMarket} from './synthetic.js'

const market = syntheticMarket({eventDate: '2025-01-02', planted: 0.05})

describe('distribution of CARs per group window', () => {
  it("each window row's distribution is that of its securities' CARs; the report draws one row per window", async () => {
    const r = await runStudy(baseSpec(), new MemStore(market.bars), {offline: true})
    let rows = 0
    for (const g of r.groups)
      for (const w of g.windows) {
        const cars = r.securities
          .filter((s) => s.group === g.group && s.event === g.event && s.windows)
          .map((s) => s.windows?.find((x) => x.window[0] === w.window[0] && x.window[1] === w.window[1])?.car as number)
        const d = carDistribution(Float64Array.from(cars), cars.length)
        const [p5, p25, p50, p75, p95] = d.quantiles
        expect(w.distribution).toEqual({
          n: cars.length,
          quantiles: {p5, p25, p50, p75, p95},
          skewness: d.skewness,
          excessKurtosis: d.excessKurtosis,
        })
        rows++
      }
    const section = carDistributionSection(r)
    expect(section?.tables[0].rows).toHaveLength(rows)
    expect(section?.tables[0].columns.map((c) => c.key)).toContain('excessKurtosis')
  })
})
