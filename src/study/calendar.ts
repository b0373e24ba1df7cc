/**
 * The study's trading calendar: the dates on which the benchmark has a price in the study's price field (its
 * close when it has no adjusted close at all). Relative trading days count positions in it.
 */
import {buildCalendar, type TradingCalendar} from '../engine/calendar.js'
import {InputError} from '../errors.js'
import {priceFieldOf} from '../analysis/price-series.js'
import type {StudySpec} from '../spec/types.js'
import type {Bar} from '../types.js'
import {fetchHint, studyLabel} from './data.js'

export function studyCalendar(spec: StudySpec, benchBars: readonly Bar[]): TradingCalendar {
  const field = priceFieldOf(benchBars, spec.price)
  const cal = buildCalendar(benchBars.filter((b) => (b[field] ?? 0) > 0).map((b) => b.date))
  if (cal.dates.length < 2) {
    throw new InputError(
      `${studyLabel(spec)}: benchmark: ${spec.benchmark} has fewer than 2 prices in the store; ${fetchHint([spec.benchmark])}`,
    )
  }
  return cal
}
