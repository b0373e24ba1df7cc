import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {backoffDelay, fetchSymbols, isRetryable, type RetryPolicy} from '../../src/sources/fetch-symbols.js'
import {importPaths} from '../../src/sources/import.js'
import {createYahooClient, fetchChart, fetchSharesOutstanding} from '../../src/sources/yahoo.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR} from '../helpers/shared.js'
import {chartCalls, createYahooFetch, sessionOpenEpoch, type FakeYahooOptions} from '../helpers/yahoo-fetch.js'

const stores: PriceStore[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})
function newStore(): PriceStore {
  const s = PriceStore.open(path.join(tempDir(), 'cache'))
  stores.push(s)
  return s
}

/** Retry policy that records its delays and does not wait. */
function fastRetry(attempts = 4): RetryPolicy & {delays: number[]} {
  const delays: number[] = []
  return {attempts, baseDelayMs: 100, random: () => 0.5, sleep: async (ms) => void delays.push(ms), delays}
}

function setup(options: FakeYahooOptions = {}, timeoutMs = 2000) {
  const fake = createYahooFetch(options)
  const client = createYahooClient({fetch: fake, timeoutMs})
  return {fake, client}
}

describe.runIf(haveSharedData())('fetchChart through yahoo-finance2 with the fake fetch', () => {
  it('turns the chart into bars on New York trading dates, asking Yahoo for ^GSPC', async () => {
    const {fake, client} = setup()
    const bars = await fetchChart(client, 'GSPC', '2025-01-24', '2025-01-27')
    expect(bars.map((b) => b.date)).toEqual(['2025-01-24', '2025-01-27'])
    expect(bars[1]).toMatchObject({close: 6012.27978515625, adjClose: 6012.27978515625, volume: 5198750000})
    expect(chartCalls(fake)[0].pathname).toBe('/v8/finance/chart/^GSPC')
  })

  it('reads dates in the exchange zone across DST (a bar at 13:30 UTC in summer, 14:30 in winter)', async () => {
    expect(new Date(sessionOpenEpoch('2024-07-01') * 1000).toISOString()).toBe('2024-07-01T13:30:00.000Z')
    expect(new Date(sessionOpenEpoch('2024-12-02') * 1000).toISOString()).toBe('2024-12-02T14:30:00.000Z')
    const {client} = setup()
    const bars = await fetchChart(client, 'SPY', '2024-07-01', '2024-07-05')
    expect(bars.map((b) => b.date)).toEqual(['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-05'])
  })

  it('attaches dividends and splits to their ex-dates', async () => {
    const {client} = setup({
      events: {
        NVDA: {
          dividends: [{date: '2024-06-11', amount: 0.01}],
          splits: [{date: '2024-06-10', numerator: 10, denominator: 1}],
        },
      },
    })
    const bars = await fetchChart(client, 'NVDA', '2024-06-07', '2024-06-12')
    expect(bars.find((b) => b.date === '2024-06-10')?.split).toBe(10)
    expect(bars.find((b) => b.date === '2024-06-11')?.dividend).toBe(0.01)
    expect(bars.find((b) => b.date === '2024-06-07')).not.toHaveProperty('split')
  })

  it('drops bars without any close and keeps other nulls', async () => {
    const {client} = setup({faults: {AMD: 'null-bars'}})
    const all = await fetchChart(createYahooClient({fetch: createYahooFetch()}), 'AMD', '2025-01-02', '2025-03-31')
    const bars = await fetchChart(client, 'AMD', '2025-01-02', '2025-03-31')
    expect(all.length).toBe(60) // Q1 2025 trading days
    expect(bars.length).toBe(all.length - 6) // every 10th bar (i % 10 === 5) was all null
    expect(bars.some((b) => b.volume === null)).toBe(true)
    expect(bars.every((b) => b.adjClose !== null && Number.isFinite(b.adjClose))).toBe(true)
  })

  it('returns no bars for a range without trading days', async () => {
    const {client} = setup()
    expect(await fetchChart(client, 'NVDA', '2025-02-01', '2025-02-02')).toEqual([])
  })

  it('fetches shares outstanding through quote() with its cookie and crumb', async () => {
    const {client} = setup({shares: {NVDA: 24.4e9}})
    expect(await fetchSharesOutstanding(client, ['nvda', '^GSPC', 'NOPE'])).toEqual({
      NVDA: 24.4e9,
      GSPC: null,
      NOPE: null,
    })
    expect(await fetchSharesOutstanding(client, [])).toEqual({})
  })

  it('shares outstanding: a failing quote() is an AftershockError after the retries', async () => {
    let n = 0
    const failing = (async () => {
      n++
      return new Response('Service Unavailable', {status: 503})
    }) as unknown as typeof fetch
    const client = createYahooClient({fetch: failing})
    await expect(fetchSharesOutstanding(client, ['NVDA'], fastRetry(2))).rejects.toThrow(
      /shares outstanding from Yahoo failed: HTTP 503.*without --live-shares/,
    )
    expect(n).toBeGreaterThanOrEqual(2)
  })
})

