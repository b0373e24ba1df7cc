/**
 * The edge where engine numbers enter the result: every test battery complete and without NaN (a non-finite
 * statistic becomes null with a note), and the path of a non-finite number, so a security whose figures are not
 * finite is excluded with that reason instead of carrying NaN.
 */
import {TEST_NAMES, type TestBattery, type TestResult} from '../engine/types.js'
import {finiteOrNull} from '../finite.js'

/** A test battery with every key, no NaN: a non-finite stat or p becomes null with a note. */
export function cleanBattery(b: TestBattery): TestBattery {
  const out = {} as TestBattery
  for (const name of TEST_NAMES) {
    const r: TestResult | undefined = b[name]
    out[name] = r ? cleanTest(r) : {stat: null, p: null, n: 0, note: 'not computed'}
  }
  return out
}

/** One test result without NaN: a non-finite stat or p becomes null with a note. */
export function cleanTest(r: TestResult): TestResult {
  const stat = finiteOrNull(r.stat)
  const p = finiteOrNull(r.p)
  const clean: TestResult = {stat, p, n: r.n}
  if (r.df !== undefined && Number.isFinite(r.df)) clean.df = r.df
  if (r.note) clean.note = r.note
  else if ((stat === null) !== (r.stat === null) || (p === null) !== (r.p === null))
    clean.note = 'undefined for these data'
  return clean
}

/** Whether every number in a value is finite (no path built: the common case, checked first). */
export function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x)
  if (x === null || typeof x !== 'object') return true
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!allFinite(x[i])) return false
    return true
  }
  // Own enumerable values, as for-in with hasOwn would visit, without a lookup by key.
  for (const v of Object.values(x)) if (!allFinite(v)) return false
  return true
}

/** Path of the first non-finite number in a value (null when all are finite). */
export function firstNonFinite(x: unknown, path = ''): string | null {
  if (allFinite(x)) return null
  if (typeof x === 'number') return path
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const r = firstNonFinite(x[i], `${path}[${i}]`)
      if (r !== null) return r
    }
    return null
  }
  if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      const r = firstNonFinite(v, path ? `${path}.${k}` : k)
      if (r !== null) return r
    }
  }
  return null
}
