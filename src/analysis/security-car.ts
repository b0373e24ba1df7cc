/**
 * The CAR of a security-event over a relative window: its window row when the study lists that window, else the
 * sum of its daily ARs (CAR = sum over W of AR_t) when every day of the window is in the result.
 */
import type {SecurityResult} from '../result.js'

export function securityCar(sec: SecurityResult, w: readonly [number, number]): number | null {
  const row = sec.windows?.find((x) => x.window[0] === w[0] && x.window[1] === w[1])
  if (row) return row.car
  if (!sec.ar) return null
  let sum = 0
  for (let t = w[0]; t <= w[1]; t++) {
    const r = sec.ar.find((x) => x.t === t)
    if (!r) return null
    sum += r.ar
  }
  return sum
}
