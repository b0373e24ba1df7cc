/** Fits one row's expected-return model on its estimation columns, whichever model the options name. */
import type {EventColumns} from './event-columns.js'
import {fitModel} from './models.js'
import {fitDimson, fitScholesWilliams} from './thin-trading.js'
import type {EngineOptions, Exclusion, RowFit} from './types.js'

/**
 * The model of one row fitted on its estimation columns; the thin-trading betas also read the market on the days
 * just outside E_i (within the row: market[mLo..mLo + days)).
 */
export function fitRow(
  opts: EngineOptions,
  returns: Float64Array,
  rOff: number,
  market: Float64Array,
  mOff: number,
  mLo: number,
  cols: EventColumns,
  days: number,
): RowFit | Exclusion {
  const {model, minObservations} = opts
  const {e0, E} = cols
  if (model === 'scholes-williams' || model === 'dimson') {
    const row = {m: market, off: mOff + e0, lo: mLo, hi: mLo + days}
    return model === 'dimson'
      ? fitDimson(returns, rOff + e0, row, E, minObservations, opts.lags ?? 1)
      : fitScholesWilliams(returns, rOff + e0, row, E, minObservations)
  }
  return fitModel(model, returns, rOff + e0, market, mOff + e0, E, minObservations)
}
