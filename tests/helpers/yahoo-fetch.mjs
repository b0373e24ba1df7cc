// A `fetch` that answers like Yahoo's chart API (shape: ../shared/docs/yahoo-chart-api.md), built from the
// real CSVs in ../shared/data/prices, with fault injection. Plain JS so that the built CLI can load it through
// the testing hook AFTERSHOCK_YAHOO_FETCH=/abs/path/tests/helpers/yahoo-fetch.mjs; its default export reads its
// options from the env var AFTERSHOCK_FAKE_YAHOO (JSON). Typed wrapper for tests: ./yahoo-fetch.ts.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const DEFAULT_PRICES_DIR = path.resolve(
  process.env.AFTERSHOCK_SHARED_DIR ?? path.join(HERE, '..', '..', '..', 'shared'),
  'data',
  'prices',
)

/**
 * Faults, per store key (symbol without '^'):
 * 'rate-limit-once' 429 on the first request, then data; 'rate-limit' always 429;
 * 'server-error-once' 500 then data; 'server-error' always 500;
 * 'timeout-once' / 'timeout' a request that never answers (rejects with AbortError when its signal aborts);
 * 'malformed' a 200 whose body is not JSON; 'bad-shape' a 200 JSON body that fails the library's validation;
 * 'null-bars' every 10th bar all null and volume null on every 7th; 'unknown' 404 as for an unknown symbol.
 */
export const FAULTS = [
  'rate-limit-once',
  'rate-limit',
  'server-error-once',
  'server-error',
  'timeout-once',
  'timeout',
  'malformed',
  'bad-shape',
  'null-bars',
  'unknown',
]

const csvCache = new Map()

function loadCsv(pricesDir, key) {
  const file = path.join(pricesDir, `${key}.csv`)
  const cacheKey = file
  if (csvCache.has(cacheKey)) return csvCache.get(cacheKey)
  if (!existsSync(file)) return null
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/)
  const rows = lines.slice(1).map((l) => {
    const [date, open, high, low, close, adj, volume] = l.split(',')
    const n = (s) => (s === '' || s === undefined ? null : Number(s))
    // Yahoo always sends a close; where the file has none (stocks, ETFs) the adjusted close stands in.
    return {
      date,
      open: n(open),
      high: n(high),
      low: n(low),
      close: n(close) ?? n(adj),
      adjclose: n(adj),
      volume: n(volume),
    }
  })
  csvCache.set(cacheKey, rows)
  return rows
}

const NY_HOUR = new Intl.DateTimeFormat('en-US', {timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23'})

/** Unix seconds of 09:30 New York on an ISO date (the session open, as Yahoo stamps daily bars). */
export function sessionOpenEpoch(iso) {
  const [y, m, d] = iso.split('-').map(Number)
  const noonUtc = Date.UTC(y, m - 1, d, 12)
  const nyHour = Number(NY_HOUR.format(new Date(noonUtc)))
  return Math.floor((Date.UTC(y, m - 1, d, 9, 30) + (12 - nyHour) * 3600_000) / 1000)
}

function jsonResponse(status, body) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: {'content-type': 'application/json;charset=utf-8'},
  })
}

function notFound() {
  return jsonResponse(404, {
    chart: {result: null, error: {code: 'Not Found', description: 'No data found, symbol may be delisted'}},
  })
}

function hang(signal) {
  return new Promise((_resolve, reject) => {
    if (!signal) return
    const abort = () => {
      const err = new Error('The operation was aborted.')
      err.name = 'AbortError'
      reject(err)
    }
    if (signal.aborted) abort()
    else signal.addEventListener('abort', abort, {once: true})
  })
}

/**
 * Builds the fake fetch.
 * @param {object} [options]
 * @param {string} [options.pricesDir] folder of SYMBOL.csv files (default ../shared/data/prices)
 * @param {Record<string, string|string[]>} [options.faults] fault(s) per symbol key; an array is used in order, one per request
 * @param {Record<string, number>} [options.adjScale] multiply a symbol's adjusted closes by this (a new dividend re-bases history)
 * @param {string} [options.lastDate] the fake "today": no bars after this date
 * @param {Record<string, {dividends?: {date: string, amount: number}[], splits?: {date: string, numerator: number, denominator: number}[]}>} [options.events]
 * @param {Record<string, number>} [options.shares] sharesOutstanding per symbol key, for quote()
 */
