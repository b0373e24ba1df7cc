/**
 * The indexing part of a study alone (`aftershock index STUDY`): the data checked (and fetched when online),
 * bars read with history: applied, events on the benchmark's calendar, computeIndex. No engine run.
 */
import {computeIndex, indexPricesFromBars} from '../analysis/base-index.js'
import {InputError} from '../errors.js'
import type {EventResult, IndexResult} from '../result.js'
import {studySymbols} from '../spec/symbols.js'
import type {StudySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'
import type {Bar} from '../types.js'
import {readSecurityBars} from './bars.js'
import {studyCalendar} from './calendar.js'
import {type DataOptions, ensureData, studyLabel} from './data.js'
import {resolveEvents} from './events.js'

export interface IndexStudyResult {
  study: string
  benchmark: string
  events: EventResult[]
  index: IndexResult
  notes: string[]
}

/** Runs the study's `index:` section on the stored bars. Throws InputError naming the field and the fix. */
export async function runIndexStudy(
  spec: StudySpec,
  source: BarSource,
  opts: DataOptions = {offline: true},
): Promise<IndexStudyResult> {
  if (!spec.index) {
    throw new InputError(
      `${studyLabel(spec)}: index: the study has no index section; add index: {base: {from, to}, asOf}`,
    )
  }
  const symbols = [...new Set([spec.benchmark, ...studySymbols(spec)])]
  await ensureData(spec, symbols, source, opts)
  const notes: string[] = []
  const benchBars = source.getBars(spec.benchmark)
  const bars = new Map<string, Bar[]>([[spec.benchmark, benchBars]])
  for (const s of symbols.slice(1)) bars.set(s, readSecurityBars(source, spec.history, s, notes))
  const cal = studyCalendar(spec, benchBars)
  const {events} = resolveEvents(spec, cal, notes)
  const shares = new Map(spec.shares.map((s) => [s.symbol, s.shares]))
  const index = computeIndex({
    index: spec.index,
    calendar: cal,
    groups: spec.groups,
    prices: indexPricesFromBars(cal, bars),
    events,
    benchmark: spec.benchmark,
    shares,
  })
  return {study: spec.name, benchmark: spec.benchmark, events, index, notes}
}
