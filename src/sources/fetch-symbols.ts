/**
 * Fetching symbols from Yahoo into the store: bounded concurrency, retries with exponential backoff and
 * jitter on HTTP 429, 5xx, timeouts and network errors, and incremental updates. One failed symbol does not
 * lose the others: each symbol is written in its own transaction as soon as it arrives.
 */
import type {PriceStore} from '../store/store.js'
import {isValidSymbol, normalizeSymbol} from '../store/symbols.js'
import type {Bar} from '../types.js'
import {addDays, todayIso} from './dates.js'
import {describeError, withRetry, type RetryPolicy} from './retry.js'
import {fetchChart, type YahooClient} from './yahoo.js'

export {backoffDelay, describeError, isRetryable, type RetryPolicy} from './retry.js'

/** First date asked for when a symbol is new and no --from is given. */
export const DEFAULT_FROM = '2000-01-01'
/** Stored days re-fetched on an incremental update, to detect a change of adjustment. */
export const OVERLAP_DAYS = 5
/** Relative difference of adjusted closes above which history counts as re-adjusted. */
export const ADJ_TOLERANCE = 1e-6

export interface FetchSummary {
  symbol: string
  ok: boolean
  /** Rows written by this fetch (new days, or the whole history when replaced). */
  added: number
  /** Range of the rows written, null when none. */
  from: string | null
  to: string | null
  /** True when the symbol's whole history was replaced (new symbol, --refresh, or re-adjusted history). */
  replaced: boolean
  /** Rows stored for the symbol after the fetch. */
  rows: number
  /** Requests made, retries included. */
  attempts: number
  note?: string
  /** Set when Yahoo's answer did not cover the stored history, which was kept as it was (exit 3). */
  warning?: string
  error?: string
}

export interface FetchSymbolsOptions {
  client: YahooClient
  from?: string
  to?: string
  /** Re-fetch the whole history of every symbol and replace it. */
  refresh?: boolean
  /** Symbols fetched at once (default 4). */
  concurrency?: number
  retry?: RetryPolicy
  /** Told before a request is retried, e.g. to log it on stderr. */
  onRetry?: (symbol: string, reason: string, attempt: number, delayMs: number) => void
  /** Called after each symbol, in completion order. */
  onProgress?: (done: number, total: number, summary: FetchSummary) => void
  /** Today's date, for the default `to` (tests fix it). */
  today?: string
}

/** True when two values differ by more than the relative tolerance (a null on one side only is a change). */
function differs(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b
  return Math.abs(a - b) > ADJ_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))
}

/** True when any value of a day differs (beyond the tolerance). */
function barChanged(a: Bar, b: Bar): boolean {
  return (['open', 'high', 'low', 'close', 'adjClose', 'volume'] as const).some((f) => differs(a[f], b[f]))
}

