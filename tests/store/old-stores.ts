// Stores as older aftershock versions left them, written with their own DDL (schema 1: a text-keyed `bars` table;
// schema 2: the same plus packed series and the triggers that kept them), for the upgrade and read-as-is tests.
import Database from 'better-sqlite3'
import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {FACTOR_SCHEMA} from '../../src/store/factors.js'
import {SERIES_TABLE, SeriesTable} from '../../src/store/series.js'
import {STORE_FILE} from '../../src/store/store.js'

const SCHEMA_1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE securities (symbol TEXT PRIMARY KEY, source TEXT, last_fetch TEXT, shares REAL, shares_as_of TEXT);
CREATE TABLE bars (
  symbol TEXT NOT NULL, date TEXT NOT NULL,
  open REAL, high REAL, low REAL, close REAL, adj_close REAL, volume REAL, dividend REAL, split REAL,
  source TEXT NOT NULL, fetched_at TEXT NOT NULL,
  PRIMARY KEY (symbol, date)
) WITHOUT ROWID;
CREATE TABLE fetch_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, symbol TEXT NOT NULL, source TEXT NOT NULL,
  action TEXT NOT NULL, ok INTEGER NOT NULL, rows INTEGER NOT NULL, from_date TEXT, to_date TEXT, message TEXT
);
${FACTOR_SCHEMA}
`

const SCHEMA_2_TRIGGERS = `
CREATE TRIGGER bars_insert_unpacks AFTER INSERT ON bars BEGIN DELETE FROM series WHERE symbol = NEW.symbol; END;
CREATE TRIGGER bars_update_unpacks AFTER UPDATE ON bars
  BEGIN DELETE FROM series WHERE symbol IN (OLD.symbol, NEW.symbol); END;
CREATE TRIGGER bars_delete_unpacks AFTER DELETE ON bars BEGIN DELETE FROM series WHERE symbol = OLD.symbol; END;
`

/** A row of an old `bars` table: symbol, date, close, adjusted close, volume, source, fetched_at. */
export type OldRow = [string, string, number | null, number | null, number | null, string, string]

/** Writes `<dir>/aftershock.sqlite` as schema `version` left it, holding `rows`; returns the file. */
export function writeOldStore(dir: string, version: 1 | 2, rows: readonly OldRow[]): string {
  mkdirSync(dir, {recursive: true})
  const file = path.join(dir, STORE_FILE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(SCHEMA_1)
  const insert = db.prepare(
    'INSERT INTO bars (symbol, date, close, adj_close, volume, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  for (const r of rows) insert.run(...r)
  if (version === 2) {
    db.exec(SERIES_TABLE)
    new SeriesTable(db, true).packAll()
    db.exec(SCHEMA_2_TRIGGERS)
  }
  db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(version))
  db.close()
  return file
}
