/**
 * The row pass of an event study: for each row, the model fit on E_i, the ARs and SARs on the event days, CAR, Var(CAR),
 * SCAR and BHAR per window, and the estimation-window aggregates the tests need (Brown-Warner 1985's portfolio ARs, the
 * generalized sign's share of positive ARs, Corrado-Zivney's rank deviations and sign sums, Kolari-Pynnönen's correlation
 * sample).
 * One pass, O(N·L), into preallocated typed arrays: no per-cell objects, no per-row allocation. docs/methods.md.
 */
import {abnormalReturn, buyAndHoldAbnormalReturn, singleSecurityT, standardizedAbnormalReturn} from './abnormal.js'
import {AggregateCorrelation, PAIRWISE_MAX_N} from './cross-correlation.js'
import type {CorrelationRowSource} from './cross-correlation.js'
import {eventWindowDays, formatRelativeDay} from './event-columns.js'
import type {EventColumns} from './event-columns.js'
import {carVariance, isExclusion} from './models.js'
import {factorCarVariance, factorPredictionErrorFactor} from './factor-model.js'
import {marketOffset, returnsOffset} from './row-offsets.js'
import {fitRow} from './row-fit.js'
import {patellVarianceFactor} from './parametric-tests.js'
import {createRankScratch, standardizedRanks} from './rank-test.js'
import type {RankScratch} from './rank-test.js'
import type {EngineOptions, EngineResult, EventPanel, Exclusion, ModelKind, RowFit, WindowStats} from './types.js'

/** Per-row window results (length n each); SCAR is the single-security t, so `t` and `scar` are one array. */
export type WindowRows = Pick<WindowStats, 'car' | 'varCar' | 'scar' | 'bhar' | 't' | 'p'>

/** Kolari-Pynnönen's sample: the included rows' estimation ARs kept exactly for small n, else streamed. */
export interface CorrelationSample {
  exact: boolean
  /** Row-major kept × E estimation ARs and each kept row's calendar index of its first estimation day (exact only). */
  keptArs: Float64Array
  keptCal: Int32Array
  kept: number
  aggregate: AggregateCorrelation | null
  /** Calendar length of the event windows (eventWindowDays). */
  eventDays: number
}

/**
 * What the row pass leaves: the per-row outputs of EngineResult (fits, exclusions, included, the n × D returns, ARs
 * and SARs on the event days, sigma), the per-row window results and the aggregates over the included rows.
 */
export interface RowPass
  extends Pick<EngineResult, 'fits' | 'exclusions' | 'included' | 'ret' | 'ar' | 'sar' | 'sigma'> {
  win: WindowRows[]
  /** Per estimation day: sum and count of the included rows' ARs. */
  estSum: Float64Array
  estCnt: Int32Array
  /** [positive, total] estimation ARs over the included rows. */
  estCounts: Float64Array
  /** Per ranked column: sum of U - 0.5 and count of rows ranked there. */
  rankDev: Float64Array
  rankCnt: Int32Array
  /** Per ranked column: sum of sign(AR_it - median_i) (Corrado-Zivney sign test), over the same rows as rankCnt. */
  signSum: Float64Array
  sumSigma2: number
  sumPatell: number
  correlation: CorrelationSample
}

/** Preallocated outputs, zeroed aggregates and the correlation sample for the n rows of `panel`. */
function allocateRowPass(panel: EventPanel, opts: EngineOptions, cols: EventColumns): RowPass {
  const {n} = panel
  const fits = new Array<RowFit | null>(n).fill(null)
  const {E, D, R} = cols
  const win = cols.windows.map(() => {
    const scar = new Float64Array(n)
    return {
      car: new Float64Array(n),
      varCar: new Float64Array(n),
      scar,
      bhar: new Float64Array(n),
      t: scar,
      p: new Float64Array(n),
    }
  })
  return {
    fits,
    exclusions: new Array<Exclusion | null>(n).fill(null),
    included: new Uint8Array(n),
    ret: new Float64Array(n * D),
    ar: new Float64Array(n * D),
    sar: new Float64Array(n * D),
    sigma: new Float64Array(n),
    win,
    estSum: new Float64Array(E),
    estCnt: new Int32Array(E),
    estCounts: new Float64Array(2),
    rankDev: new Float64Array(R),
    rankCnt: new Int32Array(R),
    signSum: new Float64Array(R),
    sumSigma2: 0,
    sumPatell: 0,
    correlation: correlationSample(panel, opts, cols, estimationRowSource(panel, cols, fits)),
  }
}

