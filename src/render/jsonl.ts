/**
 * The security rows of a study result as JSON lines (`study run --jsonl`): one security-event per line, every
 * key present on every line (null where a value does not exist), so DuckDB's read_json_auto, `jq -c` and pandas'
 * read_json(lines=True) type each column once. Schema of one line: schema/study-security-line.schema.json;
 * docs/cli-data.md shows how to read it.
 */
import type {ModelCoefficient, SecurityArRow, SecurityResult, StudyResult} from '../result.js'
import {csvWindow} from './csv-field.js'

/** One window of a security-event's line: the window as "t1..t2" and its bounds, then the figures. */
export interface SecurityLineWindow {
  window: string
  start: number
  end: number
  from: string
  to: string
  car: number
  scar: number
  bhar: number
  t: number
  p: number
  pHolm: number | null
  pBH: number | null
}

/** One line of `--jsonl`. */
export interface SecurityLine {
  symbol: string
  group: string
  event: string
  /** Day 0 of the event for this security (the trading date used); null when the event is not in `events`. */
  date: string | null
  /** Why the security-event was left out; null when it was estimated. */
  excluded: string | null
  alpha: number | null
  beta: number | null
  sigma: number | null
  r2: number | null
  adjR2: number | null
  /** Estimation observations. */
  n: number | null
  coefficients: ModelCoefficient[]
  windows: SecurityLineWindow[]
  /** Per-day AR rows: only with `--detail days`. */
  ar?: SecurityArRow[]
}

/** Day 0 per event id (common events) and per `id symbol` (list events). */
function dayZeros(result: StudyResult): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of result.events) out.set(e.symbol === null ? e.id : `${e.id} ${e.symbol}`, e.tradingDate)
  return out
}

/** The line of one security row; `ar` keeps its per-day rows. */
export function securityLine(s: SecurityResult, date: string | null, ar: boolean): SecurityLine {
  const m = s.model
  const line: SecurityLine = {
    symbol: s.symbol,
    group: s.group,
    event: s.event,
    date,
    excluded: s.excluded ?? null,
    alpha: m?.alpha ?? null,
    beta: m?.beta ?? null,
    sigma: m?.sigma ?? null,
    r2: m?.r2 ?? null,
    adjR2: m?.adjR2 ?? null,
    n: m?.n ?? null,
    coefficients: m?.coefficients ?? [],
    windows: (s.windows ?? []).map((w) => ({
      window: csvWindow(w.window),
      start: w.window[0],
      end: w.window[1],
      from: w.from,
      to: w.to,
      car: w.car,
      scar: w.scar,
      bhar: w.bhar,
      t: w.t,
      p: w.p,
      pHolm: w.pHolm ?? null,
      pBH: w.pBH ?? null,
    })),
  }
  if (ar) line.ar = s.ar ?? []
  return line
}

/**
 * The lines of every security row, each ending in '\n'; `ar` writes the per-day AR rows too; `onRow` is told
 * each row's index and the number of rows before it is written (progress).
 */
export function* securityLines(
  result: StudyResult,
  ar: boolean,
  onRow?: (index: number, length: number) => void,
): Generator<string> {
  const day0 = dayZeros(result)
  const rows = result.securities
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]
    onRow?.(i, rows.length)
    const date = day0.get(`${s.event} ${s.symbol}`) ?? day0.get(s.event) ?? null
    yield `${JSON.stringify(securityLine(s, date, ar))}\n`
  }
}
