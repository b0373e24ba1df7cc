/**
 * The price rows (schema 3): `prices` holds one lean row per symbol and trading day, keyed by (symbol, day number)
 * WITHOUT ROWID, with the write that stored it as an integer into `writes` (source, fetched_at) instead of two
 * strings a row. `bars` is a view over them with the columns it always had (`date` as YYYY-MM-DD, `source`,
 * `fetched_at`), so users' queries read it unchanged, and INSTEAD OF triggers let them insert, update and delete
 * through it too. Integer keys and no repeated strings make a row about half as large and an import about twice as
 * fast as the text-keyed table of schemas 1 and 2 (docs/cli-data.md). Day numbers: days since 1970-01-01, so a
 * date is `date(day + 2440587.5)` in SQL (the Julian day of 1970-01-01 is 2440587.5).
 */
import type Database from 'better-sqlite3'
import {dayNumber, FIRST_DAY, LAST_DAY} from './days.js'
import type {PriceColumns} from './price-columns.js'
import type {BarRow} from './bar-row.js'

/** The tables; harmless on an old store (they are created empty beside its `bars` table, then filled). */
export const PRICE_TABLES = `
CREATE TABLE IF NOT EXISTS writes (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  UNIQUE (source, fetched_at)
);
CREATE TABLE IF NOT EXISTS prices (
  symbol TEXT NOT NULL,
  day INTEGER NOT NULL,
  open REAL, high REAL, low REAL, close REAL, adj_close REAL, volume REAL,
  dividend REAL, split REAL,
  write_id INTEGER NOT NULL,
  PRIMARY KEY (symbol, day)
) WITHOUT ROWID;
`

/** Day number of an ISO date in SQL (NULL for text that is no date, which the NOT NULL key then refuses). */
const dayOf = (date: string): string => `CAST(julianday(${date}) - 2440587.5 AS INTEGER)`
const writeOf = (row: 'NEW'): string =>
  `(SELECT id FROM writes WHERE source = ${row}.source AND fetched_at = ${row}.fetched_at)`
const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'adj_close', 'volume', 'dividend', 'split']
const newWrite = 'INSERT OR IGNORE INTO writes (source, fetched_at) VALUES (NEW.source, NEW.fetched_at);'

/**
 * The `bars` view and its INSTEAD OF triggers: the table users always had, read and written as before. A row
 * inserted through it drops the symbol's packed series here, not by a trigger on `prices`: a trigger there would
 * run once per row of every import (a third of its time), whose writer packs the series again anyway.
 */
export const BARS_VIEW = `
CREATE VIEW IF NOT EXISTS bars AS
  SELECT p.symbol AS symbol, date(p.day + 2440587.5) AS date,
    ${VALUE_COLUMNS.map((c) => `p.${c} AS ${c}`).join(', ')},
    w.source AS source, w.fetched_at AS fetched_at
  FROM prices p JOIN writes w ON w.id = p.write_id;
CREATE TRIGGER IF NOT EXISTS bars_insert INSTEAD OF INSERT ON bars BEGIN
  ${newWrite}
  INSERT OR IGNORE INTO securities (symbol) VALUES (NEW.symbol);
  INSERT INTO prices (symbol, day, ${VALUE_COLUMNS.join(', ')}, write_id)
    VALUES (NEW.symbol, ${dayOf('NEW.date')}, ${VALUE_COLUMNS.map((c) => `NEW.${c}`).join(', ')}, ${writeOf('NEW')});
  DELETE FROM series WHERE symbol = NEW.symbol;
END;
CREATE TRIGGER IF NOT EXISTS bars_update INSTEAD OF UPDATE ON bars BEGIN
  ${newWrite}
  INSERT OR IGNORE INTO securities (symbol) VALUES (NEW.symbol);
  UPDATE prices SET symbol = NEW.symbol, day = ${dayOf('NEW.date')},
    ${VALUE_COLUMNS.map((c) => `${c} = NEW.${c}`).join(', ')}, write_id = ${writeOf('NEW')}
    WHERE symbol = OLD.symbol AND day = ${dayOf('OLD.date')};
END;
CREATE TRIGGER IF NOT EXISTS bars_delete INSTEAD OF DELETE ON bars BEGIN
  DELETE FROM prices WHERE symbol = OLD.symbol AND day = ${dayOf('OLD.date')};
END;
`

/**
 * Moves the rows of a schema-1 or schema-2 `bars` table into `prices` (inside the caller's transaction) and drops
 * the table, with its triggers; the caller then creates the view. Returns the rows moved.
 */
export function moveBarsTable(db: Database.Database): number {
  db.exec(`INSERT OR IGNORE INTO writes (source, fetched_at)
    SELECT DISTINCT source, fetched_at FROM bars ORDER BY fetched_at, source`)
  const moved = db
    .prepare(
      `INSERT INTO prices (symbol, day, ${VALUE_COLUMNS.join(', ')}, write_id)
       SELECT b.symbol, ${dayOf('b.date')}, ${VALUE_COLUMNS.map((c) => `b.${c}`).join(', ')}, w.id
       FROM bars b JOIN writes w ON w.source = b.source AND w.fetched_at = b.fetched_at`,
    )
    .run().changes
  db.exec('DROP TABLE bars')
  // Rows a user added to the old table name no security: `securities` lists every symbol with rows from now on.
  db.exec('INSERT OR IGNORE INTO securities (symbol) SELECT DISTINCT symbol FROM prices')
  return moved
}

