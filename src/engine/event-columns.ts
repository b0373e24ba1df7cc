/**
 * The column layout of an EventPanel for one run: which columns are the estimation window, the event days (the
 * ascending union of the windows), the columns the Corrado rank test ranks, and where each window starts among the
 * event days. Built once per run, so the row pass indexes typed arrays only. Conventions: docs/methods.md (notation).
 */
import type {EngineOptions, EventPanel} from './types.js'

/** "+3", "0", "-1": a relative day as people write it. */
export function formatRelativeDay(t: number): string {
  return t > 0 ? `+${t}` : String(t)
}

/** One event window placed on the event days: its first day's index j0 among them and its length T. */
export interface WindowColumns {
  t1: number
  t2: number
  j0: number
  T: number
}

export interface EventColumns {
  /** First estimation column and the estimation window's length in days. */
  e0: number
  E: number
  /** Relative event days (ascending union of the windows), their count D and their panel columns. */
  eventDays: Int32Array
  D: number
  eventCols: Int32Array
  /** Columns ranked for Corrado (E_i plus the event days, ascending), their count R and the inverse maps. */
  rankCols: Int32Array
  R: number
  rankPosOfCol: Int32Array
  eventPosOfCol: Int32Array
  windows: WindowColumns[]
}

/** Throws a RangeError unless panel.returns is n × days, or a buffer holding every row's offset range. */
function checkReturnsLayout(panel: EventPanel): void {
  const {n, days, returns, returnsOffsets} = panel
  if (returnsOffsets) checkOffsets('returns', returns, returnsOffsets, n, days)
  else if (returns.length !== n * days)
    throw new RangeError(`engine panel: returns has ${returns.length} values, expected n × days = ${n * days}`)
}

/** Throws a RangeError unless panel.market is a shared row, n × days, or a series holding every row's offset range. */
function checkMarketLayout(panel: EventPanel): void {
  const {n, days, market, marketOffsets} = panel
  if (marketOffsets) checkOffsets('market', market, marketOffsets, n, days)
  else if (market.length !== days && market.length !== n * days) {
    throw new RangeError(
      `engine panel: market has ${market.length} values, expected ${days} (shared) or ${n * days} (per row)`,
    )
  }
}

/** Throws a RangeError unless there is one offset per row and each row's days values[off..off + days) lie inside. */
function checkOffsets(name: string, values: Float64Array, offsets: Int32Array, n: number, days: number): void {
  if (offsets.length !== n)
    throw new RangeError(`engine panel: ${name}Offsets has ${offsets.length} entries, expected ${n}`)
  for (let i = 0; i < n; i++) {
    const off = offsets[i]
    if (off < 0 || off + days > values.length) {
      throw new RangeError(
        `engine panel: ${name}Offsets[${i}] = ${off} reads ${name}[${off}..${off + days}) outside its ${values.length} values`,
      )
    }
  }
}

/** Throws a RangeError naming the field when the panel's arrays or the options' windows do not fit together. */
export function checkPanel(panel: EventPanel, opts: EngineOptions): void {
  const {n, days, firstRel} = panel
  const last = firstRel + days - 1
  checkReturnsLayout(panel)
  checkMarketLayout(panel)
  if (panel.calendarStart.length !== n) {
    throw new RangeError(`engine panel: calendarStart has ${panel.calendarStart.length} entries, expected ${n}`)
  }
  const [e1, e2] = opts.estimation
  if (!(Number.isInteger(e1) && Number.isInteger(e2) && e1 <= e2 && e1 >= firstRel && e2 <= last)) {
    throw new RangeError(
      `engine options: estimation window [${e1}, ${e2}] must be integer days with from <= to inside the panel's days [${firstRel}, ${last}]`,
    )
  }
  for (const [t1, t2] of opts.windows) {
    if (!(Number.isInteger(t1) && Number.isInteger(t2) && t1 <= t2 && t1 >= firstRel && t2 <= last)) {
      throw new RangeError(
        `engine options: event window [${t1}, ${t2}] must be integer days with t1 <= t2 inside the panel's days [${firstRel}, ${last}]`,
      )
    }
  }
}

/** The column layout of a checked panel under `opts` (see EventColumns). */
export function eventColumns(panel: EventPanel, opts: EngineOptions): EventColumns {
  const {days, firstRel} = panel
  // columns: estimation [e0, e0 + E), event days (ascending union of the windows)
  const e0 = opts.estimation[0] - firstRel
  const E = opts.estimation[1] - opts.estimation[0] + 1
  const daySet = new Set<number>()
  for (const [t1, t2] of opts.windows) for (let t = t1; t <= t2; t++) daySet.add(t)
  const eventDays = Int32Array.from([...daySet].sort((a, b) => a - b))
  const D = eventDays.length
  const eventCols = eventDays.map((t) => t - firstRel)
  const dayIndex = new Map<number, number>()
  eventDays.forEach((t, j) => dayIndex.set(t, j))

  // Corrado: the ranked columns are E_i plus the event days (distinct, ascending)
  const ranked = new Uint8Array(days)
  for (let k = 0; k < E; k++) ranked[e0 + k] = 1
  for (let j = 0; j < D; j++) ranked[eventCols[j]] = 1
  const rankColList: number[] = []
  const rankPosOfCol = new Int32Array(days).fill(-1)
  for (let c = 0; c < days; c++)
    if (ranked[c]) {
      rankPosOfCol[c] = rankColList.length
      rankColList.push(c)
    }
  const rankCols = Int32Array.from(rankColList)
  const eventPosOfCol = new Int32Array(days).fill(-1)
  for (let j = 0; j < D; j++) eventPosOfCol[eventCols[j]] = j

  const windows = opts.windows.map(([t1, t2]) => ({t1, t2, j0: dayIndex.get(t1) as number, T: t2 - t1 + 1}))
  return {e0, E, eventDays, D, eventCols, rankCols, R: rankCols.length, rankPosOfCol, eventPosOfCol, windows}
}

/**
 * Calendar length of every row's event window (first window start .. last window end) for Kolari-Pynnönen's r, or
 * Infinity when all rows' event windows share a day (one common event: every pair counts).
 */
export function eventWindowDays(windows: EngineOptions['windows'], calendarStart: Int32Array): number {
  if (windows.length === 0) return Number.POSITIVE_INFINITY
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const [t1, t2] of windows) {
    first = Math.min(first, t1)
    last = Math.max(last, t2)
  }
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let i = 0; i < calendarStart.length; i++) {
    lo = Math.min(lo, calendarStart[i])
    hi = Math.max(hi, calendarStart[i])
  }
  const days = last - first + 1
  return hi - lo < days ? Number.POSITIVE_INFINITY : days
}
