/**
 * Opening the store file. A cache path that cannot be used fails at once with its reason (never Node's recursive
 * mkdir, which loops forever under /proc); read commands open the file read-only and never create it; a store
 * opened for writing passes SQLite's quick integrity check first, so nothing is written into a damaged file.
 */
import Database from 'better-sqlite3'
import {accessSync, constants, existsSync, mkdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {AftershockError} from '../errors.js'

/** 'read' opens an existing store read-only; 'write' creates the folder and file when missing. */
export type StoreMode = 'read' | 'write'

export const BUSY_TIMEOUT_MS = 10_000

/** The page size of a new store file (docs/cli-data.md). */
export const NEW_STORE_PAGE_BYTES = 65_536

/** Page cache of a read-only open, in KB. */
const READ_CACHE_KB = 2048

/** The tables every store has (`bars` a view since schema 3); a file without them is not a price store. */
const TABLES = ['meta', 'securities', 'bars', 'fetch_log']

const REASONS: Record<string, string> = {
  ENOENT: 'the file system does not allow creating it',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EEXIST: 'a file of that name is in the way',
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  return REASONS[code] ?? (err as Error).message
}

/**
 * Makes sure `dir` is a writable folder, creating the missing folders one level at a time. Throws an
 * AftershockError (exit 1) naming the path and the reason.
 */
export function ensureCacheDir(dir: string): void {
  const fail = (why: string): never => {
    throw new AftershockError(`cannot use the cache folder ${dir}: ${why} (check --cache-dir or AFTERSHOCK_CACHE_DIR)`)
  }
  const parts: string[] = []
  for (let p = dir; ; p = path.dirname(p)) {
    parts.unshift(p)
    if (path.dirname(p) === p) break
  }
  for (const p of parts) {
    let isDir = false
    try {
      isDir = statSync(p).isDirectory()
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') fail(`${p}: ${reason(err)}`)
      try {
        mkdirSync(p)
        isDir = true
      } catch (e) {
        fail(`cannot create ${p}: ${reason(e)}`)
      }
    }
    if (!isDir) fail(`${p} is a file, not a folder`)
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK)
  } catch (err) {
    fail(`not writable: ${reason(err)}`)
  }
}

/** True for SQLite errors that mean the file is damaged or is no database at all. */
export function isCorruption(err: unknown): boolean {
  const code = String((err as {code?: string}).code ?? '')
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'
}

/** The error for a damaged store: names the file and how to recover. */
export function corruptStoreError(file: string, detail: string): AftershockError {
  return new AftershockError(
    `the price store ${file} is damaged (${detail}); nothing was written to it. Move it aside (mv ${file} ${file}.damaged) and import or fetch the prices again`,
  )
}

/** Any SQLite error as an AftershockError naming the store; corruption gets the recovery advice. */
export function storeError(file: string, err: unknown): AftershockError {
  if (err instanceof AftershockError) return err
  const message = (err as Error).message
  if (isCorruption(err)) return corruptStoreError(file, message)
  return new AftershockError(`price store ${file}: ${message}`)
}

/** Opens `file` for writing, creating the folder and file when missing; refuses a file that fails quick_check. */
export function openForWrite(dir: string, file: string): Database.Database {
  ensureCacheDir(dir)
  const existed = existsSync(file) && statSync(file).size > 0
  let db: Database.Database
  try {
    db = new Database(file, {timeout: BUSY_TIMEOUT_MS})
  } catch (err) {
    throw new AftershockError(`cannot open the price store ${file}: ${(err as Error).message} (check --cache-dir)`)
  }
  if (existed) checkIntegrity(db, file)
  // A new file gets SQLite's largest pages, fixed before anything is written: an import of millions of rows writes
  // and checkpoints a sixteenth as many pages (a fifth off its time), and a symbol's packed blocks sit in one page
  // rather than a chain of overflow pages. A store's page size stays what it was made with.
  else db.pragma(`page_size = ${NEW_STORE_PAGE_BYTES}`)
  return db
}

