/**
 * What the study runner and the index read of a price store: bars by symbol and date range. PriceStore
 * satisfies it; a test or a data snapshot can too.
 */
import type {Bar} from '../types.js'
import type {FactorSeries, FactorSetInfo} from './factors.js'

/**
 * Memory a reader of many symbols, one at a time, lends the store (ReusedColumns in ./series.ts): a symbol's blocks
 * are joined into it instead of into new arrays, so 2,000 symbols do not each allocate their columns. What a read
 * returns into it is valid until the next read into it.
 */
export interface ColumnScratch {
  /** Columns of n rows. */
  take(n: number): BarColumns
}

export interface BarSource {
  hasSymbol(symbol: string): boolean
  /** Bars ascending by date, optionally limited to [from, to] (inclusive ISO dates). */
  getBars(symbol: string, from?: string, to?: string): Bar[]
  /** Last stored date of a symbol (for the note on prices after the benchmark's last date). */
  lastDate?(symbol: string): string | null
  /** Where the bars come from, when that is not the price store (the result records it). */
  provenance?(): DataProvenance | null
  /**
   * The columns the study's aligner reads, for many symbols over [from, to] (inclusive ISO dates), without an
   * object per row; a symbol without rows there is absent from the map. Optional: getBars serves when absent.
   */
  getColumns?(symbols: readonly string[], from: string, to: string, scratch?: ColumnScratch): Map<string, BarColumns>
  /** The factor sets a factor model reads (the store's, or a snapshot's); absent: the source holds none. */
  readonly factors?: FactorSource
}

/** What a study run reads of factor sets (store/factors.ts FactorTables; a data snapshot's). */
export interface FactorSource {
  list(): FactorSetInfo[]
  get(name: string): FactorSetInfo | null
  /** The named columns (keys) over [from, to], percent per day; days missing any of them are dropped. */
  series(name: string, columns: readonly string[], from?: string, to?: string): FactorSeries
}

/** A symbol's stored rows over a date range, ascending by date, in columns; NaN where the store has no value. */
export interface BarColumns {
  /** Day numbers (days since 1970-01-01, ./days.ts) of the rows. */
  days: Int32Array
  close: Float64Array
  adjClose: Float64Array
  volume: Float64Array
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
