// Damage to a store file, for the tests of what aftershock does with a damaged store.
import Database from 'better-sqlite3'
import {closeSync, openSync, writeSync} from 'node:fs'

/**
 * Overwrites the first leaf page of the price rows (the first symbol's first days) with junk, its header included,
 * whatever the file's page size: a read of those rows, a scan of all of them and SQLite's quick_check all see it.
 */
export function damagePriceRows(file: string): void {
  const db = new Database(file, {readonly: true})
  const page = db.pragma('page_size', {simple: true}) as number
  const leaf = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'prices' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1")
    .pluck()
    .get() as number
  db.close()
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(page, 0xab), 0, page, (leaf - 1) * page)
  closeSync(fd)
}
