/**
 * Fetching symbols from Yahoo into the store: bounded concurrency, retries with exponential backoff and
 * jitter on HTTP 429, 5xx, timeouts and network errors, and incremental updates (history-update.ts). One failed
 * symbol does not lose the others: each symbol is written in its own transaction as soon as it arrives.
 */
import type {PriceStore} from '../store/store.js'
import {normalizeSymbol} from '../store/symbols.js'
import {todayIso} from './dates.js'
import {type FetchSummary, type HistoryUpdateOptions, updateHistory} from './history-update.js'

export {backoffDelay, describeError, isRetryable, type RetryPolicy} from './retry.js'
export {ADJ_TOLERANCE, DEFAULT_FROM, type FetchSummary, OVERLAP_DAYS} from './history-update.js'

export interface FetchSymbolsOptions extends HistoryUpdateOptions {
  to?: string
  /** Symbols fetched at once (default 4). */
  concurrency?: number
  /** Called after each symbol, in completion order. */
  onProgress?: (done: number, total: number, summary: FetchSummary) => void
  /** Today's date, for the default `to` (tests fix it). */
  today?: string
}

/**
 * Fetches symbols (as typed: `NVDA`, `^GSPC`, `gspc`) into the store and returns one summary per distinct
 * symbol, in input order. Never throws for a symbol's failure: it is in that symbol's summary.
 */
export async function fetchSymbols(
  store: PriceStore,
  symbols: readonly string[],
  opts: FetchSymbolsOptions,
): Promise<FetchSummary[]> {
  const seen = new Set<string>()
  const unique = symbols.filter((s) => {
    const k = normalizeSymbol(s)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
  const to = opts.to ?? opts.today ?? todayIso()
  const results: FetchSummary[] = new Array(unique.length)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const i = next++
      results[i] = await updateHistory(store, unique[i], opts, to)
      done++
      opts.onProgress?.(done, unique.length, results[i])
    }
  }
  const n = Math.max(1, Math.min(opts.concurrency ?? 4, unique.length))
  await Promise.all(Array.from({length: n}, worker))
  return results
}
