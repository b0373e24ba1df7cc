/**
 * Factor sets (Fama-French 3 and 5 factors, momentum, a user's own) in the price store's SQLite file.
 * Layout: `factor_sets` holds one row per set (its columns as JSON `[{key, name}]`, range, rows, CRSP vintage
 * and the file's vintage line, source, when written); `factor_values(set, date, column, value)` WITHOUT ROWID
 * holds one row per present cell, so a missing value (French's -99.99 / -999) is simply absent. Values are
 * stored as published: percent per day. A set is written whole, replacing what was stored, in one transaction.
 */
import type Database from 'better-sqlite3'
import {MissingDataError} from '../errors.js'

/** A factor column: its stable key (`mkt_rf`) and the name French publishes (`Mkt-RF`). */
export interface FactorColumn {
  key: string
  name: string
}

/** A whole set as a parser gives it. */
export interface FactorSetInput {
  name: string
  /** Where it came from: a file name, or French's download URL. */
  source: string
  columns: FactorColumn[]
  /** Strictly ascending ISO dates. */
  dates: string[]
  /** Row-major, percent per day: values[i][j] is column j on dates[i]; null is missing. */
  values: Array<Array<number | null>>
  /** The CRSP vintage, `202604`, when the file names one. */
  vintage: string | null
  /** The file's vintage line as written. */
  vintageLine: string | null
}

/** A stored set, as `factors info` lists it. */
export interface FactorSetInfo {
  name: string
  columns: FactorColumn[]
  firstDate: string
  lastDate: string
  rows: number
  vintage: string | null
  vintageLine: string | null
  source: string
  /** ISO timestamp of the import or fetch that wrote it. */
  writtenAt: string
}

/** What replacing a set changed, cell by cell, against what was stored before. */
export interface FactorWriteSummary {
  rows: number
  /** Present cells written. */
  values: number
  /** True when the set was stored before this write. */
  replaced: boolean
  /** The vintage stored before, if any. */
  previousVintage: string | null
  /** Cells present before and now with a different value (French's revisions). */
  changed: number
  /** Cells present now and not before (new days, filled gaps). */
  added: number
  /** Cells present before and not now. */
  removed: number
}

/** Days of a set's columns over a range, column-major for the engine. */
export interface FactorSeries {
  dates: string[]
  /** One array per requested column, aligned with `dates`, percent per day. */
  values: Float64Array[]
  /** Days in the range dropped because a requested column had no value on them. */
  dropped: number
}

export const FACTOR_SCHEMA = `
CREATE TABLE IF NOT EXISTS factor_sets (
  name TEXT PRIMARY KEY,
  columns TEXT NOT NULL,
  first_date TEXT NOT NULL,
  last_date TEXT NOT NULL,
  rows INTEGER NOT NULL,
  vintage TEXT,
  vintage_line TEXT,
  source TEXT NOT NULL,
  written_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS factor_values (
  "set" TEXT NOT NULL,
  date TEXT NOT NULL,
  "column" TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY ("set", date, "column")
) WITHOUT ROWID;
`

/** How the price store lends its connection: reads guarded, writes in one IMMEDIATE transaction. */
export interface StoreAccess {
  guard<T>(fn: () => T): T
  write<T>(fn: () => T): T
}

interface SetRow {
  name: string
  columns: string
  firstDate: string
  lastDate: string
  rows: number
  vintage: string | null
  vintageLine: string | null
  source: string
  writtenAt: string
}

const SET_COLUMNS = `name, columns, first_date AS firstDate, last_date AS lastDate, rows, vintage,
  vintage_line AS vintageLine, source, written_at AS writtenAt`

function toInfo(r: SetRow): FactorSetInfo {
  return {...r, columns: JSON.parse(r.columns) as FactorColumn[]}
}

/** The factor tables of one store file (PriceStore.factors). */
export class FactorTables {
  constructor(
    private readonly db: Database.Database,
    private readonly access: StoreAccess,
  ) {}

  /** False for a store written before factor sets existed, opened read-only (its tables are not there). */
  private hasTables(): boolean {
    return this.access.guard(
      () =>
        this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'factor_sets'").get() !==
        undefined,
    )
  }

  /** Every stored set, by name. */
  list(): FactorSetInfo[] {
    if (!this.hasTables()) return []
    return this.access.guard(() =>
      this.db.prepare<[], SetRow>(`SELECT ${SET_COLUMNS} FROM factor_sets ORDER BY name`).all().map(toInfo),
    )
  }

  /** One stored set, or null. */
  get(name: string): FactorSetInfo | null {
    if (!this.hasTables()) return null
    const r = this.access.guard(() =>
      this.db.prepare<[string], SetRow>(`SELECT ${SET_COLUMNS} FROM factor_sets WHERE name = ?`).get(name),
    )
    return r ? toInfo(r) : null
  }

