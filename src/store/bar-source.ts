/**
 * What the study runner and the index read of a price store: bars by symbol and date range. PriceStore
 * satisfies it; a test or a data snapshot can too.
 */
import type {Bar} from '../types.js'

export interface BarSource {
  hasSymbol(symbol: string): boolean
  /** Bars ascending by date, optionally limited to [from, to] (inclusive ISO dates). */
  getBars(symbol: string, from?: string, to?: string): Bar[]
  /** Last stored date of a symbol (for the note on prices after the benchmark's last date). */
  lastDate?(symbol: string): string | null
  /** Where the bars come from, when that is not the price store (the result records it). */
  provenance?(): DataProvenance | null
}

/** Where the bars came from when not the price store: a pinned data snapshot (src/sources/snapshot.ts). */
export interface DataProvenance {
  source: 'snapshot'
  /** The snapshot file, relative to the working folder. */
  file: string
  /** SHA-256 (hex) of the snapshot's content. */
  sha256: string
  /** The data's as-of date recorded in the snapshot (its benchmark's last date). */
  asOf: string
  /** The study and the tool version that wrote it. */
  study: string
  toolVersion: string
}
