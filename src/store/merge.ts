/**
 * Merging new bars into a stored history by date and column: a value fills a cell the store lacks, a value held
 * on both sides must agree to rounding, and the first disagreement (another adjustment basis, another security)
 * stops the merge. Stored days the new bars do not mention are kept. Pure: the store runs it in its transaction.
 */
import {InputError} from '../errors.js'
import type {Bar} from '../types.js'

export const MERGE_FIELDS = ['open', 'high', 'low', 'close', 'adjClose', 'volume', 'dividend', 'split'] as const
export type MergeField = (typeof MERGE_FIELDS)[number]

/** The CSV column of a field, for messages. */
export const COLUMN_NAME: Record<MergeField, string> = {
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  adjClose: 'adj_close',
  volume: 'volume',
  dividend: 'dividend',
  split: 'split',
}

/** Relative difference under which two values are the same number printed or stored with other rounding. */
export const MERGE_REL_TOLERANCE = 1e-6

/** Absolute rounding of the new values per field, e.g. half a unit of a CSV's last printed decimal. */
export type Rounding = Partial<Record<MergeField, number>>

export interface MergeConflict {
  date: string
  field: MergeField
  stored: number
  incoming: number
}

export interface MergePlan {
  /** Bars to write: the new days, and the stored days with cells newly filled (whole merged bars). */
  write: Bar[]
  /** New days. */
  added: number
  /** Cells filled on days the store already held. */
  filled: number
  /** The first disagreement, by date then column; nothing may be written when set. */
  conflict: MergeConflict | null
}

/** True when a and b agree: |a - b| <= max(1e-6 max(|a|, |b|), rounding). */
export function agree(a: number, b: number, rounding = 0): boolean {
  return Math.abs(a - b) <= Math.max(MERGE_REL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), rounding)
}

function value(b: Bar, f: MergeField): number | null {
  const v = b[f]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** Plans the merge of `incoming` into `stored` (both any order; dates unique within each). */
export function planMerge(stored: readonly Bar[], incoming: readonly Bar[], rounding: Rounding = {}): MergePlan {
  const held = new Map(stored.map((b) => [b.date, b]))
  const sorted = [...incoming].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const write: Bar[] = []
  let added = 0
  let filled = 0
  for (const b of sorted) {
    const old = held.get(b.date)
    if (old === undefined) {
      write.push(b)
      added++
      continue
    }
    const merged: Bar = {...old}
    let fills = 0
    for (const f of MERGE_FIELDS) {
      const now = value(b, f)
      if (now === null) continue
      const was = value(old, f)
      if (was === null) {
        merged[f] = now
        fills++
      } else if (!agree(was, now, rounding[f] ?? 0)) {
        return {write: [], added: 0, filled: 0, conflict: {date: b.date, field: f, stored: was, incoming: now}}
      }
    }
    if (fills > 0) {
      write.push(merged)
      filled += fills
    }
  }
  return {write, added, filled, conflict: null}
}

/** New bars disagree with the stored history; bad input (exit 2) that `--replace` overrides. */
export class MergeConflictError extends InputError {
  constructor(
    readonly symbol: string,
    readonly conflict: MergeConflict,
  ) {
    const {date, field, stored, incoming} = conflict
    super(
      `${symbol} on ${date}, column ${COLUMN_NAME[field]}: the store holds ${stored}, the new data ${incoming} (another adjustment basis or another security?)`,
    )
    this.name = 'MergeConflictError'
  }
}
