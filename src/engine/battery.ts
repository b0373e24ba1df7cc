/**
 * The test battery over the included rows: the tests on each event day's ARs and SARs and on each window's CARs
 * and SCARs (cross-sectional t, Brown-Warner 1980 and 1985, Patell, BMP, Kolari-Pynnönen, Corrado rank, sign,
 * generalized sign, Wilcoxon, GRANK on windows, Corrado-Zivney sign). Conventions and references: docs/methods.md
 * (tests across N securities, more tests).
 */
import type {BatteryContext, CrossSectionStats} from './cross-section-stats.js'
import type {EventColumns} from './event-columns.js'
import {
  brownWarner1980,
  brownWarner1985,
  bmp,
  crossSectionalT,
  kolariPynnonen,
  NEEDS_TWO,
  nullTest,
  ownTTest,
  patellZ,
} from './parametric-tests.js'
import {grankWindows} from './grank.js'
import type {GrankResult} from './grank.js'
import {corradoDay, corradoWindow} from './rank-test.js'
import {estimationRowSource, type RowPass} from './row-pass.js'
import {countPositive, generalizedSignTest, signTest} from './sign-tests.js'
import {mean} from './stats.js'
import type {DayStats, EventPanel, RowFit, TestBattery, TestResult, WindowStats} from './types.js'
import {wilcoxonSignedRank} from './wilcoxon.js'

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
    grank: t,
    corradoSign: t,
  }
}

/** The tests computed from the row pass's rank and sign aggregates (or GRANK's own ranking) for one day or window. */
interface RankTests {
  corrado: TestResult
  corradoSign: TestResult
  grank: TestResult
}

/** GRANK tests a window's cumulated SCAR against the estimation days; a day's row has none. */
const GRANK_DAY = "GRANK tests a window's CAR (see the window rows)"

/**
 * The tests on `values` (AR_it or CAR_i) and `standardized` (SAR_it or SCAR_i) of the N included rows.
 * With N = 1 the cross-sectional t is the security's own t test (`ownDf`); tests that need N >= 2 are null.
 */
function battery(
  values: Float64Array,
  standardized: Float64Array,
  N: number,
  T: number,
  ctx: BatteryContext,
  ranks: RankTests,
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
    corrado: ranks.corrado,
    sign: signTest(positives, N),
    generalizedSign: generalizedSignTest(positives, N, ctx.pPositiveEstimation),
    wilcoxon: N < 2 ? nullTest(N, NEEDS_TWO) : wilcoxonSignedRank(values, N),
    grank: ranks.grank,
    corradoSign: ranks.corradoSign,
  }
}

/** Degrees of freedom of the one included security's own t test (0 unless N = 1). */
function ownDfOf(pass: RowPass, stats: CrossSectionStats): number {
  return stats.N === 1 ? (pass.fits[stats.inc[0]] as RowFit).df : 0
}

/** AAR and the battery per event day over the included rows. */
export function dailyStats(pass: RowPass, cols: EventColumns, stats: CrossSectionStats): DayStats[] {
  const {inc, N, ctx, rankD, su, signD, sg} = stats
  const {D, eventDays, eventCols, rankPosOfCol} = cols
  const {ar, sar} = pass
  const ownDf = ownDfOf(pass, stats)
  // the included rows' AR and SAR columns, transposed once (day-major) for sequential reads
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
    const q = rankPosOfCol[eventCols[j]]
    const ranks: RankTests = {
      corrado: corradoDay(rankD[q], su, N),
      corradoSign: corradoDay(signD[q], sg, N, 'sign'),
      grank: nullTest(N, GRANK_DAY),
    }
    daily.push({
      t: eventDays[j],
      n: N,
      aar: N > 0 ? mean(dayA, N) : null,
      tests: battery(dayA, dayS, N, 1, ctx, ranks, ownDf),
    })
  }
  return daily
}

/** The per-row window arrays with CAAR and the battery per window over the included rows. */
export function windowStats(
  pass: RowPass,
  cols: EventColumns,
  stats: CrossSectionStats,
  panel: EventPanel,
): WindowStats[] {
  const {inc, N, ctx, rankD, su, signD, sg} = stats
  const {eventCols, rankPosOfCol, E} = cols
  const ownDf = ownDfOf(pass, stats)
  const colA = new Float64Array(N)
  const sigma = new Float64Array(N)
  for (let k = 0; k < N; k++) sigma[k] = pass.sigma[inc[k]]
  const scars = pass.win.map((o) => {
    const colS = new Float64Array(N)
    for (let k = 0; k < N; k++) colS[k] = o.scar[inc[k]]
    return colS
  })
  const granks = N > 0 ? grankWindows(N, E, estimationRows(pass, cols, stats, panel), sigma, scars) : null
  return cols.windows.map(({t1, t2, j0, T}, w) => {
    const o = pass.win[w]
    const colS = scars[w]
    for (let k = 0; k < N; k++) colA[k] = o.car[inc[k]]
    const devs = new Float64Array(T)
    const signs = new Float64Array(T)
    for (let j = 0; j < T; j++) {
      const q = rankPosOfCol[eventCols[j0 + j]]
      devs[j] = rankD[q]
      signs[j] = signD[q]
    }
    const ranks: RankTests = {
      corrado: corradoWindow(devs, su, N),
      corradoSign: corradoWindow(signs, sg, N, 'sign'),
      grank: granks ? withoutZ(granks[w]) : nullTest(0, 'no securities'),
    }
    return {
      window: [t1, t2] as const,
      days: T,
      ...o,
      caar: N > 0 ? mean(colA, N) : null,
      n: N,
      tests: battery(colA, colS, N, T, ctx, ranks, ownDf),
    }
  })
}

/** The k-th included row's estimation ARs, recomputed from the panel and its fit (no n × L copy is kept). */
function estimationRows(
  pass: RowPass,
  cols: EventColumns,
  stats: CrossSectionStats,
  panel: EventPanel,
): (k: number, out: Float64Array) => void {
  const row = estimationRowSource(panel, cols, pass.fits)
  return (k, out) => row(stats.inc[k], out)
}

/** A GRANK result as a TestResult (its Z before the t transformation stays in the engine). */
function withoutZ(r: GrankResult): TestResult {
  const {z: _z, ...rest} = r
  return rest
}