export function createYahooFetch(options = {}) {
  const pricesDir = options.pricesDir ?? DEFAULT_PRICES_DIR
  const faults = options.faults ?? {}
  const counts = new Map()
  const calls = []

  async function fakeFetch(input, init = {}) {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    calls.push(url.href)
    const signal = init.signal ?? undefined

    // quote() first gets a cookie and a crumb
    if (
      url.pathname === '/' ||
      url.hostname === 'fc.yahoo.com' ||
      url.hostname.startsWith('finance.yahoo') ||
      url.hostname === 'guce.yahoo.com'
    ) {
      return new Response('<html></html>', {
        status: 200,
        headers: {'set-cookie': 'A3=fake; Domain=.yahoo.com; Path=/; Max-Age=86400', 'content-type': 'text/html'},
      })
    }
    if (url.pathname.endsWith('/getcrumb'))
      return new Response('fakecrumb', {status: 200, headers: {'content-type': 'text/plain'}})
    if (url.pathname.startsWith('/v7/finance/quote')) {
      const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean)
      const result = symbols
        .map((s) => ({s, key: s.replace(/^\^/, '').toUpperCase()}))
        .filter(({key}) => options.shares?.[key] !== undefined || loadCsv(pricesDir, key))
        .map(({s, key}) => ({
          symbol: s,
          quoteType: 'EQUITY',
          sharesOutstanding: options.shares?.[key],
          language: 'en-US',
          region: 'US',
          triggerable: false,
          tradeable: false,
        }))
      return jsonResponse(200, {quoteResponse: {result, error: null}})
    }

    const m = url.pathname.match(/\/v8\/finance\/chart\/([^/]+)$/)
    if (!m) return new Response('Not Found', {status: 404})
    const yahooSymbol = decodeURIComponent(m[1])
    const key = yahooSymbol.replace(/^\^/, '').toUpperCase()

    const n = counts.get(key) ?? 0
    counts.set(key, n + 1)
    const spec = faults[key]
    const fault = Array.isArray(spec) ? spec[n] : spec
    switch (fault) {
      case 'rate-limit-once':
        if (n === 0) return new Response('Too Many Requests', {status: 429, headers: {'content-type': 'text/plain'}})
        break
      case 'rate-limit':
        return new Response('Too Many Requests', {status: 429, headers: {'content-type': 'text/plain'}})
      case 'server-error-once':
        if (n === 0)
          return new Response('Internal Server Error', {status: 500, headers: {'content-type': 'text/plain'}})
        break
      case 'server-error':
        return new Response('Internal Server Error', {status: 500, headers: {'content-type': 'text/plain'}})
      case 'timeout-once':
        if (n === 0) return hang(signal)
        break
      case 'timeout':
        return hang(signal)
      case 'malformed':
        return jsonResponse(200, '{"chart": {"result": [{"meta": {"currency": "USD", "symb')
      case 'unknown':
        return notFound()
      default:
        break
    }

    const rows = loadCsv(pricesDir, key)
    if (!rows) return notFound()
    const p1 = Number(url.searchParams.get('period1') ?? 0)
    const p2 = Number(url.searchParams.get('period2') ?? Math.floor(Date.now() / 1000))
    const scale = options.adjScale?.[key] ?? 1
    const sel = rows
      .filter((r) => !options.lastDate || r.date <= options.lastDate)
      .map((r) => ({r, ts: sessionOpenEpoch(r.date)}))
      .filter(({ts}) => ts >= p1 && ts < p2)

    const q = {open: [], high: [], low: [], close: [], volume: []}
    const adj = []
    sel.forEach(({r}, i) => {
      const nullAll = fault === 'null-bars' && i % 10 === 5
      q.open.push(nullAll ? null : r.open)
      q.high.push(nullAll ? null : r.high)
      q.low.push(nullAll ? null : r.low)
      q.close.push(nullAll ? null : r.close)
      q.volume.push(nullAll || (fault === 'null-bars' && i % 7 === 3) ? null : r.volume)
      adj.push(nullAll || r.adjclose === null ? null : r.adjclose * scale)
    })
    const last = rows[rows.length - 1]
    const meta = {
      currency: 'USD',
      symbol: yahooSymbol,
      exchangeName: yahooSymbol.startsWith('^') ? 'SNP' : 'NMS',
      fullExchangeName: 'NasdaqGS',
      instrumentType: yahooSymbol.startsWith('^') ? 'INDEX' : 'EQUITY',
      firstTradeDate: sessionOpenEpoch(rows[0].date),
      regularMarketTime: sessionOpenEpoch(last.date) + 23400,
      hasPrePostMarketData: true,
      gmtoffset: -18000,
      timezone: 'EST',
      exchangeTimezoneName: 'America/New_York',
      regularMarketPrice: last.adjclose,
      chartPreviousClose: rows[0].adjclose,
      priceHint: 2,
      currentTradingPeriod: {
        pre: {timezone: 'EST', start: 0, end: 0, gmtoffset: -18000},
        regular: {timezone: 'EST', start: 0, end: 0, gmtoffset: -18000},
        post: {timezone: 'EST', start: 0, end: 0, gmtoffset: -18000},
      },
      dataGranularity: '1d',
      range: '',
      validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
    }
    const result = {meta, timestamp: sel.map(({ts}) => ts), indicators: {quote: [q], adjclose: [{adjclose: adj}]}}
    const ev = options.events?.[key]
    if (ev) {
      const inRange = (d) => {
        const ts = sessionOpenEpoch(d)
        return ts >= p1 && ts < p2
      }
      const events = {}
      const divs = (ev.dividends ?? []).filter((d) => inRange(d.date))
      if (divs.length)
        events.dividends = Object.fromEntries(
          divs.map((d) => [String(sessionOpenEpoch(d.date)), {amount: d.amount, date: sessionOpenEpoch(d.date)}]),
        )
      const splits = (ev.splits ?? []).filter((s) => inRange(s.date))
      if (splits.length) {
        events.splits = Object.fromEntries(
          splits.map((s) => [
            String(sessionOpenEpoch(s.date)),
            {
              date: sessionOpenEpoch(s.date),
              numerator: s.numerator,
              denominator: s.denominator,
              splitRatio: `${s.numerator}:${s.denominator}`,
            },
          ]),
        )
      }
      if (Object.keys(events).length) result.events = events
    }
    if (sel.length === 0) {
      delete result.timestamp
      result.indicators = {quote: [{}], adjclose: [{}]}
    }
    if (fault === 'bad-shape') {
      result.indicators.quote[0].high = 'not an array'
    }
    return jsonResponse(200, {chart: {result: [result], error: null}})
  }

  fakeFetch.calls = calls
  return fakeFetch
}

/** Options for the CLI hook, from AFTERSHOCK_FAKE_YAHOO (JSON), read when the CLI loads this module. */
function optionsFromEnv() {
  const raw = process.env.AFTERSHOCK_FAKE_YAHOO
  return raw ? JSON.parse(raw) : {}
}

const fetchFromEnv = createYahooFetch(optionsFromEnv())
export default fetchFromEnv
