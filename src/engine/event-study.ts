/**
 * runEventStudy: one pass over the rows of an EventPanel (fit on E_i, AR/SAR on the event days, CAR/BHAR per
 * window, estimation-window aggregates for the tests), then the test battery per event day and per window over
 * the included rows. O(N·L) time; no per-cell objects. Conventions: docs/methods.md.
 */
import {abnormalReturn, buyAndHoldAbnormalReturn, singleSecurityT, standardizedAbnormalReturn} from './abnormal.js'
import {AggregateCorrelation, PAIRWISE_MAX_N, pairwiseMeanCorrelation} from './cross-correlation.js'
import {carVariance, fitModel, isExclusion, MODEL_PARAMETERS} from './models.js'
import {
  brownWarner1980,
  brownWarner1985,
  bmp,
  crossSectionalT,
  kolariPynnonen,
  NEEDS_TWO,
  nullTest,
  ownTTest,
  patellVarianceFactor,
  patellZ,
} from './parametric-tests.js'
import {corradoDay, corradoWindow, createRankScratch, rankStandardDeviation, standardizedRanks} from './rank-test.js'
import type {RankScratch} from './rank-test.js'
import {countPositive, generalizedSignTest, signTest} from './sign-tests.js'
import {mean, sd} from './stats.js'
import type {
  DayStats,
  EngineOptions,
  EngineResult,
  EventPanel,
  Exclusion,
  ModelKind,
  RowFit,
  TestBattery,
  TestResult,
  WindowStats,
} from './types.js'
import {wilcoxonSignedRank} from './wilcoxon.js'

/** "+3", "0", "-1": a relative day as people write it. */
export function formatRelativeDay(t: number): string {
  return t > 0 ? `+${t}` : String(t)
}

