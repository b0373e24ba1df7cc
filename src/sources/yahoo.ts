/**
 * Yahoo Finance through yahoo-finance2 3.15.x. The library runs for real in tests too: only its `fetch` is
 * injected. Its notices are suppressed, its version check is off and its logger writes to stderr, so stdout
 * stays clean for --json.
 */
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import YahooFinance from 'yahoo-finance2'
import {AftershockError, InputError} from '../errors.js'
import {finiteOrNull} from '../finite.js'
import {normalizeSymbol, yahooSymbol} from '../store/symbols.js'
import type {Bar} from '../types.js'
import {addDays, dateInZone, epochSeconds} from './dates.js'
import {describeError, HttpStatusError, withRetry, type RetryPolicy} from './retry.js'

export {HttpStatusError} from './retry.js'

export type YahooFinanceClient = InstanceType<typeof YahooFinance>

export interface YahooClient {
  yf: YahooFinanceClient
  /** Per-request timeout in ms (the library has none of its own). */
  timeoutMs: number
}

export interface YahooClientOptions {
  /** The fetch to use (default: the global fetch at call time). Tests inject a fake here. */
  fetch?: typeof fetch
  /** Per-request timeout, ms (default 20 s). */
  timeoutMs?: number
  /** Requests in flight at once in the library's queue (default 4; fetchSymbols' concurrency should not exceed it). */
  concurrency?: number
}

/** A request that took longer than the client's timeout. Retried by fetchSymbols. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from Yahoo within ${ms} ms`)
    this.name = 'TimeoutError'
  }
}

export const DEFAULT_TIMEOUT_MS = 20_000
const TZ_FALLBACK = 'America/New_York'

function stderrLog(...args: unknown[]): void {
  // The project runs on Node 20 on purpose (better-sqlite3 12); the library's "Requires Node >= 22" warning
  // on every start is noise, the chart and quote calls work.
  if (typeof args[0] === 'string' && args[0].startsWith('[yahoo-finance2] Unsupported environment')) return
  process.stderr.write(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') + '\n')
}

/**
 * Wraps a fetch with a timeout that both aborts the request and rejects, so a request that ignores its abort
 * signal still frees the library's queue slot. A 429 or 5xx answer is thrown here as HttpStatusError: the
 * library would throw the same, after printing the bare URL to stderr; other answers go to the library.
 */
function guardedFetch(inner: () => typeof fetch, ms: number): typeof fetch {
  return (input, init) => {
    const ac = new AbortController()
    const outer = init?.signal
    if (outer) outer.addEventListener('abort', () => ac.abort(outer.reason), {once: true})
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        ac.abort()
        reject(new TimeoutError(ms))
      }, ms)
    })
    const request = (async () => {
      const res = await inner()(input, {...init, signal: ac.signal})
      if (res.status === 429 || res.status >= 500)
        throw new HttpStatusError(res.status, await res.text().catch(() => res.statusText))
      return res
    })()
    return Promise.race([request, timeout]).finally(() => clearTimeout(timer))
  }
}

/** A yahoo-finance2 client with the injected fetch (or the global one), quiet, logging to stderr. */
export function createYahooClient(opts: YahooClientOptions = {}): YahooClient {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const injected = opts.fetch
  const fetchFn = guardedFetch(() => injected ?? globalThis.fetch, timeoutMs)
  const yf = new YahooFinance({
    fetch: fetchFn,
    versionCheck: false,
    queue: {concurrency: opts.concurrency ?? 4},
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
    validation: {logErrors: false, logOptionsErrors: false},
    logger: {info: stderrLog, warn: stderrLog, error: stderrLog, debug: () => {}, dir: stderrLog},
  })
  return {yf, timeoutMs}
}

/**
 * Testing hook: when AFTERSHOCK_YAHOO_FETCH names a JS module (absolute path), the CLI imports it and uses its
 * `default` (or `fetch`) export instead of the network. Unset in normal use: the global fetch goes to Yahoo.
 */
export async function loadFetchHook(env: NodeJS.ProcessEnv = process.env): Promise<typeof fetch | undefined> {
  const file = env.AFTERSHOCK_YAHOO_FETCH
  if (!file) return undefined
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as {default?: unknown; fetch?: unknown}
  const f = mod.default ?? mod.fetch
  if (typeof f !== 'function')
    throw new InputError(`AFTERSHOCK_YAHOO_FETCH=${file}: the module exports no fetch function (default or fetch)`)
  return f as typeof fetch
}

/** The client the CLI uses: the testing hook's fetch if set, else the network. */
export async function createCliYahooClient(
  opts: {timeoutMs?: number; concurrency?: number} = {},
): Promise<YahooClient> {
  return createYahooClient({fetch: await loadFetchHook(), timeoutMs: opts.timeoutMs, concurrency: opts.concurrency})
}

interface ChartObject {
  meta: {exchangeTimezoneName?: unknown; gmtoffset?: unknown; [k: string]: unknown}
  timestamp?: number[]
  indicators: {
    quote: Array<{
      open?: Array<number | null>
      high?: Array<number | null>
      low?: Array<number | null>
      close?: Array<number | null>
      volume?: Array<number | null>
    }>
    adjclose?: Array<{adjclose?: Array<number | null>}>
  }
  events?: {
    dividends?: Record<string, {amount: number; date: Date | number}>
    splits?: Record<string, {date: Date | number; numerator: number; denominator: number}>
  }
}