describe('retry policy', () => {
  it('retries 429, 5xx, timeouts and network failures only', () => {
    const http = (code: number) => Object.assign(new Error('x'), {name: 'HTTPError', code})
    expect(isRetryable(http(429))).toBe(true)
    expect(isRetryable(http(500))).toBe(true)
    expect(isRetryable(http(503))).toBe(true)
    expect(isRetryable(http(404))).toBe(false)
    expect(isRetryable(Object.assign(new Error('t'), {name: 'TimeoutError'}))).toBe(true)
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true)
    expect(isRetryable(new Error('No data found, symbol may be delisted'))).toBe(false)
    expect(isRetryable(Object.assign(new Error('v'), {name: 'FailedYahooValidationError'}))).toBe(false)
  })

  it('backs off exponentially with jitter, capped', () => {
    const p = {baseDelayMs: 100, random: () => 0.5}
    expect([1, 2, 3, 4].map((r) => backoffDelay(r, p))).toEqual([150, 300, 600, 1200])
    expect(backoffDelay(1, {baseDelayMs: 100, random: () => 0})).toBe(100)
    expect(backoffDelay(1, {baseDelayMs: 100, random: () => 0.999})).toBe(200)
    expect(backoffDelay(20, {baseDelayMs: 100, maxDelayMs: 5000, random: () => 0})).toBe(5000)
  })
})