async function fetchOne(
  store: PriceStore,
  symbol: string,
  opts: FetchSymbolsOptions,
  to: string,
): Promise<FetchSummary> {
  const key = normalizeSymbol(symbol)
  const counter = {n: 0}
  const retry: RetryPolicy = {
    ...opts.retry,
    onRetry: (err, attempt, delayMs) => {
      opts.retry?.onRetry?.(err, attempt, delayMs)
      opts.onRetry?.(key, describeError(err), attempt, delayMs)
    },
  }
  const get = (from: string, until: string = to): Promise<Bar[]> =>
    withRetry(() => fetchChart(opts.client, symbol, from, until), retry, counter)
  const done = (bars: Bar[], replaced: boolean, note?: string): FetchSummary => ({
    symbol: key,
    ok: true,
    added: bars.length,
    from: bars[0]?.date ?? null,
    to: bars[bars.length - 1]?.date ?? null,
    replaced,
    rows: store.getBars(key).length,
    attempts: counter.n,
    ...(note ? {note} : {}),
  })
  // A replacement covers at least the stored range: replacing [first, last] with a narrower fetch (an earlier
  // --from with an early --to, or --refresh with --from/--to inside the history) would silently drop stored days.
  const replaceAll = async (wanted: string, note: string): Promise<FetchSummary> => {
    const first = store.firstDate(key)
    const last = store.lastDate(key)
    const from = first !== null && first < wanted ? first : wanted
    const until = last !== null && last > to ? last : to
    const bars = await get(from, until)
    if (bars.length === 0) throw new Error(`Yahoo returned no bars between ${from} and ${until}`)
    // Yahoo may answer with a shorter history than stored (a delisting, a glitch): never trade stored days for it.
    const got = {first: bars[0].date, last: bars[bars.length - 1].date}
    if (first !== null && last !== null && (got.first > first || got.last < last)) {
      const rows = store.getBars(key).length
      const warning = `Yahoo's history of ${key} covers ${got.first}..${got.last}, not all of the stored ${first}..${last}: kept the ${rows} stored rows and wrote nothing`
      store.logFetch({
        symbol: key,
        source: 'yahoo',
        action: 'kept',
        ok: false,
        rows: 0,
        from: got.first,
        to: got.last,
        message: warning,
      })
      return {...done([], false), warning}
    }
    store.replaceHistory(key, bars, {source: 'yahoo'})
    return done(bars, true, note)
  }

  try {
    if (!isValidSymbol(symbol)) throw new Error(`"${symbol}" is not a valid symbol`)
    const first = store.firstDate(key)
    const last = store.lastDate(key)
    if (first === null || last === null) return await replaceAll(opts.from ?? DEFAULT_FROM, 'new symbol')
    if (opts.refresh) return await replaceAll(opts.from ?? first, 'refreshed')
    if (opts.from !== undefined && opts.from < first)
      return await replaceAll(opts.from, `history extended back to ${opts.from}`)
    if (to <= last) {
      store.logFetch({
        symbol: key,
        source: 'yahoo',
        action: 'unchanged',
        ok: true,
        rows: 0,
        message: `already stored up to ${last}`,
      })
      return done([], false, `up to date (stored to ${last})`)
    }

    // Incremental: re-fetch the last few stored days with the new ones and compare their adjusted closes.
    const held = store.getBars(key, addDays(last, -14), last).slice(-OVERLAP_DAYS)
    const fetched = await get(held[0]?.date ?? last)
    const byDate = new Map(fetched.map((b) => [b.date, b]))
    // The last stored day may be Yahoo's live bar, stored before the close: its change is no sign of a
    // re-adjustment, so it is left out of the comparison and overwritten below.
    const compared = held.length > 1 ? held.slice(0, -1) : held
    const overlap = compared.filter((h) => byDate.has(h.date))
    const changed = overlap.length === 0 || overlap.some((h) => differs(h.adjClose, byDate.get(h.date)!.adjClose))
    if (changed) {
      const why =
        overlap.length === 0
          ? 'the stored last days are missing from Yahoo'
          : 'adjusted closes changed (new dividend or split)'
      return await replaceAll(first, `history replaced: ${why}`)
    }
    const lastHeld = held[held.length - 1]
    const lastNow = byDate.get(last)
    const fix = lastHeld && lastNow && barChanged(lastHeld, lastNow) ? [lastNow] : []
    const fresh = fetched.filter((b) => b.date > last)
    if (fresh.length === 0 && fix.length === 0) {
      store.logFetch({
        symbol: key,
        source: 'yahoo',
        action: 'unchanged',
        ok: true,
        rows: 0,
        message: `no new days after ${last}`,
      })
      return done([], false, `no new days after ${last}`)
    }
    store.upsertBars(key, [...fix, ...fresh], {source: 'yahoo'})
    const note = fix.length > 0 ? `updated the last stored day ${last}` : undefined
    return done(fresh, false, note)
  } catch (err) {
    const message = describeError(err)
    try {
      store.logFetch({symbol: key, source: 'yahoo', action: 'error', ok: false, rows: 0, message})
    } catch {
      // the log is best effort; the summary carries the error
    }
    return {
      symbol: key,
      ok: false,
      added: 0,
      from: null,
      to: null,
      replaced: false,
      rows: store.getBars(key).length,
      attempts: counter.n,
      error: message,
    }
  }
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
      results[i] = await fetchOne(store, unique[i], opts, to)
      done++
      opts.onProgress?.(done, unique.length, results[i])
    }
  }
  const n = Math.max(1, Math.min(opts.concurrency ?? 4, unique.length))
  await Promise.all(Array.from({length: n}, worker))
  return results
}
