/** The events of a study: requested date, day 0 (first trading day by the non-trading-day rule) and shift. */
import type {StudyResult} from '../result.js'
import {col, type Level, type Section, keyColumn} from './model.js'

/** Events listed at the summary level; the CSV lists all. */
export const SUMMARY_EVENTS = 40

/** The study's echo (name, benchmark, model, data as of): a CSV-only table, the renderers print it as a header. */
export function studySection(result: StudyResult): Section {
  const s = result.study
  return {
    id: 'study',
    title: 'Study',
    tables: [
      {
        id: 'study',
        columns: [
          col('name', 'Study', 'text'),
          col('benchmark', 'Benchmark', 'text'),
          col('model', 'Model', 'text'),
          col('returns', 'Returns', 'text'),
          col('dataAsOf', 'Data as of', 'date'),
          col('toolVersion', 'Version', 'text'),
        ],
        rows: [
          {
            name: s.name,
            benchmark: s.benchmark,
            model: s.model,
            returns: s.returns,
            dataAsOf: result.dataAsOf,
            toolVersion: result.tool.version,
          },
        ],
      },
    ],
  }
}

export function eventsSection(result: StudyResult, level: Level): Section {
  const all = result.events
  const events = level === 'summary' ? all.slice(0, SUMMARY_EVENTS) : all
  const more = all.length - events.length
  return {
    id: 'events',
    title: 'Events',
    intro: 'Day 0 is the first trading day on or after the event date (the study’s non-trading-day rule).',
    tables: [
      {
        id: 'event',
        columns: [
          keyColumn.event(),
          col('symbol', 'Symbol', 'text', {dim: 'symbol'}),
          col('label', 'Label', 'text'),
          col('requestedDate', 'Date', 'date'),
          col('date', 'Day 0', 'date', {dim: 'date'}),
          col('shift', 'Shift', 'day'),
          col('note', 'Note', 'text', {hidden: events.every((e) => !e.note)}),
        ],
        rows: events.map((e) => ({
          event: e.id,
          symbol: e.symbol,
          label: e.label ?? undefined,
          requestedDate: e.date,
          date: e.tradingDate,
          shift: e.shift,
          note: e.note ?? undefined,
        })),
        notes: more > 0 ? [`(${more} more events; see --json or --csv)`] : [],
      },
    ],
  }
}
