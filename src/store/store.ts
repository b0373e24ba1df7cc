/**
 * The price store: one SQLite file (`aftershock.sqlite`) in the cache folder, through better-sqlite3.
 * WAL mode and a busy timeout let two aftershock processes (two scheduled jobs) write at once: each write is one
 * IMMEDIATE transaction, so the second writer waits for the first instead of failing or losing rows.
 * Read commands open it read-only (./open.ts); any SQLite failure surfaces as an error naming the file.
 */
import type Database from 'better-sqlite3'
import path from 'node:path'
import {AftershockError} from '../errors.js'
import type {Bar} from '../types.js'
import type {BarColumns, ColumnScratch} from './bar-source.js'
import {FactorTables} from './factors.js'
import {MergeConflictError, planMerge, type Rounding} from './merge.js'
import {toBar} from './bar-row.js'
import {BarReader, hasBarsTable, PriceRows} from './price-rows.js'
import {upgrade} from './schema.js'
import {SeriesTable, sliceDays, strictlyAscending} from './series.js'
import {dayNumber, isoOfDay} from './days.js'
import {columnsOfPrices, type PriceColumns, pricesOfColumns} from './price-columns.js'
import {openForRead, openForWrite, retryBusy, storeError, type StoreMode} from './open.js'
import {normalizeSymbol} from './symbols.js'

export {normalizeSymbol, yahooSymbol, KNOWN_INDEXES} from './symbols.js'
export {MergeConflictError, type MergeConflict, type Rounding} from './merge.js'
export type {StoreMode} from './open.js'
export type {FactorColumn, FactorSeries, FactorSetInfo, FactorSetInput, FactorWriteSummary} from './factors.js'

export const STORE_FILE = 'aftershock.sqlite'

/** One stored symbol, as `cache info` shows it. */
export interface SecurityInfo {
  symbol: string
  firstDate: string | null
  lastDate: string | null
  rows: number
  /** Where the bars came from: 'yahoo', 'csv:<file name>'. */
  source: string | null
  /** ISO timestamp of the last import or fetch that wrote bars. */
  lastFetch: string | null
}

/** Where a write comes from, recorded on every bar and in the fetch log. */
export interface WriteSource {
  /** 'yahoo' or 'csv:<file name>'. */
  source: string
  /** ISO timestamp of the fetch (default: now). */
  at?: string
}

export interface FetchLogEntry {
  symbol: string
  source: string
  /** What happened: 'replace', 'append', 'merge', 'unchanged', 'kept', 'error'. */
  action: string
  ok: boolean
  rows: number
  from?: string | null
  to?: string | null
  message?: string | null
  at?: string
}

export interface FetchLogRow extends Required<Omit<FetchLogEntry, 'from' | 'to' | 'message'>> {
  id: number
  from: string | null
  to: string | null
  message: string | null
}

export interface SharesInfo {
  shares: number
  /** ISO timestamp of the quote that gave the number. */
  asOf: string
}

/** What a merge wrote (PriceStore.mergeHistory). */
export interface MergeSummary {
  /** New days. */
  added: number
  /** Cells filled on days the store already held. */
  filled: number
}

export class PriceStore {
  private readonly series: SeriesTable
  private readonly rows: PriceRows
  private readonly reader: BarReader

  private constructor(
    private readonly db: Database.Database,
    /** Absolute path of the SQLite file. */
    readonly file: string,
    /** 'read': opened read-only; every write throws. */
    readonly mode: StoreMode,
  ) {
    const oldTable = hasBarsTable(db)
    this.series = new SeriesTable(db, oldTable)
    this.rows = new PriceRows(db)
    this.reader = new BarReader(db, oldTable)
  }

