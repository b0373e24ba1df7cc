/**
 * A study's pinned snapshot against live data: the CAAR of every group × event × window in both runs, and per
 * symbol why its prices differ. Adjusted closes that differ from the snapshot's by one constant factor were
 * re-based by a dividend or split paid since; other differences are revisions of the history.
 */
import {InputError} from '../errors.js'
import type {LiveComparison, StudyResult} from '../result.js'
import {studyDataSymbols} from '../spec/symbols.js'
import type {StudySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'
import {studyLabel} from './data.js'
import {type RunOptions, runStudy} from './run.js'

/** Runs the study on live data (`live`, fetching what it lacks unless offline) and compares it with its pinned run. */
export async function runLiveComparison(
  spec: StudySpec,
  pinned: {result: StudyResult; source: BarSource},
  live: BarSource,
  opts: RunOptions,
): Promise<LiveComparison> {
  if (!pinned.result.data) {
    throw new InputError(
      `--compare-live: ${studyLabel(spec)} pins no data snapshot (data: {snapshot}), so there is nothing to compare live data with; pin one, or drop --compare-live`,
    )
  }
  const liveResult = await runStudy(spec, live, opts)
  return compareLive(pinned, {result: liveResult, source: live}, studyDataSymbols(spec))
}

/** Relative tolerance: two prices agree, or two ratios are one factor, within it. */
const TOLERANCE = 1e-9

export function compareLive(
  pinned: {result: StudyResult; source: BarSource},
  live: {result: StudyResult; source: BarSource},
  symbols: readonly string[],
): LiveComparison {
  const data = pinned.result.data
  return {
    snapshot: {file: data?.file ?? '', sha256: data?.sha256 ?? '', asOf: pinned.result.dataAsOf},
    live: {asOf: live.result.dataAsOf},
    windows: windowChanges(pinned.result, live.result),
    prices: symbols.map((s) => priceChange(s, pinned.source, live.source)),
  }
}

function windowChanges(a: StudyResult, b: StudyResult): LiveComparison['windows'] {
  const key = (g: string, e: string, w: readonly number[]): string => `${g}\u0000${e}\u0000${w[0]},${w[1]}`
  const live = new Map<string, number>()
  for (const g of b.groups) for (const w of g.windows) live.set(key(g.group, g.event, w.window), w.caar)
  const out: LiveComparison['windows'] = []
  for (const g of a.groups) {
    for (const w of g.windows) {
      const l = live.get(key(g.group, g.event, w.window)) ?? null
      out.push({
        group: g.group,
        event: g.event,
        window: [w.window[0], w.window[1]],
        snapshot: w.caar,
        live: l,
        change: l === null ? null : l - w.caar,
      })
    }
  }
  return out
}

/** How one symbol's adjusted closes (else closes) differ on the dates both sources hold. */
function priceChange(symbol: string, pinned: BarSource, live: BarSource): LiveComparison['prices'][number] {
  if (!live.hasSymbol(symbol))
    return {symbol, compared: 0, differing: 0, firstDiffering: null, why: 'not in the live data'}
  const snap = pinned.getBars(symbol)
  const from = snap[0]?.date
  const to = snap[snap.length - 1]?.date
  const byDate = new Map(live.getBars(symbol, from, to).map((b) => [b.date, b]))
  const ratios: Array<{date: string; r: number}> = []
  for (const b of snap) {
    const l = byDate.get(b.date)
    const x = b.adjClose ?? b.close
    const y = l ? (l.adjClose ?? l.close) : null
    if (x !== null && y !== null && x > 0) ratios.push({date: b.date, r: y / x})
  }
  const differing = ratios.filter((p) => Math.abs(p.r - 1) > TOLERANCE)
  const base = {
    symbol,
    compared: ratios.length,
    differing: differing.length,
    firstDiffering: differing[0]?.date ?? null,
  }
  const liveTo = live.lastDate?.(symbol) ?? null
  const later = liveTo !== null && to !== undefined && liveTo > to ? `; live data run to ${liveTo}` : ''
  if (ratios.length === 0) return {...base, why: `no common dates${later}`}
  if (differing.length === 0) return {...base, why: `same prices on ${ratios.length} days${later}`}
  const r0 = ratios[0].r
  if (ratios.every((p) => Math.abs(p.r / r0 - 1) <= TOLERANCE)) {
    const factor = r0.toPrecision(6)
    return {...base, why: `adjusted closes re-based by a factor of ${factor} (a dividend or split paid since)${later}`}
  }
  return {
    ...base,
    why: `${differing.length} of ${ratios.length} prices differ, first on ${base.firstDiffering} (a revised history)${later}`,
  }
}