  /** Replaces the set whole (its old days and columns go), in one transaction; says what changed. */
  replace(set: FactorSetInput, at: string = new Date().toISOString()): FactorWriteSummary {
    return this.access.write(() => {
      const before = this.get(set.name)
      const old = this.cells(set.name)
      this.db.prepare('DELETE FROM factor_values WHERE "set" = ?').run(set.name)
      const ins = this.db.prepare('INSERT INTO factor_values ("set", date, "column", value) VALUES (?, ?, ?, ?)')
      const s = {values: 0, changed: 0, added: 0, removed: 0}
      set.dates.forEach((date, i) => {
        set.columns.forEach((c, j) => {
          const v = set.values[i][j]
          if (v === null) return
          ins.run(set.name, date, c.key, v)
          s.values++
          const k = `${date}|${c.key}`
          const was = old.get(k)
          if (was === undefined) s.added++
          else if (was !== v) s.changed++
          old.delete(k)
        })
      })
      s.removed = old.size
      this.db
        .prepare(
          `INSERT OR REPLACE INTO factor_sets (name, columns, first_date, last_date, rows, vintage, vintage_line,
           source, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          set.name,
          JSON.stringify(set.columns),
          set.dates[0],
          set.dates[set.dates.length - 1],
          set.dates.length,
          set.vintage,
          set.vintageLine,
          set.source,
          at,
        )
      return {rows: set.dates.length, replaced: before !== null, previousVintage: before?.vintage ?? null, ...s}
    })
  }

  /** The stored cells of a set, `date|column` to value. */
  private cells(name: string): Map<string, number> {
    const rows = this.db
      .prepare<[string], {date: string; column: string; value: number}>(
        'SELECT date, "column" AS "column", value FROM factor_values WHERE "set" = ?',
      )
      .all(name)
    return new Map(rows.map((r) => [`${r.date}|${r.column}`, r.value]))
  }

  /** A set's rows over [from, to] (inclusive ISO dates), every column, null where missing. */
  rows(
    name: string,
    from?: string,
    to?: string,
  ): {columns: FactorColumn[]; dates: string[]; values: Array<Array<number | null>>} {
    const info = this.require(name)
    const index = new Map(info.columns.map((c, j) => [c.key, j]))
    const dates: string[] = []
    const values: Array<Array<number | null>> = []
    for (const r of this.select(name, from, to)) {
      if (dates[dates.length - 1] !== r.date) {
        dates.push(r.date)
        values.push(info.columns.map(() => null))
      }
      const j = index.get(r.column)
      if (j !== undefined) values[values.length - 1][j] = r.value
    }
    return {columns: info.columns, dates, values}
  }

  /**
   * The named columns (keys) of a set over [from, to] as typed arrays; days where any of them is missing are
   * dropped and counted. An unknown set or column is a MissingDataError naming what is stored.
   */
  series(name: string, columns: readonly string[], from?: string, to?: string): FactorSeries {
    const info = this.require(name)
    for (const c of columns)
      if (!info.columns.some((k) => k.key === c))
        throw new MissingDataError(
          `factor set ${name} has no column ${c}; it has ${info.columns.map((k) => k.key).join(', ')}`,
        )
    const all = this.rows(name, from, to)
    const at = columns.map((c) => all.columns.findIndex((k) => k.key === c))
    const keep = all.values.map((row) => at.every((j) => row[j] !== null))
    const dates = all.dates.filter((_, i) => keep[i])
    const values = at.map((j) => Float64Array.from(all.values.filter((_, i) => keep[i]).map((row) => row[j] as number)))
    return {dates, values, dropped: all.dates.length - dates.length}
  }

  private require(name: string): FactorSetInfo {
    const info = this.get(name)
    if (info === null) {
      const have = this.list().map((s) => s.name)
      throw new MissingDataError(
        `no factor set ${name} in the store${have.length > 0 ? ` (it has ${have.join(', ')})` : ''}; load it with \`npx aftershock factors fetch ${name}\` or \`npx aftershock factors import FILE\``,
      )
    }
    return info
  }

  private select(name: string, from?: string, to?: string): Array<{date: string; column: string; value: number}> {
    return this.access.guard(() =>
      this.db
        .prepare<[string, string, string], {date: string; column: string; value: number}>(
          `SELECT date, "column" AS "column", value FROM factor_values
           WHERE "set" = ? AND date >= ? AND date <= ? ORDER BY date`,
        )
        .all(name, from ?? '0000-00-00', to ?? '9999-99-99'),
    )
  }
}
