/**
 * Ordinary least squares of y on x with an intercept, over paired observations where both are present.
 * beta = S_xy / S_xx, alpha = mean_y - beta mean_x, sigma^2 = SSR / (L - 2), R^2 = 1 - SSR / S_yy
 * (MacKinlay 1997, eq. 7-8; any econometrics text). Reads rows of larger arrays in place (offsets), so the
 * engine never copies a panel row.
 */
export interface OlsFit {
  alpha: number
  beta: number
  /** sqrt(SSR / (L - 2)). */
  sigma: number
  /** 1 - SSR / S_yy; NaN when S_yy = 0 (the caller maps it to null). */
  r2: number
  /** Observations used (pairs with both values present). */
  L: number
  meanX: number
  meanY: number
  /** S_xx = sum (x - mean_x)^2 (S_mm for the market model). */
  sxx: number
  syy: number
  ssr: number
}

/** OLS of y[yOff + k] on x[xOff + k], k = 0..count-1, skipping pairs with a NaN. */
export function ols(y: Float64Array, yOff: number, x: Float64Array, xOff: number, count: number): OlsFit {
  let L = 0
  let sx = 0
  let sy = 0
  for (let k = 0; k < count; k++) {
    const yv = y[yOff + k]
    const xv = x[xOff + k]
    if (yv === yv && xv === xv) {
      L++
      sx += xv
      sy += yv
    }
  }
  return olsWithMeans(y, yOff, x, xOff, count, L, sx / L, sy / L)
}

/** OLS given the pair count L and the means (when the caller's own first pass already has them). */
export function olsWithMeans(
  y: Float64Array,
  yOff: number,
  x: Float64Array,
  xOff: number,
  count: number,
  L: number,
  mx: number,
  my: number,
): OlsFit {
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (let k = 0; k < count; k++) {
    const yv = y[yOff + k]
    const xv = x[xOff + k]
    if (yv === yv && xv === xv) {
      const dx = xv - mx
      const dy = yv - my
      sxx += dx * dx
      sxy += dx * dy
      syy += dy * dy
    }
  }
  const beta = sxy / sxx
  const alpha = my - beta * mx
  // residuals directly (not syy - beta sxy) to avoid cancellation when the fit is tight
  let ssr = 0
  for (let k = 0; k < count; k++) {
    const yv = y[yOff + k]
    const xv = x[xOff + k]
    if (yv === yv && xv === xv) {
      const e = yv - alpha - beta * xv
      ssr += e * e
    }
  }
  return {alpha, beta, sigma: Math.sqrt(ssr / (L - 2)), r2: 1 - ssr / syy, L, meanX: mx, meanY: my, sxx, syy, ssr}
}
