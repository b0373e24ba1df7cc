/**
 * Why a security-event was left out, in the data's own words: the engine's reason plus what the prices show (the
 * date of a missing event-day price, a first price after the estimation window began).
 */
import {dateAtOffset, type TradingCalendar} from '../engine/calendar.js'
import type {Exclusion} from '../engine/types.js'
import type {AlignedSeries} from '../analysis/price-series.js'
import type {Layout} from './layout.js'

export function explainExclusion(
  exclusion: Exclusion | null,
  a: Pick<AlignedSeries, 'firstDate'>,
  cal: TradingCalendar,
  day0: number,
  layout: Layout,
  /** The security's first dates are cut by history: (its first price used is not its first stored one). */
  cut = false,
): string {
  const reason = exclusion?.reason ?? 'not estimated'
  if (exclusion?.code === 'missing-event-return' && exclusion.day !== undefined) {
    const d = dateAtOffset(cal, day0, exclusion.day)
    if (d !== null) return `${reason} (${d}: no price that day or the trading day before)`
  }
  if (exclusion?.code === 'too-few-observations' && a.firstDate !== null) {
    const estStart = dateAtOffset(cal, day0, layout.estimation[0])
    if (estStart !== null && a.firstDate > estStart) {
      return `${reason} (first price ${cut ? 'used (history:)' : 'in the store'} ${a.firstDate}, after the estimation window starts on ${estStart})`
    }
  }
  return reason
}
