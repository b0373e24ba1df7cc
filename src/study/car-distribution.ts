/** The distribution of each group window's CARs (docs/methods.md, "Distribution of CARs") into the result rows. */
import {carDistribution} from '../engine/car-distribution.js'
import type {CarQuantiles} from '../result.js'
import type {GroupRun} from './group-run.js'

/** Adds `distribution` to each window row of a group run, from the CARs of the run's included rows. */
export function addCarDistribution(run: GroupRun): void {
  const r = run.run
  if (!r) return
  const {engine} = r
  const inc: number[] = []
  engine.included.forEach((v, i) => {
    if (v) inc.push(i)
  })
  if (inc.length === 0) return
  for (const row of run.group.windows) {
    const w = engine.windows.find((x) => x.window[0] === row.window[0] && x.window[1] === row.window[1])
    if (!w) continue
    const d = carDistribution(
      Float64Array.from(inc, (i) => w.car[i]),
      inc.length,
    )
    const [p5, p25, p50, p75, p95] = d.quantiles
    const quantiles: CarQuantiles = {p5, p25, p50, p75, p95}
    row.distribution = {n: d.n, quantiles, skewness: d.skewness, excessKurtosis: d.excessKurtosis}
  }
}
