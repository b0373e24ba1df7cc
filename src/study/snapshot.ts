/**
 * The data snapshot of a study: the bars a run reads (the benchmark's whole history, which is the study's calendar,
 * and every security over the dates the run reads), written from the store with where each symbol came from; for a
 * factor model also the factor values it reads (each set's columns over the same dates).
 * Reading it back (src/sources/snapshot.ts) gives a run the same numbers as the store it was written from.
 */
import {
  type SnapshotFactorRows,
  type SnapshotFactorSet,
  type SnapshotSymbol,
  writeSnapshot,
} from '../sources/snapshot.js'
import type {FactorModelSpec} from '../spec/model.js'
import {studySymbols} from '../spec/symbols.js'
import type {StudySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'
import type {Bar} from '../types.js'
import {TOOL_VERSION} from '../version.js'
import {setColumns} from './factors.js'
import {planRun, type RunOptions} from './run.js'

export interface SnapshotOptions extends RunOptions {
  /** Where a symbol's stored bars came from and when they were last written (the store's own record). */
  describe?: (symbol: string) => {source: string | null; written: string | null}
}

export interface StudySnapshot {
  bytes: Buffer
  sha256: string
  symbols: SnapshotSymbol[]
  /** The factor sets written (a factor model's); empty for the return models. */
  factors: SnapshotFactorSet[]
  asOf: string
}

/** Writes the snapshot of `spec` from `source` (fetching what it lacks when online, as a run would). */
export async function snapshotStudy(spec: StudySpec, source: BarSource, opts: SnapshotOptions): Promise<StudySnapshot> {
  const plan = await planRun(spec, source, opts)
  const bars = new Map<string, Bar[]>([[spec.benchmark, plan.benchBars]])
  const symbols: SnapshotSymbol[] = [entry(spec.benchmark, plan.benchBars, null, source, opts)]
  const [from, to] = plan.range
  for (const s of new Set([...plan.securities, ...studySymbols(plan.spec)])) {
    if (s === spec.benchmark || !source.hasSymbol(s)) continue
    const b = source.getBars(s, from, to)
    bars.set(s, b)
    symbols.push(entry(s, b, {from, to}, source, opts))
  }
  const asOf = plan.cal.dates[plan.cal.dates.length - 1]
  const factors = snapshotFactors(plan.factorModels, source, plan.range)
  const header = {study: spec.name, toolVersion: TOOL_VERSION, asOf, symbols, factors: factors.sets}
  const {bytes, sha256} = writeSnapshot(header, bars, factors.rows)
  return {bytes, sha256, symbols, factors: factors.sets, asOf}
}

/**
 * The factor values a run of the study's models reads (the primary one and those of the robustness table): each
 * set's columns over `range`, as the run reads them.
 */
function snapshotFactors(
  models: ReadonlyArray<FactorModelSpec | null>,
  source: BarSource,
  range: [string, string],
): {sets: SnapshotFactorSet[]; rows: Map<string, SnapshotFactorRows>} {
  const sets: SnapshotFactorSet[] = []
  const rows = new Map<string, SnapshotFactorRows>()
  if (!source.factors) return {sets, rows}
  const read = new Map<string, string[]>()
  for (const model of models) {
    if (!model) continue
    for (const [set, keys] of setColumns(model)) read.set(set, [...new Set([...(read.get(set) ?? []), ...keys])])
  }
  for (const [set, keys] of read) {
    const info = source.factors.get(set)
    if (!info) continue
    const s = source.factors.series(set, keys, range[0], range[1])
    rows.set(set, {dates: s.dates, values: s.dates.map((_, i) => s.values.map((v) => v[i]))})
    sets.push({
      set,
      columns: keys.map((k) => info.columns.find((c) => c.key === k) ?? {key: k, name: k}),
      rows: s.dates.length,
      covers: {from: range[0], to: range[1]},
      storedTo: info.lastDate,
      vintage: info.vintage,
      source: info.source,
    })
  }
  return {sets, rows}
}

function entry(
  symbol: string,
  bars: Bar[],
  covers: SnapshotSymbol['covers'],
  source: BarSource,
  opts: SnapshotOptions,
): SnapshotSymbol {
  const d = opts.describe?.(symbol) ?? {source: null, written: null}
  return {
    symbol,
    rows: bars.length,
    covers,
    storedTo: source.lastDate?.(symbol) ?? null,
    source: d.source,
    written: d.written,
  }
}
