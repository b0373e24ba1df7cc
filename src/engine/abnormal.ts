/**
 * Abnormal returns of one security (MacKinlay 1997, sec. 4; Patell 1976):
 *   AR_it = R_it - E[R_it];  SAR_it = AR_it / (sigma_i sqrt(C_it));
 *   CAR_i(W) = sum_W AR_it;  SCAR_i = CAR_i / sqrt(Var(CAR_i));
 *   BHAR_i(W) = prod_W (1 + R_it) - prod_W (1 + E[R_it])  (Barber & Lyon 1997).
 * With log returns, BHAR converts to simple returns by exp(r) - 1, so the products become exp(sum r).
 */
import {expectedReturn, predictionErrorFactor} from './models.js'
import {studentTTwoSidedP} from './distributions.js'
import type {ModelKind, ReturnKind, RowFit} from './types.js'

/** AR = R - E[R]. */
export function abnormalReturn(fit: RowFit, r: number, rm: number): number {
  return r - expectedReturn(fit, rm)
}

/** SAR = AR / (sigma sqrt(C_it)). */
export function standardizedAbnormalReturn(model: ModelKind, fit: RowFit, ar: number, rm: number): number {
  return ar / (fit.sigma * Math.sqrt(predictionErrorFactor(model, fit, rm)))
}

/**
 * BHAR over count days of r[rOff..] and rm[mOff..]: prod(1 + R) - prod(1 + E[R]) for simple returns;
 * exp(sum r) - exp(sum E[r]) for log returns (each log return converted by exp(r) - 1).
 */
export function buyAndHoldAbnormalReturn(
  kind: ReturnKind,
  fit: RowFit,
  r: Float64Array,
  rOff: number,
  rm: Float64Array,
  mOff: number,
  count: number,
): number {
  if (kind === 'log') {
    let sr = 0
    let se = 0
    for (let k = 0; k < count; k++) {
      sr += r[rOff + k]
      se += expectedReturn(fit, rm[mOff + k])
    }
    return Math.exp(sr) - Math.exp(se)
  }
  let pr = 1
  let pe = 1
  for (let k = 0; k < count; k++) {
    pr *= 1 + r[rOff + k]
    pe *= 1 + expectedReturn(fit, rm[mOff + k])
  }
  return pr - pe
}

/** Single-security test: t = CAR / sqrt(Var(CAR)), Student t with L_i - d df; two-sided p. */
export function singleSecurityT(car: number, varCar: number, df: number): {t: number; p: number} {
  const t = car / Math.sqrt(varCar)
  return {t, p: studentTTwoSidedP(t, df)}
}