function checkPanel(panel: EventPanel, opts: EngineOptions): void {
  const {n, days, firstRel} = panel
  const last = firstRel + days - 1
  if (panel.returns.length !== n * days) {
    throw new RangeError(`engine panel: returns has ${panel.returns.length} values, expected n × days = ${n * days}`)
  }
  if (panel.market.length !== days && panel.market.length !== n * days) {
    throw new RangeError(
      `engine panel: market has ${panel.market.length} values, expected ${days} (shared) or ${n * days} (per row)`,
    )
  }
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

/**
 * Calendar length of every row's event window (first window start .. last window end) for Kolari-Pynnönen's r, or
 * Infinity when all rows' event windows share a day (one common event: every pair counts).
 */
function eventWindowDays(windows: EngineOptions['windows'], calendarStart: Int32Array): number {
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

/** Shared inputs of every test battery (aggregates over the included rows). */
interface BatteryContext {
  sumSigma2: number
  sumPatell: number
  sdAarEstimation: number
  pPositiveEstimation: number
  meanCorrelation: number | null
}

function noSecurities(): TestBattery {
  const t = nullTest(0, 'no included securities')
  return {
    crossSectionalT: t,
    brownWarner1980: t,
    brownWarner1985: t,
    patell: t,
    bmp: t,
    kolariPynnonen: t,
    corrado: t,
    sign: t,
    generalizedSign: t,
    wilcoxon: t,
  }
}

/**
 * The ten tests on `values` (AR_it or CAR_i) and `standardized` (SAR_it or SCAR_i) of the N included rows.
 * With N = 1 the cross-sectional t is the security's own t test (`ownDf`); tests that need N >= 2 are null.
 */
function battery(
  values: Float64Array,
  standardized: Float64Array,
  N: number,
  T: number,
  ctx: BatteryContext,
  corrado: TestResult,
  ownDf: number,
): TestBattery {
  if (N === 0) return noSecurities()
  const m = mean(values, N)
  let sumStd = 0
  for (let k = 0; k < N; k++) sumStd += standardized[k]
  const bmpResult = bmp(standardized, N)
  const positives = countPositive(values, N)
  return {
    crossSectionalT: N === 1 ? ownTTest(standardized[0], ownDf) : crossSectionalT(values, N),
    brownWarner1980: brownWarner1980(m, ctx.sumSigma2, N, T),
    brownWarner1985: brownWarner1985(m, ctx.sdAarEstimation, N, T),
    patell: patellZ(sumStd, ctx.sumPatell, N),
    bmp: bmpResult,
    kolariPynnonen: kolariPynnonen(bmpResult, ctx.meanCorrelation, N),
    corrado,
    sign: signTest(positives, N),
    generalizedSign: generalizedSignTest(positives, N, ctx.pPositiveEstimation),
    wilcoxon: N < 2 ? nullTest(N, NEEDS_TWO) : wilcoxonSignedRank(values, N),
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
  for (let k = 0; k < E; k++) {
    const a = returns[rOff + k] - alpha - beta * market[mOff + k] // NaN when either is missing
    out[k] = a
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

/** Ranks one row's ARs over E_i plus the event days and adds U - 0.5 to the per-day sums. */
function rankRow(
  rankCols: Int32Array,
  eventPosOfCol: Int32Array,
  ar: Float64Array,
  base: number,
  estAr: Float64Array,
  e0: number,
  vals: Float64Array,
  pos: Int32Array,
  out: Float64Array,
  scratch: RankScratch,
  rankDev: Float64Array,
  rankCnt: Int32Array,
): void {
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
  standardizedRanks(vals, m, out, scratch)
  for (let k = 0; k < m; k++) {
    rankDev[pos[k]] += out[k] - 0.5
    rankCnt[pos[k]]++
  }
}

export function runEventStudy(panel: EventPanel, opts: EngineOptions): EngineResult {
  checkPanel(panel, opts)
  const {n, days, firstRel, returns, market, calendarStart} = panel
  const {model} = opts
  const d = MODEL_PARAMETERS[model]
  const shared = market.length === days

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
  const R = rankCols.length
  const eventPosOfCol = new Int32Array(days).fill(-1)
  for (let j = 0; j < D; j++) eventPosOfCol[eventCols[j]] = j

  const windows = opts.windows.map(([t1, t2]) => ({t1, t2, j0: dayIndex.get(t1) as number, T: t2 - t1 + 1}))

  // outputs
  const fits: Array<RowFit | null> = new Array<RowFit | null>(n).fill(null)
  const exclusions: Array<Exclusion | null> = new Array<Exclusion | null>(n).fill(null)
  const included = new Uint8Array(n)
  const ret = new Float64Array(n * D)
  const ar = new Float64Array(n * D)
  const sar = new Float64Array(n * D)
  const sigma = new Float64Array(n)
  const win = windows.map(() => {
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

  // estimation-window aggregates
  const estSum = new Float64Array(E)
  const estCnt = new Int32Array(E)
  const estCounts = new Float64Array(2) // [positive, total]
  const rankDev = new Float64Array(R)
  const rankCnt = new Int32Array(R)
  let sumSigma2 = 0
  let sumPatell = 0

  // cross-correlation: exact pairwise rows kept for small n, else the streaming aggregate
  const exact = n <= PAIRWISE_MAX_N
  const keptArs = exact ? new Float64Array(n * E) : new Float64Array(0)
  const keptCal = exact ? new Int32Array(n) : new Int32Array(0)
  let kept = 0
  let calMin = Infinity
  let calMax = -Infinity
  for (let i = 0; i < n; i++) {
    calMin = Math.min(calMin, calendarStart[i] + e0)
    calMax = Math.max(calMax, calendarStart[i] + e0 + E)
  }
  const kpEventDays = eventWindowDays(opts.windows, calendarStart)
  const aggregate = exact || n === 0 ? null : new AggregateCorrelation(calMin, calMax, E, kpEventDays)

  // per-row scratch
  const estAr = new Float64Array(E)
  const rankVals = new Float64Array(R)
  const rankOut = new Float64Array(R)
  const rankScratch = createRankScratch(R)
  const rankPos = new Int32Array(R)

  rows: for (let i = 0; i < n; i++) {
    const rOff = i * days
    const mOff = shared ? 0 : i * days
    const f = fitModel(model, returns, rOff + e0, market, mOff + e0, E, opts.minObservations)
    if (isExclusion(f)) {
      exclusions[i] = f
      continue
    }
    for (let j = 0; j < D; j++) {
      const c = eventCols[j]
      const y = returns[rOff + c]
      const x = market[mOff + c]
      if (!(y === y && x === x)) {
        const t = eventDays[j]
        const which = y === y ? 'benchmark return' : 'return'
        exclusions[i] = {
          code: 'missing-event-return',
          reason: `missing ${which} on event day ${formatRelativeDay(t)}`,
          day: t,
        }
        continue rows
      }
    }
    const {alpha, beta} = f
    fits[i] = f
    included[i] = 1
    sigma[i] = f.sigma
    sumSigma2 += f.sigma * f.sigma
    sumPatell += patellVarianceFactor(f.L)

    // estimation ARs
    estimationArs(returns, rOff + e0, market, mOff + e0, E, alpha, beta, estAr, estSum, estCnt, estCounts)
    if (exact) {
      keptArs.set(estAr, kept * E)
      keptCal[kept] = calendarStart[i] + e0
      kept++
    } else if (aggregate) aggregate.addRow(estAr, 0, calendarStart[i] + e0)

    // event days
    const base = i * D
    eventArs(model, f, returns, rOff, market, mOff, eventCols, ret, ar, sar, base)

    // Corrado-Zivney standardized ranks over E_i plus the event days
    rankRow(rankCols, eventPosOfCol, ar, base, estAr, e0, rankVals, rankPos, rankOut, rankScratch, rankDev, rankCnt)

    // windows
    for (let w = 0; w < windows.length; w++) {
      const {j0, T} = windows[w]
      let car = 0
      let sumDevRm = 0
      for (let j = j0; j < j0 + T; j++) {
        car += ar[base + j]
        sumDevRm += market[mOff + eventCols[j]] - f.meanRm
      }
      const v = carVariance(model, f, T, sumDevRm)
      const {t, p} = singleSecurityT(car, v, f.df)
      const o = win[w]
      o.car[i] = car
      o.varCar[i] = v
      o.scar[i] = t // SCAR is the single-security t: one array serves both
      o.p[i] = p
      o.bhar[i] = buyAndHoldAbnormalReturn(
        opts.returns,
        f,
        returns,
        rOff + eventCols[j0],
        market,
        mOff + eventCols[j0],
        T,
      )
    }
  }

  // included rows
  let N = 0
  for (let i = 0; i < n; i++) N += included[i]
  const inc = new Int32Array(N)
  for (let i = 0, k = 0; i < n; i++) if (included[i]) inc[k++] = i

  // Brown-Warner 1985: sd of the equally weighted portfolio AR over the estimation days
  const aarEst = new Float64Array(E)
  let nAarEst = 0
  for (let k = 0; k < E; k++) if (estCnt[k] > 0) aarEst[nAarEst++] = estSum[k] / estCnt[k]
  const sdAarEstimation = nAarEst >= 2 ? sd(aarEst, nAarEst) : NaN

  const meanDev = new Float64Array(R)
  for (let q = 0; q < R; q++) meanDev[q] = rankCnt[q] > 0 ? rankDev[q] / rankCnt[q] : 0
  const su = rankStandardDeviation(meanDev, rankCnt)

  let meanCorrelation: number | null = null
  let correlationMethod: 'pairwise' | 'aggregate' | null = null
  if (N >= 2) {
    meanCorrelation = exact
      ? pairwiseMeanCorrelation(keptArs, kept, E, keptCal, kpEventDays)
      : (aggregate as AggregateCorrelation).result()
    correlationMethod = exact ? 'pairwise' : 'aggregate'
    if (meanCorrelation !== null && !Number.isFinite(meanCorrelation)) meanCorrelation = null
  }

  const ctx: BatteryContext = {
    sumSigma2,
    sumPatell,
    sdAarEstimation,
    pPositiveEstimation: estCounts[1] > 0 ? estCounts[0] / estCounts[1] : NaN,
    meanCorrelation,
  }
  const ownDf = N === 1 ? (fits[inc[0]] as RowFit).df : 0

  // per event day: the included rows' AR and SAR columns, transposed once (day-major) for sequential reads
  const colA = new Float64Array(N)
  const colS = new Float64Array(N)
  const byDayA = new Float64Array(D * N)
  const byDayS = new Float64Array(D * N)
  for (let k = 0; k < N; k++) {
    const base = inc[k] * D
    for (let j = 0; j < D; j++) {
      byDayA[j * N + k] = ar[base + j]
      byDayS[j * N + k] = sar[base + j]
    }
  }
  const daily: DayStats[] = []
  for (let j = 0; j < D; j++) {
    const dayA = byDayA.subarray(j * N, (j + 1) * N)
    const dayS = byDayS.subarray(j * N, (j + 1) * N)
    const corrado = corradoDay(meanDev[rankPosOfCol[eventCols[j]]], su, N)
    daily.push({
      t: eventDays[j],
      n: N,
      aar: N > 0 ? mean(dayA, N) : null,
      tests: battery(dayA, dayS, N, 1, ctx, corrado, ownDf),
    })
  }

  // per window
  const windowStats: WindowStats[] = windows.map(({t1, t2, j0, T}, w) => {
    const o = win[w]
    for (let k = 0; k < N; k++) {
      colA[k] = o.car[inc[k]]
      colS[k] = o.scar[inc[k]]
    }
    const devs = new Float64Array(T)
    for (let j = 0; j < T; j++) devs[j] = meanDev[rankPosOfCol[eventCols[j0 + j]]]
    return {
      window: [t1, t2] as const,
      days: T,
      ...o,
      caar: N > 0 ? mean(colA, N) : null,
      n: N,
      tests: battery(colA, colS, N, T, ctx, corradoWindow(devs, su, N), ownDf),
    }
  })

  return {
    n,
    model,
    d,
    fits,
    exclusions,
    included,
    nIncluded: N,
    eventDays,
    ret,
    ar,
    sar,
    sigma,
    windows: windowStats,
    daily,
    meanCorrelation,
    correlationMethod,
  }
}
