/**
 * What every command shares: the cache folder, the store (opened once, closed at the end), the Yahoo client
 * (created on first use: yahoo-finance2 loads slowly, so it loads only when the network is used), fetching
 * what the store lacks, and the output streams.
 */
import path from 'node:path'
import {EXIT} from '../errors.js'
import type {FetchSummary, FetchSymbolsOptions} from '../sources/fetch-symbols.js'
import type {YahooClient} from '../sources/yahoo.js'
import type {StudySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'
import {PriceStore} from '../store/store.js'
import {DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECONDS, retryNotice} from './flags.js'
import type {CommandIo} from './io.js'
import {Output} from './output.js'

export interface ContextOptions {
  io: CommandIo
  /** --cache-dir, if given. */
  cacheDir?: string
  offline: boolean
  json: boolean
  /** --width, if given. */
  width?: number
  /** --timeout (seconds) and --retries of a command that fetches (defaults in flags.ts). */
  network?: {timeoutSeconds?: number; retries?: number}
}

/** Options of the Yahoo client; the first call of `yahoo()` sets them. */
export interface YahooOptions {
  timeoutMs?: number
  concurrency?: number
}

/** Fetch options a caller may set (the client and the store come from the context). */
export type FetchOptions = Omit<FetchSymbolsOptions, 'client'>

export class CommandContext {
  /** Absolute cache folder: --cache-dir, else $AFTERSHOCK_CACHE_DIR, else ./cache. */
  readonly cacheDir: string
  readonly offline: boolean
  readonly json: boolean
  readonly out: Output
  /** The exit code of a run that did not throw (3 for a partial success, 1 for a failed claim). */
  exitCode: number = EXIT.ok
  private opened?: PriceStore
  private client?: Promise<YahooClient>

  constructor(readonly options: ContextOptions) {
    this.cacheDir = path.resolve(options.cacheDir ?? options.io.env.AFTERSHOCK_CACHE_DIR ?? 'cache')
    this.offline = options.offline
    this.json = options.json
    this.out = new Output(options.io, terminalWidth(options))
  }

  /**
   * The price store of the cache folder, opened on first use: for reading only (never created, a read-only file
   * still readable), or for writing (created when missing, checked for damage first).
   */
  store(mode: 'read' | 'write' = 'write'): PriceStore {
    this.opened ??= PriceStore.open(this.cacheDir, {mode})
    return this.opened
  }

  /** The store a study run reads: for reading only when offline (it then fetches nothing). */
  studyStore(): PriceStore {
    return this.store(this.offline ? 'read' : 'write')
  }

  /**
   * Where a study's bars come from: its pinned data snapshot (never fetching), unless `live` or the study pins
   * none; else the store, fetching what it lacks when online.
   */
  async studySource(spec: StudySpec, live: boolean): Promise<{source: BarSource; offline: boolean}> {
    if (spec.data && !live) {
      const {loadSnapshot} = await import('../sources/snapshot.js')
      return {source: loadSnapshot(spec.data.snapshot), offline: true}
    }
    return {source: this.studyStore(), offline: this.offline}
  }

  /** The Yahoo client, created on first use: the stand-in fetch of a test, the testing hook, or the network. */
  yahoo(options: YahooOptions = {}): Promise<YahooClient> {
    const opts = {timeoutMs: this.timeoutSeconds * 1000, ...options}
    this.client ??= (async () => {
      const yahoo = await import('../sources/yahoo.js')
      const fake = this.options.io.yahooFetch
      return fake ? yahoo.createYahooClient({...opts, fetch: fake}) : yahoo.createCliYahooClient(opts)
    })()
    return this.client
  }

  /** The fetch for French's data library: the test's stand-in, the testing hook's, or undefined (the network). */
  async factorsFetch(): Promise<typeof fetch | undefined> {
    if (this.options.io.factorsFetch) return this.options.io.factorsFetch
    const {loadFactorsFetchHook} = await import('../sources/french-fetch.js')
    return loadFactorsFetchHook(this.options.io.env)
  }

  /** Fetches symbols into the store (one summary per symbol, failures included). */
  async fetch(symbols: readonly string[], opts: FetchOptions = {}): Promise<FetchSummary[]> {
    const [{fetchSymbols}, client] = await Promise.all([import('../sources/fetch-symbols.js'), this.yahoo()])
    return fetchSymbols(this.store(), symbols, {...opts, client})
  }

  /** --timeout: seconds to wait for one answer from Yahoo. */
  get timeoutSeconds(): number {
    return this.options.network?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS
  }

  /** --retries: retries of a request after HTTP 429, 5xx or a timeout. */
  get retries(): number {
    return this.options.network?.retries ?? DEFAULT_RETRIES
  }

  /**
   * Fetches the symbols the store lacks (none offline). The fetch-missing step of `study run`, `report` and
   * `index`: the study's data check (src/study/data.ts) calls it and tells on stderr what it does; each symbol
   * fetched and each retry (with its reason and delay) is told on stderr here, so a slow network is never silent.
   */
  fetchMissing = async (symbols: readonly string[]): Promise<FetchSummary[]> => {
    const store = this.store()
    const missing = symbols.filter((s) => !store.hasSymbol(s))
    if (this.offline || missing.length === 0) return []
    const retries = this.retries
    return this.fetch(missing, {
      retry: {attempts: retries + 1},
      onRetry: (symbol, reason, attempt, delayMs) =>
        this.out.info(retryNotice(symbol, reason, attempt, retries, delayMs)),
      onProgress: (done, total, s) =>
        this.out.info(`fetched ${done} of ${total}: ${s.symbol} ${s.ok ? `(${s.rows} rows)` : 'failed'}`),
    })
  }

  /**
   * Fetches the factor sets a study's model needs that the store lacks (none offline): the fetch-missing step for
   * factors, called by the study's data check (src/study/factors.ts); each set and retry is told on stderr.
   */
  fetchFactors = async (sets: readonly string[]): Promise<Array<{set: string; ok: boolean; error?: string}>> => {
    if (this.offline) return []
    const [{fetchFactorSet}, {describeError: describe}, fetch] = await Promise.all([
      import('../sources/french-fetch.js'),
      import('../sources/retry.js'),
      this.factorsFetch(),
    ])
    const retries = this.retries
    const out: Array<{set: string; ok: boolean; error?: string}> = []
    for (const set of sets) {
      this.out.info(`${set}: downloading from French's data library`)
      try {
        const r = await fetchFactorSet(this.store(), set, {
          fetch,
          timeoutMs: this.timeoutSeconds * 1000,
          retry: {
            attempts: retries + 1,
            onRetry: (err, attempt, delayMs) =>
              this.out.info(retryNotice(set, describe(err), attempt, retries, delayMs)),
          },
        })
        this.out.info(`${set}: stored ${r.rows} days, ${r.firstDate} to ${r.lastDate}`)
        out.push({set, ok: true})
      } catch (err) {
        out.push({set, ok: false, error: describe(err)})
      }
    }
    return out
  }

  /** Current shares outstanding from Yahoo (study run --live-shares). */
  fetchShares = async (symbols: string[]): Promise<Record<string, number | null>> => {
    const [yahoo, client] = await Promise.all([import('../sources/yahoo.js'), this.yahoo()])
    return yahoo.fetchSharesOutstanding(client, symbols)
  }

  /** Closes the store if it was opened. */
  close(): void {
    this.opened?.close()
    this.opened = undefined
  }
}

/**
 * The columns human output is fitted to: --width, else the terminal's width when stdout is one, else $COLUMNS,
 * else none (a pipe or a file gets the whole lines).
 */
export function terminalWidth(options: Pick<ContextOptions, 'io' | 'width'>): number | undefined {
  if (options.width !== undefined) return options.width
  const {stdout, env} = options.io
  if (stdout.isTTY && stdout.columns !== undefined && stdout.columns > 0) return stdout.columns
  const cols = Number(env.COLUMNS)
  return Number.isInteger(cols) && cols > 0 ? cols : undefined
}