/**
 * Exact pairwise rows kept for small n (n <= PAIRWISE_MAX_N), else the streaming aggregate over the calendar span,
 * which reads the rows' estimation ARs back from `source` when it sweeps them in calendar order.
 */
function correlationSample(
  panel: EventPanel,
  opts: EngineOptions,
  cols: EventColumns,
  source: CorrelationRowSource,
): CorrelationSample {
  const {n, calendarStart} = panel
  const {e0, E} = cols
  const exact = n <= PAIRWISE_MAX_N
  let calMin = Infinity
  let calMax = -Infinity
  for (let i = 0; i < n; i++) {
    calMin = Math.min(calMin, calendarStart[i] + e0)
    calMax = Math.max(calMax, calendarStart[i] + e0 + E)
  }
  const eventDays = eventWindowDays(opts.windows, calendarStart)
  return {
    exact,
    keptArs: exact ? new Float64Array(n * E) : new Float64Array(0),
    keptCal: exact ? new Int32Array(n) : new Int32Array(0),
    kept: 0,
    aggregate: exact || n === 0 ? null : new AggregateCorrelation(calMin, calMax, E, eventDays, source, n),
    eventDays,
  }
}

/** Adds included row i's estimation ARs (first estimation day at calendar index `cal`) to the sample. */
function addToCorrelation(s: CorrelationSample, estAr: Float64Array, cal: number, i: number): void {
  if (s.exact) {
    s.keptArs.set(estAr, s.kept * estAr.length)
    s.keptCal[s.kept] = cal
    s.kept++
  } else if (s.aggregate) s.aggregate.addRow(estAr, 0, cal, i)
}

/** The exclusion for the first event day missing the row's return or the benchmark's, or null when none is. */
function missingEventReturn(
  returns: Float64Array,
  rOff: number,
  market: Float64Array,
  mOff: number,
  cols: EventColumns,
): Exclusion | null {
  const {eventCols, eventDays} = cols
  for (let j = 0; j < eventCols.length; j++) {
    const c = eventCols[j]
    const y = returns[rOff + c]
    const x = market[mOff + c]
    if (!(y === y && x === x)) {
      const t = eventDays[j]
      const which = y === y ? 'benchmark return' : 'return'
      return {code: 'missing-event-return', reason: `missing ${which} on event day ${formatRelativeDay(t)}`, day: t}
    }
  }
  return null
}

/** Estimation-window ARs AR_k = R_k - alpha - beta R_mk of one row into out[0..E) (NaN where either return is missing). */
export function estimationArRow(
  returns: Float64Array,
  rOff: number,
  market: Float64Array,
  mOff: number,
  E: number,
  alpha: number,
  beta: number,
  out: Float64Array,
): void {
  for (let k = 0; k < E; k++) out[k] = returns[rOff + k] - alpha - beta * market[mOff + k]
}

/**
 * Row i's estimation-window ARs recomputed from the panel and its fit (fits[i], set once the row is included), so
 * that no n × E copy of them is kept.
 */
export function estimationRowSource(
  panel: EventPanel,
  cols: EventColumns,
  fits: ReadonlyArray<RowFit | null>,
): (i: number, out: Float64Array) => void {
  const {returns, market} = panel
  return (i, out) => {
    const f = fits[i] as RowFit
    const mOff = marketOffset(panel, i) + cols.e0
    estimationArRow(returns, returnsOffset(panel, i) + cols.e0, market, mOff, cols.E, f.alpha, f.beta, out)
  }
}

