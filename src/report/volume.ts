/**
 * Abnormal volume: AV = ln(1 + volume) minus its estimation-window mean; per group day 0, the peak day and
 * the window mean, each with the cross-sectional t; the full level adds every day.
 */
import type {VolumeResult} from '../result.js'
import {fmtWindow} from './format.js'
import {col, type Level, type Section, type Table, keyColumn} from './model.js'
import {STARS_LEGEND} from './significance.js'

function groupsTable(v: VolumeResult): Table {
  return {
    id: 'volume',
    columns: [
      keyColumn.group(),
      keyColumn.event(),
      keyColumn.window({hidden: true}),
      col('n', 'N', 'integer'),
      col('day0.meanAv', 'Day 0 mean AV', 'number', {digits: 2}),
      col('day0.t', 'Day 0 t', 'stat', {p: 'day0.p'}),
      col('day0.p', 'Day 0 p', 'p-value', {hidden: true}),
      col('peak.t', 'Peak day', 'day'),
      col('peak.meanAv', 'Peak mean AV', 'number', {digits: 2}),
      col('peak.stat', 'Peak t', 'stat', {p: 'peak.p'}),
      col('peak.p', 'Peak p', 'p-value', {hidden: true}),
      col('meanAv', 'Window mean AV', 'number', {digits: 2}),
    ],
    rows: v.groups.map((g) => {
      const d0 = g.daily.find((d) => d.t === 0)
      const peak = g.daily.reduce<(typeof g.daily)[number] | null>(
        (a, d) => (a === null || d.meanAv > a.meanAv ? d : a),
        null,
      )
      const avg = g.daily.length > 0 ? g.daily.reduce((a, d) => a + d.meanAv, 0) / g.daily.length : null
      return {
        group: g.group,
        event: g.event,
        window: v.window,
        n: g.n,
        'day0.meanAv': d0?.meanAv ?? null,
        'day0.t': d0?.crossSectionalT.stat ?? null,
        'day0.p': d0?.crossSectionalT.p ?? null,
        'peak.t': peak?.t ?? null,
        'peak.meanAv': peak?.meanAv ?? null,
        'peak.stat': peak?.crossSectionalT.stat ?? null,
        'peak.p': peak?.crossSectionalT.p ?? null,
        meanAv: avg,
      }
    }),
  }
}

function daysTable(v: VolumeResult): Table {
  return {
    id: 'volume-day',
    columns: [
      keyColumn.group(),
      keyColumn.event(),
      col('t', 'Day', 'day', {dim: 't'}),
      col('date', 'Date', 'date', {dim: 'date'}),
      col('n', 'N', 'integer'),
      col('meanAv', 'Mean AV', 'number'),
      col('crossSectionalT.stat', 'Cross-sectional t', 'stat', {p: 'crossSectionalT.p'}),
      col('crossSectionalT.p', 'p', 'p-value'),
      col('sign.stat', 'Sign', 'stat', {p: 'sign.p'}),
      col('sign.p', 'Sign p', 'p-value'),
    ],
    rows: v.groups.flatMap((g) =>
      g.daily.map((d) => ({
        group: g.group,
        event: g.event,
        t: d.t,
        date: d.date,
        n: d.n,
        meanAv: d.meanAv,
        'crossSectionalT.stat': d.crossSectionalT.stat,
        'crossSectionalT.p': d.crossSectionalT.p,
        'sign.stat': d.sign.stat,
        'sign.p': d.sign.p,
      })),
    ),
  }
}

export function volumeSection(v: VolumeResult, level: Level): Section | null {
  if (v.groups.length === 0) return null
  return {
    id: 'volume',
    title: `Abnormal volume, days ${fmtWindow(v.window)}`,
    intro:
      'AV = ln(1 + volume) minus its estimation-window mean (0.69 ≈ double the usual volume); t: cross-sectional t of the standardized AV.',
    tables: level === 'full' ? [groupsTable(v), daysTable(v)] : [groupsTable(v)],
    notes: [STARS_LEGEND, ...v.notes.map((n) => `note: ${n}`)],
  }
}
