/** The store's tables, and how a stored row becomes a Bar. */
import type {Bar} from '../types.js'
import {FACTOR_SCHEMA} from './factors.js'
import type Database from 'better-sqlite3'
import {AftershockError} from '../errors.js'
import {SERIES_SCHEMA, SeriesTable} from './series.js'

/** 2: packed series beside the bars (./series.ts); a store at 1 is upgraded when first opened for writing. */
export const SCHEMA_VERSION = 2

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS securities (
  symbol TEXT PRIMARY KEY,
  source TEXT,
  last_fetch TEXT,
  shares REAL,
  shares_as_of TEXT
);
CREATE TABLE IF NOT EXISTS bars (
  symbol TEXT NOT NULL,
  date TEXT NOT NULL,
  open REAL, high REAL, low REAL, close REAL, adj_close REAL, volume REAL,
  dividend REAL, split REAL,
  source TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (symbol, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fetch_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  symbol TEXT NOT NULL,
  source TEXT NOT NULL,
  action TEXT NOT NULL,
  ok INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  from_date TEXT,
  to_date TEXT,
  message TEXT
);
${FACTOR_SCHEMA}
${SERIES_SCHEMA}
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}');
`

export interface BarRow {
  date: string
  open: number | null
  high: number | null
  low: number | null
  close: number | null
  adj_close: number | null
  volume: number | null
  dividend: number | null
  split: number | null
}

export function toBar(r: BarRow): Bar {
  const bar: Bar = {
    date: r.date,
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    adjClose: r.adj_close,
    volume: r.volume,
  }
  if (r.dividend !== null) bar.dividend = r.dividend
  if (r.split !== null) bar.split = r.split
  return bar
}

/** Finite number or null: no NaN goes into the store. */
export function num(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}

/**
 * Creates the tables a new store needs and upgrades an older one, inside the caller's transaction (all or
 * nothing): schema 1 gains the packed series of every symbol. A store from a newer aftershock is refused.
 */
export function upgrade(db: Database.Database, file: string): void {
  db.exec(SCHEMA)
  const version = Number(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get())
  if (version > SCHEMA_VERSION)
    throw new AftershockError(
      `the price store ${file} has schema ${version}, newer than this aftershock reads (${SCHEMA_VERSION}); upgrade aftershock`,
    )
  if (version === SCHEMA_VERSION) return
  // A one-time cost (seconds for millions of rows), so the user hears why this open takes longer.
  process.stderr.write(
    `upgrading the price store ${file} to schema ${SCHEMA_VERSION}: packing each symbol's series for fast study reads\n`,
  )
  new SeriesTable(db).packAll()
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION))
}
