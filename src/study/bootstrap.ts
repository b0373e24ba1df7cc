/**
 * Bootstrap p-values of each group window's cross-sectional t (docs/methods.md, "Bootstrap"): the included rows'
 * CARs of one engine run resampled under the null by the engine's seeded schemes. The same seed gives the same p.
 */
import {estimationWindowBootstrap, signFlipBootstrap} from '../engine/bootstrap.js'
import {estimationArRow} from '../engine/row-pass.js'
import {benchmarkRow} from '../engine/factor-model.js'
import {returnsOffset} from '../engine/row-offsets.js'
import type {EngineResult, EventPanel, RowFit} from '../engine/types.js'
import {finiteOrNull} from '../finite.js'
import type {WindowBootstrap} from '../result.js'
import type {BootstrapSpec} from '../spec/types.js'
import type {GroupRun} from './group-run.js'

/** Adds `bootstrap` to each window row of a group run (nothing when the study asks for none). */
export function addBootstrap(run: GroupRun, spec: BootstrapSpec | null | undefined): void {
  const r = run.run
  if (!spec || !r) return
  const {engine, panel} = r
  const inc = includedRows(engine)
  const est = spec.scheme === 'estimation-window' ? estimationMatrix(engine, panel, inc, r.layout.estimation) : null
  for (const row of run.group.windows) {
    const w = engine.windows.find((x) => x.window[0] === row.window[0] && x.window[1] === row.window[1])
    if (!w) continue
    const car = Float64Array.from(inc, (i) => w.car[i])
    const b = est
      ? estimationWindowBootstrap(car, est.ars, inc.length, est.L, w.days, spec.draws, spec.seed)
      : signFlipBootstrap(car, inc.length, spec.draws, spec.seed)
    const out: WindowBootstrap = {
      stat: finiteOrNull(b.stat),
      p: finiteOrNull(b.p),
      draws: b.draws,
      seed: b.seed,
      scheme: b.scheme,
    }
    if (b.note) out.note = b.note
    row.bootstrap = out
  }
}

function includedRows(engine: EngineResult): number[] {
  const inc: number[] = []
  engine.included.forEach((v, i) => {
    if (v) inc.push(i)
  })
  return inc
}

/** The included rows' estimation-window ARs, row-major N × L (NaN where missing), from the panel and each fit. */
function estimationMatrix(
  engine: EngineResult,
  panel: EventPanel,
  inc: number[],
  estimation: readonly [number, number],
): {ars: Float64Array; L: number} {
  const L = estimation[1] - estimation[0] + 1
  const e0 = estimation[0] - panel.firstRel
  const ars = new Float64Array(inc.length * L)
  inc.forEach((i, k) => {
    const f = engine.fits[i] as RowFit
    const {m, off} = benchmarkRow(panel, f, i)
    estimationArRow(panel.returns, returnsOffset(panel, i) + e0, m, off + e0, L, f.alpha, f.beta, ars.subarray(k * L))
  })
  return {ars, L}
}
