/**
 * Data snapshots: the exact bars a study reads, in one gzip-compressed, versioned CSV file that a study file can
 * pin (`data: {snapshot: FILE}`), so its published numbers can be checked on any machine, offline.
 *
 *   # aftershock data snapshot
 *   # format: aftershock-snapshot/1
 *   # study: deepseek-r1
 *   # tool: aftershock 0.1.0
 *   # asOf: 2026-05-07
 *   # symbol: SPY rows=1595 covers=all stored-to=2026-05-07 source=csv%3ASPY.csv written=2026-...
 *   # sha256: <hex SHA-256 of every other line of the file, each ending in \n>
 *   symbol,date,close,adj_close,volume
 *   SPY,2020-01-02,324.87,297.01,59151200
 *
 * A study with a factor model also carries the factor values it reads (format aftershock-snapshot/2): a header
 * line per set and, after the bars, its rows in the set's columns, percent per day as stored:
 *
 *   # factors: ff3 columns=mkt_rf%3AMkt-RF,rf%3ARF rows=520 covers=2024-01-02..2026-01-30 stored-to=2026-04-30 ...
 *   set,date,values
 *   ff3,2024-01-02,-0.63,0.018
 *
 * Numbers are written in the shortest form that reads back to the same double, so a run from a snapshot gives the
 * same numbers as the run from the store it was written from. Deterministic: the same bars give the same bytes.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {gunzipSync, gzipSync} from 'node:zlib'
import {InputError} from '../errors.js'
import type {BarColumns, BarSource, DataProvenance, FactorSource} from '../store/bar-source.js'
import {dayNumber, isoOfDay} from '../store/days.js'
import {emptyColumns, sliceDays} from '../store/series.js'
import {
  FACTOR_COLUMNS,
  factorLine,
  parseFactorLine,
  parseFactorRows,
  type SnapshotFactorRows,
  type SnapshotFactorSet,
  SnapshotFactors,
} from './snapshot-factors.js'

export type {SnapshotFactorRows, SnapshotFactorSet} from './snapshot-factors.js'
import type {Bar} from '../types.js'
import {coversSpan, headerLine, readHeaderLine} from './snapshot-header.js'

export const SNAPSHOT_FORMAT = 'aftershock-snapshot/1'
/** The format of a snapshot that also carries factor values (one without them stays /1, byte for byte). */
export const SNAPSHOT_FORMAT_FACTORS = 'aftershock-snapshot/2'
const COLUMNS = 'symbol,date,close,adj_close,volume'

/** One symbol of a snapshot: where its bars came from and what range they cover. */
export interface SnapshotSymbol {
  symbol: string
  rows: number
  /** The dates the snapshot holds for the symbol: every stored bar (null), or those of [from, to]. */
  covers: {from: string; to: string} | null
  /** The last date stored for the symbol when the snapshot was written (the store may hold later days). */
  storedTo: string | null
  /** Where the store's bars came from ('yahoo', 'csv:FILE') and when they were last written. */
  source: string | null
  written: string | null
}

export interface SnapshotHeader {
  study: string
  toolVersion: string
  asOf: string
  symbols: SnapshotSymbol[]
  /** The factor sets a factor model reads; absent or empty for the return models. */
  factors?: SnapshotFactorSet[]
}

export interface SnapshotContent {
  header: SnapshotHeader & {sha256: string}
  /** Each symbol's rows as columns, in the file's (ascending) order; NaN for an empty cell. */
  columns: Map<string, BarColumns>
  factors: Map<string, SnapshotFactorRows>
}

const EMPTY = emptyColumns(0)

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v))

/** The snapshot file's bytes (the text: header, hash, CSV, gzip-compressed) and the hash of its content. */
export function writeSnapshot(
  header: SnapshotHeader,
  bars: ReadonlyMap<string, readonly Bar[]>,
  factors: ReadonlyMap<string, SnapshotFactorRows> = new Map(),
): {bytes: Buffer; sha256: string} {
  const sets = header.factors ?? []
  const lines = [
    '# aftershock data snapshot',
    `# format: ${sets.length > 0 ? SNAPSHOT_FORMAT_FACTORS : SNAPSHOT_FORMAT}`,
    `# study: ${header.study}`,
    `# tool: aftershock ${header.toolVersion}`,
    `# asOf: ${header.asOf}`,
    ...header.symbols.map(symbolLine),
    ...sets.map(factorLine),
  ]
  const body = [COLUMNS]
  for (const s of header.symbols) {
    for (const b of bars.get(s.symbol) ?? [])
      body.push([s.symbol, b.date, cell(b.close), cell(b.adjClose), cell(b.volume)].join(','))
  }
  if (sets.length > 0) body.push(FACTOR_COLUMNS)
  for (const f of sets) {
    const rows = factors.get(f.set) ?? {dates: [], values: []}
    rows.dates.forEach((d, i) => body.push([f.set, d, ...rows.values[i].map(cell)].join(',')))
  }
  const sha256 = contentHash([...lines, ...body])
  const text = [...lines, `# sha256: ${sha256}`, ...body].join('\n') + '\n'
  return {bytes: gzipSync(Buffer.from(text, 'utf8'), {level: 9}), sha256}
}

