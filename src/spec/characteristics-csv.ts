/**
 * Security characteristics from CSV, the long form `symbol,name,value` with a header (any case, any column order):
 * one row per security and characteristic, for the terms of cross-sectional regressions. Used for
 * `characteristics: {file}` in a study file and by `study run --characteristics FILE|-`.
 */
import {splitCsvLine} from '../sources/csv-line.js'
import {normalizeSymbol} from '../store/symbols.js'
import {StudyValidationError} from './issues.js'
import {BUILTIN_TERMS, type CharacteristicValue} from './types.js'

const COLUMNS = ['symbol', 'name', 'value'] as const
/** Names a CSV column may not take: the terms the tool computes itself. */
const RESERVED = new Set<string>(['group', 'runup', ...BUILTIN_TERMS])

interface CsvIssue {
  file: string
  line: number
  path: string
  message: string
}

/** Reads characteristics CSV text; returns the values and every problem found (source and 1-based line named). */
export function readCharacteristicsCsv(
  text: string,
  source: string,
): {values: CharacteristicValue[]; issues: CsvIssue[]} {
  const issues: CsvIssue[] = []
  const values: CharacteristicValue[] = []
  const issue = (line: number, path: string, message: string) => issues.push({file: source, line, path, message})
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const headerAt = lines.findIndex((l) => l.trim() !== '')
  if (headerAt < 0) {
    issue(1, '', 'no characteristics: the CSV is empty; write a header symbol,name,value and one row per value')
    return {values, issues}
  }
  const header = splitCsvLine(lines[headerAt], {trim: true}).map((h) => h.toLowerCase())
  const at = COLUMNS.map((c) => header.indexOf(c))
  COLUMNS.forEach((c, k) => {
    if (at[k] < 0)
      issue(
        headerAt + 1,
        c,
        `missing column "${c}": the header must name symbol,name,value (found: ${header.join(',')})`,
      )
  })
  if (issues.length > 0) return {values, issues}
  const seen = new Map<string, number>()
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    const f = splitCsvLine(lines[i], {trim: true})
    const [symbolText, name, valueText] = at.map((j) => f[j] ?? '')
    const row = checkRow(symbolText, name, valueText, (path, message) => issue(i + 1, path, message))
    if (!row) continue
    const key = `${row.symbol}\u0000${row.name}`
    const prev = seen.get(key)
    if (prev !== undefined) {
      issue(i + 1, 'name', `${row.name} of ${row.symbol} is already given on line ${prev}; keep one row`)
      continue
    }
    seen.set(key, i + 1)
    values.push(row)
  }
  return {values, issues}
}

function checkRow(
  symbolText: string,
  name: string,
  valueText: string,
  issue: (path: string, message: string) => void,
): CharacteristicValue | null {
  if (symbolText === '') issue('symbol', 'empty symbol; write the ticker, e.g. NVDA')
  if (name === '') issue('name', 'empty name; name the characteristic, e.g. exportShare')
  else if (RESERVED.has(name))
    issue('name', `"${name}" is a term the tool computes itself; name the column differently, e.g. my${name}`)
  const value = Number(valueText)
  if (valueText === '' || !Number.isFinite(value))
    issue('value', `"${valueText}" is not a finite number; write a decimal such as 0.25 (leave the row out if unknown)`)
  if (symbolText === '' || name === '' || RESERVED.has(name) || valueText === '' || !Number.isFinite(value)) return null
  return {symbol: normalizeSymbol(symbolText), name, value}
}

/** Reads characteristics CSV text; throws StudyValidationError listing every problem (for --characteristics). */
export function parseCharacteristicsCsv(text: string, source: string): CharacteristicValue[] {
  const {values, issues} = readCharacteristicsCsv(text, source)
  if (issues.length > 0) throw new StudyValidationError(issues)
  return values
}
