/**
 * The factor values a data snapshot carries for a study with a factor model (./snapshot.ts, format
 * aftershock-snapshot/2): a `# factors:` header line per set, its rows after the bars, and the snapshot's sets
 * read back like the store's (store/factors.ts).
 */
import {InputError, MissingDataError} from '../errors.js'
import type {FactorSource} from '../store/bar-source.js'
import type {FactorColumn, FactorSeries, FactorSetInfo} from '../store/factors.js'
import {coversSpan, headerLine, readHeaderLine} from './snapshot-header.js'

/** The line that starts the factor rows, after the bars. */
export const FACTOR_COLUMNS = 'set,date,values'

/** One factor set of a snapshot: the columns it holds and the dates they cover. */
export interface SnapshotFactorSet {
  set: string
  columns: FactorColumn[]
  rows: number
  covers: {from: string; to: string}
  /** The set's last stored date when the snapshot was written (a window past it is an error, as from the store). */
  storedTo: string
  vintage: string | null
  source: string | null
}

/** A factor set's rows: ascending dates, values in the set's columns (percent per day), null where missing. */
export interface SnapshotFactorRows {
  dates: string[]
  values: Array<Array<number | null>>
}

/** A set's header line: `# factors: ff3 columns=mkt_rf%3AMkt-RF%2C... rows=.. covers=a..b stored-to=..`. */
export function factorLine(f: SnapshotFactorSet): string {
  const kv = {
    columns: f.columns.map((c) => `${c.key}:${c.name}`).join(','),
    rows: f.rows,
    covers: `${f.covers.from}..${f.covers.to}`,
    'stored-to': f.storedTo,
    vintage: f.vintage,
    source: f.source,
  }
  return headerLine('factors', f.set, kv)
}

/** Reads a set's header line back; a malformed one is an InputError naming the file. */
export function parseFactorLine(line: string, file: string, k: number): SnapshotFactorSet {
  const {name: set, get} = readHeaderLine(line)
  const rows = Number(get('rows'))
  const covers = coversSpan(get('covers'))
  const columns = (get('columns') ?? '').split(',').map((c) => {
    const at = c.indexOf(':')
    return {key: c.slice(0, at), name: c.slice(at + 1)}
  })
  const storedTo = get('stored-to')
  if (!set || !Number.isInteger(rows) || !covers || !storedTo || columns.some((c) => c.key === ''))
    throw new InputError(`${file}: factors line ${k + 1} of the header is malformed: "${line}"`)
  return {
    set,
    columns,
    rows,
    covers,
    storedTo,
    vintage: get('vintage'),
    source: get('source'),
  }
}

/** The factor rows from the line after FACTOR_COLUMNS to the end, by set; a malformed row names its line. */
export function parseFactorRows(
  lines: readonly string[],
  start: number,
  file: string,
  sets: readonly SnapshotFactorSet[],
): Map<string, SnapshotFactorRows> {
  const width = new Map(sets.map((s) => [s.set, s.columns.length]))
  const out = new Map<string, SnapshotFactorRows>(sets.map((s) => [s.set, {dates: [], values: []}]))
  for (let k = start + 1; k < lines.length; k++) {
    const [set, date, ...cells] = lines[k].split(',')
    const rows = out.get(set)
    if (!rows || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || cells.length !== width.get(set))
      throw new InputError(`${file}:${k + 1}: malformed factor row "${lines[k].slice(0, 80)}"`)
    rows.dates.push(date)
    rows.values.push(
      cells.map((c) => {
        if (c === '') return null
        const v = Number(c)
        if (!Number.isFinite(v)) throw new InputError(`${file}:${k + 1}: "${c}" is not a number`)
        return v
      }),
    )
  }
  return out
}

/** The factor sets of a snapshot, read like the store's (store/factors.ts); a range it does not cover is an error. */
export class SnapshotFactors implements FactorSource {
  private readonly sets: Map<string, SnapshotFactorSet>

  constructor(
    sets: readonly SnapshotFactorSet[],
    private readonly rows: ReadonlyMap<string, SnapshotFactorRows>,
    private readonly file: string,
    /** The snapshot's as-of date, standing in for when the set was written. */
    private readonly asOf: string,
  ) {
    this.sets = new Map(sets.map((f) => [f.set, f]))
  }

  list(): FactorSetInfo[] {
    return [...this.sets.keys()].sort().map((s) => this.get(s) as FactorSetInfo)
  }

  get(name: string): FactorSetInfo | null {
    const f = this.sets.get(name)
    if (!f) return null
    const source = f.source ?? `snapshot ${this.file}`
    return {
      name,
      columns: f.columns,
      firstDate: f.covers.from,
      lastDate: f.storedTo,
      rows: f.rows,
      vintage: f.vintage,
      vintageLine: null,
      source,
      writtenAt: this.asOf,
    }
  }

  series(name: string, columns: readonly string[], from?: string, to?: string): FactorSeries {
    const f = this.sets.get(name)
    const rows = this.rows.get(name)
    if (!f || !rows)
      throw new MissingDataError(
        `${this.file}: the data snapshot has no factor set ${name}; write it anew with \`aftershock snapshot\`, or run with --live`,
      )
    const at = columns.map((c) => f.columns.findIndex((k) => k.key === c))
    const lo = from ?? f.covers.from
    const hi = to ?? f.covers.to
    if (at.some((j) => j < 0) || lo < f.covers.from || hi > f.covers.to) {
      throw new InputError(
        `${this.file}: the data snapshot holds factor set ${name} (${f.columns.map((c) => c.key).join(', ')}) from ${f.covers.from} to ${f.covers.to}, but the study reads ${columns.join(', ')} from ${lo} to ${hi}; write it anew with \`aftershock snapshot\`, or run with --live`,
      )
    }
    const keep = rows.dates.map((d, i) => d >= lo && d <= hi && at.every((j) => rows.values[i][j] !== null))
    const inRange = rows.dates.filter((d) => d >= lo && d <= hi).length
    const dates = rows.dates.filter((_, i) => keep[i])
    const values = at.map((j) => Float64Array.from(rows.values.filter((_, i) => keep[i]).map((r) => r[j] as number)))
    return {dates, values, dropped: inRange - dates.length}
  }
}
