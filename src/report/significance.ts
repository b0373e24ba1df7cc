/**
 * The one significance rule of tables and findings (docs/methods.md, "Significance in tables and findings"):
 * stars come from the p-value of the test the cell shows; a security's day-0 AR from its own single-security
 * test; a group window's finding from how many tests of a fixed set reject at 5%.
 */
import {normalTwoSidedP} from '../engine/distributions.js'
import type {TestBattery, TestName} from '../engine/types.js'
import type {SecurityResult} from '../result.js'
import {FINDING_ALPHA, FINDING_TESTS} from '../analysis/finding-tests.js'

/** Significance stars for a two-sided p-value: *** p < 1%, ** p < 5%, * p < 10%. */
export function stars(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return ''
  if (p < 0.01) return '***'
  if (p < 0.05) return '**'
  if (p < 0.1) return '*'
  return ''
}

/** The legend printed under tables with stars. */
export const STARS_LEGEND = 'Significance (two-sided): *** p < 1%, ** p < 5%, * p < 10%.'

/**
 * Two-sided p of a security's own day-0 test: the [0,0] window's Student t (L − d degrees of freedom) when the
 * study has that window, else the day-0 SAR read as N(0,1): p = 2(1 − Φ(|SAR_0|)). Null without a day-0 AR.
 */
export function day0P(s: SecurityResult): number | null {
  const w = s.windows?.find((x) => x.window[0] === 0 && x.window[1] === 0)
  if (w && Number.isFinite(w.p)) return w.p
  const row = s.ar?.find((r) => r.t === 0)
  return row && Number.isFinite(row.sar) ? normalTwoSidedP(row.sar) : null
}

// The finding tests and their level live with the comparison rules that read them (analysis/finding-tests.ts).
export {FINDING_ALPHA, FINDING_TESTS} from '../analysis/finding-tests.js'

export interface BatteryVerdict {
  /** Tests of FINDING_TESTS with a p-value, in that order. */
  tested: TestName[]
  /** Those with p < FINDING_ALPHA. */
  rejecting: TestName[]
  /** Those with p ≥ FINDING_ALPHA. */
  notRejecting: TestName[]
}

/** Splits the finding tests of a battery into those that reject at 5% and those that do not. */
export function judgeBattery(tests: TestBattery): BatteryVerdict {
  const tested = FINDING_TESTS.filter((t) => {
    const p = tests[t]?.p
    return p !== null && p !== undefined && Number.isFinite(p)
  })
  const rejecting = tested.filter((t) => (tests[t].p as number) < FINDING_ALPHA)
  return {tested, rejecting, notRejecting: tested.filter((t) => !rejecting.includes(t))}
}