  /**
   * Opens `<cacheDir>/aftershock.sqlite`. 'write' (the default) creates the folder and file when missing and
   * refuses a damaged file; safe when two processes open it at once. 'read' opens an existing store read-only
   * and never creates one (a missing store is a MissingDataError, exit 1).
   */
  static open(cacheDir: string, opts: {mode?: StoreMode} = {}): PriceStore {
    const mode = opts.mode ?? 'write'
    const dir = path.resolve(cacheDir)
    const file = path.join(dir, STORE_FILE)
    if (mode === 'read') return new PriceStore(openForRead(file), file, mode)
    const db = openForWrite(dir, file)
    try {
      retryBusy(() => db.pragma('journal_mode = WAL'))
      db.pragma('synchronous = NORMAL')
      // Checkpoint the WAL into the file every 40 MB rather than SQLite's 4 MB: a large import syncs 10x less often.
      db.pragma('wal_autocheckpoint = 10000')
      db.pragma('foreign_keys = ON')
      retryBusy(() => db.transaction(() => upgrade(db, file)).immediate())
    } catch (err) {
      db.close()
      const e = storeError(file, err)
      throw new AftershockError(`cannot prepare the price store: ${e.message}`, e.exitCode)
    }
    return new PriceStore(db, file, mode)
  }

