/**
 * Packed series: each symbol's day numbers, closes, adjusted closes and volumes as blobs in the `series` table,
 * beside its rows in `bars`, so a study reads 2,000 securities x 1,500 days as a few rows per symbol instead of
 * 3 M rows. A symbol's series is cut in blocks of 512 calendar days (about 350 trading days), so a study of one
 * year reads one or two blocks of a long history, not all of it. `bars` stays the record (users query it); a trigger drops a symbol's packed series whenever its rows
 * change, also from outside aftershock, and the store's writers pack it again in the same transaction. A symbol
 * without a packed series is read from its rows, so a stale blob is never read.
 */
import type Database from 'better-sqlite3'
import {endianness} from 'node:os'
import type {BarColumns, ColumnScratch} from './bar-source.js'
import {dayNumber, FIRST_DAY, isoOfDay, LAST_DAY} from './days.js'

export const SERIES_TABLE = `
CREATE TABLE IF NOT EXISTS series (
  symbol TEXT NOT NULL,
  block INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  first_date TEXT NOT NULL,
  last_date TEXT NOT NULL,
  days BLOB NOT NULL,
  close BLOB NOT NULL,
  adj_close BLOB NOT NULL,
  volume BLOB NOT NULL,
  PRIMARY KEY (symbol, block)
);
-- The blocks' edges without their blobs: a symbol's first or last date, or every symbol's range and row count,
-- read from this index alone (in a file of large pages the blobs sit inside the table's pages).
CREATE INDEX IF NOT EXISTS series_edges ON series (symbol, block, rows, first_date, last_date);
`

/**
 * An update or delete of a symbol's rows drops its packed series; so does an insert through the `bars` view
 * (./price-rows.ts). aftershock's writers insert into `prices` and pack the series again in the same transaction.
 */
export const SERIES_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS prices_update_unpacks AFTER UPDATE ON prices
  BEGIN DELETE FROM series WHERE symbol IN (OLD.symbol, NEW.symbol); END;
CREATE TRIGGER IF NOT EXISTS prices_delete_unpacks AFTER DELETE ON prices
  BEGIN DELETE FROM series WHERE symbol = OLD.symbol; END;