describe.runIf(haveSharedData())('fetchSymbols: faults', () => {
  const range = {from: '2025-01-02', to: '2025-01-31'}

  it('429 once, then data: retried after a backoff', async () => {
    const {client} = setup({faults: {NVDA: 'rate-limit-once'}})
    const retry = fastRetry()
    const told: unknown[][] = []
    const [r] = await fetchSymbols(newStore(), ['NVDA'], {
      client,
      retry,
      ...range,
      onRetry: (...a) => void told.push(a),
    })
    expect(r).toMatchObject({symbol: 'NVDA', ok: true, added: 20, attempts: 2, replaced: true})
    expect(retry.delays).toEqual([150])
    expect(told).toEqual([['NVDA', 'HTTP 429: Too Many Requests', 1, 150]])
  })

  it('persistent 429 and 500: gives up after the attempts, exponential delays', async () => {
    const {client} = setup({faults: {NVDA: 'rate-limit', AMD: 'server-error'}})
    const retry = fastRetry(3)
    const res = await fetchSymbols(newStore(), ['NVDA', 'AMD'], {client, retry, concurrency: 1, ...range})
    expect(res.map((r) => [r.symbol, r.ok, r.attempts])).toEqual([
      ['NVDA', false, 3],
      ['AMD', false, 3],
    ])
    expect(res[0].error).toMatch(/^HTTP 429/)
    expect(res[1].error).toMatch(/^HTTP 500/)
    expect(retry.delays).toEqual([150, 300, 150, 300])
  })

  it('transient 500 then data', async () => {
    const {client} = setup({faults: {AMD: 'server-error-once'}})
    const [r] = await fetchSymbols(newStore(), ['AMD'], {client, retry: fastRetry(), ...range})
    expect(r).toMatchObject({ok: true, attempts: 2, added: 20})
  })

  it('a request that never answers times out and is retried', async () => {
    const {client} = setup({faults: {MU: 'timeout-once', TSM: 'timeout'}}, 200)
    const res = await fetchSymbols(newStore(), ['MU', 'TSM'], {client, retry: fastRetry(2), ...range})
    expect(res[0]).toMatchObject({symbol: 'MU', ok: true, attempts: 2})
    expect(res[1]).toMatchObject({symbol: 'TSM', ok: false, attempts: 2})
    expect(res[1].error).toMatch(/no answer from Yahoo within 200 ms/)
  })

  it('malformed and invalid bodies and unknown symbols fail at once (no retry), the others are stored', async () => {
    const {client} = setup({faults: {MSFT: 'malformed', MU: 'bad-shape'}})
    const store = newStore()
    const res = await fetchSymbols(store, ['MSFT', 'MU', 'ZZZZ', 'NVDA'], {client, retry: fastRetry(), ...range})
    expect(res.map((r) => [r.symbol, r.ok, r.attempts])).toEqual([
      ['MSFT', false, 1],
      ['MU', false, 1],
      ['ZZZZ', false, 1],
      ['NVDA', true, 1],
    ])
    expect(res[0].error).toMatch(/malformed/)
    expect(res[1].error).toMatch(/unexpected shape/)
    expect(res[2].error).toMatch(/unknown symbol/)
    expect(store.getBars('NVDA')).toHaveLength(20)
    expect(store.hasSymbol('MSFT')).toBe(false)
    expect(store.fetchLog('ZZZZ')[0]).toMatchObject({action: 'error', ok: false})
  })

  it('bounds concurrency', async () => {
    const inner = createYahooFetch()
    let inFlight = 0
    let peak = 0
    const counting = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((r) => setTimeout(r, 20))
      try {
        return await inner(input, init)
      } finally {
        inFlight--
      }
    }) as typeof fetch
    const client = createYahooClient({fetch: counting})
    const symbols = ['NVDA', 'AMD', 'MU', 'TSM', 'ASML', 'SMCI', 'ARM', 'MRVL']
    const res = await fetchSymbols(newStore(), symbols, {client, concurrency: 2, ...range})
    expect(res.every((r) => r.ok)).toBe(true)
    expect(peak).toBe(2)
  })
})