  /** Runs a statement, turning SQLite errors (a damaged file above all) into errors that name the store. */
  private guard<T>(fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      throw storeError(this.file, err)
    }
  }

  /** Runs a write in one IMMEDIATE transaction (retried while busy); refused on a read-only store. */
  private write<T>(fn: () => T): T {
    if (this.mode === 'read')
      throw new AftershockError(`the price store ${this.file} was opened read-only; nothing was written`)
    return this.guard(() => retryBusy(() => this.db.transaction(fn).immediate()))
  }

  /**
   * Runs `fn` in one transaction: the writes inside it become savepoints, so each still lands whole or not at
   * all (a write that throws is rolled back alone), and the batch commits once. For many small writes (an import
   * of thousands of files): one commit instead of one per file. A throw out of `fn` rolls the whole batch back.
   */
  batch<T>(fn: () => T): T {
    return this.write(fn)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private factorTables?: FactorTables

  /** The factor sets kept in the same file (./factors.ts): written whole, read by column and date range. */
  get factors(): FactorTables {
    this.factorTables ??= new FactorTables(this.db, {guard: (fn) => this.guard(fn), write: (fn) => this.write(fn)})
    return this.factorTables
  }

  /** Stored bars of a symbol, ascending by date, optionally limited to [from, to] (inclusive ISO dates). */
  getBars(symbol: string, from?: string, to?: string): Bar[] {
    return this.guard(() => this.selectBars(normalizeSymbol(symbol), from, to))
  }

  private selectBars(key: string, from?: string, to?: string): Bar[] {
    return this.reader.select(key, from, to).map(toBar)
  }

  /**
   * The close, adjusted close and volume of many symbols over [from, to], in columns: each symbol's packed series
   * (./series.ts, the blocks that hold the range), cut to it; a symbol without one (an old store read-only, rows changed outside
   * aftershock) is read from its rows. NaN for a missing value. With `scratch`, a symbol's columns may be joined into
   * its memory: valid until the next read into it (a reader of one symbol at a time).
   */
  getColumns(symbols: readonly string[], from: string, to: string, scratch?: ColumnScratch): Map<string, BarColumns> {
    return this.guard(() => {
      const lo = dayNumber(from)
      const hi = dayNumber(to)
      const out = new Map<string, BarColumns>()
      for (const symbol of symbols) {
        const key = normalizeSymbol(symbol)
        const packed = this.series.get(key, lo, hi, scratch)
        const c = packed ? sliceDays(packed, lo, hi) : this.series.readRows(key, lo, hi)
        if (c.days.length > 0) out.set(symbol, c)
      }
      return out
    })
  }

  hasSymbol(symbol: string): boolean {
    const key = normalizeSymbol(symbol)
    return this.guard(
      () => this.series.has(key) || this.prepare('SELECT 1 FROM bars WHERE symbol = ? LIMIT 1').get(key) !== undefined,
    )
  }

  /** Last stored date of a symbol, or null when it has no bars. */
  lastDate(symbol: string): string | null {
    return this.dateOf('max', symbol)
  }

  /** First stored date of a symbol, or null when it has no bars. */
  firstDate(symbol: string): string | null {
    return this.dateOf('min', symbol)
  }

  private dateOf(fn: 'min' | 'max', symbol: string): string | null {
    const packed = this.guard(() => this.series.edge(normalizeSymbol(symbol), fn === 'min' ? 'first' : 'last'))
    if (packed !== undefined) return packed
    const r = this.guard(() =>
      this.prepare<[string], {d: string | null}>(`SELECT ${fn}(date) AS d FROM bars WHERE symbol = ?`).get(
        normalizeSymbol(symbol),
      ),
    )
    return r?.d ?? null
  }

  /** Every symbol with bars, alphabetical. */
  listSecurities(): SecurityInfo[] {
    return this.guard(() => this.reader.listing<SecurityInfo>())
  }

  /** Replaces a symbol's whole history with `bars`, in one transaction (with its fetch-log entry). */
  replaceHistory(symbol: string, bars: readonly Bar[], src: WriteSource): number {
    return this.writeBars(symbol, bars, src, 'replace')
  }

  /** Inserts or overwrites the given days of a symbol, keeping its other days, in one transaction. */
  upsertBars(symbol: string, bars: readonly Bar[], src: WriteSource): number {
    return this.writeBars(symbol, bars, src, 'append')
  }

  /**
   * Merges `bars` into a symbol's history by date and column (./merge.ts), in one transaction: new days are
   * added, empty cells filled, stored days kept. Values on both sides that disagree beyond 1e-6 relative (or
   * `rounding`) throw a MergeConflictError naming the first such date and column, and nothing is written.
   */
  mergeHistory(symbol: string, bars: readonly Bar[], src: WriteSource, rounding: Rounding = {}): MergeSummary {
    const key = normalizeSymbol(symbol)
    const at = src.at ?? new Date().toISOString()
    return this.write(() => {
      const stored = this.selectBars(key)
      const plan = planMerge(stored, bars, rounding)
      if (plan.conflict) throw new MergeConflictError(key, plan.conflict)
      this.writeRows(key, columnsOfPrices(plan.write), src.source, at, stored.length === 0)
      this.touchSecurity(key, src.source, at)
      const rows = plan.write.length
      this.insertLog({symbol: key, source: src.source, action: 'merge', ok: true, rows, ...range(plan.write), at})
      return {added: plan.added, filled: plan.filled}
    })
  }

  /**
   * mergeHistory for prices in columns (a parsed file): a symbol the store does not hold yet is written and packed
   * straight from them, without an object per row; one it holds is merged as bars.
   */
  mergeColumns(symbol: string, c: PriceColumns, src: WriteSource, rounding: Rounding = {}): MergeSummary {
    const key = normalizeSymbol(symbol)
    const at = src.at ?? new Date().toISOString()
    return this.write(() => {
      if (this.prepare('SELECT 1 FROM prices WHERE symbol = ? LIMIT 1').get(key) !== undefined)
        return this.mergeHistory(key, pricesOfColumns(c), {source: src.source, at}, rounding)
      const rows = this.writeRows(key, c, src.source, at, true)
      this.touchSecurity(key, src.source, at)
      const range = rows > 0 ? {from: isoOfDay(c.days[0]), to: isoOfDay(c.days[rows - 1])} : {from: null, to: null}
      this.insertLog({symbol: key, source: src.source, action: 'merge', ok: true, rows, ...range, at})
      return {added: rows, filled: 0}
    })
  }

  /** One transaction: (for a replace, drop the old days,) write the bars, the security row and the log entry. */
  private writeBars(symbol: string, bars: readonly Bar[], src: WriteSource, action: 'replace' | 'append'): number {
    const key = normalizeSymbol(symbol)
    const at = src.at ?? new Date().toISOString()
    return this.write(() => {
      if (action === 'replace') this.prepare('DELETE FROM prices WHERE symbol = ?').run(key)
      const n = this.writeRows(key, columnsOfPrices(bars), src.source, at, action === 'replace')
      this.touchSecurity(key, src.source, at)
      this.insertLog({symbol: key, source: src.source, action, ok: true, rows: n, ...range(bars), at})
      return n
    })
  }

  /**
   * Writes a symbol's rows with their write (source, time) (./price-rows.ts) and packs its series again: from `c`
   * when they are all its rows (a replace, a first write) in date order, else from the table.
   */
  private writeRows(key: string, c: PriceColumns, source: string, at: string, all: boolean): number {
    const n = this.rows.insertColumns(key, c, this.rows.writeId(source, at))
    if (all && strictlyAscending(c.days)) this.series.put(key, c)
    else this.series.repack(key)
    return n
  }

  /** Records a fetch or import that wrote nothing (an error, or nothing new). */
  logFetch(entry: FetchLogEntry): void {
    this.write(() => this.insertLog({...entry, symbol: normalizeSymbol(entry.symbol)}))
  }

  /** The fetch log, newest first. */
  fetchLog(symbol?: string, limit = 100): FetchLogRow[] {
    const key = symbol ? normalizeSymbol(symbol) : null
    const rows = this.guard(() =>
      this.prepare<[string | null, string | null, number], Omit<FetchLogRow, 'ok'> & {ok: number}>(
        `SELECT id, at, symbol, source, action, ok, rows, from_date AS "from", to_date AS "to", message FROM fetch_log
         WHERE (? IS NULL OR symbol = ?) ORDER BY id DESC LIMIT ?`,
      ).all(key, key, limit),
    )
    return rows.map((r) => ({...r, ok: r.ok === 1}))
  }

  /** Stores shares outstanding fetched live (for --live-shares). */
  setShares(symbol: string, shares: number, asOf: string): void {
    if (!Number.isFinite(shares) || shares <= 0)
      throw new AftershockError(`shares outstanding of ${symbol} must be a positive number, got ${shares}`)
    const key = normalizeSymbol(symbol)
    this.write(() =>
      this.prepare(
        `INSERT INTO securities (symbol, shares, shares_as_of) VALUES (?, ?, ?)
           ON CONFLICT(symbol) DO UPDATE SET shares = excluded.shares, shares_as_of = excluded.shares_as_of`,
      ).run(key, shares, asOf),
    )
  }

  getShares(symbol: string): SharesInfo | null {
    const r = this.guard(() =>
      this.prepare<[string], {shares: number | null; asOf: string | null}>(
        'SELECT shares, shares_as_of AS asOf FROM securities WHERE symbol = ?',
      ).get(normalizeSymbol(symbol)),
    )
    return r && r.shares !== null ? {shares: r.shares, asOf: r.asOf ?? ''} : null
  }

  private readonly statements = new Map<string, Database.Statement>()

  /** A statement prepared once per store and reused (preparing costs more than running, for a small write). */
  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      stmt = this.db.prepare(sql)
      this.statements.set(sql, stmt)
    }
    return stmt as unknown as Database.Statement<P, R>
  }

  private touchSecurity(key: string, source: string, at: string): void {
    this.prepare(
      `INSERT INTO securities (symbol, source, last_fetch) VALUES (?, ?, ?)
         ON CONFLICT(symbol) DO UPDATE SET source = excluded.source, last_fetch = excluded.last_fetch`,
    ).run(key, source, at)
  }

  private insertLog(e: FetchLogEntry): void {
    this.prepare(
      `INSERT INTO fetch_log (at, symbol, source, action, ok, rows, from_date, to_date, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.at ?? new Date().toISOString(),
      e.symbol,
      e.source,
      e.action,
      e.ok ? 1 : 0,
      e.rows,
      e.from ?? null,
      e.to ?? null,
      e.message ?? null,
    )
  }
}

function range(bars: readonly Bar[]): {from: string | null; to: string | null} {
  if (bars.length === 0) return {from: null, to: null}
  let from = bars[0].date
  let to = bars[0].date
  for (const b of bars) {
    if (b.date < from) from = b.date
    if (b.date > to) to = b.date
  }
  return {from, to}
}