/** Estimation-window ARs of one row into out[0..E) (NaN where missing), accumulated for BW1985 and the generalized sign. */
function estimationArs(
  returns: Float64Array,
  rOff: number,
  market: Float64Array,
  mOff: number,
  E: number,
  alpha: number,
  beta: number,
  out: Float64Array,
  estSum: Float64Array,
  estCnt: Int32Array,
  counts: Float64Array,
): void {
  let positive = 0
  let total = 0
  estimationArRow(returns, rOff, market, mOff, E, alpha, beta, out)
  for (let k = 0; k < E; k++) {
    const a = out[k]
    if (a === a) {
      estSum[k] += a
      estCnt[k]++
      total++
      if (a > 0) positive++
    }
  }
  counts[0] += positive
  counts[1] += total
}

/** Returns, ARs and SARs of one row on the event days. */
function eventArs(
  model: ModelKind,
  f: RowFit,
  returns: Float64Array,
  rOff: number,
  market: Float64Array,
  mOff: number,
  eventCols: Int32Array,
  ret: Float64Array,
  ar: Float64Array,
  sar: Float64Array,
  base: number,
): void {
  for (let j = 0; j < eventCols.length; j++) {
    const c = eventCols[j]
    const y = returns[rOff + c]
    const x = market[mOff + c]
    const a = abnormalReturn(f, y, x)
    ret[base + j] = y
    ar[base + j] = a
    sar[base + j] = standardizedAbnormalReturn(model, f, a, x)
  }
}

/** Scratch for ranking one row (reused across rows). */
interface RankBuffers {
  vals: Float64Array
  pos: Int32Array
  out: Float64Array
  scratch: RankScratch
}

/**
 * Median of values[0..m) from `order`, the ascending order standardizedRanks leaves in its scratch (no second sort):
 * the middle value, or the mean of the two middle values for an even m (as corrado-sign.ts's median).
 */
function sortedMedian(values: Float64Array, order: Int32Array, m: number): number {
  const h = m >> 1
  return m % 2 === 1 ? values[order[h]] : (values[order[h - 1]] + values[order[h]]) / 2
}

/**
 * Ranks one row's ARs over E_i plus the event days and adds U - 0.5 to the per-day sums, and sign(AR - median) of
 * the same ARs to the per-day sign sums.
 */
function rankRow(
  cols: EventColumns,
  ar: Float64Array,
  base: number,
  estAr: Float64Array,
  buf: RankBuffers,
  pass: Pick<RowPass, 'rankDev' | 'rankCnt' | 'signSum'>,
): void {
  const {rankDev, rankCnt, signSum} = pass
  const {rankCols, eventPosOfCol, e0} = cols
  const {vals, pos, out} = buf
  let m = 0
  for (let q = 0; q < rankCols.length; q++) {
    const c = rankCols[q]
    const ej = eventPosOfCol[c]
    const v = ej >= 0 ? ar[base + ej] : estAr[c - e0]
    if (v === v) {
      vals[m] = v
      pos[m] = q
      m++
    }
  }
  standardizedRanks(vals, m, out, buf.scratch)
  const med = sortedMedian(vals, buf.scratch.order, m)
  for (let k = 0; k < m; k++) {
    rankDev[pos[k]] += out[k] - 0.5
    rankCnt[pos[k]]++
    signSum[pos[k]] += Math.sign(vals[k] - med)
  }
}

