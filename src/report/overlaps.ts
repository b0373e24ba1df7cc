/** Events of one security whose windows overlap: their abnormal returns share days and are not independent. */
import type {OverlapNote} from '../result.js'
import {col, type Section, keyColumn} from './model.js'

export function overlapsSection(overlaps: readonly OverlapNote[]): Section | null {
  if (overlaps.length === 0) return null
  return {
    id: 'overlaps',
    title: 'Overlapping events',
    intro: 'Events of one security whose windows overlap: their abnormal returns share days and are not independent.',
    tables: [
      {
        id: 'overlap',
        columns: [keyColumn.symbol(), col('events', 'Events', 'text'), col('note', 'Note', 'text', {hidden: true})],
        rows: overlaps.map((o) => ({symbol: o.symbol, events: o.events.join(', '), note: o.note})),
      },
    ],
  }
}
