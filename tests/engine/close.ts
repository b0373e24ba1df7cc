import {expect} from 'vitest'

/** Expects a to equal b within a relative tolerance: |a - b| <= tol * max(1, |b|). */
export function expectRelClose(a: number | null, b: number, tol = 1e-12): void {
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))
}
