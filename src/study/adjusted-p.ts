/**
 * Holm and Benjamini-Hochberg adjusted p-values beside the raw ones (docs/methods.md, "Multiple testing", families):
 * - each security's window t test, family = the securities of one engine run (group × event, or a group's list
 *   events) in that window;
 * - each test of each group window row, family = that test's p over every group × event × window row of the study.
 * The adjustment itself is engine/multiple-testing.ts; this module only forms the families.
 */
import {benjaminiHochberg, holm} from '../engine/multiple-testing.js'
import {TEST_NAMES} from '../engine/types.js'
import type {GroupResult, SecurityResult, SecurityWindowRow, TestResult} from '../result.js'

/** Writes pHolm and pBH into each item of one family from its raw p (null p: null adjustments). */
function adjustFamily<T extends {p: number | null; pHolm?: number | null; pBH?: number | null}>(items: T[]): void {
  const p = items.map((x) => x.p)
  const h = holm(p)
  const bh = benjaminiHochberg(p)
  items.forEach((x, k) => {
    x.pHolm = h[k]
    x.pBH = bh[k]
  })
}

/** The securities of one engine run: per window, their single-security t tests as one family. */
export function adjustSecurityWindows(securities: SecurityResult[]): void {
  const families = new Map<string, SecurityWindowRow[]>()
  for (const s of securities)
    for (const w of s.windows ?? []) {
      const key = w.window.join(',')
      const family = families.get(key)
      if (family) family.push(w)
      else families.set(key, [w])
    }
  for (const family of families.values()) adjustFamily(family)
}

/** Per test: every group × event × window row's result as one family. */
export function adjustGroupWindows(groups: GroupResult[]): void {
  for (const name of TEST_NAMES) {
    const family: TestResult[] = groups.flatMap((g) => g.windows.map((w) => w.tests[name]))
    adjustFamily(family)
  }
}
