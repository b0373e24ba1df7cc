/** The guard at every edge where numbers leave a computation: a finite number, or null (never NaN or Infinity). */
export function finiteOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}
