/** Textbook reference computations for brute-force checks in the engine tests (deliberately not the engine's code). */

/** Pearson correlation over the days where both series are present (null or NaN marks a missing day). */
export function pearson(a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): number {
  const present = (v: number | null): v is number => v !== null && v === v
  const keep = a.map((v, k) => present(v) && present(b[k]))
  const x = a.filter((_, k) => keep[k]) as number[]
  const y = b.filter((_, k) => keep[k]) as number[]
  const mx = x.reduce((s, v) => s + v, 0) / x.length
  const my = y.reduce((s, v) => s + v, 0) / y.length
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let k = 0; k < x.length; k++) {
    sxy += (x[k] - mx) * (y[k] - my)
    sxx += (x[k] - mx) ** 2
    syy += (y[k] - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}
