/**
 * Per-security estimates (full level, for the CSV): exclusions, the fitted model, each window's CAR, SCAR,
 * BHAR and t test, and the daily return, AR and SAR.
 */
import type {StudyResult} from '../result.js'
import {col, type Column, type Section, type Table, keyColumn} from './model.js'

const ID: Column[] = [keyColumn.group(), keyColumn.symbol(), keyColumn.event()]

function modelTable(result: StudyResult): Table {
  return {
    id: 'security-model',
    columns: [
      ...ID,
      col('alpha', 'Alpha', 'number'),
      col('beta', 'Beta', 'number'),
      col('sigma', 'Sigma', 'number'),
      col('r2', 'R²', 'number'),
      col('n', 'N', 'integer'),
    ],
    rows: result.securities
      .filter((s) => !s.excluded && s.model)
      .map((s) => {
        const m = s.model as NonNullable<typeof s.model>
        return {
          group: s.group,
          symbol: s.symbol,
          event: s.event,
          alpha: m.alpha,
          beta: m.beta,
          sigma: m.sigma,
          r2: m.r2,
          n: m.n,
        }
      }),
  }
}

function windowTable(result: StudyResult): Table {
  return {
    id: 'security-window',
    columns: [
      ...ID,
      keyColumn.window(),
      col('date', 'To', 'date', {dim: 'date'}),
      col('car', 'CAR', 'percent'),
      col('scar', 'SCAR', 'number'),
      col('bhar', 'BHAR', 'percent'),
      col('t', 't', 'stat', {p: 'p'}),
      col('p', 'p', 'p-value'),
    ],
    rows: result.securities
      .filter((s) => !s.excluded)
      .flatMap((s) =>
        (s.windows ?? []).map((w) => ({
          group: s.group,
          symbol: s.symbol,
          event: s.event,
          window: w.window,
          date: w.to,
          car: w.car,
          scar: w.scar,
          bhar: w.bhar,
          t: w.t,
          p: w.p,
        })),
      ),
  }
}

function dayTable(result: StudyResult): Table {
  return {
    id: 'security-day',
    columns: [
      ...ID,
      col('t', 'Day', 'day', {dim: 't'}),
      col('date', 'Date', 'date', {dim: 'date'}),
      col('ret', 'Return', 'percent'),
      col('ar', 'AR', 'percent'),
      col('sar', 'SAR', 'number'),
    ],
    rows: result.securities
      .filter((s) => !s.excluded)
      .flatMap((s) =>
        (s.ar ?? []).map((d) => ({
          group: s.group,
          symbol: s.symbol,
          event: s.event,
          t: d.t,
          date: d.date,
          ret: d.ret,
          ar: d.ar,
          sar: d.sar,
        })),
      ),
  }
}

/** Full level only: the human renderers show the day-0 and CAAR sections instead. */
export function securitiesSection(result: StudyResult): Section {
  return {
    id: 'securities',
    title: 'Security estimates',
    tables: [modelTable(result), windowTable(result), dayTable(result)],
  }
}
