/**
 * Long-format CSV of a study result (`aftershock study run --csv`): one row per group or security, window or
 * day, and measure, with the columns CSV_COLUMNS. Numbers are written at full precision; null is an empty field.
 * A window is written "t1..t2" (e.g. "-1..1"), so the field needs no quoting.
 */
import {TEST_NAMES, type TestBattery, type TestResult} from '../engine/types.js'
import type {StudyResult} from '../result.js'
import {extrasCsvRows} from './extras-csv.js'

export const CSV_COLUMNS = ['section', 'group', 'symbol', 'event', 'window', 't', 'date', 'measure', 'value'] as const

export interface CsvRow {
  section: string
  group?: string | null
  symbol?: string | null
  event?: string | null
  /** Written as csvWindow(window). */
  window?: readonly [number, number] | null
  t?: number | null
  date?: string | null
  measure: string
  value: number | string | boolean | null
}

/** "t1..t2": no comma, so the field needs no quoting. */
export function csvWindow(w: readonly [number, number]): string {
  return `${w[0]}..${w[1]}`
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One CSV line of a row, in CSV_COLUMNS order. */
export function csvLine(r: CsvRow): string {
  return [r.section, r.group, r.symbol, r.event, r.window ? csvWindow(r.window) : null, r.t, r.date, r.measure, r.value]
    .map((v) => csvField(v))
    .join(',')
}

function testRows(base: Omit<CsvRow, 'measure' | 'value'>, tests: TestBattery): CsvRow[] {
  const rows: CsvRow[] = []
  for (const name of TEST_NAMES) {
    const r: TestResult = tests[name]
    rows.push(
      {...base, measure: `${name}.stat`, value: r.stat},
      {...base, measure: `${name}.p`, value: r.p},
      {...base, measure: `${name}.n`, value: r.n},
    )
  }
  return rows
}

/** All rows of the result, in the result's own order (deterministic). */
export function studyCsvRows(result: StudyResult): CsvRow[] {
  const rows: CsvRow[] = []
  rows.push({section: 'study', measure: 'name', value: result.study.name})
  rows.push({section: 'study', measure: 'benchmark', value: result.study.benchmark})
  rows.push({section: 'study', measure: 'model', value: result.study.model})
  rows.push({section: 'study', measure: 'returns', value: result.study.returns})
  rows.push({section: 'study', measure: 'dataAsOf', value: result.dataAsOf})
  rows.push({section: 'study', measure: 'toolVersion', value: result.tool.version})
  for (const e of result.events) {
    const base = {section: 'event', event: e.id, symbol: e.symbol, date: e.tradingDate}
    rows.push({...base, measure: 'requestedDate', value: e.date}, {...base, measure: 'shift', value: e.shift})
    if (e.label) rows.push({...base, measure: 'label', value: e.label})
    if (e.note) rows.push({...base, measure: 'note', value: e.note})
  }
  for (const g of result.groups) {
    rows.push(
      {section: 'group', group: g.group, event: g.event, measure: 'n', value: g.n},
      {section: 'group', group: g.group, event: g.event, measure: 'excluded', value: g.excluded},
    )
    for (const w of g.windows) {
      const base = {section: 'group-window', group: g.group, event: g.event, window: w.window, date: w.to}
      rows.push(
        {...base, measure: 'n', value: w.n},
        {...base, measure: 'caar', value: w.caar},
        ...testRows(base, w.tests),
      )
    }
    for (const d of g.daily) {
      const base = {section: 'group-day', group: g.group, event: g.event, t: d.t, date: d.date}
      rows.push(
        {...base, measure: 'n', value: d.n},
        {...base, measure: 'aar', value: d.aar},
        ...testRows(base, d.tests),
      )
    }
  }
  for (const s of result.securities) {
    const id = {group: s.group, symbol: s.symbol, event: s.event}
    if (s.excluded !== undefined) {
      rows.push({section: 'security', ...id, measure: 'excluded', value: s.excluded})
      continue
    }
    if (s.model) {
      const m = s.model
      for (const [k, v] of [
        ['alpha', m.alpha],
        ['beta', m.beta],
        ['sigma', m.sigma],
        ['r2', m.r2],
        ['n', m.n],
      ] as const) {
        rows.push({section: 'security-model', ...id, measure: k, value: v})
      }
    }
    for (const w of s.windows ?? []) {
      const base = {section: 'security-window', ...id, window: w.window, date: w.to}
      for (const [k, v] of [
        ['car', w.car],
        ['scar', w.scar],
        ['bhar', w.bhar],
        ['t', w.t],
        ['p', w.p],
      ] as const)
        rows.push({...base, measure: k, value: v})
    }
    for (const d of s.ar ?? []) {
      const base = {section: 'security-day', ...id, t: d.t, date: d.date}
      rows.push(
        {...base, measure: 'ret', value: d.ret},
        {...base, measure: 'ar', value: d.ar},
        {...base, measure: 'sar', value: d.sar},
      )
    }
  }
  rows.push(...extrasCsvRows(result))
  if (result.volatility) {
    const v = result.volatility
    for (const s of v.securities) {
      const base = {section: 'volatility', group: s.group, symbol: s.symbol, event: s.event, window: v.window}
      for (const [k, x] of [
        ['preVariance', s.preVariance],
        ['postVariance', s.postVariance],
        ['ratio', s.ratio],
        ['df1', s.df1],
        ['df2', s.df2],
        ['p', s.p],
        ['significant', s.significant],
      ] as const) {
        rows.push({...base, measure: k, value: x})
      }
    }
    for (const g of v.groups) {
      const base = {section: 'volatility-group', group: g.group, event: g.event, window: v.window}
      rows.push(
        {...base, measure: 'n', value: g.n},
        {...base, measure: 'meanRatio', value: g.meanRatio},
        {...base, measure: 'shareSignificant', value: g.shareSignificant},
        {...base, measure: 'meanSar2Minus1', value: g.meanSar2Minus1},
        {...base, measure: 'test.stat', value: g.test.stat},
        {...base, measure: 'test.p', value: g.test.p},
      )
    }
  }
  if (result.volume) {
    for (const g of result.volume.groups) {
      for (const d of g.daily) {
        const base = {section: 'volume-day', group: g.group, event: g.event, t: d.t, date: d.date}
        rows.push(
          {...base, measure: 'n', value: d.n},
          {...base, measure: 'meanAv', value: d.meanAv},
          {...base, measure: 'crossSectionalT.stat', value: d.crossSectionalT.stat},
          {...base, measure: 'crossSectionalT.p', value: d.crossSectionalT.p},
          {...base, measure: 'sign.stat', value: d.sign.stat},
          {...base, measure: 'sign.p', value: d.sign.p},
        )
      }
    }
  }
  for (const o of result.overlaps ?? [])
    rows.push({section: 'overlap', symbol: o.symbol, measure: 'events', value: o.events.join(' ')})
  for (const n of result.notes) rows.push({section: 'note', measure: 'note', value: n})
  return rows
}

/** The CSV document: header line, then one line per row. */
export function renderStudyCsv(result: StudyResult): string {
  return [CSV_COLUMNS.join(','), ...studyCsvRows(result).map(csvLine)].join('\n') + '\n'
}
