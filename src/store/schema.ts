/** The store's tables, and the upgrade of a store an older aftershock wrote. */
import {FACTOR_SCHEMA} from './factors.js'
import type Database from 'better-sqlite3'
import {AftershockError} from '../errors.js'
import {hasBarsTable, moveBarsTable, BARS_VIEW, PRICE_TABLES} from './price-rows.js'
import {SERIES_TABLE, SERIES_TRIGGERS, SeriesTable} from './series.js'

/**
 * 2: packed series beside the bars (./series.ts); 3: the bars in lean `prices` rows behind a `bars` view
 * (./price-rows.ts). A store at 1 or 2 is upgraded when first opened for writing.
 */
export const SCHEMA_VERSION = 3

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
${SERIES_TABLE}
${PRICE_TABLES}
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}');
`

/**
 * Creates the tables a new store needs and upgrades an older one, inside the caller's transaction (all or
 * nothing): the rows of a schema-1 or schema-2 `bars` table move into `prices` behind the `bars` view, and a
 * schema-1 store gains the packed series of every symbol (schema 2's stay valid: the rows are the same). A store
 * from a newer aftershock is refused.
 */
export function upgrade(db: Database.Database, file: string): void {
  db.exec(SCHEMA)
  const version = Number(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get())
  if (version > SCHEMA_VERSION)
    throw new AftershockError(
      `the price store ${file} has schema ${version}, newer than this aftershock reads (${SCHEMA_VERSION}); upgrade aftershock`,
    )
  if (version < SCHEMA_VERSION) {
    // A one-time cost (seconds for millions of rows), so the user hears why this open takes longer.
    process.stderr.write(
      `upgrading the price store ${file} to schema ${SCHEMA_VERSION}: lean price rows${version < 2 ? ' and packed series' : ''} for fast imports and study reads\n`,
    )
    if (hasBarsTable(db)) moveBarsTable(db)
  }
  db.exec(BARS_VIEW)
  db.exec(SERIES_TRIGGERS)
  if (version >= SCHEMA_VERSION) return
  if (version < 2) new SeriesTable(db).packAll()
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION))
}
