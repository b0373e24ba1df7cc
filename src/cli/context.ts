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
import type {CommandIo} from './io.js'
import {Output} from './output.js'

export interface ContextOptions {
  io: CommandIo
  /** --cache-dir, if given. */
  cacheDir?: string
  offline: boolean
  json: boolean
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
    this.out = new Output(options.io)
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
  yahoo(opts: YahooOptions = {}): Promise<YahooClient> {
    this.client ??= (async () => {
      const yahoo = await import('../sources/yahoo.js')
      const fake = this.options.io.yahooFetch
      return fake ? yahoo.createYahooClient({...opts, fetch: fake}) : yahoo.createCliYahooClient(opts)
    })()
    return this.client
  }

  /** Fetches symbols into the store (one summary per symbol, failures included). */
  async fetch(symbols: readonly string[], opts: FetchOptions = {}): Promise<FetchSummary[]> {
    const [{fetchSymbols}, client] = await Promise.all([import('../sources/fetch-symbols.js'), this.yahoo()])
    return fetchSymbols(this.store(), symbols, {...opts, client})
  }

  /**
   * Fetches the symbols the store lacks (none offline). The fetch-missing step of `study run`, `report` and
   * `index`: the study's data check (src/study/data.ts) calls it and tells on stderr what it does.
   */
  fetchMissing = async (symbols: readonly string[]): Promise<FetchSummary[]> => {
    const store = this.store()
    const missing = symbols.filter((s) => !store.hasSymbol(s))
    if (this.offline || missing.length === 0) return []
    return this.fetch(missing)
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