function symbolLine(s: SnapshotSymbol): string {
  const covers = s.covers === null ? 'all' : `${s.covers.from}..${s.covers.to}`
  const kv = {rows: s.rows, covers, 'stored-to': s.storedTo, source: s.source, written: s.written}
  return headerLine('symbol', s.symbol, kv)
}

/**
 * contentHash of a file's lines but the one at text[from, to) (the hash line with its newline), from the text
 * itself: the same bytes hashed, without a string per line (a snapshot of 2,000 securities has 3 M lines).
 */
function textHash(text: string, from: number, to: number): string {
  const h = createHash('sha256')
  h.update(text.slice(0, from))
  h.update(text.slice(to))
  // contentHash ends every line with a newline, the last one too.
  if (!text.endsWith('\n')) h.update('\n')
  return h.digest('hex')
}

function contentHash(lines: readonly string[]): string {
  const h = createHash('sha256')
  for (const l of lines) h.update(l + '\n')
  return h.digest('hex')
}

/**
 * Reads a snapshot file's bytes. Throws InputError naming `file` when it is not a snapshot, its hash does not match
 * its content (it was changed after it was written), or a row is malformed.
 */
export function readSnapshot(bytes: Buffer, file: string): SnapshotContent {
  let text: string
  try {
    text = gunzipSync(bytes).toString('utf8')
  } catch {
    throw new InputError(
      `${file}: not a gzip-compressed data snapshot; write it with \`aftershock snapshot STUDY --out ${file}\``,
    )
  }
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const meta = new Map<string, string[]>()
  let hashAt = -1
  // Where the hash line starts in the text (every line before it is a header line: their lengths add up).
  let hashOffset = -1
  let i = 0
  for (let offset = 0; i < lines.length && lines[i].startsWith('#'); offset += lines[i].length + 1, i++) {
    const m = /^# ([a-zA-Z0-9]+): (.*)$/.exec(lines[i])
    if (!m) continue
    if (m[1] === 'sha256') {
      hashAt = i
      hashOffset = offset
    }
    meta.set(m[1], [...(meta.get(m[1]) ?? []), m[2]])
  }
  const format = meta.get('format')?.[0]
  if (format !== SNAPSHOT_FORMAT && format !== SNAPSHOT_FORMAT_FACTORS) {
    throw new InputError(
      `${file}:2: not an ${SNAPSHOT_FORMAT} or ${SNAPSHOT_FORMAT_FACTORS} data snapshot (format: ${meta.get('format')?.[0] ?? 'none'}); write it anew with \`aftershock snapshot\``,
    )
  }
  const sha256 = meta.get('sha256')?.[0] ?? ''
  const actual = hashAt < 0 ? contentHash(lines) : textHash(text, hashOffset, hashOffset + lines[hashAt].length + 1)
  if (hashAt < 0 || sha256 !== actual) {
    throw new InputError(
      `${file}: the content does not match its SHA-256 (recorded ${sha256 || 'none'}, computed ${actual}): the snapshot was changed after it was written; restore it from version control or write it anew with \`aftershock snapshot\``,
    )
  }
  const symbols = (meta.get('symbol') ?? []).map((l, k) => parseSymbolLine(l, file, k))
  const sets = (meta.get('factors') ?? []).map((l, k) => parseFactorLine(l, file, k))
  const header = {
    study: meta.get('study')?.[0] ?? '',
    toolVersion: (meta.get('tool')?.[0] ?? '').replace(/^aftershock /, ''),
    asOf: meta.get('asOf')?.[0] ?? '',
    symbols,
    ...(sets.length > 0 ? {factors: sets} : {}),
    sha256,
  }
  const end = lines.indexOf(FACTOR_COLUMNS, i)
  const columns = parseRows(end < 0 ? lines : lines.slice(0, end), i, file, new Set(symbols.map((s) => s.symbol)))
  return {header, columns, factors: end < 0 ? new Map() : parseFactorRows(lines, end, file, sets)}
}

function parseSymbolLine(line: string, file: string, k: number): SnapshotSymbol {
  const {name: symbol, get} = readHeaderLine(line)
  const rows = Number(get('rows'))
  if (!symbol || !Number.isInteger(rows))
    throw new InputError(`${file}: symbol line ${k + 1} of the header is malformed: "${line}"`)
  const covers = coversSpan(get('covers'))
  return {symbol, rows, covers, storedTo: get('stored-to'), source: get('source'), written: get('written')}
}

/**
 * The rows after the column line as each symbol's columns (no object per row: a study of 2,000 securities pins
 * 3 M rows). Throws InputError naming the file and line of a malformed row.
 */
