/**
 * Issue 4's additions to a study result: base-period indexing, market value at stake and claims.
 * Called by the runner (src/study/run.ts) once the event-study part of the result is built.
 * (Owned by engineer D; this first version does nothing.)
 */
import type {StudyResult} from '../result.js'
import type {StudySpec} from './spec-types.js'
import type {Bar} from '../types.js'

export interface ExtrasContext {
  spec: StudySpec
  /** Stored bars of every symbol of the study and of the benchmark, ascending by date. */
  bars: Map<string, Bar[]>
  /** The benchmark's trading dates (the study's trading calendar), ascending. */
  calendar: string[]
  /** Shares outstanding fetched live (--live-shares): flagged as current, not as of the event. */
  liveShares?: Map<string, number>
}

/** Fills result.index, result.value and result.claims (and their notes) in place. */
export function addStudyExtras(result: StudyResult, ctx: ExtrasContext): void {
  void result
  void ctx
}