`

/** Calendar days per block: block = floor(day number / BLOCK_DAYS). */
export const BLOCK_DAYS = 512

/** Blobs are the typed arrays' bytes in the machine's order; a big-endian machine reads and writes rows only. */
export const PACKED = endianness() === 'LE'

/** A row as read: its date (ISO text from an old `bars` table, a day number from `prices`) and three values. */
type RawRow = [string | number, number | null, number | null, number | null]

/** Rows `[date or day, close, adj_close, volume]` ascending by date, as columns (NaN for a missing value). */
export function columnsOfRows(rows: readonly RawRow[]): BarColumns {
  const n = rows.length
  const c = emptyColumns(n)
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    c.days[i] = typeof r[0] === 'number' ? r[0] : dayNumber(r[0])
    c.close[i] = r[1] ?? Number.NaN
    c.adjClose[i] = r[2] ?? Number.NaN
    c.volume[i] = r[3] ?? Number.NaN
  }
  return c
}

/** Whether day numbers ascend strictly (a series the blocks can be cut from in order). */
export function strictlyAscending(days: Int32Array): boolean {
  for (let i = 1; i < days.length; i++) if (!(days[i] > days[i - 1])) return false
  return true
}

/** Columns of n rows (zeros), or a symbol with no rows in a range. */
export function emptyColumns(n: number): BarColumns {
  return {
    days: new Int32Array(n),
    close: new Float64Array(n),
    adjClose: new Float64Array(n),
    volume: new Float64Array(n),
  }
}

/** The rows of columns with days in [lo, hi] (day numbers), as views (binary search; days ascend). */
export function sliceDays(c: BarColumns, lo: number, hi: number): BarColumns {
  const a = firstAtLeast(c.days, lo)
  const b = firstAtLeast(c.days, hi + 1)
  if (a === 0 && b === c.days.length) return c
  return {
    days: c.days.subarray(a, b),
    close: c.close.subarray(a, b),
    adjClose: c.adjClose.subarray(a, b),
    volume: c.volume.subarray(a, b),
  }
}

function firstAtLeast(xs: Int32Array, x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

const bytes = (a: Int32Array | Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength)

/** A blob as a typed array (copied when SQLite's buffer is not aligned for it). */
function typed<T extends Int32Array | Float64Array>(
  b: Buffer,
  Type: {new (buf: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number},
  n: number,
): T {
  const size = Type.BYTES_PER_ELEMENT
  if (b.length !== n * size) throw new Error(`a packed series holds ${b.length} bytes, expected ${n * size}`)
  if (b.byteOffset % size === 0) return new Type(b.buffer, b.byteOffset, n)
  const copy = new Uint8Array(b.length)
  copy.set(b)
  return new Type(copy.buffer, 0, n)
}

type BlockRow = [number, Buffer, Buffer, Buffer, Buffer]

/** A ColumnScratch that keeps the largest columns it gave and hands out views of them. */
export class ReusedColumns implements ColumnScratch {
  private c = emptyColumns(0)

  /** Columns of n rows, reusing the memory of the last ones when it is large enough. */
  take(n: number): BarColumns {
    if (this.c.days.length < n) this.c = emptyColumns(Math.max(n, 2 * this.c.days.length))
    const {days, close, adjClose, volume} = this.c
    return {
      days: days.subarray(0, n),
      close: close.subarray(0, n),
      adjClose: adjClose.subarray(0, n),
      volume: volume.subarray(0, n),
    }
  }
}

/**
 * Columns of consecutive blocks, one after the other (views of the only block when there is one), joined into
 * `scratch` when given.
 */
function joinBlocks(rows: BlockRow[], scratch?: ColumnScratch): BarColumns {
  const parts = rows.map((r) => {
    const n = r[0]
    return {
      days: typed(r[1], Int32Array, n),
      close: typed(r[2], Float64Array, n),
      adjClose: typed(r[3], Float64Array, n),
      volume: typed(r[4], Float64Array, n),
    }
  })
  if (parts.length === 1) return parts[0]
  const n = parts.reduce((sum, p) => sum + p.days.length, 0)
  const c = scratch ? scratch.take(n) : emptyColumns(n)
  let at = 0
  for (const p of parts) {
    c.days.set(p.days, at)
    c.close.set(p.close, at)
    c.adjClose.set(p.adjClose, at)
    c.volume.set(p.volume, at)
    at += p.days.length
  }
  return c
}

const blockOf = (day: number): number => Math.floor(day / BLOCK_DAYS)

/** The `series` table: packed reads and writes, statements prepared once per store. */
export class SeriesTable {
  private readStmt?: Database.Statement<[string, number, number], unknown[]> | null
  private hasStmt?: Database.Statement<[string]>
  private firstStmt?: Database.Statement<[string], string>
  private lastStmt?: Database.Statement<[string], string>
  private writeStmt?: Database.Statement
  private dropStmt?: Database.Statement<[string]>
  private rowsStmt?: Database.Statement<[string, string, string], unknown[]>
  private dayRowsStmt?: Database.Statement<[string, number, number], unknown[]>

  /** `oldTable`: the store's rows are still a `bars` table (schema 1 or 2, read as it is), not `prices`. */
  constructor(
    private readonly db: Database.Database,
    private readonly oldTable = false,
  ) {}

  /**
   * A symbol's packed series over the blocks that hold days lo..hi (day numbers; the caller cuts it to them), or
   * null when it has none (an old store, or rows changed since): the caller reads the rows then. Several blocks are
   * joined into `scratch` when given.
   */
  get(symbol: string, lo: number, hi: number, scratch?: ColumnScratch): BarColumns | null {
    if (this.readStmt === undefined) this.readStmt = this.prepareRead()
    if (this.readStmt === null) return null
    const rows = this.readStmt.all(symbol, blockOf(lo), blockOf(hi)) as BlockRow[]
    if (rows.length > 0) return joinBlocks(rows, scratch)
    return this.has(symbol) ? emptyColumns(0) : null
  }

  /** Whether a symbol has a packed series (its key alone, no row read). */
  has(symbol: string): boolean {
    if (this.readStmt === undefined) this.readStmt = this.prepareRead()
    if (this.readStmt === null) return false
    this.hasStmt ??= this.db.prepare('SELECT 1 FROM series WHERE symbol = ? LIMIT 1')
    return this.hasStmt.get(symbol) !== undefined
  }

  /**
   * A symbol's first or last stored date from its packed series (one block's row, no blob read), or undefined
   * when it has none: the caller asks the rows then.
   */
  edge(symbol: string, which: 'first' | 'last'): string | undefined {
    if (this.readStmt === undefined) this.readStmt = this.prepareRead()
    if (this.readStmt === null) return undefined
    this.firstStmt ??= this.db
      .prepare<[string], string>('SELECT first_date FROM series WHERE symbol = ? ORDER BY block LIMIT 1')
      .pluck()
    this.lastStmt ??= this.db
      .prepare<[string], string>('SELECT last_date FROM series WHERE symbol = ? ORDER BY block DESC LIMIT 1')
      .pluck()
    return (which === 'first' ? this.firstStmt : this.lastStmt).get(symbol)
  }

  private prepareRead(): Database.Statement<[string, number, number], unknown[]> | null {
    if (!PACKED) return null
    const has = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'series'").get()
    if (!has) return null
    return this.db
      .prepare<[string, number, number], unknown[]>(
        `SELECT rows, days, close, adj_close, volume FROM series
         WHERE symbol = ? AND block BETWEEN ? AND ? ORDER BY block`,
      )
      .raw()
  }

  /** Writes a symbol's packed series in blocks (inside the caller's transaction), replacing any it had. */
  put(symbol: string, c: BarColumns): void {
    if (!PACKED) return
    this.dropStmt ??= this.db.prepare('DELETE FROM series WHERE symbol = ?')
    this.dropStmt.run(symbol)
    this.writeStmt ??= this.db.prepare(
      `INSERT INTO series (symbol, block, rows, first_date, last_date, days, close, adj_close, volume)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const n = c.days.length
    for (let a = 0; a < n; ) {
      const block = blockOf(c.days[a])
      let b = a + 1
      while (b < n && blockOf(c.days[b]) === block) b++
      const [first, last] = [isoOfDay(c.days[a]), isoOfDay(c.days[b - 1])]
      const part = [c.days, c.close, c.adjClose, c.volume].map((x) => bytes(x.subarray(a, b)))
      this.writeStmt.run(symbol, block, b - a, first, last, ...part)
      a = b
    }
  }
  /** A symbol's columns read from its rows over days lo..hi (day numbers; FIRST_DAY, LAST_DAY for all). */
  readRows(symbol: string, lo: number, hi: number): BarColumns {
    if (this.oldTable) {
      const from = lo <= FIRST_DAY ? '0000-00-00' : isoOfDay(lo)
      const to = hi >= LAST_DAY ? '9999-99-99' : isoOfDay(hi)
      this.rowsStmt ??= this.db
        .prepare<[string, string, string], unknown[]>(
          'SELECT date, close, adj_close, volume FROM bars WHERE symbol = ? AND date >= ? AND date <= ? ORDER BY date',
        )
        .raw()
      return columnsOfRows(this.rowsStmt.all(symbol, from, to) as RawRow[])
    }
    this.dayRowsStmt ??= this.db
      .prepare<[string, number, number], unknown[]>(
        'SELECT day, close, adj_close, volume FROM prices WHERE symbol = ? AND day BETWEEN ? AND ? ORDER BY day',
      )
      .raw()
    return columnsOfRows(this.dayRowsStmt.all(symbol, lo, hi) as RawRow[])
  }

  /** Packs a symbol again from its rows (after a write that changed stored days). */
  repack(symbol: string): void {
    this.put(symbol, this.readRows(symbol, FIRST_DAY, LAST_DAY))
  }

  /** Packs every symbol with rows: the upgrade of a store written before packed series. */
  packAll(): number {
    const symbols = this.db.prepare('SELECT DISTINCT symbol FROM bars').pluck().all() as string[]
    for (const s of symbols) this.repack(s)
    return symbols.length
  }
}