function epochMs(d: Date | number): number {
  return d instanceof Date ? d.getTime() : d * 1000
}

/** The exchange's IANA zone: meta.exchangeTimezoneName if valid, else America/New_York. */
function exchangeZone(meta: ChartObject['meta']): string {
  const tz = meta.exchangeTimezoneName
  if (typeof tz === 'string') {
    try {
      new Intl.DateTimeFormat('en-US', {timeZone: tz})
      return tz
    } catch {
      // an unknown zone name: fall back
    }
  }
  return TZ_FALLBACK
}

/**
 * Daily bars of one symbol for the trading dates [from, to] (inclusive ISO dates; `to` default today), with
 * dividends and splits attached to their ex-dates. The trading date is the bar's timestamp read in the
 * exchange's time zone. A bar with neither a close nor an adjusted close is dropped (a halted or missing day);
 * other missing values are kept as null. Throws the library's errors (name HTTPError, NotFoundError,
 * FailedYahooValidationError, ...) or TimeoutError.
 */
export async function fetchChart(client: YahooClient, symbol: string, from: string, to?: string): Promise<Bar[]> {
  const ysym = yahooSymbol(symbol)
  const last = to ?? new Date().toISOString().slice(0, 10)
  // A day of slack each side: bars are stamped at the session open, which is not midnight UTC anywhere.
  const period1 = epochSeconds(addDays(from, -1))
  const period2 = epochSeconds(addDays(last, 2))
  const raw = (await client.yf.chart(ysym, {
    period1,
    period2,
    interval: '1d',
    events: 'div|split',
    return: 'object',
  })) as unknown as ChartObject
  return chartToBars(raw, from, last)
}

/** Turns the library's `return: "object"` chart into bars within [from, to]. */
export function chartToBars(raw: ChartObject, from: string, to: string): Bar[] {
  const tz = exchangeZone(raw.meta)
  const ts = raw.timestamp ?? []
  const q = raw.indicators.quote[0] ?? {}
  const adj = raw.indicators.adjclose?.[0]?.adjclose
  for (const [name, arr] of Object.entries({
    open: q.open,
    high: q.high,
    low: q.low,
    close: q.close,
    volume: q.volume,
    adjclose: adj,
  })) {
    if (ts.length > 0 && arr !== undefined && arr.length !== ts.length) {
      throw new AftershockError(`Yahoo sent ${ts.length} timestamps but ${arr.length} values of ${name}`)
    }
  }
  const byDate = new Map<string, Bar>()
  for (let i = 0; i < ts.length; i++) {
    const date = dateInZone(ts[i] * 1000, tz)
    if (date < from || date > to) continue
    const bar: Bar = {
      date,
      open: finiteOrNull(q.open?.[i]),
      high: finiteOrNull(q.high?.[i]),
      low: finiteOrNull(q.low?.[i]),
      close: finiteOrNull(q.close?.[i]),
      adjClose: finiteOrNull(adj?.[i]),
      volume: finiteOrNull(q.volume?.[i]),
    }
    if (bar.close === null && bar.adjClose === null) continue
    byDate.set(date, bar) // a repeated date (Yahoo's live bar) keeps the later one
  }
  for (const d of Object.values(raw.events?.dividends ?? {})) {
    const bar = byDate.get(dateInZone(epochMs(d.date), tz))
    if (bar && finiteOrNull(d.amount) !== null) bar.dividend = d.amount
  }
  for (const s of Object.values(raw.events?.splits ?? {})) {
    const bar = byDate.get(dateInZone(epochMs(s.date), tz))
    const ratio = s.numerator / s.denominator
    if (bar && Number.isFinite(ratio) && ratio > 0) bar.split = ratio
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * Shares outstanding now, per store key, via quote() (needs Yahoo's cookie and crumb: live only, unless a fake
 * fetch answers them). A symbol Yahoo does not know, or without the field, maps to null. Retried like chart
 * requests; a final failure throws AftershockError (exit 1).
 */
export async function fetchSharesOutstanding(
  client: YahooClient,
  symbols: readonly string[],
  retry: RetryPolicy = {},
): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {}
  for (const s of symbols) out[normalizeSymbol(s)] = null
  if (symbols.length === 0) return out
  let quotes: unknown
  try {
    quotes = await withRetry(
      () =>
        client.yf.quote(
          symbols.map((s) => yahooSymbol(s)),
          {fields: ['symbol', 'sharesOutstanding']},
          {validateResult: false},
        ),
      retry,
    )
  } catch (err) {
    throw new AftershockError(
      `shares outstanding from Yahoo failed: ${describeError(err)}; without --live-shares the study file's shares: are used`,
    )
  }
  const list: unknown[] = Array.isArray(quotes) ? quotes : [quotes]
  for (const q of list) {
    const rec = q as {symbol?: unknown; sharesOutstanding?: unknown}
    if (typeof rec.symbol !== 'string') continue
    const v = finiteOrNull(rec.sharesOutstanding)
    out[normalizeSymbol(rec.symbol)] = v !== null && v > 0 ? v : null
  }
  return out
}