function parseRows(
  lines: readonly string[],
  start: number,
  file: string,
  symbols: ReadonlySet<string>,
): Map<string, BarColumns> {
  if (lines[start] !== COLUMNS) throw new InputError(`${file}:${start + 1}: expected the column line ${COLUMNS}`)
  const rows = new Map<string, {days: number[]; close: number[]; adjClose: number[]; volume: number[]}>()
  const num = (s: string, line: number): number => {
    if (s === '') return Number.NaN
    const v = Number(s)
    if (!Number.isFinite(v)) throw new InputError(`${file}:${line}: "${s}" is not a number`)
    return v
  }
  for (let k = start + 1; k < lines.length; k++) {
    const [symbol, date, close, adj, volume] = lines[k].split(',')
    if (!symbols.has(symbol) || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) {
      throw new InputError(`${file}:${k + 1}: malformed row "${lines[k].slice(0, 80)}"`)
    }
    let r = rows.get(symbol)
    if (!r) {
      r = {days: [], close: [], adjClose: [], volume: []}
      rows.set(symbol, r)
    }
    r.days.push(dayNumber(date))
    r.close.push(num(close, k + 1))
    r.adjClose.push(num(adj, k + 1))
    r.volume.push(num(volume, k + 1))
  }
  const out = new Map<string, BarColumns>()
  for (const [symbol, r] of rows) {
    out.set(symbol, {
      days: Int32Array.from(r.days),
      close: Float64Array.from(r.close),
      adjClose: Float64Array.from(r.adjClose),
      volume: Float64Array.from(r.volume),
    })
  }
  return out
}

/** A column's value as a bar's: null for an empty cell. */
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v)

/** A study's bars from a snapshot: a BarSource that never fetches and says where its bars came from. */
export class SnapshotSource implements BarSource {
  private readonly info: Map<string, SnapshotSymbol>
  /** The factor sets the snapshot carries (none in a snapshot of a study without a factor model). */
  readonly factors: FactorSource

  constructor(
    private readonly content: SnapshotContent,
    /** The snapshot file as messages and the result name it (relative to the working folder). */
    readonly file: string,
  ) {
    this.info = new Map(content.header.symbols.map((s) => [s.symbol, s]))
    this.factors = new SnapshotFactors(content.header.factors ?? [], content.factors, file, content.header.asOf)
  }

  hasSymbol(symbol: string): boolean {
    return this.info.has(symbol)
  }

  /** Bars of [from, to]; a range the snapshot does not cover is an error naming the file (never other data). */
  getBars(symbol: string, from?: string, to?: string): Bar[] {
    const c = this.covered(symbol, from, to)
    const bars: Bar[] = []
    for (let i = 0; i < c.days.length; i++) {
      const date = isoOfDay(c.days[i])
      bars.push({
        date,
        open: null,
        high: null,
        low: null,
        close: orNull(c.close[i]),
        adjClose: orNull(c.adjClose[i]),
        volume: orNull(c.volume[i]),
      })
    }
    return bars
  }

  /** The columns of [from, to] of each symbol (the runner's read path), checked as getBars checks them. */
  getColumns(symbols: readonly string[], from: string, to: string): Map<string, BarColumns> {
    const out = new Map<string, BarColumns>()
    for (const s of symbols) {
      const c = this.covered(s, from, to)
      if (c.days.length > 0) out.set(s, c)
    }
    return out
  }

  /** A symbol's columns cut to [from, to]; an error naming the file when the snapshot does not hold that range. */
  private covered(symbol: string, from?: string, to?: string): BarColumns {
    const s = this.info.get(symbol)
    if (!s)
      throw new InputError(
        `${this.file}: the data snapshot has no prices for ${symbol}; write it anew with \`aftershock snapshot\`, or run with --live`,
      )
    const all = this.content.columns.get(symbol) ?? EMPTY
    if (from === undefined && to === undefined) return all
    const lo = from ?? '0000-00-00'
    const hi = to ?? '9999-99-99'
    const c = s.covers
    if (c !== null && (lo < c.from || hi > c.to)) {
      throw new InputError(
        `${this.file}: the data snapshot holds ${symbol} from ${c.from} to ${c.to}, but the study reads ${from ?? 'its first date'} to ${to ?? 'its last date'}; write it anew with \`aftershock snapshot\`, or run with --live`,
      )
    }
    return sliceDays(
      all,
      from === undefined ? Number.NEGATIVE_INFINITY : dayNumber(lo),
      to === undefined ? Number.POSITIVE_INFINITY : dayNumber(hi),
    )
  }

  lastDate(symbol: string): string | null {
    return this.info.get(symbol)?.storedTo ?? null
  }

  provenance(): DataProvenance {
    const h = this.content.header
    return {
      source: 'snapshot',
      file: this.file,
      sha256: h.sha256,
      asOf: h.asOf,
      study: h.study,
      toolVersion: h.toolVersion,
    }
  }
}

/** Opens a snapshot file; missing, unreadable or changed files are errors naming the file (never other data). */
export function loadSnapshot(abs: string, cwd = process.cwd()): SnapshotSource {
  const rel = path.relative(cwd, abs)
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs
  let bytes: Buffer
  try {
    bytes = readFileSync(abs)
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message
    throw new InputError(
      `${shown}: the study's data snapshot cannot be read (${why}); write it with \`aftershock snapshot STUDY\`, or run with --live`,
    )
  }
  return new SnapshotSource(readSnapshot(bytes, shown), shown)
}