describe.runIf(haveSharedData())('fetchSymbols: incremental', () => {
  it('a second fetch asks only from the last stored days and appends the new ones', async () => {
    const store = newStore()
    const first = setup({lastDate: '2025-01-24'})
    const [r1] = await fetchSymbols(store, ['NVDA'], {client: first.client, from: '2024-12-02', today: '2025-01-24'})
    expect(r1).toMatchObject({ok: true, replaced: true, from: '2024-12-02', to: '2025-01-24'})
    const n1 = store.getBars('NVDA').length

    const second = setup({lastDate: '2025-01-31'})
    const [r2] = await fetchSymbols(store, ['NVDA'], {client: second.client, today: '2025-01-31'})
    expect(r2).toMatchObject({ok: true, replaced: false, added: 5, from: '2025-01-27', to: '2025-01-31'})
    expect(store.getBars('NVDA').length).toBe(n1 + 5)
    // it asked from the 5th-last stored day (2025-01-17), not from the start
    const [call] = chartCalls(second.fake, 'NVDA')
    expect(Number(call.searchParams.get('period1'))).toBeGreaterThan(sessionOpenEpoch('2025-01-10'))
    expect(Number(call.searchParams.get('period1'))).toBeLessThan(sessionOpenEpoch('2025-01-17'))

    // nothing new: no rows written, history untouched
    const [r3] = await fetchSymbols(store, ['NVDA'], {client: second.client, today: '2025-01-31'})
    expect(r3).toMatchObject({ok: true, added: 0, replaced: false})
    expect(chartCalls(second.fake, 'NVDA')).toHaveLength(1) // to <= last stored: no request at all
  })

  it('replaces the whole history when the adjusted closes of the held days changed (new dividend)', async () => {
    const store = newStore()
    const first = setup({lastDate: '2025-01-24'})
    await fetchSymbols(store, ['XLU'], {client: first.client, from: '2024-12-02', today: '2025-01-24'})
    const before = store.getBars('XLU')

    const second = setup({lastDate: '2025-01-31', adjScale: {XLU: 0.98}})
    const [r] = await fetchSymbols(store, ['XLU'], {client: second.client, today: '2025-01-31'})
    expect(r).toMatchObject({ok: true, replaced: true, from: '2024-12-02', to: '2025-01-31'})
    expect(r.note).toMatch(/adjusted closes changed/)
    const after = store.getBars('XLU')
    expect(after.length).toBe(before.length + 5)
    expect(after[0].adjClose! / before[0].adjClose!).toBeCloseTo(0.98, 12)
    expect(store.fetchLog('XLU')[0].action).toBe('replace')
  })

  it('overwrites a live last bar (stored before the close) without replacing the history', async () => {
    const store = newStore()
    const {client} = setup({lastDate: '2025-01-31'})
    await fetchSymbols(store, ['NVDA'], {client, from: '2024-12-02', to: '2025-01-24'})
    const final = store.getBars('NVDA', '2025-01-24', '2025-01-24')[0]
    store.upsertBars('NVDA', [{...final, adjClose: final.adjClose! * 1.01, close: final.close! * 1.01}], {
      source: 'yahoo',
    })
    const [r] = await fetchSymbols(store, ['NVDA'], {client, today: '2025-01-31'})
    expect(r).toMatchObject({ok: true, replaced: false, added: 5, note: 'updated the last stored day 2025-01-24'})
    expect(store.getBars('NVDA', '2025-01-24', '2025-01-24')[0]).toEqual(final)
  })

  it('--refresh replaces, and an earlier --from extends the history back', async () => {
    const store = newStore()
    const {client} = setup({lastDate: '2025-01-31'})
    await fetchSymbols(store, ['AMD'], {client, from: '2025-01-02', today: '2025-01-31'})
    const [r1] = await fetchSymbols(store, ['AMD'], {client, refresh: true, today: '2025-01-31'})
    expect(r1).toMatchObject({replaced: true, added: 20, from: '2025-01-02'})
    const [r2] = await fetchSymbols(store, ['AMD'], {client, from: '2024-12-02', today: '2025-01-31'})
    expect(r2).toMatchObject({replaced: true, from: '2024-12-02', to: '2025-01-31'})
    expect(store.firstDate('AMD')).toBe('2024-12-02')
  })

  it('a replacement never drops stored days: an earlier --from with an early --to, or --refresh with --to/--from inside the history', async () => {
    const store = newStore()
    const {client} = setup({lastDate: '2025-01-31'})
    await fetchSymbols(store, ['AMD'], {client, from: '2024-12-02', to: '2025-01-31'})
    const stored = store.getBars('AMD')
    // extend back with a --to before the stored history: the stored days must survive
    const [r1] = await fetchSymbols(store, ['AMD'], {client, from: '2024-11-01', to: '2024-11-29'})
    expect(r1).toMatchObject({ok: true, replaced: true, from: '2024-11-01', to: '2025-01-31'})
    expect(store.firstDate('AMD')).toBe('2024-11-01')
    expect(store.lastDate('AMD')).toBe('2025-01-31')
    expect(store.getBars('AMD', '2024-12-02')).toEqual(stored)
    // --refresh with a narrower range re-fetches the whole stored range
    const before = store.getBars('AMD').length
    const [r2] = await fetchSymbols(store, ['AMD'], {client, refresh: true, from: '2025-01-02', to: '2025-01-10'})
    expect(r2).toMatchObject({ok: true, replaced: true, from: '2024-11-01', to: '2025-01-31', rows: before})
    expect(store.getBars('AMD').length).toBe(before)
  })

  it('a CSV import followed by a fetch on the same basis appends; the shared files agree with the fake', async () => {
    const store = newStore()
    importPaths(store, [path.join(PRICES_DIR, 'TSM.csv')]) // ends 2026-02-20
    const {client} = setup()
    const [r] = await fetchSymbols(store, ['TSM'], {client, to: '2026-03-06'})
    // the fake serves the same file, which ends on 2026-02-20: nothing new, nothing replaced
    expect(r).toMatchObject({ok: true, added: 0, replaced: false})
  })
})
