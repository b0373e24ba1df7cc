/**
 * Where a conclusion at 5% changes between models (docs/methods.md, "Model robustness"): for each group ×
 * event × window and each finding test, the models under which the test rejects "no abnormal return" at 5%
 * against those under which it does not. Models without a p for the test (N too small) take no side.
 */
import type {TestName} from '../engine/types.js'
import type {RobustnessChange, RobustnessRow} from '../result.js'
import {FINDING_ALPHA, FINDING_TESTS} from './finding-tests.js'

/** The models of robustness rows in their first appearance (the study's order: the primary model first). */
export function robustnessModels(rows: readonly RobustnessRow[]): string[] {
  return [...new Set(rows.map((r) => r.model))]
}

/** A group window's key: `group|event|t1..t2`. */
export function windowKey(r: {group: string; event: string; window: readonly [number, number]}): string {
  return `${r.group}|${r.event}|${r.window[0]}..${r.window[1]}`
}

/**
 * The changes of conclusion, in the rows' group-window order and then test order: a test is listed for a group
 * window when p < alpha under at least one model and p >= alpha under at least one other.
 */
export function conclusionChanges(
  rows: readonly RobustnessRow[],
  tests: readonly TestName[] = FINDING_TESTS,
  alpha = FINDING_ALPHA,
): RobustnessChange[] {
  const byWindow = new Map<string, RobustnessRow[]>()
  for (const r of rows) {
    const k = windowKey(r)
    const list = byWindow.get(k)
    if (list) list.push(r)
    else byWindow.set(k, [r])
  }
  const changes: RobustnessChange[] = []
  for (const same of byWindow.values()) {
    const {group, event, window} = same[0]
    for (const test of tests) {
      const tested = same.flatMap((r) => {
        const p = r.tests[test]?.p
        return typeof p === 'number' && Number.isFinite(p) ? [{model: r.model, p}] : []
      })
      const rejecting = tested.filter((x) => x.p < alpha).map((x) => x.model)
      const notRejecting = tested.filter((x) => x.p >= alpha)
      if (rejecting.length > 0 && notRejecting.length > 0)
        changes.push({group, event, window: [window[0], window[1]], test, rejecting, notRejecting})
    }
  }
  return changes
}