/** Runs PRAGMA quick_check; closes the database and throws when it reports damage. */
export function checkIntegrity(db: Database.Database, file: string): void {
  let problems: string[]
  try {
    problems = (db.pragma('quick_check(5)') as Array<Record<string, unknown>>).map((r) => String(Object.values(r)[0]))
  } catch (err) {
    db.close()
    throw storeError(file, err)
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    db.close()
    const first = problems
      .join('; ')
      .replace(/\s*\n\s*/g, '; ')
      .slice(0, 200)
    throw corruptStoreError(file, `integrity check: ${first}`)
  }
}

/**
 * Opens an existing store read-only. A missing or empty file is an error (reads never create a store). When
 * the folder is read-only and SQLite cannot create the WAL index beside the file, the file is read into memory.
 */
export function openForRead(file: string): Database.Database {
  let size: number
  try {
    const st = statSync(file)
    if (!st.isFile()) throw new AftershockError(`the price store ${file} is not a file`)
    size = st.size
  } catch (err) {
    if (err instanceof AftershockError) throw err
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new AftershockError(`cannot read the price store ${file}: ${reason(err)} (check --cache-dir)`)
    // No store at all is not data a command named: nothing can be done until one is made (exit 1).
    throw new AftershockError(
      `no price store at ${file}; import or fetch first (\`npx aftershock import PATH\`, \`npx aftershock fetch SYMBOL\`), or check --cache-dir`,
    )
  }
  if (size === 0)
    throw new AftershockError(
      `the price store ${file} is empty (0 bytes), not a price store; move it aside and import or fetch again`,
    )
  let db: Database.Database | undefined
  try {
    db = new Database(file, {readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS})
    // A study reads each block once: a 2 MB page cache instead of 16 MB keeps reusing the same memory rather than
    // touching fresh pages (each first touch costs, and counts toward peak RSS).
    db.pragma(`cache_size = -${READ_CACHE_KB}`)
    checkTables(db, file)
    return db
  } catch (err) {
    if (db?.open) db.close()
    const code = String((err as {code?: string}).code ?? '')
    if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw storeError(file, err)
  }
  return openSnapshot(file)
}

/** A read-only folder: SQLite cannot make the WAL index, so read the file itself into an in-memory copy. */
function openSnapshot(file: string): Database.Database {
  const wal = `${file}-wal`
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new AftershockError(
      `cannot read the price store ${file}: its folder is read-only and ${wal} holds writes not yet in the file; open it once where the folder is writable`,
    )
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (err) {
    throw new AftershockError(`cannot read the price store ${file}: ${reason(err)}`)
  }
  // Bytes 18-19 say WAL mode (2); an in-memory copy has no WAL, so mark it a rollback-journal file (1).
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1
  try {
    const db = new Database(bytes, {readonly: true})
    checkTables(db, file)
    return db
  } catch (err) {
    throw storeError(file, err)
  }
}

function checkTables(db: Database.Database, file: string): void {
  const have = new Set(
    db
      .prepare<[], {name: string}>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
      .all()
      .map((r) => r.name),
  )
  const missing = TABLES.filter((t) => !have.has(t))
  if (missing.length > 0) {
    db.close()
    throw new AftershockError(
      `${file} is not a price store (no table ${missing.join(', ')}); check --cache-dir, or move the file aside`,
    )
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as {code?: string}).code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

/** Runs `fn`, retrying while SQLite says busy (setting WAL mode can report busy without waiting). */
export function retryBusy<T>(fn: () => T, budgetMs = BUSY_TIMEOUT_MS): T {
  const start = Date.now()
  for (;;) {
    try {
      return fn()
    } catch (err) {
      if (!isBusy(err) || Date.now() - start > budgetMs) throw err
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 + Math.random() * 50)
    }
  }
}