/** CAR, Var(CAR), SCAR (the single-security t), its p and BHAR of row i in every window. */
function windowRows(
  opts: EngineOptions,
  f: RowFit,
  returns: Float64Array,
  rOff: number,
  market: Float64Array,
  mOff: number,
  cols: EventColumns,
  ar: Float64Array,
  base: number,
  win: WindowRows[],
  i: number,
): void {
  const {eventCols, windows} = cols
  for (let w = 0; w < windows.length; w++) {
    const {j0, T} = windows[w]
    let car = 0
    let sumDevRm = 0
    for (let j = j0; j < j0 + T; j++) {
      car += ar[base + j]
      sumDevRm += market[mOff + eventCols[j]] - f.meanRm
    }
    const v = carVariance(opts.model, f, T, sumDevRm)
    const {t, p} = singleSecurityT(car, v, f.df)
    const o = win[w]
    o.car[i] = car
    o.varCar[i] = v
    o.scar[i] = t // SCAR is the single-security t: one array serves both
    o.p[i] = p
    const c0 = eventCols[j0]
    o.bhar[i] = buyAndHoldAbnormalReturn(opts.returns, f, returns, rOff + c0, market, mOff + c0, T)
  }
}

/** Factor model: SARs with C_it = 1 + x_t (X'X)^-1 x_t' and Var(CAR), SCAR, p in the general form (factor-model.ts). */
function factorRowStats(
  panel: EventPanel,
  f: RowFit,
  cols: EventColumns,
  out: RowPass,
  i: number,
  s: {x: Float64Array; sum: Float64Array},
): void {
  const {eventCols, windows, D} = cols
  const base = i * D
  for (let j = 0; j < eventCols.length; j++) {
    const c = factorPredictionErrorFactor(panel, f, i, eventCols[j], s.x)
    out.sar[base + j] = out.ar[base + j] / (f.sigma * Math.sqrt(c))
  }
  for (let w = 0; w < windows.length; w++) {
    const {j0, T} = windows[w]
    const o = out.win[w]
    const v = factorCarVariance(panel, f, i, eventCols, j0, T, s.x, s.sum)
    const {t, p} = singleSecurityT(o.car[i], v, f.df)
    o.varCar[i] = v
    o.scar[i] = t
    o.p[i] = p
  }
}

/** The row pass over a checked panel laid out by `cols` (see the module comment). */
export function runRowPass(
  panel: EventPanel,
  opts: EngineOptions,
  cols: EventColumns,
  prefit?: ReadonlyArray<RowFit | Exclusion>,
): RowPass {
  const {n, days, returns, market, calendarStart} = panel
  const {model} = opts
  const {e0, E, D, R} = cols
  const out = allocateRowPass(panel, opts, cols)
  const estAr = new Float64Array(E)
  const k = panel.factors?.length ?? 0
  const factorScratch = {x: new Float64Array(k), sum: new Float64Array(k)}
  const rank: RankBuffers = {
    vals: new Float64Array(R),
    pos: new Int32Array(R),
    out: new Float64Array(R),
    scratch: createRankScratch(R),
  }
  for (let i = 0; i < n; i++) {
    const rOff = returnsOffset(panel, i)
    const mOff = marketOffset(panel, i)
    const f = prefit ? prefit[i] : fitRow(opts, returns, rOff, market, mOff, mOff, cols, days)
    if (isExclusion(f)) {
      out.exclusions[i] = f
      continue
    }
    const missing = missingEventReturn(returns, rOff, market, mOff, cols)
    if (missing) {
      out.exclusions[i] = missing
      continue
    }
    out.fits[i] = f
    out.included[i] = 1
    out.sigma[i] = f.sigma
    out.sumSigma2 += f.sigma * f.sigma
    out.sumPatell += patellVarianceFactor(f.L)

    estimationArs(
      returns,
      rOff + e0,
      market,
      mOff + e0,
      E,
      f.alpha,
      f.beta,
      estAr,
      out.estSum,
      out.estCnt,
      out.estCounts,
    )
    addToCorrelation(out.correlation, estAr, calendarStart[i] + e0, i)
    const base = i * D
    eventArs(model, f, returns, rOff, market, mOff, cols.eventCols, out.ret, out.ar, out.sar, base)
    // Corrado-Zivney standardized ranks over E_i plus the event days
    rankRow(cols, out.ar, base, estAr, rank, out)
    windowRows(opts, f, returns, rOff, market, mOff, cols, out.ar, base, out.win, i)
    if (model === 'factors') factorRowStats(panel, f, cols, out, i, factorScratch)
  }
  return out
}
