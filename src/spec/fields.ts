/**
 * Field rules shared by the study file and its events CSV: real ISO dates, ids, the default minimum number of
 * estimation observations.
 */
import type {Bound} from './types.js'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Ids of events, groups and claims (schema definition `id`); also required of an events CSV's own ids and groups. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

/** Default minimum estimation observations: 100, or half the window when offsets give fewer than 100 days. */
export function defaultMinObservations(from: Bound, to: Bound): number {
  if (typeof from === 'number' && typeof to === 'number') {
    const length = to - from + 1
    if (length < 100) return Math.max(2, Math.floor(length / 2))
  }
  return 100
}

/** The event id of the pooled results of list events (group rows); security rows keep their own event ids. */
export const ALL_EVENTS = 'all'