/** Whether `bars` is still a table (a store of schema 1 or 2, read as it is). */
export function hasBarsTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bars'").get() !== undefined
}

/** Columns of a `prices` row as written, and rows per INSERT statement (11 x 64 parameters, far under SQLite's limit). */
const ROW_COLUMNS = 11
const INSERT_BATCH = 64

/** Writes of `prices` rows, statements prepared once per store. */
export class PriceRows {
  private readonly inserts = new Map<number, Database.Statement<unknown[]>>()
  private writeIdStmt?: Database.Statement<[string, string]>
  private findWriteStmt?: Database.Statement<[string, string], number>

  constructor(private readonly db: Database.Database) {}

  /** The id of the write (source, time) in `writes`, added when new. */
  writeId(source: string, at: string): number {
    this.writeIdStmt ??= this.db.prepare('INSERT OR IGNORE INTO writes (source, fetched_at) VALUES (?, ?)')
    this.findWriteStmt ??= this.db
      .prepare<[string, string], number>('SELECT id FROM writes WHERE source = ? AND fetched_at = ?')
      .pluck()
    this.writeIdStmt.run(source, at)
    return this.findWriteStmt.get(source, at) as number
  }

  /** Inserts or overwrites a symbol's rows from columns (NaN stored as NULL), INSERT_BATCH rows a statement. */
  insertColumns(key: string, c: PriceColumns, writeId: number): number {
    const n = c.days.length
    const values = [c.open, c.high, c.low, c.close, c.adjClose, c.volume, c.dividend, c.split]
    const params: unknown[] = new Array(ROW_COLUMNS * INSERT_BATCH)
    for (let i = 0; i < n; i += INSERT_BATCH) {
      const m = Math.min(INSERT_BATCH, n - i)
      if (m < INSERT_BATCH) params.length = ROW_COLUMNS * m
      for (let j = 0; j < m; j++) {
        const o = ROW_COLUMNS * j
        params[o] = key
        params[o + 1] = c.days[i + j]
        for (let k = 0; k < 8; k++) {
          const x = values[k][i + j]
          params[o + 2 + k] = Number.isNaN(x) ? null : x
        }
        params[o + 10] = writeId
      }
      this.statement(m).run(params)
    }
    return n
  }

  private statement(rows: number): Database.Statement<unknown[]> {
    let stmt = this.inserts.get(rows)
    if (!stmt) {
      const row = `(${new Array(ROW_COLUMNS).fill('?').join(', ')})`
      stmt = this.db.prepare<unknown[]>(
        `INSERT OR REPLACE INTO prices (symbol, day, ${VALUE_COLUMNS.join(', ')}, write_id)
         VALUES ${new Array(rows).fill(row).join(', ')}`,
      )
      this.inserts.set(rows, stmt)
    }
    return stmt
  }
}

/**
 * Reads a symbol's bars over [from, to] (ISO dates, inclusive), ascending: from `prices` by its key, or from an old
 * store's `bars` table when it has no `prices` (read as it is).
 */
export class BarReader {
  private stmt?: Database.Statement<[string, number | string, number | string], BarRow>

  constructor(
    private readonly db: Database.Database,
    private readonly oldTable: boolean,
  ) {}

  select(key: string, from?: string, to?: string): BarRow[] {
    const values = VALUE_COLUMNS.join(', ')
    if (this.oldTable) {
      this.stmt ??= this.db.prepare(
        `SELECT date, ${values} FROM bars WHERE symbol = ? AND date >= ? AND date <= ? ORDER BY date`,
      )
      return this.stmt.all(key, from ?? '0000-00-00', to ?? '9999-99-99')
    }
    this.stmt ??= this.db.prepare(
      `SELECT date(day + 2440587.5) AS date, ${values} FROM prices WHERE symbol = ? AND day BETWEEN ? AND ? ORDER BY day`,
    )
    return this.stmt.all(key, from ? dayNumber(from) : FIRST_DAY, to ? dayNumber(to) : LAST_DAY)
  }

  /**
   * Every symbol with bars: its first and last date and row count, alphabetical (`cache info`). A packed symbol's
   * figures come from its blocks (a few rows, not its thousands); any other from its rows, found through
   * `securities`, which every write (and every insert through `bars`) names its symbol in.
   */
  listing<R>(): R[] {
    const sql = this.oldTable
      ? `SELECT b.symbol AS symbol, min(b.date) AS firstDate, max(b.date) AS lastDate, count(*) AS rows,
           s.source AS source, s.last_fetch AS lastFetch
         FROM bars b LEFT JOIN securities s ON s.symbol = b.symbol GROUP BY b.symbol ORDER BY b.symbol`
      : `WITH held AS (
           SELECT symbol, min(first_date) AS firstDate, max(last_date) AS lastDate, sum(rows) AS rows
             FROM series GROUP BY symbol
           UNION ALL
           SELECT p.symbol, date(min(p.day) + 2440587.5), date(max(p.day) + 2440587.5), count(*)
             FROM securities u CROSS JOIN prices p ON p.symbol = u.symbol -- CROSS: each symbol's rows by key, no scan
             WHERE u.symbol NOT IN (SELECT symbol FROM series) GROUP BY p.symbol
         )
         SELECT h.symbol AS symbol, h.firstDate, h.lastDate, h.rows, s.source AS source, s.last_fetch AS lastFetch
         FROM held h LEFT JOIN securities s ON s.symbol = h.symbol ORDER BY h.symbol`
    return this.db.prepare<[], R>(sql).all()
  }
}
