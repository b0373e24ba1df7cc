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
}
