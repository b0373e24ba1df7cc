/**
 * Bringing one symbol's stored history up to date from Yahoo: a new symbol, --refresh or an earlier --from replaces
 * the whole history (never with less than is stored); otherwise the last few stored days are re-fetched with the new
 * ones, and a change of their adjusted closes (a new dividend or split) replaces the history too. Every outcome,
 * failures included, is one FetchSummary and one line in the store's fetch log.
 */
import type {PriceStore} from '../store/store.js'
import {isValidSymbol, normalizeSymbol} from '../store/symbols.js'
import type {Bar} from '../types.js'
import {addDays} from './dates.js'
import {describeError, withRetry, type RetryPolicy} from './retry.js'
import {fetchChart, type YahooClient} from './yahoo.js'

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

export interface HistoryUpdateOptions {
  client: YahooClient
  from?: string
  /** Re-fetch the whole history of every symbol and replace it. */
  refresh?: boolean
  retry?: RetryPolicy
  /** Told before a request is retried, e.g. to log it on stderr. */
  onRetry?: (symbol: string, reason: string, attempt: number, delayMs: number) => void
}

/** One symbol's update in progress: its store key, the last date wanted, and its request counter. */
interface SymbolUpdate {
  store: PriceStore
  key: string
  to: string
  counter: {n: number}
  /** Yahoo's bars of the symbol from `from` to `until` (default `to`), with retries. */
  get: (from: string, until?: string) => Promise<Bar[]>
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

function symbolUpdate(store: PriceStore, symbol: string, opts: HistoryUpdateOptions, to: string): SymbolUpdate {
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
  return {store, key, to, counter, get}
}

/** The summary of a successful update that wrote `bars`. */
function written(u: SymbolUpdate, bars: Bar[], replaced: boolean, note?: string): FetchSummary {
  return {
    symbol: u.key,
    ok: true,
    added: bars.length,
    from: bars[0]?.date ?? null,
    to: bars[bars.length - 1]?.date ?? null,
    replaced,
    rows: u.store.getBars(u.key).length,
    attempts: u.counter.n,
    ...(note ? {note} : {}),
  }
}

/** Logs that nothing was written (`message` says why) and returns the summary with `note`. */
function unchanged(u: SymbolUpdate, message: string, note: string): FetchSummary {
  u.store.logFetch({symbol: u.key, source: 'yahoo', action: 'unchanged', ok: true, rows: 0, message})
  return written(u, [], false, note)
}

/**
 * Replaces the whole history from `wanted`. A replacement covers at least the stored range: replacing [first, last]
 * with a narrower fetch (an earlier --from with an early --to, or --refresh with --from/--to inside the history)
 * would silently drop stored days.
 */
async function replaceAll(u: SymbolUpdate, wanted: string, note: string): Promise<FetchSummary> {
  const {store, key, to} = u
  const first = store.firstDate(key)
  const last = store.lastDate(key)
  const from = first !== null && first < wanted ? first : wanted
  const until = last !== null && last > to ? last : to
  const bars = await u.get(from, until)
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
    return {...written(u, [], false), warning}
  }
  store.replaceHistory(key, bars, {source: 'yahoo'})
  return written(u, bars, true, note)
}

/**
 * Incremental update of a history stored over [first, last]: re-fetch the last few stored days with the new ones and
 * compare their adjusted closes; a change (or no overlap) replaces the history.
 */
async function updateIncrementally(u: SymbolUpdate, first: string, last: string): Promise<FetchSummary> {
  const {store, key} = u
  const held = store.getBars(key, addDays(last, -14), last).slice(-OVERLAP_DAYS)
  const fetched = await u.get(held[0]?.date ?? last)
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
    return await replaceAll(u, first, `history replaced: ${why}`)
  }
  const lastHeld = held[held.length - 1]
  const lastNow = byDate.get(last)
  const fix = lastHeld && lastNow && barChanged(lastHeld, lastNow) ? [lastNow] : []
  const fresh = fetched.filter((b) => b.date > last)
  if (fresh.length === 0 && fix.length === 0) {
    return unchanged(u, `no new days after ${last}`, `no new days after ${last}`)
  }
  store.upsertBars(key, [...fix, ...fresh], {source: 'yahoo'})
  const note = fix.length > 0 ? `updated the last stored day ${last}` : undefined
  return written(u, fresh, false, note)
}

/** Logs the failure (best effort) and returns its summary. */
function failed(u: SymbolUpdate, err: unknown): FetchSummary {
  const message = describeError(err)
  try {
    u.store.logFetch({symbol: u.key, source: 'yahoo', action: 'error', ok: false, rows: 0, message})
  } catch {
    // the log is best effort; the summary carries the error
  }
  return {
    symbol: u.key,
    ok: false,
    added: 0,
    from: null,
    to: null,
    replaced: false,
    rows: u.store.getBars(u.key).length,
    attempts: u.counter.n,
    error: message,
  }
}

/** Brings `symbol` (as typed) up to `to` in the store; never throws: a failure is in the summary. */
export async function updateHistory(
  store: PriceStore,
  symbol: string,
  opts: HistoryUpdateOptions,
  to: string,
): Promise<FetchSummary> {
  const u = symbolUpdate(store, symbol, opts, to)
  try {
    if (!isValidSymbol(symbol)) throw new Error(`"${symbol}" is not a valid symbol`)
    const first = store.firstDate(u.key)
    const last = store.lastDate(u.key)
    if (first === null || last === null) return await replaceAll(u, opts.from ?? DEFAULT_FROM, 'new symbol')
    if (opts.refresh) return await replaceAll(u, opts.from ?? first, 'refreshed')
    if (opts.from !== undefined && opts.from < first)
      return await replaceAll(u, opts.from, `history extended back to ${opts.from}`)
    if (to <= last) return unchanged(u, `already stored up to ${last}`, `up to date (stored to ${last})`)
    return await updateIncrementally(u, first, last)
  } catch (err) {
    return failed(u, err)
  }
}
