/** The abnormal volatility section of a result (docs/methods.md, "Abnormal volatility and volume"). */
import {abnormalVolatility} from '../engine/index.js'
import type {VolatilityResult} from '../result.js'
import {cleanTest} from './clean.js'
import type {PanelRun} from './panel-run.js'

/**
 * The volatility section: abnormalVolatility per engine run (F = s^2(AR over W) / sigma_i^2, one-sided;
 * group: share significant and the cross-sectional t of mean_t SAR^2 - 1). Rows without figures are left out.
 */
export function studyVolatility(inputs: PanelRun[]): VolatilityResult | undefined {
  if (inputs.length === 0) return undefined
  const window = inputs[0].layout.volatility
  const out: VolatilityResult = {window: [window[0], window[1]], securities: [], groups: []}
  for (const x of inputs) {
    const v = abnormalVolatility(x.panel, x.engine, {window: x.layout.volatility})
    v.rows.forEach((r, i) => {
      if (!r || ![r.preVariance, r.postVariance, r.ratio, r.p].every(Number.isFinite)) return
      const m = x.members[i]
      out.securities.push({
        symbol: m.symbol,
        group: x.group,
        event: m.event,
        preVariance: r.preVariance,
        postVariance: r.postVariance,
        ratio: r.ratio,
        df1: r.df1,
        df2: r.df2,
        p: r.p,
        significant: r.significant,
      })
    })
    const g = v.group
    if (g.n > 0 && g.meanRatio !== null && g.shareSignificant !== null && g.meanSar2Minus1 !== null) {
      out.groups.push({
        group: x.group,
        event: x.event,
        n: g.n,
        meanRatio: g.meanRatio,
        shareSignificant: g.shareSignificant,
        test: cleanTest(g.test),
        meanSar2Minus1: g.meanSar2Minus1,
      })
    }
  }
  return out.securities.length > 0 ? out : undefined
}
