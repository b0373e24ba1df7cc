/**
 * runEventStudy: one pass over the rows of an EventPanel (fit on E_i, AR/SAR on the event days, CAR/BHAR per
 * window, estimation-window aggregates for the tests), then the test battery per event day and per window over
 * the included rows. O(N·L) time; no per-cell objects. Conventions: docs/methods.md.
 *
 * Phases: event-columns.ts lays out the panel's columns, row-pass.ts runs the per-row pass, cross-section-stats.ts
 * reduces its aggregates, battery.ts runs the tests.
 */
import {dailyStats, windowStats} from './battery.js'
import {crossSectionStats} from './cross-section-stats.js'
import {checkPanel, eventColumns} from './event-columns.js'
import {fitFactorModels} from './factor-model.js'
import {modelParameters} from './models.js'
import {runRowPass} from './row-pass.js'
import type {EngineOptions, EngineResult, EventPanel} from './types.js'

export {formatRelativeDay} from './event-columns.js'

export function runEventStudy(panel: EventPanel, opts: EngineOptions): EngineResult {
  checkPanel(panel, opts)
  const cols = eventColumns(panel, opts)
  const factor = opts.model === 'factors' ? fitFactorModels(panel, opts, cols.e0, cols.E) : undefined
  // the factor model runs as the market model against each row's systematic return (factor-model.ts)
  const used: EventPanel = factor ? {...panel, market: factor.systematic, marketOffsets: undefined} : panel
  const pass = runRowPass(used, opts, cols, factor?.fits)
  const stats = crossSectionStats(pass)
  const daily = dailyStats(pass, cols, stats)
  const windows = windowStats(pass, cols, stats, used)
  return {
    n: panel.n,
    model: opts.model,
    d: modelParameters(opts.model, opts.lags, panel.factors?.length),
    fits: pass.fits,
    exclusions: pass.exclusions,
    included: pass.included,
    nIncluded: stats.N,
    eventDays: cols.eventDays,
    ret: pass.ret,
    ar: pass.ar,
    sar: pass.sar,
    sigma: pass.sigma,
    windows,
    daily,
    meanCorrelation: stats.ctx.meanCorrelation,
    correlationMethod: stats.correlationMethod,
    ...(factor ? {systematic: factor.systematic} : {}),
  }
}
