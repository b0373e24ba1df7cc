/**
 * `study run --csv-dir DIR`: one tidy CSV per table of the full sections (DIR/<table id>.csv, docs/cli-data.md
 * lists them), each column one type, and DIR/_columns.csv naming each column's SQL type. Every file is written
 * whole or not at all (a temporary file, then a rename).
 */
import path from 'node:path'
import {InputError} from '../errors.js'
import {COLUMNS_FILE, columnTypeLines, tableCsvLines} from '../render/csv.js'
import {studySections} from '../report/sections.js'
import type {StudyResult} from '../result.js'
import {writePiecesAtomic} from './atomic-file.js'

/** A table id as a file name: letters, digits, '.', '_' and '-' only (ids come from the study file). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** Writes the tables of the result into `dir`; returns the files written, in table order, then the column types. */
export function writeCsvDir(dir: string, result: StudyResult): string[] {
  const tables = studySections(result, 'full').flatMap((s) => s.tables)
  const files: string[] = []
  for (const t of tables) {
    if (!SAFE_ID.test(t.id))
      throw new InputError(`--csv-dir: table id "${t.id}" cannot be a file name; rename its section in the study`)
    const file = path.join(dir, `${t.id}.csv`)
    writePiecesAtomic(file, tableCsvLines(t), '--csv-dir')
    files.push(file)
  }
  const types = path.join(dir, COLUMNS_FILE)
  writePiecesAtomic(types, columnTypeLines(tables), '--csv-dir')
  files.push(types)
  return files
}
